import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Trx } from '../../../platform/db/transaction.js';
import type { DataScope } from '../../../platform/http/context.js';

type Conn = Db | Trx;

/** Departments with their region's name and path. */
export function departments(db: Conn) {
  return db
    .selectFrom('departments as d')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .select([
      'd.id',
      'd.name',
      'd.code',
      'd.region_code',
      'r.name as region_name',
      'r.path as region_path',
      'd.parent_id',
      'd.path',
      'd.status',
      'd.sort',
      'd.created_at',
    ]);
}

export const departmentScopeColumns = {
  departmentId: 'd.id',
  departmentPath: 'd.path',
  regionPath: 'r.path',
} as const;

export function findDepartment(db: Conn, id: string) {
  return departments(db).where('d.id', '=', id).executeTakeFirst();
}

export async function countsOf(db: Conn, id: string) {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*)::int from departments where parent_id = ${id})`.as('children'),
      sql<number>`(select count(*)::int from staff where department_id = ${id})`.as('staff'),
    ])
    .executeTakeFirstOrThrow();
  return { children: Number(row.children), staff: Number(row.staff) };
}

/** Moves a subtree: every path starting with `oldPath` gets `newPath` instead. Returns the rows rewritten. */
export async function rewritePaths(trx: Trx, oldPath: string, newPath: string): Promise<number> {
  const result = await trx
    .updateTable('departments')
    .set({ path: sql<string>`${newPath} || substr(path, ${oldPath.length + 1})` })
    .where((eb) => eb.or([eb('path', '=', oldPath), eb('path', 'like', `${oldPath}.%`)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A hall with its department's path and region path. */
export function findHall(db: Conn, id: string) {
  return db
    .selectFrom('halls as h')
    .innerJoin('departments as d', 'd.id', 'h.department_id')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .selectAll('h')
    .select(['d.path', 'r.path as region_path'])
    .where('h.id', '=', id)
    .executeTakeFirst();
}

/** A window with its hall's department path and region path. */
export function findWindow(db: Conn, id: string) {
  return db
    .selectFrom('hall_windows as w')
    .innerJoin('halls as h', 'h.id', 'w.hall_id')
    .innerJoin('departments as d', 'd.id', 'h.department_id')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .selectAll('w')
    .select(['d.path', 'r.path as region_path'])
    .where('w.id', '=', id)
    .executeTakeFirst();
}

/** Staff with account, department, post and region path. */
export function staff(db: Conn) {
  return db
    .selectFrom('staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('departments as d', 'd.id', 's.department_id')
    .innerJoin('regions as r', 'r.code', 'd.region_code')
    .leftJoin('posts as p', 'p.id', 's.post_id')
    .select([
      's.user_id',
      's.user_id as owner',
      'u.username',
      'u.display_name',
      'u.status',
      's.department_id',
      'd.name as department_name',
      'd.path',
      'r.path as region_path',
      's.post_id',
      'p.name as post_name',
      's.phone_enc',
      's.created_at',
    ]);
}

export const staffScopeColumns = {
  owner: 's.user_id',
  departmentId: 's.department_id',
  departmentPath: 'd.path',
  regionPath: 'r.path',
} as const;

export function findStaff(db: Conn, userId: string) {
  return staff(db).where('s.user_id', '=', userId).executeTakeFirst();
}

export async function roleCodesOf(db: Conn, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, string[]>();
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.code'])
    .where('user_roles.user_id', 'in', userIds)
    .orderBy('roles.code')
    .execute();
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.code]);
  return byUser;
}

/** The roles with these ids and each one's grants. */
export async function rolesWithGrants(db: Conn, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('roles')
    .leftJoin('role_permissions as g', 'g.role_id', 'roles.id')
    .select(['roles.id', 'roles.code', 'g.permission', 'g.data_scope'])
    .where('roles.id', 'in', [...ids])
    .execute();
  const roles = new Map<
    string,
    { id: string; code: string; grants: { permission: string; scope: string }[] }
  >();
  for (const row of rows) {
    const role = roles.get(row.id) ?? { id: row.id, code: row.code, grants: [] };
    if (row.permission && row.data_scope)
      role.grants.push({ permission: row.permission, scope: row.data_scope });
    roles.set(row.id, role);
  }
  return [...roles.values()];
}

/** Every role with its name, description and grants, by name (the roles a grantor picks from). */
export async function allRolesWithGrants(db: Conn) {
  const rows = await db
    .selectFrom('roles')
    .leftJoin('role_permissions as g', 'g.role_id', 'roles.id')
    .select([
      'roles.id',
      'roles.code',
      'roles.name',
      'roles.description',
      'roles.builtin',
      'g.permission',
      'g.data_scope',
    ])
    .orderBy('roles.name')
    .orderBy('roles.code')
    .orderBy('g.permission')
    .execute();
  const roles = new Map<
    string,
    {
      id: string;
      code: string;
      name: string;
      description: string;
      builtin: boolean;
      grants: { permission: string; scope: DataScope }[];
    }
  >();
  for (const row of rows) {
    const role = roles.get(row.id) ?? {
      id: row.id,
      code: row.code,
      name: row.name,
      description: row.description,
      builtin: row.builtin,
      grants: [],
    };
    if (row.permission && row.data_scope)
      role.grants.push({ permission: row.permission, scope: row.data_scope });
    roles.set(row.id, role);
  }
  return [...roles.values()];
}
