import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { type ActorScope, loadActorScope, whereInScope } from '../identity/organisations/data-scope.js';
import { Permissions } from '../identity/permissions.js';
import { diffGuides } from './diff.js';
import { checkGuide } from './guide-rules.js';
import { reach } from './item-service.js';
import * as repo from './repo.js';
import type { ListManagedItemsQuery, VersionView } from './schema.js';
import { fieldErrors, parseCursor, requireActor, toPage } from './support.js';
import { itemSummary, versionSummary, versionView } from './views.js';

const READ = Permissions.catalogItemRead;

/** 事项查询 for the back office: lists, versions, diffs and a dry-run validation, within the read scope. */
export class ItemQueryService {
  constructor(private readonly db: Db) {}

  private scope(ctx: RequestContext): Promise<ActorScope> {
    return loadActorScope(this.db, requireActor(ctx));
  }

  /** Implementation lists in scope; `status` keeps items having a version in that status (审核队列: submitted). */
  async list(ctx: RequestContext, query: ListManagedItemsQuery) {
    const actor = await this.scope(ctx);
    let qb = whereInScope(repo.items(this.db), { actor, permission: READ }, repo.itemScopeColumns);
    if (query.departmentId) qb = qb.where('i.department_id', '=', query.departmentId);
    if (query.basicItemId) qb = qb.where('i.basic_item_id', '=', query.basicItemId);
    if (query.status) {
      const status = query.status;
      qb = qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom('catalog_item_versions as v')
            .select('v.id')
            .whereRef('v.item_id', '=', 'i.id')
            .where('v.status', '=', status),
        ),
      );
    }
    if (query.q) {
      const needle = query.q.trim();
      qb = qb.where(
        sql<boolean>`(position(${needle} in i.code) > 0 or position(${needle} in b.name) > 0 or exists (
          select 1 from catalog_item_versions v where v.item_id = i.id and position(${needle} in v.guide->>'name') > 0))`,
      );
    }
    const after = parseCursor(query.cursor);
    if (after) qb = qb.where('i.id', '>', after);
    const rows = await qb
      .orderBy('i.id')
      .limit(query.limit + 1)
      .execute();
    const versions = await repo.liveAndOpen(
      this.db,
      rows.slice(0, query.limit).map((r) => r.id),
    );
    return toPage(
      rows,
      query.limit,
      (row) => itemSummary(row, versions.get(row.id)),
      (row) => row.id,
    );
  }

  async get(ctx: RequestContext, itemId: string) {
    const actor = await this.scope(ctx);
    const item = reach(actor, READ, await repo.findItem(this.db, itemId));
    const versions = await repo.versionsOf(this.db, itemId);
    const refs = await repo.liveAndOpen(this.db, [itemId]);
    return {
      ...itemSummary(item, refs.get(itemId)),
      cancelReason: item.cancel_reason,
      versions: versions.map(versionSummary),
    };
  }

  async listVersions(ctx: RequestContext, itemId: string) {
    const actor = await this.scope(ctx);
    reach(actor, READ, await repo.findItem(this.db, itemId));
    const versions = await repo.versionsOf(this.db, itemId);
    return { items: versions.map(versionSummary), nextCursor: null };
  }

  async getVersion(ctx: RequestContext, versionId: string): Promise<VersionView> {
    const actor = await this.scope(ctx);
    const version = await repo.findVersion(this.db, versionId);
    if (!version) throw new DomainError('CATALOG_VERSION_NOT_FOUND');
    const item = reach(
      actor,
      READ,
      await repo.findItem(this.db, version.item_id),
      'CATALOG_VERSION_NOT_FOUND',
    );
    return versionView(version, item, await repo.eventsOf(this.db, versionId));
  }

  /** What submit or publish would refuse (every problem), without changing anything. */
  async validate(ctx: RequestContext, versionId: string) {
    const version = await this.getVersion(ctx, versionId);
    const problems = checkGuide(version.guide);
    const errors = fieldErrors(problems).map((e, i) => ({ ...e, code: problems[i]!.code }));
    return { valid: problems.length === 0, errors };
  }

  /** Field-level differences between two versions of one item (by version number). */
  async diff(ctx: RequestContext, itemId: string, from: number, to: number) {
    const actor = await this.scope(ctx);
    reach(actor, READ, await repo.findItem(this.db, itemId));
    const [before, after] = await Promise.all([
      repo.versionByNumber(this.db, itemId, from),
      repo.versionByNumber(this.db, itemId, to),
    ]);
    if (!before || !after)
      throw new DomainError('CATALOG_VERSION_NOT_FOUND', {}, `version ${!before ? from : to}`);
    const ref = (v: repo.VersionRow) => ({ id: v.id, number: v.number, status: v.status });
    return { from: ref(before), to: ref(after), ...diffGuides(before.guide, after.guide) };
  }
}
