import { ref, shallowRef } from 'vue';
import { hallsApi } from '../api/resources';
import type { Hall, HallCreate, HallUpdate, HallWindow, WindowCreate, WindowUpdate } from '../api/types';
import { allPages, MAX_PAGE } from './allPages';
import { useSaving } from './useSaving';

/** 办事大厅: the halls of one department and changes to them. */
export function useHalls() {
  const halls = shallowRef<Hall[]>([]);
  const loading = ref(false);
  const { saving, errors, save } = useSaving();

  async function load(departmentId: string | null): Promise<void> {
    if (!departmentId) {
      halls.value = [];
      return;
    }
    loading.value = true;
    try {
      halls.value = await allPages((cursor) => hallsApi.list(departmentId, MAX_PAGE, cursor));
    } catch {
      halls.value = [];
    } finally {
      loading.value = false;
    }
  }

  return {
    halls,
    loading,
    saving,
    errors,
    load,
    create: (departmentId: string, hall: HallCreate) => save(() => hallsApi.create(departmentId, hall)),
    update: (hallId: string, changes: HallUpdate) => save(() => hallsApi.update(hallId, changes)),
    remove: (hallId: string) => save(() => hallsApi.remove(hallId).then(() => true)),
  };
}

/** 窗口: the windows of one hall, by number, and changes to them. */
export function useHallWindows() {
  const windows = shallowRef<HallWindow[]>([]);
  const loading = ref(false);
  const { saving, errors, save } = useSaving();

  async function load(hallId: string | null): Promise<void> {
    if (!hallId) {
      windows.value = [];
      return;
    }
    loading.value = true;
    try {
      const list = await allPages((cursor) => hallsApi.windows(hallId, MAX_PAGE, cursor));
      windows.value = list.sort((a, b) => a.number.localeCompare(b.number, 'en', { numeric: true }));
    } catch {
      windows.value = [];
    } finally {
      loading.value = false;
    }
  }

  return {
    windows,
    loading,
    saving,
    errors,
    load,
    create: (hallId: string, window: WindowCreate) => save(() => hallsApi.createWindow(hallId, window)),
    update: (windowId: string, changes: WindowUpdate) => save(() => hallsApi.updateWindow(windowId, changes)),
    remove: (windowId: string) => save(() => hallsApi.removeWindow(windowId).then(() => true)),
  };
}
