import type { VersionStatus } from './migrations.js';

/**
 * 版本状态 — what may happen to an implementation list version next, as a table:
 *
 *   draft ─submit→ submitted ─approve→ reviewed ─publish→ published ⇄ suspended
 *     ↑                 │reject                               │ publish of a newer version → superseded
 *     └─────────────────┘
 *   cancelling the item moves its live and open versions to cancelled; nothing leaves cancelled or superseded.
 *
 * Only a draft is edited; a published version never changes again (a new draft is copied from the latest
 * version instead). `supersede` is done by publishing another version, never asked for directly.
 */
export const versionActions = {
  edit: { from: ['draft'], to: 'draft' },
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'reviewed' },
  reject: { from: ['submitted'], to: 'draft' },
  publish: { from: ['reviewed'], to: 'published' },
  suspend: { from: ['published'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'published' },
  cancel: { from: ['draft', 'submitted', 'reviewed', 'published', 'suspended'], to: 'cancelled' },
  supersede: { from: ['published', 'suspended'], to: 'superseded' },
} as const satisfies Record<string, { from: readonly VersionStatus[]; to: VersionStatus }>;

export type VersionAction = keyof typeof versionActions;

/** Versions in the works: at most one per item. */
export const OPEN_STATUSES: readonly VersionStatus[] = ['draft', 'submitted', 'reviewed'];
/** The version citizens see (suspended: shown, but not accepting applications): at most one per item. */
export const LIVE_STATUSES: readonly VersionStatus[] = ['published', 'suspended'];

export function canApply(action: VersionAction, status: VersionStatus): boolean {
  return (versionActions[action].from as readonly VersionStatus[]).includes(status);
}

/** The actions a version in `status` allows (for the UI's buttons). */
export function availableActions(status: VersionStatus): VersionAction[] {
  return (Object.keys(versionActions) as VersionAction[]).filter(
    (action) => action !== 'supersede' && canApply(action, status),
  );
}
