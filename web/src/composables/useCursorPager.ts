import { computed, type Ref, ref, shallowRef } from 'vue';
import type { CursorPage } from '../api/types';

/**
 * Page-by-page navigation over a cursor-paginated endpoint. Keeps the cursors of the pages already
 * visited so "previous" works without offsets.
 */
export function useCursorPager<T>(fetchPage: (cursor: string | null) => Promise<CursorPage<T>>) {
  const items = shallowRef<T[]>([]) as Ref<T[]>;
  const loading = ref(false);
  const cursors = ref<(string | null)[]>([null]);
  const nextCursor = ref<string | null>(null);

  const page = computed(() => cursors.value.length);
  const hasPrev = computed(() => cursors.value.length > 1);
  const hasNext = computed(() => nextCursor.value !== null);

  async function load(cursor: string | null): Promise<boolean> {
    loading.value = true;
    try {
      const result = await fetchPage(cursor);
      items.value = result.items;
      nextCursor.value = result.nextCursor;
      return true;
    } catch {
      return false;
    } finally {
      loading.value = false;
    }
  }

  async function next(): Promise<void> {
    const cursor = nextCursor.value;
    if (cursor === null || loading.value) return;
    if (await load(cursor)) cursors.value = [...cursors.value, cursor];
  }

  async function prev(): Promise<void> {
    if (!hasPrev.value || loading.value) return;
    const previous = cursors.value.slice(0, -1);
    if (await load(previous.at(-1) ?? null)) cursors.value = previous;
  }

  async function reload(): Promise<void> {
    if (await load(null)) cursors.value = [null];
  }

  void reload();
  return { items, loading, page, hasPrev, hasNext, next, prev, reload };
}
