import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { type ActorScope, loadActorScope } from '../identity/organisations/data-scope.js';
import { Permissions } from '../identity/permissions.js';
import { checkGuide } from './guide-rules.js';
import { reach } from './item-service.js';
import * as repo from './repo.js';
import type { ReviewRequest, VersionView } from './schema.js';
import { refreshSearchEntry } from './search-repo.js';
import { refuse, requireActor } from './support.js';
import { canApply, LIVE_STATUSES, type VersionAction, versionActions } from './version-states.js';
import { versionView } from './views.js';

const MANAGE = Permissions.catalogItemManage;
const REVIEW = Permissions.catalogItemReview;

/**
 * 审核发布 — submit (the author), review and publish (someone else: four-eyes), suspend, resume and
 * cancel. Each moves a version along the table in version-states.ts under a lock on its item; submit
 * and publish validate the whole guide first and refuse with every problem, writing nothing.
 */
export class PublicationService {
  constructor(private readonly db: Db) {}

  private scope(ctx: RequestContext): Promise<ActorScope> {
    return loadActorScope(this.db, requireActor(ctx));
  }

  async submit(ctx: RequestContext, versionId: string): Promise<VersionView> {
    return this.move(ctx, versionId, 'submit', MANAGE, async (trx, version) => {
      const problems = checkGuide(version.guide);
      if (problems.length) refuse('CATALOG_VERSION_INVALID', problems);
      await trx
        .updateTable('catalog_item_versions')
        .set({ status: 'submitted', submitted_by: repo.realUser(ctx), submitted_at: new Date() })
        .where('id', '=', version.id)
        .execute();
      return { count: problems.length };
    });
  }

  async review(ctx: RequestContext, versionId: string, input: ReviewRequest): Promise<VersionView> {
    const comment = input.comment?.trim() || null;
    if (input.decision === 'reject' && !comment)
      throw new DomainError('VALIDATION_FAILED', {}, 'a rejection explains itself', [
        { field: 'body.comment', message: 'required when rejecting' },
      ]);
    const action = input.decision === 'approve' ? 'approve' : 'reject';
    return this.move(ctx, versionId, action, REVIEW, async (trx, version) => {
      fourEyes(ctx, version);
      await trx
        .updateTable('catalog_item_versions')
        .set({
          status: versionActions[action].to,
          reviewed_by: repo.realUser(ctx),
          reviewed_at: new Date(),
          review_comment: comment,
        })
        .where('id', '=', version.id)
        .execute();
      return { comment };
    });
  }

  /** Publishes a reviewed version; the version published before it (if any) becomes `superseded`. */
  async publish(ctx: RequestContext, versionId: string): Promise<VersionView> {
    return this.move(ctx, versionId, 'publish', REVIEW, async (trx, version) => {
      fourEyes(ctx, version);
      const problems = checkGuide(version.guide);
      if (problems.length) refuse('CATALOG_VERSION_INVALID', problems);
      const now = new Date();
      const live = (await repo.versionsOf(trx, version.item_id)).find((v) =>
        LIVE_STATUSES.includes(v.status),
      );
      if (live) {
        await trx
          .updateTable('catalog_item_versions')
          .set({ status: 'superseded', ended_at: now })
          .where('id', '=', live.id)
          .execute();
        await repo.recordEvent(trx, ctx, live, 'supersede', `superseded by version ${version.number}`);
      }
      await trx
        .updateTable('catalog_item_versions')
        .set({ status: 'published', published_by: repo.realUser(ctx), published_at: now })
        .where('id', '=', version.id)
        .execute();
      await refreshSearchEntry(trx, version.item_id);
      return { superseded: live?.number ?? null };
    });
  }

  /** 暂停办理: the guide stays readable, applications stop until resumed. */
  suspend(ctx: RequestContext, itemId: string, reason: string): Promise<VersionView> {
    return this.moveLive(ctx, itemId, 'suspend', reason);
  }

  resume(ctx: RequestContext, itemId: string): Promise<VersionView> {
    return this.moveLive(ctx, itemId, 'resume', null);
  }

  /** 取消: the item leaves the catalogue for good; its versions stay for the cases that used them. */
  async cancel(ctx: RequestContext, itemId: string, reason: string): Promise<VersionView> {
    const actor = await this.scope(ctx);
    return withTransaction(this.db, async (trx) => {
      const item = reach(actor, REVIEW, await repo.findItem(trx, itemId));
      await repo.lockItem(trx, itemId);
      if (item.cancelled_at) throw new DomainError('CATALOG_ITEM_CANCELLED');
      const now = new Date();
      const affected = (await repo.versionsOf(trx, itemId)).filter((v) => canApply('cancel', v.status));
      for (const version of affected) {
        await trx
          .updateTable('catalog_item_versions')
          .set({ status: 'cancelled', ended_at: now })
          .where('id', '=', version.id)
          .execute();
        await repo.recordEvent(trx, ctx, version, 'cancel', reason);
      }
      await trx
        .updateTable('catalog_items')
        .set({ cancelled_at: now, cancel_reason: reason })
        .where('id', '=', itemId)
        .execute();
      await refreshSearchEntry(trx, itemId);
      await appendAudit(trx, ctx, {
        action: 'catalog.cancelItem',
        target: { type: 'catalogItem', id: itemId },
        details: { code: item.code, reason, versions: affected.map((v) => v.number) },
      });
      const latest = (await repo.latestVersion(trx, itemId))!;
      return versionView(latest, { ...item, cancelled_at: now }, await repo.eventsOf(trx, latest.id));
    });
  }

  private async moveLive(
    ctx: RequestContext,
    itemId: string,
    action: 'suspend' | 'resume',
    reason: string | null,
  ) {
    const actor = await this.scope(ctx);
    const item = reach(actor, REVIEW, await repo.findItem(this.db, itemId));
    const live = (await repo.versionsOf(this.db, itemId)).find((v) => LIVE_STATUSES.includes(v.status));
    if (!live)
      throw new DomainError('CATALOG_ILLEGAL_TRANSITION', {}, `${item.code} has no published version`);
    return this.move(ctx, live.id, action, REVIEW, async (trx, version) => {
      await trx
        .updateTable('catalog_item_versions')
        .set({ status: versionActions[action].to })
        .where('id', '=', version.id)
        .execute();
      await refreshSearchEntry(trx, itemId);
      return { reason };
    });
  }

  /**
   * One transition: the item reached through `permission`, locked, the version re-read under the lock
   * and checked against the table, then `apply` (which may refuse), the event, and the audit record last.
   */
  private async move(
    ctx: RequestContext,
    versionId: string,
    action: VersionAction,
    permission: string,
    apply: (trx: Trx, version: repo.VersionRow) => Promise<Record<string, unknown>>,
  ): Promise<VersionView> {
    const actor = await this.scope(ctx);
    return withTransaction(this.db, async (trx) => {
      const found = await repo.findVersion(trx, versionId);
      if (!found) throw new DomainError('CATALOG_VERSION_NOT_FOUND');
      const item = reach(
        actor,
        permission,
        await repo.findItem(trx, found.item_id),
        'CATALOG_VERSION_NOT_FOUND',
      );
      await repo.lockItem(trx, item.id);
      const version = (await repo.findVersion(trx, versionId))!;
      if (item.cancelled_at) throw new DomainError('CATALOG_ITEM_CANCELLED');
      if (!canApply(action, version.status))
        throw new DomainError(
          'CATALOG_ILLEGAL_TRANSITION',
          { status: version.status, action },
          `${action} of a ${version.status} version`,
        );
      const details = await apply(trx, version);
      const comment =
        typeof details.comment === 'string' ? details.comment : ((details.reason as string | null) ?? null);
      await repo.recordEvent(trx, ctx, version, action, comment);
      await appendAudit(trx, ctx, {
        action: `catalog.${action}ItemVersion`,
        target: { type: 'catalogItemVersion', id: version.id },
        details: {
          itemId: item.id,
          code: item.code,
          number: version.number,
          from: version.status,
          ...details,
        },
      });
      const updated = (await repo.findVersion(trx, versionId))!;
      return versionView(updated, item, await repo.eventsOf(trx, versionId));
    });
  }
}

/** 审核 by someone else: the reviewer or publisher wrote, last edited and submitted none of it. */
function fourEyes(ctx: RequestContext, version: repo.VersionRow) {
  const me = repo.realUser(ctx);
  if (me && [version.created_by, version.updated_by, version.submitted_by].includes(me))
    throw new DomainError('CATALOG_FOUR_EYES');
}
