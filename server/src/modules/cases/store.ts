import type { Updateable } from 'kysely';
import { clockState, type Pause, shanghaiDate } from '../../platform/calendar/working-days.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { Trx } from '../../platform/db/transaction.js';
import type { Keyring } from '../../platform/keys/keyring.js';
import type { Workflow } from '../../shared/cases/workflow.js';
import type { CaseAction } from './domain/actions.js';
import { type ActionRecord, actionHash } from './domain/chain.js';
import { actingHolders, type CaseState } from './domain/fold.js';
import type { CasesTable } from './migrations.js';

type CaseColumns = Updateable<CasesTable>;

const PAYLOAD_CONTEXT = 'case_actions.payload';

/** Who took an action: their name (for the timeline), the role they acted in and their department. */
export interface ActingAs {
  name: string;
  role: string | null;
  departmentId: string | null;
}

export interface StoredAction extends ActionRecord {
  id: string;
  actorName: string;
}

/** Appends one action to a case's history: payload sealed (SM4), linked to the previous hash (SM3). */
export async function appendAction(
  trx: Trx,
  keyring: Keyring,
  caseId: string,
  prevHash: string,
  action: CaseAction,
  as: ActingAs,
): Promise<string> {
  const meta = { role: as.role, departmentId: as.departmentId };
  const hash = actionHash(prevHash, action, meta);
  await trx
    .insertInto('case_actions')
    .values({
      case_id: caseId,
      seq: action.seq,
      id: uuidv7(),
      type: action.type,
      actor_id: action.actorId,
      actor_name: as.name,
      role: as.role,
      department_id: as.departmentId,
      at: new Date(action.at),
      payload_enc: keyring.encrypt(JSON.stringify(action.payload), PAYLOAD_CONTEXT),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return hash;
}

/** A case's history in order, payloads opened. */
export async function loadHistory(db: Db | Trx, keyring: Keyring, caseId: string): Promise<StoredAction[]> {
  const rows = await db
    .selectFrom('case_actions')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute();
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      actorName: row.actor_name,
      role: row.role,
      departmentId: row.department_id,
      prevHash: row.prev_hash,
      hash: row.hash,
      action: {
        seq: row.seq,
        type: row.type,
        actorId: row.actor_id,
        at: row.at.toISOString(),
        payload: JSON.parse(await keyring.decrypt(row.payload_enc, PAYLOAD_CONTEXT)),
      } as CaseAction,
    })),
  );
}

/** The time limits a case runs under: the item's committed (承诺) and statutory (法定) working days. */
export interface Limits {
  committedDays: number | null;
  statutoryDays: number | null;
  nearDueRatio: number;
}

function pausesOf(state: CaseState): Pause[] {
  return state.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
}

/** The clock columns of the projection: due dates of the case and of its step, paused or not. */
export function clockColumns(state: CaseState, workflow: Workflow, limits: Limits, now: Date) {
  const pauses = pausesOf(state);
  const paused = pauses.some((p) => p.to === null);
  const none = { due_date: null, near_due_date: null, statutory_due_date: null, step_due_date: null, paused };
  if (!state.acceptedAt) return none;
  const start = new Date(state.acceptedAt);
  const clock = (limitDays: number | null, from = start) =>
    limitDays === null
      ? null
      : clockState({ start: from, limitDays, pauses, now, nearDueRatio: limits.nearDueRatio });
  const committed = clock(limits.committedDays ?? limits.statutoryDays);
  const statutory = clock(limits.statutoryDays);
  const step = workflow.steps[state.step.index];
  const stepClock = state.decidedAt || !step ? null : clock(step.budgetDays, new Date(state.step.enteredAt));
  return {
    due_date: committed?.dueDate ?? null,
    near_due_date: committed?.nearDueDate ?? null,
    statutory_due_date: statutory?.dueDate ?? null,
    step_due_date: stepClock?.dueDate ?? null,
    paused,
  };
}

/** The projection row's columns that follow from the state. */
export function projection(state: CaseState, workflow: Workflow, limits: Limits, now: Date): CaseColumns {
  const step = workflow.steps[state.step.index]!;
  const decided = state.decidedAt !== null;
  // a decided case's clock stops: its due dates stay for the record, but it is no longer overdue
  const clock = clockColumns(state, workflow, limits, now);
  return {
    status: state.status,
    step_key: step.key,
    step_name: step.name,
    seq: state.seq,
    submitted_at: state.submittedAt ? new Date(state.submittedAt) : null,
    accepted_at: state.acceptedAt ? new Date(state.acceptedAt) : null,
    decided_at: state.decidedAt ? new Date(state.decidedAt) : null,
    closed_at: state.closedAt ? new Date(state.closedAt) : null,
    ...clock,
    step_due_date: decided ? null : clock.step_due_date,
    supplement_deadline: state.supplement?.deadline ?? null,
    suspended_until: state.suspension?.until ?? null,
    updated_at: now,
  };
}

/** Statuses in which staff hold a task on the case (待办). */
const STAFF_TURN = new Set([
  'submitted',
  'preReviewed',
  'inReview',
  'suspended',
  'approved',
  'denied',
  'resultIssued',
]);

/** The open tasks of a case (待办 rows): the holders whose turn it is, or the step's pool. */
export function taskRows(
  caseId: string,
  state: CaseState,
  workflow: Workflow,
  at: { departmentPath: string; regionCode: string },
) {
  if (!STAFF_TURN.has(state.status)) return [];
  const step = workflow.steps[state.step.index]!;
  const base = {
    case_id: caseId,
    roles: step.roles,
    scope: step.scope,
    department_path: at.departmentPath,
    region_code: at.regionCode,
  };
  const holders = state.step.holders.length ? actingHolders(state.step) : [];
  if (holders.length) return holders.map((user_id) => ({ ...base, user_id }));
  return [{ ...base, user_id: null }];
}

/** Rewrites the case's projection and its open tasks after an action. */
export async function saveProjection(
  trx: Trx,
  caseId: string,
  lastHash: string,
  columns: CaseColumns,
  tasks: ReturnType<typeof taskRows>,
): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ ...columns, last_hash: lastHash })
    .where('id', '=', caseId)
    .execute();
  await trx.deleteFrom('case_tasks').where('case_id', '=', caseId).execute();
  if (tasks.length) await trx.insertInto('case_tasks').values(tasks).execute();
}

/** Today's date in Asia/Shanghai (the day clocks and deadlines are compared with). */
export function today(now = new Date()): string {
  return shanghaiDate(now);
}
