import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Trx } from '../../../platform/db/transaction.js';
import type { DataScope } from '../../../platform/http/context.js';
import type { ResourceDefinition } from '../permissions.js';

type Conn = Db | Trx;

/** Upserts the resource tree (parents first); never deletes, so grants of retired codes stay readable. */
export async function upsertResources(trx: Trx, resources: readonly ResourceDefinition[]) {
  for (const r of resources) {
    await trx
      .insertInto('resources')
      .values({ code: r.code, parent_code: r.parentCode, name: r.name, kind: r.kind, sort: r.sort })
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet({ parent_code: r.parentCode, name: r.name, kind: r.kind, sort: r.sort }),
      )
      .execute();
  }
}

export function resources(db: Conn) {
  return db.selectFrom('resources').selectAll().orderBy('sort').orderBy('code').execute();
}

export async function knownResourceCodes(db: Conn, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('resources')
    .select('code')
    .where('code', 'in', [...codes])
    .execute();
  return new Set(rows.map((r) => r.code));
}

export function findGroup(db: Conn, id: string) {
  return db.selectFrom('role_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function groups(db: Conn, filter: { after?: string | null; id?: string }, limit: number) {
  let qb = db
    .selectFrom('role_groups as g')
    .select([
      'g.id',
      'g.name',
      'g.builtin',
      'g.created_at',
      sql<number>`(select count(*)::int from roles r where r.group_id = g.id)`.as('role_count'),
    ]);
  if (filter.after) qb = qb.where('g.id', '>', filter.after);
  if (filter.id) qb = qb.where('g.id', '=', filter.id);
  return qb.orderBy('g.id').limit(limit).execute();
}

export function findRole(db: Conn, id: string) {
  return db.selectFrom('roles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function roles(db: Conn, filter: { groupId?: string; after: string | null }, limit: number) {
  let qb = db.selectFrom('roles').selectAll();
  if (filter.groupId) qb = qb.where('group_id', '=', filter.groupId);
  if (filter.after) qb = qb.where('id', '>', filter.after);
  return qb.orderBy('id').limit(limit).execute();
}

export async function grantsOf(db: Conn, roleIds: readonly string[]) {
  const out = new Map<string, { permission: string; scope: DataScope }[]>();
  if (roleIds.length === 0) return out;
  const rows = await db
    .selectFrom('role_permissions')
    .select(['role_id', 'permission', 'data_scope'])
    .where('role_id', 'in', [...roleIds])
    .orderBy('permission')
    .execute();
  for (const row of rows) {
    const list = out.get(row.role_id) ?? [];
    list.push({ permission: row.permission, scope: row.data_scope });
    out.set(row.role_id, list);
  }
  return out;
}

export async function replaceGrants(
  trx: Trx,
  roleId: string,
  grants: readonly { permission: string; scope: DataScope }[],
) {
  await trx.deleteFrom('role_permissions').where('role_id', '=', roleId).execute();
  if (grants.length)
    await trx
      .insertInto('role_permissions')
      .values(grants.map(({ permission, scope }) => ({ role_id: roleId, permission, data_scope: scope })))
      .execute();
}

export async function holderCount(db: Conn, roleId: string): Promise<number> {
  const row = await db
    .selectFrom('user_roles')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('role_id', '=', roleId)
    .executeTakeFirstOrThrow();
  return row.n;
}
