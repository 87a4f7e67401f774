import type { Trx } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { CaseStatus } from './domain/lifecycle.js';
import type { CaseService } from './service.js';

/** A member that ended without a result stops the 一件事: the members after it are never dispatched. */
const STOPS: ReadonlySet<CaseStatus> = new Set([
  'notAccepted',
  'denied',
  'terminated',
  'voided',
  'withdrawn',
]);
/** A member done with (its result issued or collected). */
const DONE: ReadonlySet<CaseStatus> = new Set(['resultIssued', 'closed']);

/**
 * 一件事 dispatch: members of a bundle application run as ordinary cases, one after another in the bundle's
 * order. When a member is approved the next draft member is submitted (by the platform, in the same
 * transaction); a supplement or correction of one member touches only that member. The application is
 * completed when every member has its result, and stopped when one ends without.
 */
export class BundleDispatch {
  constructor(private readonly service: CaseService) {}

  async memberMoved(trx: Trx, parentId: string, position: number, status: CaseStatus): Promise<void> {
    if (status === 'approved') {
      const next = await trx
        .selectFrom('cases')
        .select('id')
        .where('parent_id', '=', parentId)
        .where('bundle_position', '>', position)
        .where('status', '=', 'draft')
        .orderBy('bundle_position')
        .limit(1)
        .executeTakeFirst();
      if (next) await this.service.actInTrx(trx, dispatchContext(), next.id, 'submit', async () => ({}));
    }
    const members = await trx
      .selectFrom('cases')
      .select('status')
      .where('parent_id', '=', parentId)
      .execute();
    const outcome = members.some((m) => STOPS.has(m.status))
      ? 'stopped'
      : members.every((m) => DONE.has(m.status))
        ? 'completed'
        : 'inProgress';
    await trx
      .updateTable('case_bundle_applications')
      .set({ status: outcome, updated_at: new Date() })
      .where('id', '=', parentId)
      .execute();
  }

  /** cases.getBundleApplication: the application and its members in order (the applicant's, or staff who see a member). */
  async view(ctx: RequestContext, parentId: string) {
    const db = this.service.db;
    const parent = await db
      .selectFrom('case_bundle_applications')
      .selectAll()
      .where('id', '=', parentId)
      .executeTakeFirst();
    if (!parent || parent.applicant_user_id !== ctx.actor?.userId) throw new DomainError('CASE_NOT_FOUND');
    const members = await db
      .selectFrom('cases')
      .select(['id', 'number', 'status', 'item_name', 'bundle_position', 'step_name', 'submitted_at'])
      .where('parent_id', '=', parentId)
      .orderBy('bundle_position')
      .execute();
    return {
      id: parent.id,
      bundleId: parent.bundle_id,
      bundleName: parent.bundle_name,
      status: parent.status,
      createdAt: parent.created_at.toISOString(),
      members: members.map((m) => ({
        caseId: m.id,
        position: m.bundle_position ?? 0,
        number: m.number,
        status: m.status,
        itemName: m.item_name,
        stepName: m.step_name,
        submittedAt: m.submitted_at?.toISOString() ?? null,
      })),
    };
  }
}

function dispatchContext(): RequestContext {
  return {
    requestId: 'system:bundle-dispatch',
    ip: null,
    locale: 'zh-CN',
    actor: {
      userId: 'system',
      username: 'system',
      displayName: '一件事分发',
      roles: [],
      permissions: new Map(),
      sessionId: null,
    },
  };
}
