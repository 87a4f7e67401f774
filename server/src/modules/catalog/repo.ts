import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { Trx } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';

type Conn = Db | Trx;

/**
 * SQL for the catalogue's own tables. Implementation lists are located by their department: the joins to
 * identity's `departments` and `regions` give the path and region path the data-scope rules need, and the
 * names lists show (read only).
 */
export function items(db: Conn) {
  return db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_basic_items as b', 'b.id', 'i.basic_item_id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .innerJoin('regions as r', 'r.code', 'i.region_code')
    .select([
      'i.id',
      'i.code',
      'i.basic_item_id',
      'b.code as basic_code',
      'b.name as basic_name',
      'b.item_type',
      'b.legal_basis',
      'i.department_id',
      'd.name as department_name',
      'd.path',
      'r.path as region_path',
      'i.region_code',
      'r.name as region_name',
      'i.cancelled_at',
      'i.cancel_reason',
      'i.created_at',
    ]);
}

export const itemScopeColumns = {
  departmentId: 'i.department_id',
  departmentPath: 'd.path',
  regionPath: 'r.path',
} as const;

export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

export function findItem(db: Conn, id: string) {
  return items(db).where('i.id', '=', id).executeTakeFirst();
}

/** Locks the item row: every change of an item's versions is serialised on it. */
export async function lockItem(trx: Trx, id: string): Promise<void> {
  await trx.selectFrom('catalog_items').select('id').where('id', '=', id).forUpdate().execute();
}

export function findVersion(db: Conn, id: string) {
  return db.selectFrom('catalog_item_versions').selectAll().where('id', '=', id).executeTakeFirst();
}
export type VersionRow = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

export function versionsOf(db: Conn, itemId: string) {
  return db
    .selectFrom('catalog_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('number', 'desc')
    .execute();
}

export function latestVersion(db: Conn, itemId: string) {
  return db
    .selectFrom('catalog_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function versionByNumber(db: Conn, itemId: string, number: number) {
  return db
    .selectFrom('catalog_item_versions')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** The live (published or suspended) and open (draft, submitted, reviewed) version of each item. */
export async function liveAndOpen(db: Conn, itemIds: readonly string[]) {
  if (itemIds.length === 0) return new Map<string, { live?: VersionRef; open?: VersionRef; name?: string }>();
  const rows = await db
    .selectFrom('catalog_item_versions')
    .select(['id', 'item_id', 'number', 'status', sql<string>`guide->>'name'`.as('name')])
    .where('item_id', 'in', itemIds)
    .where('status', 'in', ['published', 'suspended', 'draft', 'submitted', 'reviewed'])
    .execute();
  const out = new Map<string, { live?: VersionRef; open?: VersionRef; name?: string }>();
  for (const row of rows) {
    const entry = out.get(row.item_id) ?? {};
    const ref = { id: row.id, number: row.number, status: row.status };
    if (row.status === 'published' || row.status === 'suspended') entry.live = ref;
    else entry.open = ref;
    // the open version's name is the newest
    if (!entry.name || row.status === 'draft' || row.status === 'submitted' || row.status === 'reviewed')
      entry.name = row.name;
    out.set(row.item_id, entry);
  }
  return out;
}
export interface VersionRef {
  id: string;
  number: number;
  status: VersionRow['status'];
}

export async function recordEvent(
  trx: Trx,
  ctx: RequestContext,
  version: { id: string; item_id: string },
  action: string,
  comment: string | null = null,
) {
  await trx
    .insertInto('catalog_version_events')
    .values({
      id: uuidv7(),
      version_id: version.id,
      item_id: version.item_id,
      action,
      actor_id: realUser(ctx),
      actor_name: ctx.actor?.displayName ?? null,
      comment,
    })
    .execute();
}

export function eventsOf(db: Conn, versionId: string) {
  return db
    .selectFrom('catalog_version_events')
    .select(['action', 'actor_name', 'comment', 'at'])
    .where('version_id', '=', versionId)
    .orderBy('id')
    .execute();
}

/** The acting user's id, or null for system work (whose actor id is not a uuid). */
export function realUser(ctx: RequestContext): string | null {
  const id = ctx.actor?.userId;
  return id && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}
