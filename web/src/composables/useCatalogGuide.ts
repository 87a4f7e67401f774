import type { FormSchema } from '@shared/catalog/forms';
import {
  applicableElements,
  evaluateSituation,
  type SituationAnswers,
  type SituationOutcome,
  type SituationQuestion,
} from '@shared/catalog/situations';
import { computed, type Ref, ref, shallowRef, watch } from 'vue';
import {
  type Bundle,
  type BundlePage,
  bundleForm,
  catalogPublicApi,
  type Guide,
  type GuideFee,
  type GuideMaterial,
  guideForm,
  guideSituations,
  type SituationEvaluation,
} from '../api/catalog-public';
import { ApiError } from '../api/client';
import { useCatalogRegion } from './useCatalogRegion';

/** 办事指南 — the published guide of an item by id or implementation code; reading it counts a view. */
export function useCatalogGuide(idOrCode: Ref<string>) {
  const guide = shallowRef<Guide | null>(null);
  const loading = ref(false);
  const notFound = ref(false);
  const failed = ref(false);

  async function load(): Promise<void> {
    const wanted = idOrCode.value;
    loading.value = true;
    notFound.value = false;
    failed.value = false;
    try {
      const result = await catalogPublicApi.guide(wanted);
      if (wanted === idOrCode.value) guide.value = result;
    } catch (error) {
      guide.value = null;
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) notFound.value = true;
      else failed.value = true;
    } finally {
      loading.value = false;
    }
  }

  watch(idOrCode, () => void load(), { immediate: true });

  const form = computed(() => (guide.value ? displayOrder(guideForm(guide.value.guide)) : null));
  const tree = computed(() => (guide.value ? guideSituations(guide.value.guide) : null));
  return { guide, form, tree, loading, notFound, failed, reload: load };
}

/**
 * Fields in a sensible order when a form has no `x-order`: the required ones in the order `required` lists
 * them, then the rest. Stored forms lose their declaration order (jsonb sorts object keys), so without this
 * the applicant's name could come after the employer's.
 */
export function displayOrder(form: FormSchema | null): FormSchema | null {
  if (!form || form['x-order']?.length) return form;
  const keys = Object.keys(form.properties);
  const required = (form.required ?? []).filter((key) => keys.includes(key));
  return { ...form, 'x-order': [...required, ...keys.filter((key) => !required.includes(key))] };
}

export interface AnsweredQuestion {
  question: SituationQuestion;
  /** Labels of the chosen options. */
  labels: string[];
}

/**
 * 情形引导 — the questionnaire of a guide. Every answer is evaluated at once in the browser with the shared
 * `evaluateSituation`, so the materials, fees and form sections follow as the visitor answers; when the
 * questionnaire is complete the server evaluates the same answers and its result (authoritative) is shown.
 */
export function useCatalogSituation(guide: Ref<Guide | null>) {
  const answers = ref<SituationAnswers>({});
  const server = shallowRef<SituationEvaluation | null>(null);
  const evaluating = ref(false);
  let sequence = 0;

  const tree = computed(() => (guide.value ? guideSituations(guide.value.guide) : null));
  const outcome = computed<SituationOutcome | null>(() =>
    tree.value ? evaluateSituation(tree.value, answers.value) : null,
  );
  const started = computed(() => Object.keys(answers.value).length > 0);
  const complete = computed(() => outcome.value?.complete === true && outcome.value.problems.length === 0);

  const questionById = computed(
    () => new Map((tree.value?.questions ?? []).map((question) => [question.id, question] as const)),
  );
  const current = computed(() =>
    outcome.value?.nextQuestion ? (questionById.value.get(outcome.value.nextQuestion) ?? null) : null,
  );
  const answered = computed<AnsweredQuestion[]>(() =>
    (outcome.value?.path ?? [])
      .filter((id) => id !== outcome.value?.nextQuestion)
      .flatMap((id) => {
        const question = questionById.value.get(id);
        const answer = outcome.value?.answers[id];
        if (!question || answer === undefined) return [];
        const values = Array.isArray(answer) ? answer : [answer];
        const labels = values.map((value) => question.options.find((o) => o.value === value)?.label ?? value);
        return [{ question, labels }];
      }),
  );

  const materials = computed<GuideMaterial[]>(() => {
    const all = guide.value?.guide.materials ?? [];
    if (server.value && complete.value) return server.value.materials;
    return applicableElements(all, outcome.value?.selected.materials ?? []);
  });
  const fees = computed<GuideFee[]>(() => {
    if (server.value && complete.value) return server.value.fees;
    const all = (guide.value?.guide.fees ?? []).map((fee) => ({
      ...fee,
      requirement: fee.requirement ?? 'required',
    }));
    return applicableElements(all, outcome.value?.selected.fees ?? []);
  });
  /** The form sections that apply: those no option selects always do; the others when selected. */
  const formSections = computed<string[] | undefined>(() => {
    const form = guide.value ? guideForm(guide.value.guide) : null;
    if (!form || !tree.value) return undefined;
    if (server.value && complete.value) return server.value.formSections;
    const selectable = new Set(
      tree.value.questions.flatMap((q) => q.options.flatMap((o) => o.effects?.formSections ?? [])),
    );
    const selected = new Set(outcome.value?.selected.formSections ?? []);
    return (form['x-sections'] ?? [])
      .map((section) => section.key)
      .filter((key) => !selectable.has(key) || selected.has(key));
  });

  function answer(questionId: string, value: string | string[]): void {
    const next = { ...answers.value, [questionId]: value };
    // Keep only the answers still on the path: an earlier answer may lead elsewhere now.
    answers.value = tree.value ? { ...evaluateSituation(tree.value, next).answers } : next;
  }

  /** Goes back to a question: its answer and those after it are dropped. */
  function reopen(questionId: string): void {
    const path = outcome.value?.path ?? [];
    const at = path.indexOf(questionId);
    const keep = at < 0 ? path : path.slice(0, at);
    answers.value = Object.fromEntries(Object.entries(answers.value).filter(([id]) => keep.includes(id)));
  }

  function reset(): void {
    answers.value = {};
  }

  watch(
    () => [complete.value, JSON.stringify(answers.value)] as const,
    async ([done]) => {
      const own = ++sequence;
      server.value = null;
      if (!done || !guide.value) return;
      evaluating.value = true;
      try {
        const result = await catalogPublicApi.evaluate(guide.value.id, answers.value);
        if (own === sequence) server.value = result;
      } catch {
        // the local evaluation stays on screen; the client already showed the error
      } finally {
        if (own === sequence) evaluating.value = false;
      }
    },
  );
  watch(
    () => guide.value?.versionId,
    () => reset(),
  );

  return {
    tree,
    answers,
    outcome,
    started,
    complete,
    current,
    answered,
    materials,
    fees,
    formSections,
    server,
    evaluating,
    answer,
    reopen,
    reset,
  };
}

/** 一件事 — an active bundle with its members in dispatch order. */
export function useCatalogBundle(idOrCode: Ref<string>) {
  const bundle = shallowRef<Bundle | null>(null);
  const loading = ref(false);
  const notFound = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    notFound.value = false;
    try {
      bundle.value = await catalogPublicApi.bundle(idOrCode.value);
    } catch {
      bundle.value = null;
      notFound.value = true;
    } finally {
      loading.value = false;
    }
  }

  watch(idOrCode, () => void load(), { immediate: true });
  const form = computed(() => (bundle.value ? displayOrder(bundleForm(bundle.value)) : null));
  return { bundle, form, loading, notFound, reload: load };
}

/** 一件事 bundles visible in the visitor's region. */
export function useCatalogBundles() {
  const { region } = useCatalogRegion();
  const items = shallowRef<BundlePage['items']>([]);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = (await catalogPublicApi.bundles({ regionCode: region.value.code, limit: 20 })).items;
    } catch {
      items.value = [];
    } finally {
      loading.value = false;
    }
  }

  watch(
    () => region.value.code,
    () => void load(),
    { immediate: true },
  );
  return { items, loading, reload: load };
}
