/**
 * 办件状态 — the lifecycle of a case (统一受理 §7.4 of the Lot 1 tender, issue 5). A status is where the case
 * is in its life; where it is in the item's workflow (审查, 审核, 审批 …) is the step, kept beside it.
 *
 * ```
 * draft ─submit→ submitted ─preReview→ preReviewed
 * submitted|preReviewed ─accept→ inReview (受理: the clock starts, the first review step begins)
 *                       ─reject→ notAccepted (不予受理, reason required)
 * submitted|preReviewed|inReview ─requestSupplement→ supplementPending ─supplement→ back where it was
 *                                                                     ─void (deadline passed)→ voided
 * submitted|preReviewed|supplementPending|inReview|suspended ─withdraw→ withdrawn (before a decision)
 * inReview ─suspend (特别程序)→ suspended ─resume→ inReview
 * inReview ─approve at the decision step→ approved │ ─deny→ denied │ ─terminate→ terminated (also from suspended)
 * approved|denied ─issue (制证/出件)→ resultIssued ─close (领取/送达)→ closed
 * ```
 */
export const CASE_STATUSES = [
  'draft',
  'submitted',
  'preReviewed',
  'supplementPending',
  'notAccepted',
  'withdrawn',
  'voided',
  'inReview',
  'suspended',
  'approved',
  'denied',
  'terminated',
  'resultIssued',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Statuses no action leaves. */
export const FINAL_STATUSES: ReadonlySet<CaseStatus> = new Set([
  'notAccepted',
  'withdrawn',
  'voided',
  'terminated',
  'closed',
]);

/** Before 受理: the acceptance step's staff handle the case, the time-limit clock has not started. */
export const BEFORE_ACCEPTANCE: ReadonlySet<CaseStatus> = new Set(['submitted', 'preReviewed']);

/** Every status change an action may make: the transition table the fold is checked against. */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  draft: ['submitted'],
  submitted: ['preReviewed', 'inReview', 'notAccepted', 'supplementPending', 'withdrawn', 'approved'],
  preReviewed: ['inReview', 'notAccepted', 'supplementPending', 'withdrawn'],
  supplementPending: ['submitted', 'preReviewed', 'inReview', 'voided', 'withdrawn'],
  inReview: ['supplementPending', 'suspended', 'approved', 'denied', 'terminated', 'withdrawn'],
  suspended: ['inReview', 'terminated', 'withdrawn'],
  approved: ['resultIssued'],
  denied: ['resultIssued'],
  resultIssued: ['closed'],
  notAccepted: [],
  withdrawn: [],
  voided: [],
  terminated: [],
  closed: [],
};

export function transitionAllowed(from: CaseStatus, to: CaseStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/**
 * What the applicant sees (申请人可见状态), following the names of the national portal: the staff-side
 * statuses collapse into fewer, plainer ones.
 */
export const APPLICANT_STATUS: Readonly<Record<CaseStatus, string>> = {
  draft: 'draft',
  submitted: 'received',
  preReviewed: 'received',
  supplementPending: 'supplementRequired',
  notAccepted: 'notAccepted',
  withdrawn: 'withdrawn',
  voided: 'voided',
  inReview: 'inProgress',
  suspended: 'inProgress',
  approved: 'decided',
  denied: 'decided',
  terminated: 'terminated',
  resultIssued: 'resultIssued',
  closed: 'completed',
};
