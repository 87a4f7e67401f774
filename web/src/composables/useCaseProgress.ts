import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';
import { casesApi, type ProgressView } from '../api/cases';
import { ApiError } from '../api/client';

/** One milestone of a case's progress and when it was reached (null: not yet). */
export interface Milestone {
  key: 'submitted' | 'accepted' | 'decided' | 'completed';
  at: string | null;
}

/**
 * 办件进度查询 — public, no login: a case's progress by its number (办件编号) and the applicant's name, with no
 * personal data in the answer. `?number=` (the QR code on the notices) fills the number in.
 */
export function useCaseProgress() {
  const { t } = useI18n();
  const route = useRoute();
  const number = ref(typeof route.query.number === 'string' ? route.query.number.trim() : '');
  const name = ref('');
  const result = shallowRef<ProgressView | null>(null);
  const loading = ref(false);
  const problem = ref<string | null>(null);

  async function query(): Promise<boolean> {
    const wantedNumber = number.value.trim().toUpperCase();
    const wantedName = name.value.trim();
    problem.value = null;
    if (!wantedNumber || !wantedName) {
      problem.value = t('cases.progress.fillBoth');
      return false;
    }
    loading.value = true;
    try {
      result.value = await casesApi.progress(wantedNumber, wantedName);
      return true;
    } catch (error) {
      result.value = null;
      problem.value =
        error instanceof ApiError && error.status === 400
          ? t('cases.progress.badNumber')
          : error instanceof ApiError
            ? error.problem.title
            : String(error);
      return false;
    } finally {
      loading.value = false;
    }
  }

  function reset(): void {
    result.value = null;
    problem.value = null;
  }

  const milestones = computed<Milestone[]>(() => {
    const r = result.value;
    if (!r) return [];
    const closed = [...r.timeline].reverse().find((e) => e.type === 'close');
    return [
      { key: 'submitted', at: r.submittedAt },
      { key: 'accepted', at: r.acceptedAt },
      { key: 'decided', at: r.decidedAt },
      { key: 'completed', at: closed?.at ?? null },
    ];
  });
  /** Newest first. */
  const timeline = computed(() => [...(result.value?.timeline ?? [])].reverse());

  return { number, name, result, loading, problem, milestones, timeline, query, reset };
}
