import { computed, type Ref, ref, shallowRef, watch } from 'vue';
import {
  type CatalogCategories,
  catalogPublicApi,
  type ItemHit,
  type ItemSearchQuery,
  type ObjectFilter,
  type ScopeFilter,
} from '../api/catalog-public';
import { useCatalogRegion } from './useCatalogRegion';

/** What the visitor searches for; the region comes from useCatalogRegion. Empty `q` browses by name. */
export interface CatalogFilters {
  q?: string;
  objectType?: ObjectFilter;
  theme?: string;
  departmentId?: string;
  /** At least this online depth (1–4). */
  onlineDepth?: number;
  scope?: ScopeFilter;
}

/**
 * 事项搜索 — results for the filters in the visitor's region, a page at a time ("load more" appends the
 * next page). A newer search cancels an older one still on the way, so results never arrive out of order.
 */
export function useCatalogSearch(filters: Ref<CatalogFilters>, pageSize = 10) {
  const { region } = useCatalogRegion();
  const items = shallowRef<ItemHit[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loadingMore = ref(false);
  const failed = ref(false);
  /** The query of the results shown (for highlighting): the words searched, not the words being typed. */
  const shownQuery = ref('');
  let controller: AbortController | null = null;

  function query(cursor: string | null): ItemSearchQuery {
    const f = filters.value;
    return {
      q: f.q?.trim() || undefined,
      regionCode: region.value.code,
      objectType: f.objectType,
      theme: f.theme,
      departmentId: f.departmentId,
      onlineDepth: f.onlineDepth,
      scope: f.scope,
      limit: pageSize,
      cursor: cursor ?? undefined,
    };
  }

  async function fetchPage(
    cursor: string | null,
  ): Promise<{ items: ItemHit[]; nextCursor: string | null } | null> {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    try {
      return await catalogPublicApi.search(query(cursor), own.signal);
    } catch (error) {
      if (own.signal.aborted) return null;
      throw error;
    }
  }

  let generation = 0;

  async function reload(): Promise<void> {
    const own = ++generation;
    loading.value = true;
    failed.value = false;
    try {
      const page = await fetchPage(null);
      if (page === null || own !== generation) return;
      items.value = page.items;
      nextCursor.value = page.nextCursor;
      shownQuery.value = filters.value.q?.trim() ?? '';
    } catch {
      if (own !== generation) return;
      items.value = [];
      nextCursor.value = null;
      failed.value = true;
    } finally {
      // a newer search still on the way keeps the loading state
      if (own === generation) loading.value = false;
    }
  }

  async function loadMore(): Promise<void> {
    const cursor = nextCursor.value;
    if (cursor === null || loadingMore.value || loading.value) return;
    loadingMore.value = true;
    try {
      const page = await fetchPage(cursor);
      if (page === null) return;
      items.value = [...items.value, ...page.items];
      nextCursor.value = page.nextCursor;
    } catch {
      // the client already told the visitor; the button stays for another try
    } finally {
      loadingMore.value = false;
    }
  }

  watch([filters, () => region.value.code], () => void reload(), { deep: true, immediate: true });

  const hasMore = computed(() => nextCursor.value !== null);
  return { items, loading, loadingMore, failed, hasMore, shownQuery, reload, loadMore };
}

/** 分类浏览 — item types, themes and departments with their counts in the visitor's region. */
export function useCatalogCategories(objectType?: Ref<ObjectFilter | undefined>) {
  const { region } = useCatalogRegion();
  const categories = shallowRef<CatalogCategories | null>(null);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      categories.value = await catalogPublicApi.categories({
        regionCode: region.value.code,
        objectType: objectType?.value,
      });
    } catch {
      categories.value = null;
    } finally {
      loading.value = false;
    }
  }

  watch([() => region.value.code, () => objectType?.value], () => void load(), { immediate: true });
  return { categories, loading, reload: load };
}

/** 热门事项 — the most read guides of the last 30 days in the visitor's region. */
export function useCatalogHotItems(limit = 12, objectType?: Ref<ObjectFilter | undefined>) {
  const { region } = useCatalogRegion();
  const items = shallowRef<ItemHit[]>([]);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const page = await catalogPublicApi.hot({
        regionCode: region.value.code,
        objectType: objectType?.value,
        limit,
      });
      items.value = page.items;
    } catch {
      items.value = [];
    } finally {
      loading.value = false;
    }
  }

  watch([() => region.value.code, () => objectType?.value], () => void load(), { immediate: true });
  return { items, loading, reload: load };
}

/**
 * Splits a text into plain and matching parts for highlighting search words. The server segments queries
 * with jieba, which the browser does not have: a part matches when it is a piece of two or more characters
 * of one of the query's words (or the word itself when it is one character), so 护士注册 marks both 护士
 * and 注册 in 护士执业注册.
 */
export function highlightParts(text: string, query: string): { text: string; match: boolean }[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0);
  const lower = text.toLowerCase();
  const marked: boolean[] = Array.from({ length: text.length }, () => false);
  for (const word of words) {
    for (let at = 0; at < lower.length; at++) {
      const min = Math.min(2, word.length);
      let length = 0;
      for (let size = Math.min(word.length, lower.length - at); size >= min; size--) {
        if (word.includes(lower.slice(at, at + size))) {
          length = size;
          break;
        }
      }
      for (let i = at; i < at + length; i++) marked[i] = true;
    }
  }
  const parts: { text: string; match: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts.at(-1);
    if (last && last.match === marked[i]) last.text += text[i];
    else parts.push({ text: text[i]!, match: marked[i]! });
  }
  return parts;
}

/** The matching pieces of a text, for components that take keywords (Vant Highlight). */
export function highlightKeywords(text: string, query: string): string[] {
  return [
    ...new Set(
      highlightParts(text, query)
        .filter((part) => part.match)
        .map((part) => part.text),
    ),
  ];
}
