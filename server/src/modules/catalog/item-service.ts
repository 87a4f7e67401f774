import { appendAudit } from '../../platform/audit/ledger.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { toJson } from '../../platform/db/tables.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { pinFieldOrder } from '../../shared/catalog/forms.js';
import { type ActorScope, canSee, loadActorScope } from '../identity/organisations/data-scope.js';
import { findDepartment } from '../identity/organisations/repo.js';
import { Permissions } from '../identity/permissions.js';
import type { BasicItemService } from './basic-service.js';
import { departmentCodePart, implementationCode } from './codes.js';
import type { ItemGuide } from './guide-schema.js';
import * as repo from './repo.js';
import type { CreateItemDraftRequest, VersionView } from './schema.js';
import { lockCodes, mapConflicts, requireActor } from './support.js';
import { OPEN_STATUSES } from './version-states.js';
import { versionView } from './views.js';

const MANAGE = Permissions.catalogItemManage;

/**
 * 实施清单编制 — creating an implementation list and editing its drafts. Every write needs the item's
 * department inside the caller's scope for `catalog:item:manage`; anything else answers 404.
 */
export class ItemDraftService {
  constructor(
    private readonly db: Db,
    private readonly basics: BasicItemService,
  ) {}

  scope(ctx: RequestContext): Promise<ActorScope> {
    return loadActorScope(this.db, requireActor(ctx));
  }

  /** A new implementation list (code assigned by the rule in codes.ts) with version 1 as a draft. */
  async createDraft(ctx: RequestContext, input: CreateItemDraftRequest): Promise<VersionView> {
    const actor = await this.scope(ctx);
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const { itemId, versionId } = await this.insertItem(trx, ctx, actor, input);
        const version = (await repo.findVersion(trx, versionId))!;
        const item = (await repo.findItem(trx, itemId))!;
        await repo.recordEvent(trx, ctx, version, 'create');
        await appendAudit(trx, ctx, {
          action: 'catalog.createItemDraft',
          target: { type: 'catalogItem', id: itemId },
          details: { code: item.code, versionId, departmentId: item.department_id },
          change: version.guide,
        });
        return versionView(version, item, await repo.eventsOf(trx, versionId));
      }),
    );
  }

  /** Inserts the item and its first draft; `actor` null skips the scope check (demo loader). */
  async insertItem(trx: Trx, ctx: RequestContext, actor: ActorScope | null, input: CreateItemDraftRequest) {
    const department = await findDepartment(trx, input.departmentId);
    const reachable =
      department &&
      (!actor ||
        canSee(actor, MANAGE, { departmentPath: department.path, regionPath: department.region_path }));
    if (!department || !reachable) throw new DomainError('DEPARTMENT_NOT_FOUND');
    const basic = await this.basics.find(trx, input.basicItemId);
    if (basic.status !== 'active') throw new DomainError('CATALOG_BASIC_ITEM_DISABLED');
    const departmentCode = departmentCodePart(department.code);
    if (!departmentCode) throw new DomainError('CATALOG_DEPARTMENT_CODE_MISSING');
    await lockCodes(trx);
    const last = await trx
      .selectFrom('catalog_items')
      .select((eb) => eb.fn.max('sequence').as('sequence'))
      .where('basic_item_id', '=', basic.id)
      .where('department_id', '=', department.id)
      .executeTakeFirst();
    const sequence = Number(last?.sequence ?? 0) + 1;
    if (sequence > 99) throw new DomainError('CATALOG_SEQUENCE_EXHAUSTED');
    const itemId = uuidv7();
    const code = implementationCode({
      basicCode: basic.code,
      regionCode: department.region_code,
      departmentCode,
      sequence,
    });
    await trx
      .insertInto('catalog_items')
      .values({
        id: itemId,
        code,
        basic_item_id: basic.id,
        department_id: department.id,
        region_code: department.region_code,
        sequence,
        cancelled_at: null,
        cancel_reason: null,
        created_by: repo.realUser(ctx),
      })
      .execute();
    const guide: ItemGuide = {
      ...input.guide,
      name: input.guide.name?.trim() || basic.name,
      implementingBody: input.guide.implementingBody ?? department.name,
      objectType: input.guide.objectType ?? basic.object_type,
    };
    const versionId = await insertVersion(trx, ctx, itemId, 1, guide);
    return { itemId, versionId, code };
  }

  /** 修改: a new draft copied from the latest version; one version in the works at a time. */
  async revise(ctx: RequestContext, itemId: string): Promise<VersionView> {
    const actor = await this.scope(ctx);
    return mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        const item = reach(actor, MANAGE, await repo.findItem(trx, itemId));
        if (item.cancelled_at) throw new DomainError('CATALOG_ITEM_CANCELLED');
        await repo.lockItem(trx, itemId);
        const latest = (await repo.latestVersion(trx, itemId))!;
        const open = (await repo.versionsOf(trx, itemId)).find((v) => OPEN_STATUSES.includes(v.status));
        if (open)
          throw new DomainError(
            'CATALOG_OPEN_VERSION_EXISTS',
            { versionId: open.id },
            `version ${open.number} is ${open.status}`,
          );
        const versionId = await insertVersion(trx, ctx, itemId, latest.number + 1, latest.guide);
        const version = (await repo.findVersion(trx, versionId))!;
        await repo.recordEvent(trx, ctx, version, 'revise', `copied from version ${latest.number}`);
        await appendAudit(trx, ctx, {
          action: 'catalog.reviseItem',
          target: { type: 'catalogItem', id: itemId },
          details: { versionId, number: version.number, from: latest.number },
        });
        return versionView(version, item, await repo.eventsOf(trx, versionId));
      }),
    );
  }

  /** Replaces a draft's guide. Any other status (a published version above all) → 409, nothing written. */
  async updateDraft(ctx: RequestContext, versionId: string, guide: ItemGuide): Promise<VersionView> {
    const actor = await this.scope(ctx);
    return withTransaction(this.db, async (trx) => {
      const found = await repo.findVersion(trx, versionId);
      if (!found) throw new DomainError('CATALOG_VERSION_NOT_FOUND');
      const item = reach(actor, MANAGE, await repo.findItem(trx, found.item_id), 'CATALOG_VERSION_NOT_FOUND');
      await repo.lockItem(trx, item.id);
      const version = (await repo.findVersion(trx, versionId))!;
      if (item.cancelled_at) throw new DomainError('CATALOG_ITEM_CANCELLED');
      if (version.status !== 'draft')
        throw new DomainError(
          'CATALOG_VERSION_NOT_EDITABLE',
          { status: version.status },
          `${version.status}`,
        );
      await trx
        .updateTable('catalog_item_versions')
        .set({ guide: toJson(storable(guide)), updated_by: repo.realUser(ctx), updated_at: new Date() })
        .where('id', '=', versionId)
        .execute();
      await repo.recordEvent(trx, ctx, version, 'edit');
      await appendAudit(trx, ctx, {
        action: 'catalog.updateItemDraft',
        target: { type: 'catalogItemVersion', id: versionId },
        details: { itemId: item.id, number: version.number },
        change: guide,
      });
      const updated = (await repo.findVersion(trx, versionId))!;
      return versionView(updated, item, await repo.eventsOf(trx, versionId));
    });
  }
}

/** The guide as stored: jsonb forgets key order, so the form's field order is pinned first. */
function storable(guide: ItemGuide): ItemGuide {
  return guide.form ? { ...guide, form: pinFieldOrder(guide.form) } : guide;
}

/** A new draft version `number` of an item with `guide` (revisions and Excel imports). */
export async function insertVersion(
  trx: Trx,
  ctx: RequestContext,
  itemId: string,
  number: number,
  guide: ItemGuide,
) {
  const id = uuidv7();
  const user = repo.realUser(ctx);
  await trx
    .insertInto('catalog_item_versions')
    .values({
      id,
      item_id: itemId,
      number,
      status: 'draft',
      guide: toJson(storable(guide)),
      created_by: user,
      updated_by: user,
      submitted_by: null,
      submitted_at: null,
      reviewed_by: null,
      reviewed_at: null,
      review_comment: null,
      published_by: null,
      published_at: null,
      ended_at: null,
    })
    .execute();
  return id;
}

/** An item the actor reaches through `permission`, else `notFound` (out-of-scope items stay hidden). */
export function reach(
  actor: ActorScope,
  permission: string,
  row: repo.ItemRow | undefined,
  notFound = 'CATALOG_ITEM_NOT_FOUND',
): repo.ItemRow {
  if (row && canSee(actor, permission, { departmentPath: row.path, regionPath: row.region_path })) return row;
  throw new DomainError(notFound);
}
