import { formFields, prefillValues } from '@shared/catalog/forms';
import { computed, nextTick, type Ref, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { type CaseView, casesApi } from '../api/cases';
import { ApiError } from '../api/client';
import { problemMap, validateValues } from '../components/schema-form/model';
import { useAuthStore } from '../stores/auth';
import {
  APPLY_STEPS,
  type ApplicationMaterial,
  type ApplyStep,
  applyAvailability,
  materialKind,
  mergeRefs,
} from './applyRules';
import { type MaterialRef, useApplicantUploads } from './useApplicantUploads';
import { useCatalogGuide, useCatalogSituation } from './useCatalogGuide';
import { useCitizenGate } from './useCitizenGate';

/**
 * 在线申报 — the apply flow of the portal and the mobile pages: the guide and its situation questions, the
 * form of the sections that apply, the materials to upload, 保存草稿 (resumed with `?draft=<id>`) and
 * 提交申请. Each step is checked before the next (with the same rules the server applies); problems the
 * server still finds are mapped back to the form fields and materials and the flow returns to their step.
 */
export function useApplication(idOrCode: Ref<string>) {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const auth = useAuthStore();
  const gate = useCitizenGate();
  const { guide, form: schema, tree, loading, notFound } = useCatalogGuide(idOrCode);
  const situation = useCatalogSituation(guide);
  const uploads = useApplicantUploads();

  const availability = computed(() => (guide.value ? applyAvailability(guide.value) : null));
  const itemName = computed(() => guide.value?.guide.name || guide.value?.basic.name || '');
  const step = ref<ApplyStep>('situation');
  const stepIndex = computed(() => APPLY_STEPS.indexOf(step.value));
  /** The furthest step reached: steps up to it may be revisited directly. */
  const reached = ref(0);
  const formData = ref<Record<string, unknown>>({});
  const formErrors = ref<Record<string, string>>({});
  const formChecked = ref(false);
  const agreed = ref(false);
  /** Why the flow cannot go on (shown above the step), or null. */
  const notice = ref<string | null>(null);
  const savingDraft = ref(false);
  const submitting = ref(false);
  const submitted = shallowRef<CaseView | null>(null);
  const draftId = ref<string | null>(null);
  /** `gone`: `?draft=` names no draft of the caller (submitted since, or not theirs); `goneCase` when known. */
  const draftState = ref<'none' | 'loading' | 'ready' | 'gone'>('none');
  const goneCase = shallowRef<CaseView | null>(null);
  const savedAt = ref<Date | null>(null);
  /** How many fields the account filled in. */
  const prefilled = ref(0);
  /** The materials the draft holds on the server (submitting a draft merges them with those sent). */
  let savedRefs: MaterialRef[] = [];

  const sections = computed(() => situation.formSections.value);
  const situationDone = computed(() => !tree.value || situation.complete.value);
  const materials = computed<ApplicationMaterial[]>(() =>
    situation.materials.value.map((material) => ({ material, kind: materialKind(material) })),
  );
  const applicableKeys = computed(() => new Set(materials.value.map((m) => m.material.key)));
  const applicableFields = computed(() =>
    schema.value
      ? new Set(formFields(schema.value, { sections: sections.value }).map((f) => f.key))
      : new Set<string>(),
  );

  /** The form data of the fields that apply; the others are cleared (`null`) so a draft's old values go. */
  function formPayload(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(formData.value))
      out[key] = applicableFields.value.has(key) ? value : null;
    return out;
  }

  function applicableData(): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(formData.value).filter(([key]) => applicableFields.value.has(key)),
    );
  }

  function checkForm(): boolean {
    const form = schema.value;
    formChecked.value = true;
    if (!form) return true;
    const problems = validateValues(form, applicableData(), sections.value);
    formErrors.value = problemMap(t, form, problems);
    return problems.length === 0;
  }
  watch(
    [formData, sections],
    () => {
      if (formChecked.value) checkForm();
    },
    { deep: true },
  );

  function checkMaterials(): boolean {
    let ok = true;
    for (const { material, kind } of materials.value) {
      if (kind === 'upload' && !uploads.has(material.key)) {
        // a refused file's reason says more than "required"
        if (!uploads.errors.value[material.key])
          uploads.setError(material.key, t('cases.materials.required'));
        ok = false;
      }
    }
    return ok;
  }

  /** Whether the step's data is complete; if not, says why in `notice`. */
  function complete(at: ApplyStep): boolean {
    if (at === 'situation' && !situationDone.value) notice.value = t('cases.apply.answerFirst');
    else if (at === 'form' && !checkForm()) notice.value = t('cases.apply.fixForm');
    else if (at === 'materials' && uploads.uploading.value) notice.value = t('cases.materials.waitUploads');
    else if (at === 'materials' && !checkMaterials()) notice.value = t('cases.apply.missingMaterials');
    else return true;
    return false;
  }

  function show(target: ApplyStep): void {
    step.value = target;
    reached.value = Math.max(reached.value, APPLY_STEPS.indexOf(target));
  }

  /** Goes to a step: back freely, forward through each step's checks (stops at the first incomplete one). */
  function goTo(target: ApplyStep): boolean {
    notice.value = null;
    const to = APPLY_STEPS.indexOf(target);
    for (let at = stepIndex.value; at < to; at++) {
      if (!complete(APPLY_STEPS[at]!)) {
        show(APPLY_STEPS[at]!);
        return false;
      }
    }
    show(target);
    return true;
  }

  const next = () => stepIndex.value < APPLY_STEPS.length - 1 && goTo(APPLY_STEPS[stepIndex.value + 1]!);
  const prev = () => stepIndex.value > 0 && goTo(APPLY_STEPS[stepIndex.value - 1]!);

  function answers(): Record<string, unknown> | undefined {
    return tree.value ? { ...situation.answers.value } : undefined;
  }

  async function saveDraft(): Promise<boolean> {
    if (!guide.value || savingDraft.value) return false;
    savingDraft.value = true;
    notice.value = null;
    try {
      const view = await casesApi.saveDraft({
        ...(draftId.value ? { draftId: draftId.value } : { itemId: guide.value.id }),
        formData: formPayload(),
        situationAnswers: answers(),
        materials: uploads.refs(applicableKeys.value),
      });
      draftId.value = view.id;
      savedRefs = view.materials.map((m) => ({ materialId: m.materialKey, fileId: m.fileId }));
      uploads.markSaved();
      savedAt.value = new Date();
      if (route.query.draft !== view.id) await router.replace({ query: { ...route.query, draft: view.id } });
      return true;
    } catch {
      return false; // the client showed the problem
    } finally {
      savingDraft.value = false;
    }
  }

  /** Server problems back onto the flow: form fields, materials (by key or by position), the questions. */
  function showServerProblems(error: ApiError, sent: readonly MaterialRef[]): void {
    const fields: Record<string, string> = {};
    const materialErrors: Record<string, string> = {};
    let questions = false;
    for (const { field, message } of error.problem.errors ?? []) {
      const [head, second, third] = field.replace(/^body\./, '').split('.');
      if (head === 'formData' && second) fields[field.replace(/^body\.formData\./, '')] = message;
      else if (head === 'situationAnswers') questions = true;
      else if (head === 'materials' && second !== undefined && /^\d+$/.test(second)) {
        const ref = sent[Number(second)];
        if (ref)
          materialErrors[ref.materialId] = t(
            third === 'materialId' ? 'cases.materials.notApplicable' : 'cases.materials.rejected',
          );
      } else if (head === 'materials' && second) materialErrors[second] = t('cases.materials.required');
    }
    // the same checks run here give the problems in the UI language; the server's words fill any gap
    checkForm();
    formErrors.value = { ...fields, ...formErrors.value };
    for (const [key, message] of Object.entries(materialErrors)) uploads.setError(key, message);
    const back: ApplyStep | null = questions
      ? 'situation'
      : Object.keys(formErrors.value).length > 0
        ? 'form'
        : Object.keys(materialErrors).length > 0
          ? 'materials'
          : null;
    if (back) step.value = back;
    notice.value = t('cases.apply.serverRefused');
  }

  async function submit(): Promise<boolean> {
    if (!guide.value || submitting.value) return false;
    notice.value = null;
    for (const at of ['situation', 'form', 'materials'] as const) {
      if (!complete(at)) {
        step.value = at;
        return false;
      }
    }
    if (!agreed.value) {
      notice.value = t('cases.apply.agreeFirst');
      return false;
    }
    const sent = uploads.refs(applicableKeys.value);
    // A draft keeps what it holds for materials not sent again; one that holds a material that no longer
    // applies cannot be submitted (nothing removes it), so such an application goes in as a new one.
    const sentKeys = new Set(sent.map((m) => m.materialId));
    const viaDraft = draftId.value !== null && savedRefs.every((m) => sentKeys.has(m.materialId));
    submitting.value = true;
    try {
      const body = { formData: formPayload(), situationAnswers: answers(), materials: sent };
      submitted.value = await casesApi.submit(
        viaDraft ? { draftId: draftId.value!, ...body } : { itemId: guide.value.id, ...body },
      );
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.problem.errors?.length)
        showServerProblems(error, viaDraft ? mergeRefs(savedRefs, sent) : sent);
      return false;
    } finally {
      submitting.value = false;
    }
  }

  function untilGuide(): Promise<void> {
    return new Promise((resolve) => {
      const settled = () => !loading.value && (guide.value !== null || notFound.value);
      if (settled()) return resolve();
      const stop = watch([loading, guide, notFound], () => {
        if (!settled()) return;
        stop();
        resolve();
      });
    });
  }

  async function loadDraft(id: string): Promise<void> {
    draftState.value = 'loading';
    let view: CaseView;
    try {
      view = await casesApi.get(id);
    } catch {
      draftState.value = 'gone';
      return;
    }
    if (view.status !== 'draft') {
      goneCase.value = view;
      draftState.value = 'gone';
      return;
    }
    await untilGuide();
    await nextTick(); // after the questionnaire's own reset on a newly loaded guide
    draftId.value = view.id;
    savedRefs = view.materials.map((m) => ({ materialId: m.materialKey, fileId: m.fileId }));
    situation.answers.value = { ...(view.answers as Record<string, string | string[]>) };
    formData.value = { ...view.form.data };
    uploads.restore(view.materials);
    savedAt.value = new Date(view.updatedAt);
    draftState.value = 'ready';
    show(situationDone.value ? 'form' : 'situation');
  }

  /** A new application starts with what the account tells about the applicant (name, mobile number). */
  async function prefill(): Promise<void> {
    await untilGuide();
    const form = schema.value;
    const user = auth.user;
    if (!form || !user || draftId.value || Object.keys(formData.value).length > 0) return;
    const applicant = {
      name: user.displayName,
      ...(/^1\d{10}$/.test(user.username) ? { phone: user.username, mobile: user.username } : {}),
    };
    formData.value = prefillValues(form, { applicant });
    prefilled.value = Object.keys(formData.value).length;
  }

  /** Starts over: a new application, or the draft named. */
  function start(wanted: string | null): void {
    draftState.value = 'none';
    goneCase.value = null;
    draftId.value = null;
    savedRefs = [];
    savedAt.value = null;
    submitted.value = null;
    formData.value = {};
    formErrors.value = {};
    formChecked.value = false;
    agreed.value = false;
    notice.value = null;
    uploads.reset();
    situation.reset();
    step.value = 'situation';
    reached.value = 0;
    if (wanted) void loadDraft(wanted);
    else void prefill();
  }

  const wantedDraft = () => (typeof route.query.draft === 'string' ? route.query.draft : null);
  void gate.ready.then((citizen) => {
    if (!citizen) return;
    start(wantedDraft());
    // The same page opened for another draft, or for a new application (重新申报), starts over.
    watch(wantedDraft, (wanted) => {
      if (wanted !== draftId.value) start(wanted);
    });
    watch(idOrCode, () => start(wantedDraft()));
  });

  return {
    gate,
    guide,
    schema,
    tree,
    loading,
    notFound,
    situation,
    uploads,
    availability,
    itemName,
    step,
    stepIndex,
    reached,
    formData,
    formErrors,
    sections,
    situationDone,
    materials,
    agreed,
    notice,
    savingDraft,
    submitting,
    submitted,
    draftId,
    draftState,
    goneCase,
    savedAt,
    prefilled,
    goTo,
    next,
    prev,
    saveDraft,
    submit,
  };
}
