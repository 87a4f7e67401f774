import type { FormSchema } from '@shared/catalog/forms';
import type { SituationAnswers } from '@shared/catalog/situations';
import { computed, type Ref, ref, shallowRef, watch } from 'vue';
import { type CaseMaterial, type CaseView, casesApi, type NoticeKind } from '../api/cases';
import { type ApplicableMaterial, catalogPublicApi } from '../api/catalog-public';
import { ApiError } from '../api/client';
import { displayStatus, ENDED_STATUSES } from './useApplicantLabels';
import { displayOrder } from './useCatalogGuide';
import { useCitizenGate } from './useCitizenGate';

/** What the applicant may do on their case (the server's `actions` name them). */
export type ApplicantAction = 'withdraw' | 'supplement' | 'close';

/** A failed action: the problem title, and field problems keyed without `body.` (`formData.x`, `materials.k`). */
export interface ActionProblem {
  title: string;
  code: string;
  fields: Record<string, string>;
}

/** One node of the progress bar: 提交申请, the item's workflow steps, 办结. */
export interface ProgressNode {
  key: string;
  name: string;
}

function idempotencyKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

/** The sections of a form that hold data (a case's form shows what was filled in). */
export function filledSections(schema: FormSchema, data: Record<string, unknown>): string[] {
  const filled = new Set(
    Object.entries(schema.properties)
      .filter(
        ([key, field]) =>
          field['x-section'] && data[key] !== undefined && data[key] !== null && data[key] !== '',
      )
      .map(([, field]) => field['x-section'] as string),
  );
  return (schema['x-sections'] ?? []).map((s) => s.key).filter((key) => filled.has(key));
}

/**
 * 办件详情 (applicant) — one of the caller's cases: its status and progress, the history as the applicant
 * sees it, notices, result, the submitted form and materials, and the actions open now (撤回, 补正, 确认收到).
 * Each action is sent with a fresh idempotency key, so a retried click is applied once.
 */
export function useMyCase(id: Ref<string>) {
  const gate = useCitizenGate();
  const view = shallowRef<CaseView | null>(null);
  const loading = ref(true);
  const notFound = ref(false);
  const busy = ref<ApplicantAction | null>(null);
  /** The item's materials for the case's answers (types and size limits of supplement uploads). */
  const rules = shallowRef<ApplicableMaterial[]>([]);

  async function loadRules(current: CaseView): Promise<void> {
    if (current.status !== 'supplementPending') return;
    try {
      const evaluation = await catalogPublicApi.evaluate(current.itemId, current.answers as SituationAnswers);
      rules.value = evaluation.materials;
    } catch {
      rules.value = [];
    }
  }

  async function load(): Promise<void> {
    const wanted = id.value;
    loading.value = true;
    try {
      const result = await casesApi.get(wanted);
      if (wanted !== id.value) return;
      view.value = result;
      notFound.value = false;
      void loadRules(result);
    } catch (error) {
      if (error instanceof ApiError && error.status !== 404 && error.status !== 400) throw error;
      view.value = null;
      notFound.value = true;
    } finally {
      loading.value = false;
    }
  }

  void gate.ready.then((citizen) => {
    if (!citizen) return;
    watch(id, () => void load().catch(() => {}), { immediate: true });
  });

  const can = (action: ApplicantAction) => view.value?.actions.includes(action) ?? false;

  /** Takes an action; returns null when done (the view is refreshed), or what went wrong. */
  async function act(
    action: ApplicantAction,
    payload?: Record<string, unknown>,
    comment?: string,
  ): Promise<ActionProblem | null> {
    if (busy.value) return null;
    busy.value = action;
    try {
      view.value = await casesApi.act(
        id.value,
        { action, ...(comment ? { comment } : {}), ...(payload ? { payload } : {}) },
        { idempotencyKey: idempotencyKey() },
      );
      void loadRules(view.value);
      return null;
    } catch (error) {
      if (!(error instanceof ApiError)) return { title: String(error), code: 'UNKNOWN', fields: {} };
      const fields: Record<string, string> = {};
      for (const { field, message } of error.problem.errors ?? [])
        fields[field.replace(/^body\./, '')] = message;
      if (error.status === 409) void load().catch(() => {});
      return { title: error.problem.title, code: error.problem.code ?? '', fields };
    } finally {
      busy.value = null;
    }
  }

  const status = computed(() => (view.value ? displayStatus(view.value) : ''));
  const ended = computed(() => ENDED_STATUSES.has(status.value));
  const timeline = computed(() => [...(view.value?.history ?? [])].reverse());
  const schema = computed(() => displayOrder((view.value?.form.schema as FormSchema | null) ?? null));
  const sections = computed(() =>
    schema.value && view.value ? filledSections(schema.value, view.value.form.data) : [],
  );

  /** 提交申请 → the workflow's steps → 办结, and how far the case got (`error` when it ended early). */
  const progress = computed(() => {
    const v = view.value;
    if (!v) return { nodes: [] as ProgressNode[], active: 0, state: 'process' as const };
    const nodes: ProgressNode[] = [
      { key: '@submit', name: '' },
      ...v.steps.map((s) => ({ key: s.key, name: s.name })),
      { key: '@close', name: '' },
    ];
    const at =
      Math.max(
        0,
        v.steps.findIndex((s) => s.key === v.stepKey),
      ) + 1;
    if (v.status === 'draft') return { nodes, active: 0, state: 'process' as const };
    if (v.status === 'closed') return { nodes, active: nodes.length, state: 'finish' as const };
    if (v.status === 'resultIssued') return { nodes, active: nodes.length - 1, state: 'process' as const };
    if (v.status === 'withdrawn') return { nodes, active: at, state: 'wait' as const };
    if (ended.value) return { nodes, active: at, state: 'error' as const };
    return { nodes, active: at, state: 'process' as const };
  });

  /** The office's words with the latest supplement request (补正告知), if any. */
  const supplementNote = computed(() => {
    const entry = timeline.value.find((h) => h.type === 'requestSupplement' || h.type === 'sendBack');
    return entry?.comment ?? null;
  });

  const noticeKinds = computed(() => (view.value?.notices ?? []) as NoticeKind[]);

  async function downloadNotice(kind: NoticeKind): Promise<string | null> {
    try {
      await casesApi.downloadNotice(id.value, kind);
      return null;
    } catch (error) {
      return error instanceof ApiError ? error.problem.title : String(error);
    }
  }

  async function downloadMaterial(material: CaseMaterial): Promise<string | null> {
    try {
      await casesApi.downloadMaterial(id.value, material.fileId, material.fileName);
      return null;
    } catch (error) {
      return error instanceof ApiError ? error.problem.title : String(error);
    }
  }

  return {
    gate,
    view,
    loading,
    notFound,
    busy,
    rules,
    status,
    ended,
    timeline,
    schema,
    sections,
    progress,
    supplementNote,
    noticeKinds,
    can,
    act,
    reload: load,
    downloadNotice,
    downloadMaterial,
  };
}
