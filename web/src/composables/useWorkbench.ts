import { reactive, ref } from 'vue';
import { type CaseBox, type CaseStatus, casesApi, type ListCasesQuery } from '../api/cases';
import { MAX_PAGE } from './allPages';
import { useCursorPager } from './useCursorPager';

export type ClockFilter = NonNullable<ListCasesQuery['clock']>;
export type WorkbenchTab = Extract<CaseBox, 'todo' | 'done' | 'started' | 'copied'>;
export const WORKBENCH_TABS: readonly WorkbenchTab[] = ['todo', 'done', 'started', 'copied'];
export const CLOCK_FILTERS: readonly ClockFilter[] = ['overdue', 'nearDue', 'paused'];

/** The statuses a staff list filters by (drafts never appear in the boxes). */
export const LIST_STATUSES: readonly CaseStatus[] = [
  'submitted',
  'preReviewed',
  'supplementPending',
  'inReview',
  'suspended',
  'approved',
  'denied',
  'resultIssued',
  'closed',
  'notAccepted',
  'withdrawn',
  'voided',
  'terminated',
];

export interface CaseFilter {
  box: CaseBox;
  clock: ClockFilter | null;
  status: CaseStatus | null;
  number: string;
  applicant: string;
  /** Submission dates, inclusive, YYYY-MM-DD. */
  range: [string, string] | null;
  departmentId: string | null;
}

/** The filter as query parameters (blank ones left out). */
export function caseQuery(filter: CaseFilter): Omit<ListCasesQuery, 'limit' | 'cursor'> {
  return {
    box: filter.box,
    clock: filter.clock ?? undefined,
    status: filter.status ?? undefined,
    number: filter.number.trim() || undefined,
    applicant: filter.applicant.trim() || undefined,
    from: filter.range?.[0],
    to: filter.range?.[1],
    departmentId: filter.departmentId ?? undefined,
  };
}

/**
 * 办件列表 — one box of cases (待办 已办 我发起 抄送, or 'scope' for supervision) page by page, with the
 * quick clock filter and the search form; call `reload()` after changing the filter.
 */
export function useCaseList(box: CaseBox, pageSize = 20) {
  const filter = reactive<CaseFilter>({
    box,
    clock: null,
    status: null,
    number: '',
    applicant: '',
    range: null,
    departmentId: null,
  });
  const pager = useCursorPager((cursor) =>
    casesApi.list({ ...caseQuery(filter), limit: pageSize, cursor: cursor ?? undefined }),
  );

  /** Clears the search form (not the box) and reloads. */
  async function reset(): Promise<void> {
    Object.assign(filter, { clock: null, status: null, number: '', applicant: '', range: null });
    await pager.reload();
  }

  return { filter, reset, ...pager };
}

/** A count shown on a tab or a card: exact up to one page of the API, `200+` beyond. */
export interface ListCount {
  n: number;
  more: boolean;
}

/**
 * Counts of cases by query. The API has no count endpoint, so each is one page of the largest size:
 * exact when the list fits in it, shown as "200+" otherwise.
 */
export function useCaseCounts<K extends string>(queries: () => Record<K, Omit<ListCasesQuery, 'limit'>>) {
  const counts = ref<Partial<Record<K, ListCount>>>({});
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    const entries = Object.entries(queries()) as [K, Omit<ListCasesQuery, 'limit'>][];
    try {
      const pages = await Promise.all(
        entries.map(([, query]) => casesApi.list({ ...query, limit: MAX_PAGE }).catch(() => null)),
      );
      const next: Partial<Record<K, ListCount>> = {};
      entries.forEach(([key], i) => {
        const page = pages[i];
        if (page) next[key] = { n: page.items.length, more: page.nextCursor !== null };
      });
      counts.value = next;
    } finally {
      loading.value = false;
    }
  }

  return { counts, loading, load };
}
