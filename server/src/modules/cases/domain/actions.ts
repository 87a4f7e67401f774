import type { CaseStatus } from './lifecycle.js';

/** Every kind of entry in a case's history (办件轨迹). */
export const ACTION_TYPES = [
  'create',
  'saveDraft',
  'submit',
  'instantCheck',
  'instantApprove',
  'preReview',
  'accept',
  'reject',
  'requestSupplement',
  'supplement',
  'void',
  'withdraw',
  'claim',
  'approve',
  'deny',
  'terminate',
  'sendBack',
  'transfer',
  'delegate',
  'returnDelegation',
  'addSigner',
  'recall',
  'suspend',
  'resume',
  'issue',
  'close',
  'comment',
  'cc',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** Actions only the platform takes (秒批, deadlines, special-procedure limits). */
export const SYSTEM_ACTIONS: ReadonlySet<ActionType> = new Set(['instantCheck', 'instantApprove', 'void']);

/** Actions the applicant (or a window clerk on a walk-in applicant's behalf) takes. */
export const APPLICANT_ACTIONS: ReadonlySet<ActionType> = new Set([
  'saveDraft',
  'submit',
  'supplement',
  'withdraw',
]);

export type MaterialRef = { materialKey: string; fileId: string };
export type SupplementItem = { key: string; label: string; reason?: string };
export type ResultMethod = 'licence' | 'mail' | 'pickup' | 'online';
export type SpecialProcedure = 'hearing' | 'expertReview' | 'inspection' | 'appraisal' | 'other';

/** The payload of each action type (what the service validates and the fold reads). */
export interface ActionPayloads {
  create: {
    channel: 'online' | 'window' | 'api';
    formData: Record<string, unknown>;
    answers: Record<string, unknown>;
    materials: MaterialRef[];
  };
  saveDraft: {
    formData?: Record<string, unknown>;
    answers?: Record<string, unknown>;
    materials?: MaterialRef[];
  };
  submit: {
    formData?: Record<string, unknown>;
    answers?: Record<string, unknown>;
    materials?: MaterialRef[];
  };
  instantCheck: { passed: boolean; failedRules: string[] };
  instantApprove: { comment?: string };
  preReview: { comment?: string };
  accept: { comment?: string; assignees?: string[] };
  reject: { reason: string };
  requestSupplement: { items: SupplementItem[]; deadline: string; comment?: string };
  supplement: { formData?: Record<string, unknown>; materials?: MaterialRef[]; comment?: string };
  void: { comment?: string };
  withdraw: { reason?: string };
  claim: Record<string, never>;
  approve: { comment?: string; formPatch?: Record<string, unknown>; assignees?: string[] };
  deny: { comment: string };
  terminate: { reason: string };
  sendBack: { toStep: string; comment: string; items?: SupplementItem[]; deadline?: string };
  transfer: { to: string; comment?: string };
  delegate: { to: string; comment?: string };
  returnDelegation: { comment?: string };
  addSigner: { user: string; comment?: string };
  recall: { comment?: string };
  suspend: { procedure: SpecialProcedure; until: string; comment?: string };
  resume: { comment?: string };
  issue: { method: ResultMethod; trackingNumber?: string; carrier?: string; comment?: string };
  close: { comment?: string };
  comment: { text: string };
  cc: { users: string[]; comment?: string };
}

/** One entry of the history; `seq` counts from 1, `at` is an ISO instant. */
export type CaseAction = {
  [T in ActionType]: { seq: number; type: T; actorId: string; at: string; payload: ActionPayloads[T] };
}[ActionType];

export type ActionOf<T extends ActionType> = Extract<CaseAction, { type: T }>;

/** The status a supplement returns the case to. */
export type ReturnStatus = Extract<CaseStatus, 'submitted' | 'preReviewed' | 'inReview'>;
