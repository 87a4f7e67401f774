import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import type { Db } from '../../platform/db/database.js';
import type { Keyring } from '../../platform/keys/keyring.js';
import type { FileService } from '../../platform/storage/file-service.js';
import { type FieldAccess, fieldAccess } from '../../shared/cases/workflow.js';
import { type FormSchema, formFields } from '../../shared/catalog/forms.js';
import type { ActionType } from './domain/actions.js';
import { applyAction, type CaseState, initialState } from './domain/fold.js';
import { APPLICANT_STATUS } from './domain/lifecycle.js';
import { availableActions, eligible, type Who } from './domain/rules.js';
import { availableNotices } from './notices.pdf.js';
import type { CaseSummary, CaseView } from './schema.js';
import type { LoadedCase } from './service.js';

/** Actions whose comment the applicant is shown (the rest are internal opinions). */
const PUBLIC_COMMENTS: ReadonlySet<ActionType> = new Set([
  'reject',
  'requestSupplement',
  'sendBack',
  'deny',
  'terminate',
  'issue',
  'void',
  'withdraw',
  'supplement',
  'suspend',
  'instantApprove',
]);

/** Entries the applicant's timeline leaves out (the office's internal moves). */
const INTERNAL: ReadonlySet<ActionType> = new Set([
  'claim',
  'transfer',
  'delegate',
  'returnDelegation',
  'addSigner',
  'recall',
  'comment',
  'cc',
  'instantCheck',
  'preReview',
  'saveDraft',
]);

export type ClockFlag = 'none' | 'normal' | 'nearDue' | 'overdue' | 'paused' | 'stopped';

/** The clock of a projection row on `today`: what lists show and filter by. */
export function clockFlag(
  row: {
    due_date: string | null;
    near_due_date: string | null;
    paused: boolean;
    accepted_at: Date | null;
    decided_at: Date | null;
  },
  today: string,
): ClockFlag {
  if (!row.accepted_at) return 'none';
  if (row.decided_at) return 'stopped';
  if (row.due_date && today > row.due_date) return 'overdue';
  if (row.paused) return 'paused';
  if (row.near_due_date && today >= row.near_due_date) return 'nearDue';
  return row.due_date ? 'normal' : 'none';
}

type SummaryRow = {
  id: string;
  number: string | null;
  status: CaseSummary['status'];
  item_id: string;
  item_code: string;
  item_name: string;
  department_id: string;
  department_name: string;
  region_code: string;
  channel: string;
  applicant_name_masked: string;
  step_key: string;
  step_name: string;
  created_at: Date;
  submitted_at: Date | null;
  updated_at: Date;
  due_date: string | null;
  near_due_date: string | null;
  paused: boolean;
  accepted_at: Date | null;
  decided_at: Date | null;
  seq: number;
};

export function summaryView(row: SummaryRow, today: string): CaseSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    applicantStatus: APPLICANT_STATUS[row.status],
    itemId: row.item_id,
    itemCode: row.item_code,
    itemName: row.item_name,
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionCode: row.region_code,
    channel: row.channel,
    applicantName: row.applicant_name_masked,
    stepKey: row.step_key,
    stepName: row.step_name,
    createdAt: row.created_at.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
    dueDate: row.due_date,
    clock: clockFlag(row, today),
    seq: row.seq,
  };
}

/** How each form field looks to the viewer: the step's field permissions for those who act at it. */
function formAccess(loaded: LoadedCase, who: Who, fields: readonly string[]): Record<string, FieldAccess> {
  const { state, workflow, location } = loaded;
  const out: Record<string, FieldAccess> = {};
  const applicantEdits = state.status === 'draft' || state.status === 'supplementPending';
  const step = workflow.definition.steps[state.step.index];
  const acting = who.kind === 'staff' && step && eligible(who, step, location) && state.status === 'inReview';
  for (const field of fields) {
    if (who.kind === 'applicant') out[field] = applicantEdits ? 'editable' : 'readonly';
    else if (acting && step) out[field] = fieldAccess(step, field);
    else if (who.kind === 'staff' && step)
      out[field] = fieldAccess(step, field) === 'hidden' ? 'hidden' : 'readonly';
    else out[field] = 'readonly';
  }
  return out;
}

export async function caseView(
  loaded: LoadedCase,
  who: Who,
  deps: { db: Db; keyring: Keyring; files: FileService },
  today: string,
): Promise<CaseView> {
  const { row, state, workflow, history, guide } = loaded;
  const steps = workflow.definition.steps;
  const step = steps[state.step.index]!;
  const mentioned = history.flatMap((h) => peopleIn(h.action.payload as Record<string, unknown>));
  const people = await names(deps.db, [
    ...state.step.holders,
    ...(state.step.delegation ? [state.step.delegation.to] : []),
    ...mentioned,
  ]);
  const roles = await roleNamesByCode(deps.db, [
    ...new Set(history.map((h) => h.role).filter((r): r is string => !!r)),
  ]);
  const form = (guide.form as FormSchema | null | undefined) ?? { type: 'object', properties: {} };
  const fieldKeys = formFields(form).map((f) => f.key);
  const access = formAccess(loaded, who, fieldKeys);
  const data = Object.fromEntries(Object.entries(state.formData).filter(([key]) => access[key] !== 'hidden'));
  const materialNames = new Map((guide.materials ?? []).map((m) => [m.key, m.name]));
  const materials = [];
  for (const ref of state.materials) {
    const file = await deps.files.get(ref.fileId);
    if (!file) continue;
    materials.push({
      materialKey: ref.materialKey,
      name: materialNames.get(ref.materialKey) ?? ref.materialKey,
      fileId: file.id,
      fileName: file.name,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
    });
  }
  const forApplicant = who.kind === 'applicant';
  const idNumber = row.applicant_id_enc
    ? await deps.keyring.decrypt(row.applicant_id_enc, 'cases.applicant_id')
    : null;
  const phone = row.applicant_phone_enc
    ? await deps.keyring.decrypt(row.applicant_phone_enc, 'cases.applicant_phone')
    : null;
  const stepOf = timelineSteps(loaded);
  return {
    ...summaryView(row, today),
    itemVersionId: row.item_version_id,
    workflowVersion: workflow.version,
    applicant: {
      kind: row.applicant_kind,
      name: row.applicant_name_masked,
      idNumber: idNumber && maskIdNumber(idNumber),
      phone: phone && maskPhone(phone),
    },
    step: {
      key: step.key,
      name: step.name,
      kind: step.kind,
      signing: state.step.signing,
      holders: state.step.holders.map((id) => ({ id, name: people.get(id) ?? id })),
      approvals: state.step.approvals,
      delegatedTo: state.step.delegation
        ? { id: state.step.delegation.to, name: people.get(state.step.delegation.to) ?? '' }
        : null,
      enteredAt: state.step.enteredAt,
    },
    steps: steps.map((s) => ({ key: s.key, name: s.name, kind: s.kind })),
    clockDetail: {
      state: summaryView(row, today).clock,
      dueDate: row.due_date,
      nearDueDate: row.near_due_date,
      statutoryDueDate: row.statutory_due_date,
      stepDueDate: row.step_due_date,
      usedDays: null,
      limitDays: guide.committedDays ?? guide.statutoryDays ?? null,
    },
    acceptedAt: state.acceptedAt,
    decidedAt: state.decidedAt,
    closedAt: state.closedAt,
    decision: state.decision,
    result: state.result,
    supplement: state.supplement && {
      items: state.supplement.items,
      deadline: state.supplement.deadline,
      requestedAt: state.supplement.requestedAt,
    },
    suspension: state.suspension,
    instant: forApplicant ? null : state.instant,
    form: { schema: form, data, access },
    answers: state.answers,
    materials,
    history: history
      .filter((h) => !forApplicant || !INTERNAL.has(h.action.type))
      .map((h) => {
        const payload = h.action.payload as Record<string, unknown>;
        const comment = (payload.comment ?? payload.reason ?? payload.text ?? null) as string | null;
        const staffAction = h.role !== null || h.departmentId !== null;
        const {
          formData: _f,
          formPatch,
          materials: m,
          answers: _a,
          comment: _c,
          reason: _r,
          text: _t,
          ...rest
        } = payload;
        return {
          seq: h.action.seq,
          type: h.action.type,
          at: h.action.at,
          actorName:
            forApplicant && staffAction
              ? row.department_name
              : h.action.actorId === 'system'
                ? '系统'
                : h.actorName,
          role: forApplicant || !h.role ? null : (roles.get(h.role) ?? h.role),
          stepName: stepOf.get(h.action.seq) ?? null,
          comment: forApplicant && !PUBLIC_COMMENTS.has(h.action.type) ? null : comment,
          details: {
            ...(forApplicant ? withoutPeople(rest) : namedPeople(rest, people)),
            ...(formPatch ? { changedFields: Object.keys(formPatch as object) } : {}),
            ...(Array.isArray(m) ? { materials: m.length } : {}),
          },
        };
      }),
    actions: availableActions(state, workflow.definition, loaded.location, who),
    parentId: row.parent_id,
    notices: availableNotices(loaded),
  };
}

/** The step each action was taken at, replayed from the history. */
function timelineSteps(loaded: LoadedCase): Map<number, string> {
  const out = new Map<number, string>();
  const steps = loaded.workflow.definition.steps;
  let state: CaseState | null = null;
  // cheap replay: the fold is pure and the history short
  for (const h of loaded.history) {
    if (state) out.set(h.action.seq, steps[state.step.index]?.name ?? '');
    state = state
      ? applyAction(state, h.action, loaded.workflow.definition)
      : initialState(h.action as Parameters<typeof initialState>[0], loaded.workflow.definition);
  }
  return out;
}

async function names(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

const PERSON_FIELDS = ['to', 'user', 'users', 'assignees'] as const;

/** User ids an action's payload names (转办 to, 加签 user, 抄送 users, next holders). */
function peopleIn(payload: Record<string, unknown>): string[] {
  return PERSON_FIELDS.flatMap((field) => {
    const value = payload[field];
    return Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
  });
}

/** The payload with the people it names replaced by their names (the timeline reads 转办给 钱审查). */
function namedPeople(payload: Record<string, unknown>, people: ReadonlyMap<string, string>) {
  const out: Record<string, unknown> = { ...payload };
  for (const field of PERSON_FIELDS) {
    const value = payload[field];
    if (typeof value === 'string') out[field] = people.get(value) ?? value;
    if (Array.isArray(value)) out[field] = (value as string[]).map((id) => people.get(id) ?? id);
  }
  return out;
}

/** The applicant's timeline names no staff. */
function withoutPeople(payload: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...payload };
  for (const field of PERSON_FIELDS) delete out[field];
  return out;
}

async function roleNamesByCode(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('roles')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
