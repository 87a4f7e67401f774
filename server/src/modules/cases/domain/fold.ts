import type { Signing, Workflow } from '../../../shared/cases/workflow.js';
import type {
  ActionOf,
  CaseAction,
  MaterialRef,
  ResultMethod,
  ReturnStatus,
  SupplementItem,
} from './actions.js';
import { type CaseStatus, transitionAllowed } from './lifecycle.js';

/** The task of the current step: who holds it and how far its signing has got. */
export interface StepTask {
  index: number;
  signing: Signing;
  /** The participants (办理人); empty while the task waits in the pool (待认领). */
  holders: string[];
  /** Holders who approved in this round (会签 / 依次). */
  approvals: string[];
  /** 委派: the holder who delegated, and to whom; the task returns to the holder. */
  delegation: { from: string; to: string } | null;
  enteredAt: string;
  /** Someone acted on the step since it began (claim, approval, transfer …): recall is no longer possible. */
  touched: boolean;
}

/** A case's state: a pure fold over its actions (`foldCase`). */
export interface CaseState {
  seq: number;
  status: CaseStatus;
  step: StepTask;
  /** Who completed each step last (a send-back returns the step to them). */
  completedBy: Record<number, string>;
  /** The step just completed and by whom, while the current step is untouched (撤回). */
  recallable: { index: number; by: string } | null;
  formData: Record<string, unknown>;
  answers: Record<string, unknown>;
  materials: MaterialRef[];
  supplement: {
    items: SupplementItem[];
    deadline: string;
    requestedAt: string;
    returnTo: ReturnStatus;
  } | null;
  suspension: { procedure: string; until: string; at: string } | null;
  /** Periods (after acceptance) the clock stood still: supplements and special procedures. */
  pauses: { from: string; to: string | null }[];
  createdAt: string;
  submittedAt: string | null;
  acceptedAt: string | null;
  decidedAt: string | null;
  closedAt: string | null;
  decision: 'approved' | 'denied' | 'terminated' | null;
  result: { method: ResultMethod; trackingNumber?: string; carrier?: string; at: string } | null;
  instant: { passed: boolean; failedRules: string[] } | null;
  cc: string[];
  /** Everyone who acted on the case (已办). */
  actors: string[];
}

export class IllegalTransition extends Error {
  constructor(
    readonly from: CaseStatus,
    readonly action: string,
  ) {
    super(`${action} is not possible in status ${from}`);
  }
}

function task(index: number, workflow: Workflow, at: string, holders: readonly string[] = []): StepTask {
  const step = workflow.steps[index];
  if (!step) throw new Error(`workflow has no step ${index}`);
  const signing = step.signing;
  return {
    index,
    signing,
    holders: signing === 'single' ? holders.slice(0, 1) : [...new Set(holders)],
    approvals: [],
    delegation: null,
    enteredAt: at,
    touched: false,
  };
}

/** The step results are issued at: the first issue step, or the decision step when there is none. */
export function resultStepIndex(workflow: Workflow): number {
  const issue = workflow.steps.findIndex((s) => s.kind === 'issue');
  return issue >= 0 ? issue : workflow.steps.findIndex((s) => s.kind === 'decision');
}

/** The holders whose turn it is: everyone who has not approved yet, or the next one in a 依次 round. */
export function actingHolders(step: StepTask): string[] {
  if (step.delegation) return [step.delegation.to];
  if (step.signing === 'sequential') {
    const next = step.holders[step.approvals.length];
    return next ? [next] : [];
  }
  return step.holders.filter((h) => !step.approvals.includes(h));
}

function unpause(state: CaseState, at: string): CaseState['pauses'] {
  return state.pauses.map((p) => (p.to === null ? { ...p, to: at } : p));
}

function merge(base: Record<string, unknown>, patch?: Record<string, unknown>) {
  return patch ? { ...base, ...patch } : base;
}

/** Materials replaced by key: a new file for a material replaces the old one. */
function mergeMaterials(base: MaterialRef[], patch?: MaterialRef[]): MaterialRef[] {
  if (!patch) return base;
  const keys = new Set(patch.map((m) => m.materialKey));
  return [...base.filter((m) => !keys.has(m.materialKey)), ...patch];
}

function move(
  state: CaseState,
  action: CaseAction,
  to: CaseStatus,
  changes: Partial<CaseState> = {},
): CaseState {
  if (!transitionAllowed(state.status, to)) throw new IllegalTransition(state.status, action.type);
  const actors = state.actors.includes(action.actorId) ? state.actors : [...state.actors, action.actorId];
  const next = { ...state, ...changes, status: to, seq: action.seq, actors };
  // once anyone acts on the new step, the previous one can no longer be recalled
  return next.step.touched ? { ...next, recallable: null } : next;
}

/** The step after `index` is entered; past the decision step the case is decided (approved). */
function advance(state: CaseState, action: CaseAction, workflow: Workflow, assignees?: string[]): CaseState {
  const index = state.step.index;
  const completedBy = { ...state.completedBy, [index]: action.actorId };
  if (workflow.steps[index]?.kind === 'decision') {
    return move(state, action, 'approved', {
      completedBy,
      decision: 'approved',
      decidedAt: action.at,
      step: task(resultStepIndex(workflow), workflow, action.at),
      recallable: null,
    });
  }
  return move(state, action, 'inReview', {
    completedBy,
    step: task(index + 1, workflow, action.at, assignees),
    recallable: { index, by: action.actorId },
  });
}

function touched(state: CaseState, changes: Partial<StepTask>): StepTask {
  return { ...state.step, ...changes, touched: true };
}

/** Statuses in which a step task exists (to claim, hand over, delegate, comment on …). */
const TASK_OPEN: ReadonlySet<CaseStatus> = new Set([
  'submitted',
  'preReviewed',
  'supplementPending',
  'inReview',
  'suspended',
  'approved',
  'denied',
  'resultIssued',
]);
const TASK_ACTIONS = new Set([
  'claim',
  'transfer',
  'delegate',
  'returnDelegation',
  'addSigner',
  'comment',
  'cc',
]);

/** Applies one action; throws `IllegalTransition` when the status does not allow it. */
export function applyAction(state: CaseState, action: CaseAction, workflow: Workflow): CaseState {
  const s = state.status;
  if (TASK_ACTIONS.has(action.type) && !TASK_OPEN.has(s)) throw new IllegalTransition(s, action.type);
  switch (action.type) {
    case 'create':
      throw new IllegalTransition(s, 'create');
    case 'saveDraft':
      if (s !== 'draft') throw new IllegalTransition(s, action.type);
      // a draft is saved whole: what is sent replaces what was there
      return move(state, action, 'draft', {
        formData: action.payload.formData ?? state.formData,
        answers: action.payload.answers ?? state.answers,
        materials: action.payload.materials ?? state.materials,
      });
    case 'submit':
      return move(state, action, 'submitted', {
        formData: action.payload.formData ?? state.formData,
        answers: action.payload.answers ?? state.answers,
        materials: action.payload.materials ?? state.materials,
        submittedAt: action.at,
        step: task(0, workflow, action.at),
      });
    case 'instantCheck':
      if (s !== 'submitted') throw new IllegalTransition(s, action.type);
      return move(state, action, s, { instant: action.payload });
    case 'instantApprove':
      if (s !== 'submitted' || !state.instant?.passed) throw new IllegalTransition(s, action.type);
      return move(state, action, 'approved', {
        acceptedAt: action.at,
        decidedAt: action.at,
        decision: 'approved',
        step: task(resultStepIndex(workflow), workflow, action.at),
      });
    case 'preReview':
      if (s !== 'submitted') throw new IllegalTransition(s, action.type);
      return move(state, action, 'preReviewed', { step: touched(state, {}) });
    case 'accept':
      if (s !== 'submitted' && s !== 'preReviewed') throw new IllegalTransition(s, action.type);
      return {
        ...advance(state, action, workflow, action.payload.assignees),
        acceptedAt: action.at,
        recallable: null,
      };
    case 'reject':
      if (s !== 'submitted' && s !== 'preReviewed') throw new IllegalTransition(s, action.type);
      return move(state, action, 'notAccepted', { decidedAt: action.at });
    case 'requestSupplement':
      return requestSupplement(state, action, action.payload.items, action.payload.deadline);
    case 'supplement': {
      if (s !== 'supplementPending' || !state.supplement) throw new IllegalTransition(s, action.type);
      const back = state.supplement.returnTo;
      return move(state, action, back, {
        formData: merge(state.formData, action.payload.formData),
        materials: mergeMaterials(state.materials, action.payload.materials),
        supplement: null,
        pauses: unpause(state, action.at),
        step: { ...state.step, enteredAt: action.at },
      });
    }
    case 'void':
      if (s !== 'supplementPending') throw new IllegalTransition(s, action.type);
      return move(state, action, 'voided', { pauses: unpause(state, action.at), decidedAt: action.at });
    case 'withdraw':
      return move(state, action, 'withdrawn', { pauses: unpause(state, action.at), decidedAt: action.at });
    case 'claim':
      return move(state, action, s, { step: touched(state, { holders: [action.actorId] }) });
    case 'approve':
      return approve(state, action, workflow);
    case 'deny':
      if (s !== 'inReview') throw new IllegalTransition(s, action.type);
      return move(state, action, 'denied', {
        decision: 'denied',
        decidedAt: action.at,
        completedBy: { ...state.completedBy, [state.step.index]: action.actorId },
        step: task(resultStepIndex(workflow), workflow, action.at),
        recallable: null,
      });
    case 'terminate':
      return move(state, action, 'terminated', {
        decision: 'terminated',
        decidedAt: action.at,
        pauses: unpause(state, action.at),
        suspension: null,
      });
    case 'sendBack':
      return sendBack(state, action, workflow);
    case 'transfer': {
      const from = holderOf(state, action.actorId);
      const holders = state.step.holders.length
        ? state.step.holders.map((h) => (h === from ? action.payload.to : h))
        : [action.payload.to];
      return move(state, action, s, { step: touched(state, { holders: [...new Set(holders)] }) });
    }
    case 'delegate':
      return move(state, action, s, {
        step: touched(state, {
          holders: state.step.holders.length ? state.step.holders : [action.actorId],
          delegation: { from: action.actorId, to: action.payload.to },
        }),
      });
    case 'returnDelegation':
      return move(state, action, s, { step: touched(state, { delegation: null }) });
    case 'addSigner': {
      const holders = state.step.holders.length ? [...state.step.holders] : [action.actorId];
      if (holders.includes(action.payload.user)) throw new IllegalTransition(s, action.type);
      const signing: Signing = state.step.signing === 'single' ? 'sequential' : state.step.signing;
      // 依次: the added approver comes right after the one adding; otherwise at the end
      const at = signing === 'sequential' ? holders.indexOf(action.actorId) + 1 : holders.length;
      holders.splice(at, 0, action.payload.user);
      return move(state, action, s, { step: touched(state, { holders, signing }) });
    }
    case 'recall': {
      const back = state.recallable;
      if (s !== 'inReview' || !back) throw new IllegalTransition(s, action.type);
      return move(state, action, s, {
        step: { ...task(back.index, workflow, action.at, [action.actorId]), touched: true },
        recallable: null,
      });
    }
    case 'suspend':
      if (s !== 'inReview') throw new IllegalTransition(s, action.type);
      return move(state, action, 'suspended', {
        suspension: { procedure: action.payload.procedure, until: action.payload.until, at: action.at },
        pauses: [...state.pauses, { from: action.at, to: null }],
        step: touched(state, {}),
      });
    case 'resume':
      if (s !== 'suspended') throw new IllegalTransition(s, action.type);
      return move(state, action, 'inReview', { suspension: null, pauses: unpause(state, action.at) });
    case 'issue':
      return move(state, action, 'resultIssued', {
        result: { ...action.payload, at: action.at },
        step: touched(state, {}),
      });
    case 'close':
      return move(state, action, 'closed', { closedAt: action.at });
    case 'comment':
      return move(state, action, s);
    case 'cc':
      return move(state, action, s, { cc: [...new Set([...state.cc, ...action.payload.users])] });
  }
}

function holderOf(state: CaseState, actorId: string): string {
  return state.step.delegation?.to === actorId ? state.step.delegation.from : actorId;
}

function requestSupplement(
  state: CaseState,
  action: CaseAction,
  items: SupplementItem[],
  deadline: string,
): CaseState {
  const s = state.status;
  if (s !== 'submitted' && s !== 'preReviewed' && s !== 'inReview')
    throw new IllegalTransition(s, action.type);
  // before acceptance the clock has not started, so there is nothing to pause
  const pauses = state.acceptedAt ? [...state.pauses, { from: action.at, to: null }] : state.pauses;
  return move(state, action, 'supplementPending', {
    supplement: { items, deadline, requestedAt: action.at, returnTo: s },
    pauses,
    step: touched(state, {}),
  });
}

function approve(state: CaseState, action: ActionOf<'approve'>, workflow: Workflow): CaseState {
  if (state.status !== 'inReview') throw new IllegalTransition(state.status, action.type);
  const withPatch = { ...state, formData: merge(state.formData, action.payload.formPatch) };
  const step = state.step;
  const holders = step.holders.length ? step.holders : [action.actorId];
  const approvals = [...step.approvals, action.actorId];
  const done =
    step.signing === 'single' ||
    step.signing === 'any' ||
    holders.every((h) => approvals.includes(h)) ||
    (step.signing === 'sequential' && approvals.length >= holders.length);
  if (done) return advance(withPatch, action, workflow, action.payload.assignees);
  return move(withPatch, action, 'inReview', { step: touched(state, { holders, approvals }) });
}

function sendBack(state: CaseState, action: ActionOf<'sendBack'>, workflow: Workflow): CaseState {
  if (state.status !== 'inReview') throw new IllegalTransition(state.status, action.type);
  const { toStep } = action.payload;
  if (toStep === 'applicant')
    return requestSupplement(state, action, action.payload.items ?? [], action.payload.deadline ?? '');
  const index = workflow.steps.findIndex((s) => s.key === toStep);
  // only review steps after acceptance and before the current one: acceptance cannot be undone
  if (index < 1 || index >= state.step.index) throw new IllegalTransition(state.status, action.type);
  const previousHolder = state.completedBy[index];
  return move(state, action, 'inReview', {
    step: task(index, workflow, action.at, previousHolder ? [previousHolder] : []),
    recallable: null,
  });
}

/** A case's state after its first action (`create`). */
export function initialState(create: ActionOf<'create'>, workflow: Workflow): CaseState {
  return {
    seq: create.seq,
    status: 'draft',
    step: task(0, workflow, create.at),
    completedBy: {},
    recallable: null,
    formData: create.payload.formData,
    answers: create.payload.answers,
    materials: create.payload.materials,
    supplement: null,
    suspension: null,
    pauses: [],
    createdAt: create.at,
    submittedAt: null,
    acceptedAt: null,
    decidedAt: null,
    closedAt: null,
    decision: null,
    result: null,
    instant: null,
    cc: [],
    actors: [create.actorId],
  };
}

/** The state of a case: its actions folded in order, from `create`. */
export function foldCase(actions: readonly CaseAction[], workflow: Workflow): CaseState {
  const [first, ...rest] = actions;
  if (first?.type !== 'create') throw new Error('a case history starts with create');
  return rest.reduce((state, action) => applyAction(state, action, workflow), initialState(first, workflow));
}
