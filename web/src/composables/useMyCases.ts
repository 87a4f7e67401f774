import { computed, ref, shallowRef, watch } from 'vue';
import { type CaseStatus, type CaseSummary, casesApi } from '../api/cases';
import { useCitizenGate } from './useCitizenGate';

/** The filters of 我的办件 (one case status each; '' is every case). */
export const MY_CASE_FILTERS = [
  '',
  'draft',
  'submitted',
  'supplementPending',
  'inReview',
  'resultIssued',
  'closed',
  'notAccepted',
  'withdrawn',
] as const satisfies readonly ('' | CaseStatus)[];
export type MyCaseFilter = (typeof MY_CASE_FILTERS)[number];

/**
 * 我的办件 — the signed-in applicant's cases, newest first, filtered by status, a page at a time ("加载更多"
 * on the portal, endless scrolling on mobile).
 */
export function useMyCases(pageSize = 10) {
  const gate = useCitizenGate();
  const filter = ref<MyCaseFilter>('');
  const items = shallowRef<CaseSummary[]>([]);
  const nextCursor = ref<string | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  const failed = ref(false);
  let sequence = 0;

  async function load(reset: boolean): Promise<void> {
    const own = ++sequence;
    loading.value = true;
    failed.value = false;
    try {
      const page = await casesApi.mine({
        ...(filter.value ? { status: filter.value } : {}),
        limit: pageSize,
        ...(!reset && nextCursor.value ? { cursor: nextCursor.value } : {}),
      });
      if (own !== sequence) return;
      items.value = reset ? page.items : [...items.value, ...page.items];
      nextCursor.value = page.nextCursor;
      loaded.value = true;
    } catch {
      if (own === sequence) failed.value = true;
    } finally {
      if (own === sequence) loading.value = false;
    }
  }

  const finished = computed(() => loaded.value && nextCursor.value === null);

  function reload(): Promise<void> {
    nextCursor.value = null;
    loaded.value = false;
    return load(true);
  }

  async function loadMore(): Promise<void> {
    if (loading.value || finished.value || failed.value) return;
    await load(!loaded.value);
  }

  watch(filter, () => {
    items.value = [];
    void reload();
  });
  void gate.ready.then((citizen) => {
    if (citizen) void reload();
  });

  return { gate, filter, items, loading, loaded, finished, failed, reload, loadMore };
}
