import {
  STEP_ACTIONS,
  type StepAction,
  type Workflow,
  type WorkflowStep,
} from '../../../shared/cases/workflow.js';
import { ACTION_TYPES, type ActionType, APPLICANT_ACTIONS, SYSTEM_ACTIONS } from './actions.js';
import { actingHolders, type CaseState } from './fold.js';
import type { CaseStatus } from './lifecycle.js';

/** Who is acting: the applicant, a member of staff (roles and home department), or the platform itself. */
export interface Who {
  userId: string;
  kind: 'applicant' | 'staff' | 'system';
  roles: readonly string[];
  home: { departmentPath: string; regionCode: string } | null;
}

/** Where the case sits and whose it is. */
export interface CaseLocation {
  departmentPath: string;
  regionCode: string;
  applicantUserId: string | null;
  channel: 'online' | 'window' | 'api';
}

export type RuleError = 'CASE_ILLEGAL_TRANSITION' | 'CASE_FORBIDDEN' | 'CASE_TASK_TAKEN';

/** Whether a member of staff may act at a step of a case: one of its roles, from the right place. */
export function eligible(
  who: Pick<Who, 'kind' | 'roles' | 'home'>,
  step: WorkflowStep,
  at: CaseLocation,
): boolean {
  if (who.kind !== 'staff' || !who.home) return false;
  if (!step.roles.some((role) => who.roles.includes(role))) return false;
  const home = who.home;
  switch (step.scope) {
    case 'department':
      return home.departmentPath === at.departmentPath;
    case 'departmentTree':
      return (
        home.departmentPath === at.departmentPath || home.departmentPath.startsWith(`${at.departmentPath}.`)
      );
    case 'region':
      return home.regionCode === at.regionCode;
  }
}

const WITHDRAWABLE: ReadonlySet<CaseStatus> = new Set([
  'submitted',
  'preReviewed',
  'supplementPending',
  'inReview',
  'suspended',
]);

/** Whether the case's status and step allow this kind of action at all, whoever asks. */
function statusAllows(state: CaseState, workflow: Workflow, type: ActionType): boolean {
  const s = state.status;
  const step = workflow.steps[state.step.index];
  const offered = (action: StepAction) => step?.actions.includes(action) ?? false;
  const inTask = s === 'submitted' || s === 'preReviewed' || s === 'inReview' || s === 'suspended';
  const atResult = s === 'approved' || s === 'denied' || s === 'resultIssued';
  switch (type) {
    case 'create':
      return false;
    case 'saveDraft':
    case 'submit':
      return s === 'draft';
    case 'supplement':
    case 'void':
      return s === 'supplementPending';
    case 'withdraw':
      return WITHDRAWABLE.has(s);
    case 'instantCheck':
      return s === 'submitted' && state.instant === null;
    case 'instantApprove':
      return s === 'submitted' && state.instant?.passed === true;
    case 'preReview':
      return s === 'submitted' && offered('preReview');
    case 'accept':
    case 'reject':
      return (s === 'submitted' || s === 'preReviewed') && offered(type);
    case 'requestSupplement':
      return (s === 'submitted' || s === 'preReviewed' || s === 'inReview') && offered(type);
    case 'approve':
    case 'deny':
    case 'sendBack':
    case 'suspend':
      return s === 'inReview' && offered(type);
    case 'delegate':
      return s === 'inReview' && offered(type) && state.step.delegation === null;
    case 'addSigner':
      return s === 'inReview' && offered(type) && state.step.delegation === null;
    case 'transfer':
      return (inTask || atResult) && offered(type) && state.step.delegation === null;
    case 'terminate':
      return (s === 'inReview' || s === 'suspended') && offered(type);
    case 'resume':
      return s === 'suspended';
    case 'issue':
      return (s === 'approved' || s === 'denied') && offered('issue');
    case 'close':
      return s === 'resultIssued';
    case 'claim':
      // once the result is out there is nothing left to claim: whoever hands it over closes the case
      return (inTask || s === 'approved' || s === 'denied') && state.step.holders.length === 0;
    case 'recall':
      return s === 'inReview' && state.recallable !== null;
    case 'returnDelegation':
      return state.step.delegation !== null;
    case 'comment':
    case 'cc':
      return inTask || atResult || s === 'supplementPending';
  }
}

/**
 * Whether `who` may take `type` now: `null`, or why not — the status or step does not offer it (409
 * CASE_ILLEGAL_TRANSITION), someone else holds the task (409 CASE_TASK_TAKEN), or this person may not act
 * here at all (403 CASE_FORBIDDEN). The same function lists the actions a case page offers.
 */
export function checkAction(
  state: CaseState,
  workflow: Workflow,
  at: CaseLocation,
  who: Who,
  type: ActionType,
): RuleError | null {
  if (!statusAllows(state, workflow, type)) return 'CASE_ILLEGAL_TRANSITION';
  const step = workflow.steps[state.step.index]!;
  const isApplicant = who.kind === 'applicant' && at.applicantUserId === who.userId;
  const atWindow = at.channel === 'window' && eligible(who, workflow.steps[0]!, at);
  if (SYSTEM_ACTIONS.has(type)) return who.kind === 'system' ? null : 'CASE_FORBIDDEN';
  if (type === 'resume' && who.kind === 'system') return null;
  // the platform submits the next member of a 一件事 once the one before it is approved
  const dispatch = type === 'submit' && who.kind === 'system';
  if (APPLICANT_ACTIONS.has(type)) return isApplicant || atWindow || dispatch ? null : 'CASE_FORBIDDEN';
  if (type === 'close' && isApplicant) return null;
  if (type === 'recall') return state.recallable?.by === who.userId ? null : 'CASE_FORBIDDEN';
  if (type === 'returnDelegation') return state.step.delegation?.to === who.userId ? null : 'CASE_FORBIDDEN';
  if (type === 'comment' || type === 'cc')
    return who.kind === 'staff' && (eligible(who, step, at) || state.actors.includes(who.userId))
      ? null
      : 'CASE_FORBIDDEN';
  if (!eligible(who, step, at)) return 'CASE_FORBIDDEN';
  if (state.step.delegation) return 'CASE_TASK_TAKEN';
  if (type === 'claim') return null;
  if (state.step.holders.length === 0) return null; // 待认领: acting claims it
  if (actingHolders(state.step).includes(who.userId)) return null;
  return state.step.holders.includes(who.userId) ? 'CASE_ILLEGAL_TRANSITION' : 'CASE_TASK_TAKEN';
}

/** The actions `who` may take now (a case page shows these as buttons). */
export function availableActions(
  state: CaseState,
  workflow: Workflow,
  at: CaseLocation,
  who: Who,
): ActionType[] {
  return ACTION_TYPES.filter((type) => checkAction(state, workflow, at, who, type) === null);
}

/** Configurable step actions (the rest are always available to the right person). */
export function isStepAction(type: string): type is StepAction {
  return (STEP_ACTIONS as readonly string[]).includes(type);
}
