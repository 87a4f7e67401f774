import { type FormSchema, formFields } from '@shared/catalog/forms';
import { computed, type Ref, ref, shallowRef } from 'vue';
import { casesApi, type WorkflowStep, type WorkflowVersion } from '../api/cases';
import { managedItemsApi } from '../api/catalog-admin';
import { catalogPublicApi } from '../api/catalog-public';
import { ApiError, fieldErrorsOf } from '../api/client';

export type StepKind = WorkflowStep['kind'];
export type StepAction = WorkflowStep['actions'][number];
export type FieldAccess = NonNullable<WorkflowStep['defaultFieldAccess']>;

export const STEP_KINDS: readonly StepKind[] = ['acceptance', 'review', 'decision', 'issue'];
export const SIGNINGS: readonly WorkflowStep['signing'][] = ['single', 'any', 'all', 'sequential'];
export const SCOPES: readonly WorkflowStep['scope'][] = ['department', 'departmentTree', 'region'];
export const FIELD_ACCESS: readonly FieldAccess[] = ['hidden', 'readonly', 'editable'];

import { ACTIONS_BY_KIND, REQUIRED_ACTIONS, singleOnly } from '@shared/cases/workflow';

export { ACTIONS_BY_KIND, REQUIRED_ACTIONS, singleOnly };

export interface RoleOption {
  code: string;
  name: string;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * 审批流程编辑 — an item's workflow versions (newest first; version 0 is the standard workflow not yet
 * saved) and a draft of the steps to save as a new version. Server problems (422 CASE_WORKFLOW_INVALID)
 * are split by step: `stepErrors[i]` keyed like `roles` or `fields.x`, the rest in `globalErrors`.
 */
export function useWorkflowEditor(itemId: Ref<string>, can: (permission: string) => boolean) {
  const versions = shallowRef<WorkflowVersion[]>([]);
  const loading = ref(false);
  const missing = ref(false);
  const itemName = ref('');
  const form = shallowRef<FormSchema | null>(null);
  const roles = shallowRef<RoleOption[]>([]);
  const steps = ref<WorkflowStep[]>([]);
  const base = ref<number | null>(null);
  const snapshot = ref('[]');
  const saving = ref(false);
  const errors = ref<Record<string, string>>({});

  const dirty = computed(() => JSON.stringify(steps.value) !== snapshot.value);
  const fields = computed(() =>
    form.value ? formFields(form.value).map((f) => ({ key: f.key, title: f.field.title })) : [],
  );

  function edit(version: WorkflowVersion): void {
    steps.value = clone(version.definition.steps);
    snapshot.value = JSON.stringify(steps.value);
    base.value = version.version;
    errors.value = {};
  }

  async function loadItem(): Promise<void> {
    try {
      const guide = await catalogPublicApi.guide(itemId.value);
      itemName.value = guide.guide.name ?? '';
      const schema = guide.guide.form as FormSchema | null | undefined;
      form.value = schema && typeof schema === 'object' && schema.type === 'object' ? schema : null;
    } catch {
      // not published: the name from the catalogue admin, no form fields to set permissions on
      form.value = null;
      if (can('catalog:item:read'))
        itemName.value = await managedItemsApi.get(itemId.value).then(
          (item) => item.name,
          () => '',
        );
    }
  }

  /** Role codes a step may name (cases.listWorkflowRoles, readable with cases:workflow:manage). */
  async function loadRoles(): Promise<void> {
    try {
      roles.value = await casesApi.workflowRoles();
    } catch {
      roles.value = [];
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    missing.value = false;
    try {
      const [list] = await Promise.all([casesApi.workflows(itemId.value), loadItem(), loadRoles()]);
      versions.value = list;
      if (list[0]) edit(list[0]);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 400)) missing.value = true;
    } finally {
      loading.value = false;
    }
  }

  function addStep(): void {
    let n = steps.value.length + 1;
    while (steps.value.some((s) => s.key === `step${n}`)) n++;
    const step: WorkflowStep = {
      key: `step${n}`,
      name: '',
      kind: 'review',
      roles: [],
      scope: 'departmentTree',
      signing: 'single',
      actions: ['approve', 'sendBack', 'requestSupplement', 'transfer'],
      budgetDays: 3,
    };
    // a new step is most often one more review before the decision
    const decision = steps.value.findIndex((s) => s.kind === 'decision');
    steps.value.splice(decision < 0 ? steps.value.length : decision, 0, step);
    errors.value = {};
  }

  function removeStep(index: number): void {
    steps.value.splice(index, 1);
    errors.value = {};
  }

  function move(index: number, delta: -1 | 1): void {
    const to = index + delta;
    if (to < 0 || to >= steps.value.length) return;
    const [step] = steps.value.splice(index, 1);
    if (step) steps.value.splice(to, 0, step);
    errors.value = {};
  }

  /** A new kind keeps the actions that still fit, adds the ones it requires, and signs single where it must. */
  function setKind(index: number, kind: StepKind): void {
    const step = steps.value[index];
    if (!step) return;
    const allowed = ACTIONS_BY_KIND[kind];
    const kept = step.actions.filter((a) => allowed.includes(a));
    step.kind = kind;
    step.actions = allowed.filter((a) => kept.includes(a) || REQUIRED_ACTIONS[kind].includes(a));
    if (singleOnly(kind)) step.signing = 'single';
  }

  const stepErrors = computed(() => {
    const out: Record<number, Record<string, string>> = {};
    for (const [key, message] of Object.entries(errors.value)) {
      const match = /^definition\.steps\.(\d+)\.(.+)$/.exec(key);
      if (!match) continue;
      const i = Number(match[1]);
      out[i] = { ...(out[i] ?? {}), [match[2]!]: message };
    }
    return out;
  });
  const globalErrors = computed(() =>
    Object.entries(errors.value)
      .filter(([key]) => !/^definition\.steps\.\d+\./.test(key))
      .map(([, message]) => message),
  );

  async function save(comment: string): Promise<WorkflowVersion | null> {
    saving.value = true;
    errors.value = {};
    try {
      // empty field permissions are left out rather than sent as {}
      const definition = {
        steps: steps.value.map((s) => {
          const { fields: access, ...rest } = s;
          return access && Object.keys(access).length ? { ...rest, fields: access } : rest;
        }),
      };
      const saved = await casesApi.saveWorkflow(itemId.value, definition, comment.trim() || undefined);
      versions.value = [saved, ...versions.value.filter((v) => v.version !== 0)];
      edit(saved);
      return saved;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return {
    versions,
    loading,
    missing,
    itemName,
    fields,
    roles,
    steps,
    base,
    dirty,
    saving,
    stepErrors,
    globalErrors,
    load,
    edit,
    addStep,
    removeStep,
    move,
    setKind,
    save,
  };
}
