import { computed, ref, shallowRef } from 'vue';
import { ApiError } from '../api/client';
import { departmentsApi } from '../api/resources';
import type {
  Department,
  DepartmentCreate,
  DepartmentDetail,
  DepartmentStatus,
  DepartmentUpdate,
  Post,
} from '../api/types';
import { allPages, MAX_PAGE } from './allPages';
import { useSaving } from './useSaving';

export interface DepartmentNode extends Department {
  children: DepartmentNode[];
}

/**
 * The departments as a forest: each under its parent, sorted by `sort` then name. A department whose
 * parent the user cannot see (outside their data scope) is a root of its own.
 */
export function departmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map(departments.map((d) => [d.id, { ...d, children: [] as DepartmentNode[] }]));
  const roots: DepartmentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (list: DepartmentNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    for (const node of list) order(node.children);
  };
  order(roots);
  return roots;
}

/** The ids of a department and everything below it (by path), e.g. to forbid moving under them. */
export function subtreeIds(departments: readonly Department[], root: Department): Set<string> {
  return new Set(
    departments.filter((d) => d.path === root.path || d.path.startsWith(`${root.path}.`)).map((d) => d.id),
  );
}

/** 部门: every department the user may read, as a tree; reload after a change. */
export function useDepartments() {
  const items = shallowRef<Department[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  const tree = computed(() => departmentTree(items.value));
  const byId = computed(() => new Map(items.value.map((d) => [d.id, d])));

  async function reload(): Promise<void> {
    loading.value = true;
    try {
      items.value = await allPages((cursor) => departmentsApi.list(MAX_PAGE, cursor));
    } catch {
      // the client already told the user
    } finally {
      loading.value = false;
      loaded.value = true;
    }
  }

  return { items, tree, byId, loading, loaded, reload };
}

/** The posts (岗位) of a department, and adding one. */
export function usePosts() {
  const posts = shallowRef<Post[]>([]);
  const loading = ref(false);
  const { saving, save } = useSaving();
  let request = 0;

  async function load(departmentId: string | null): Promise<void> {
    const mine = ++request;
    posts.value = [];
    if (!departmentId) return;
    loading.value = true;
    try {
      const list = await allPages((cursor) => departmentsApi.posts(departmentId, MAX_PAGE, cursor));
      if (mine === request) posts.value = list;
    } catch {
      // the client already told the user
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  const create = (departmentId: string, name: string) =>
    save(() => departmentsApi.createPost(departmentId, name));

  return { posts, loading, saving, load, create };
}

/** A refusal the page explains itself (e.g. deleting a department that still has children or staff). */
export interface Refusal {
  code: string;
  title: string;
}

/** The selected department with its counts, and the changes a manager makes to departments. */
export function useDepartmentEditor() {
  const detail = shallowRef<DepartmentDetail | null>(null);
  const detailLoading = ref(false);
  const { saving, errors, save } = useSaving();

  async function select(id: string | null): Promise<void> {
    if (!id) {
      detail.value = null;
      return;
    }
    detailLoading.value = true;
    try {
      detail.value = await departmentsApi.get(id);
    } catch {
      detail.value = null;
    } finally {
      detailLoading.value = false;
    }
  }

  const create = (department: DepartmentCreate) => save(() => departmentsApi.create(department));
  const update = (id: string, changes: DepartmentUpdate) => save(() => departmentsApi.update(id, changes));
  const move = (id: string, parentId: string | null) => save(() => departmentsApi.move(id, parentId));
  const setStatus = (id: string, status: DepartmentStatus) =>
    save(() => departmentsApi.update(id, { status }));

  /** Deletes a department; resolves to null when done, or the server's refusal (e.g. 409 with children). */
  async function remove(id: string): Promise<Refusal | null> {
    saving.value = true;
    try {
      await departmentsApi.remove(id);
      return null;
    } catch (error) {
      if (error instanceof ApiError) return { code: error.problem.code, title: error.problem.title };
      throw error;
    } finally {
      saving.value = false;
    }
  }

  return {
    detail,
    detailLoading,
    saving,
    errors,
    select,
    create,
    update,
    move,
    setStatus,
    remove,
  };
}
