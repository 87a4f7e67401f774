import { sql } from 'kysely';
import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { toJson } from '../../platform/db/tables.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { pinFieldOrder } from '../../shared/catalog/forms.js';
import {
  type ActorScope,
  canSee,
  loadActorScope,
  whereInScope,
} from '../identity/organisations/data-scope.js';
import { findDepartment } from '../identity/organisations/repo.js';
import { Permissions } from '../identity/permissions.js';
import { checkBundle, type MemberFacts } from './bundle-rules.js';
import type {
  BundleView,
  CreateBundleRequest,
  ListBundlesQuery,
  UpdateBundleRequest,
} from './bundle-schema.js';
import { visibleRegionCodes } from './guide-service.js';
import { iso, mapConflicts, parseCursor, refuse, requireActor, toPage } from './support.js';

const READ = Permissions.catalogItemRead;
const MANAGE = Permissions.catalogBundleManage;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function bundles(db: Db | Trx) {
  return db
    .selectFrom('catalog_bundles as k')
    .innerJoin('departments as d', 'd.id', 'k.department_id')
    .innerJoin('regions as r', 'r.code', 'k.region_code')
    .selectAll('k')
    .select(['d.name as department_name', 'd.path', 'r.path as region_path', 'r.name as region_name']);
}
type BundleRow = NonNullable<Awaited<ReturnType<ReturnType<typeof bundles>['executeTakeFirst']>>>;

/**
 * 一件事 — a lead department defines a bundle of published items (across departments) with one shared form
 * mapped onto each member's form and the order the members are dispatched in. Citizens list active
 * bundles of their region and above; the lead department's staff (catalog:bundle:manage) maintain them.
 */
export class BundleService {
  constructor(private readonly db: Db) {}

  /** Public: active bundles visible from `regionCode` (the region and its ancestors). */
  async listPublic(query: ListBundlesQuery) {
    return this.page(bundles(this.db).where('k.status', '=', 'active'), query);
  }

  async getPublic(idOrCode: string): Promise<BundleView> {
    const qb = bundles(this.db).where('k.status', '=', 'active');
    const row = await (UUID.test(idOrCode)
      ? qb.where('k.id', '=', idOrCode)
      : qb.where('k.code', '=', idOrCode)
    ).executeTakeFirst();
    if (!row) throw new DomainError('CATALOG_BUNDLE_NOT_FOUND');
    return this.view(this.db, row);
  }

  async list(ctx: RequestContext, query: ListBundlesQuery) {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    const qb = whereInScope(
      bundles(this.db),
      { actor, permission: READ },
      {
        departmentId: 'k.department_id',
        departmentPath: 'd.path',
        regionPath: 'r.path',
      },
    );
    return this.page(qb, query);
  }

  async get(ctx: RequestContext, id: string): Promise<BundleView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    return this.view(
      this.db,
      reach(actor, READ, await bundles(this.db).where('k.id', '=', id).executeTakeFirst()),
    );
  }

  async create(ctx: RequestContext, input: CreateBundleRequest): Promise<BundleView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const id = uuidv7();
        await this.save(trx, actor, id, input, true);
        await appendAudit(trx, ctx, {
          action: 'catalog.createBundle',
          target: { type: 'catalogBundle', id },
          details: { code: input.code, name: input.name, members: input.members.map((m) => m.itemId) },
          change: input,
        });
        return this.view(trx, (await bundles(trx).where('k.id', '=', id).executeTakeFirst())!);
      }),
    );
  }

  /** Replaces the whole definition (members and their order included), validated like a new one. */
  async update(ctx: RequestContext, id: string, input: UpdateBundleRequest): Promise<BundleView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    return withTransaction(this.db, async (trx) => {
      const existing = reach(actor, MANAGE, await bundles(trx).where('k.id', '=', id).executeTakeFirst());
      await this.save(trx, actor, id, { ...input, code: existing.code }, false);
      await appendAudit(trx, ctx, {
        action: 'catalog.updateBundle',
        target: { type: 'catalogBundle', id },
        details: { code: existing.code, members: input.members.map((m) => m.itemId) },
        change: input,
      });
      return this.view(trx, (await bundles(trx).where('k.id', '=', id).executeTakeFirst())!);
    });
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    await withTransaction(this.db, async (trx) => {
      const existing = reach(actor, MANAGE, await bundles(trx).where('k.id', '=', id).executeTakeFirst());
      await trx.deleteFrom('catalog_bundles').where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'catalog.deleteBundle',
        target: { type: 'catalogBundle', id },
        details: { code: existing.code, name: existing.name },
      });
    });
  }

  /** Validates and writes a bundle; `actor` null skips the scope check (demo loader). */
  async save(trx: Trx, actor: ActorScope | null, id: string, input: CreateBundleRequest, insert: boolean) {
    const department = await findDepartment(trx, input.departmentId);
    const reachable =
      department &&
      (!actor ||
        canSee(actor, MANAGE, { departmentPath: department.path, regionPath: department.region_path }));
    if (!department || !reachable) throw new DomainError('DEPARTMENT_NOT_FOUND');
    const problems = checkBundle(
      input,
      await memberFacts(
        trx,
        input.members.map((m) => m.itemId),
      ),
    );
    if (problems.length) refuse('CATALOG_BUNDLE_INVALID', problems);
    const values = {
      name: input.name.trim(),
      description: input.description ?? '',
      object_type: input.objectType,
      department_id: department.id,
      region_code: department.region_code,
      themes: toJson(input.themes ?? []),
      form: toJson(pinFieldOrder(input.form)),
      status: input.status ?? 'active',
    };
    if (insert)
      await trx
        .insertInto('catalog_bundles')
        .values({ id, code: input.code, ...values })
        .execute();
    else {
      await trx
        .updateTable('catalog_bundles')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await trx.deleteFrom('catalog_bundle_members').where('bundle_id', '=', id).execute();
    }
    await trx
      .insertInto('catalog_bundle_members')
      .values(
        input.members.map((m, i) => ({
          bundle_id: id,
          position: i + 1,
          item_id: m.itemId,
          field_map: toJson(m.fieldMap),
        })),
      )
      .execute();
  }

  /** Filters (the region and the regions above it, the service object), then one page by id. */
  private async page(qb: ReturnType<typeof bundles>, query: ListBundlesQuery) {
    if (query.regionCode)
      qb = qb.where('k.region_code', 'in', await visibleRegionCodes(this.db, query.regionCode));
    if (query.objectType) qb = qb.where('k.object_type', 'in', [query.objectType, 'both']);
    const after = parseCursor(query.cursor);
    const rows = await (after ? qb.where('k.id', '>', after) : qb)
      .orderBy('k.id')
      .limit(query.limit + 1)
      .execute();
    const views = await Promise.all(rows.slice(0, query.limit).map((row) => this.view(this.db, row)));
    return toPage(
      views,
      query.limit,
      (v) => v,
      (v) => v.id,
    );
  }

  private async view(db: Db | Trx, row: BundleRow): Promise<BundleView> {
    const members = await db
      .selectFrom('catalog_bundle_members as m')
      .innerJoin('catalog_items as i', 'i.id', 'm.item_id')
      .innerJoin('departments as d', 'd.id', 'i.department_id')
      .leftJoin('catalog_search_entries as e', 'e.item_id', 'i.id')
      .select(['m.position', 'm.item_id', 'm.field_map', 'i.code', 'd.name as department_name', 'e.name'])
      .select(
        sql<string>`(select guide->>'name' from catalog_item_versions v where v.item_id = i.id
        order by number desc limit 1)`.as('latest_name'),
      )
      .where('m.bundle_id', '=', row.id)
      .orderBy('m.position')
      .execute();
    return {
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      objectType: row.object_type,
      departmentId: row.department_id,
      departmentName: row.department_name,
      regionCode: row.region_code,
      regionName: row.region_name,
      themes: row.themes,
      form: row.form,
      status: row.status,
      members: members.map((m) => ({
        position: m.position,
        itemId: m.item_id,
        itemCode: m.code,
        itemName: m.name ?? m.latest_name,
        departmentName: m.department_name,
        acceptingApplications: m.name != null,
        fieldMap: m.field_map,
      })),
      createdAt: iso(row.created_at)!,
      updatedAt: iso(row.updated_at)!,
    };
  }
}

/** For each member id: whether it is published (and not cancelled) and its published form. */
async function memberFacts(trx: Trx, itemIds: readonly string[]): Promise<Map<string, MemberFacts>> {
  const facts = new Map<string, MemberFacts>();
  if (itemIds.length === 0) return facts;
  const rows = await trx
    .selectFrom('catalog_items as i')
    .leftJoin('catalog_item_versions as v', (join) =>
      join.onRef('v.item_id', '=', 'i.id').on('v.status', '=', 'published'),
    )
    .select(['i.id', 'i.cancelled_at', 'v.id as version_id', sql<unknown>`v.guide->'form'`.as('form')])
    .where('i.id', 'in', [...itemIds])
    .execute();
  for (const row of rows)
    facts.set(row.id, {
      published: row.version_id != null && row.cancelled_at == null,
      form: row.form ?? null,
    });
  return facts;
}

function reach(actor: ActorScope, permission: string, row: BundleRow | undefined): BundleRow {
  if (row && canSee(actor, permission, { departmentPath: row.path, regionPath: row.region_path })) return row;
  throw new DomainError('CATALOG_BUNDLE_NOT_FOUND');
}
