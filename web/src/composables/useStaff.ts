import { reactive, ref, shallowRef } from 'vue';
import { staffApi } from '../api/resources';
import type { AssignableRole, StaffCreate, StaffUpdate } from '../api/types';
import { useCursorPager } from './useCursorPager';
import { useSaving } from './useSaving';

/**
 * 工作人员: one page of the staff list, filtered by department (with or without the departments below
 * it) and by a search on username or name; call `reload()` after changing the filter.
 */
export function useStaffList(pageSize = 20) {
  const filter = reactive<{ departmentId: string | null; subtree: boolean; q: string }>({
    departmentId: null,
    subtree: true,
    q: '',
  });
  const pager = useCursorPager((cursor) =>
    staffApi.list(pageSize, cursor, {
      departmentId: filter.departmentId,
      subtree: filter.subtree,
      q: filter.q.trim(),
    }),
  );
  return { filter, ...pager };
}

/** The roles the signed-in user may grant (the server's no-escalation rule decides which). */
export function useAssignableRoles() {
  const roles = shallowRef<AssignableRole[]>([]);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      roles.value = (await staffApi.assignableRoles()).items;
    } catch {
      roles.value = [];
    } finally {
      loading.value = false;
    }
  }

  return { roles, loading, load };
}

/** Creating staff accounts and changing their department, post, status and roles. */
export function useStaffEditor() {
  const { saving, errors, save } = useSaving();
  return {
    saving,
    errors,
    create: (staff: StaffCreate) => save(() => staffApi.create(staff)),
    update: (userId: string, changes: StaffUpdate) => save(() => staffApi.update(userId, changes)),
    setRoles: (userId: string, roleIds: string[]) => save(() => staffApi.setRoles(userId, roleIds)),
  };
}
