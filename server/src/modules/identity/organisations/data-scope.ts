import { type RawBuilder, type SelectQueryBuilder, type StringReference, sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Trx } from '../../../platform/db/transaction.js';
import { heldScope } from '../../../platform/http/auth.js';
import type { Actor, DataScope } from '../../../platform/http/context.js';
import { regionCovers, regionWithin } from '../regions/scope.js';

/**
 * 数据范围 — who sees which department-bound record. One helper for code (`canSee`) and one for SQL
 * (`whereInScope`); both take the actor's scope for a permission and the actor's home department.
 *
 * Users without a staff row (the bootstrap admin, the demo 三员) have no home department: their
 * `department`, `departmentTree` and `regionTree` grants reach nothing, `self` only records they own,
 * and only `all` reaches everyone else's.
 */
export interface ActorScope {
  userId: string;
  permissions: ReadonlyMap<string, DataScope>;
  /** Home department (staff.department_id), its path and its region's path; null without a staff row. */
  home: { departmentId: string; departmentPath: string; regionPath: string } | null;
}

/** Where a record sits: its owner (if it has one), its department's path and its region's path. */
export interface ScopedRecord {
  ownerUserId?: string | null;
  departmentPath: string;
  regionPath: string;
}

/** The actor's location, loaded once per request. */
export async function loadActorScope(db: Db | Trx, actor: Actor): Promise<ActorScope> {
  const home = await db
    .selectFrom('staff')
    .innerJoin('departments', 'departments.id', 'staff.department_id')
    .innerJoin('regions', 'regions.code', 'departments.region_code')
    .select(['departments.id', 'departments.path', 'regions.path as region_path'])
    .where('staff.user_id', '=', actor.userId)
    .executeTakeFirst();
  return {
    userId: actor.userId,
    permissions: actor.permissions,
    home: home ? { departmentId: home.id, departmentPath: home.path, regionPath: home.region_path } : null,
  };
}

function departmentCovers(viewerPath: string, targetPath: string): boolean {
  return targetPath === viewerPath || targetPath.startsWith(`${viewerPath}.`);
}

/** Whether `actor`, through its scope for `permission`, reaches `record` (the rule in code). */
export function canSee(actor: ActorScope, permission: string, record: ScopedRecord): boolean {
  const scope = heldScope(actor.permissions, permission);
  if (!scope) return false;
  if (scope === 'all') return true;
  if (scope === 'self') return record.ownerUserId != null && record.ownerUserId === actor.userId;
  const home = actor.home;
  if (!home) return false;
  if (scope === 'department') return record.departmentPath === home.departmentPath;
  if (scope === 'departmentTree') return departmentCovers(home.departmentPath, record.departmentPath);
  return regionCovers(home.regionPath, record.regionPath);
}

const DEPARTMENT_PATH = /^[0-9a-f-]{36}(\.[0-9a-f-]{36})*$/;

/** `column` (a department path) is `viewerPath` or below it: `path = $1 or path like $1 || '.%'`. */
export function departmentWithin<DB, TB extends keyof DB>(
  column: StringReference<DB, TB>,
  viewerPath: string,
): RawBuilder<boolean> {
  // uuids and dots only, so the path is safe inside a LIKE pattern; refuse anything else
  if (!DEPARTMENT_PATH.test(viewerPath)) throw new Error(`Not a department path: ${viewerPath}`);
  const ref = sql.ref(column as string);
  return sql<boolean>`(${ref} = ${viewerPath} or ${ref} like ${`${viewerPath}.%`})`;
}

/** The columns of a query that locate each row for `whereInScope`. */
export interface ScopeColumns<DB, TB extends keyof DB> {
  owner?: StringReference<DB, TB>;
  departmentId: StringReference<DB, TB>;
  departmentPath: StringReference<DB, TB>;
  regionPath: StringReference<DB, TB>;
}

/** Keeps the rows `actor` reaches through its scope for `permission` (the rule in SQL; see `canSee`). */
export function whereInScope<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  scope: { actor: ActorScope; permission: string },
  columns: ScopeColumns<DB, TB>,
): SelectQueryBuilder<DB, TB, O> {
  const { actor, permission } = scope;
  const granted = heldScope(actor.permissions, permission);
  if (granted === 'all') return qb;
  const none = sql<boolean>`false`;
  if (!granted) return qb.where(none);
  if (granted === 'self') {
    if (!columns.owner) return qb.where(none);
    return qb.where(sql<boolean>`${sql.ref(columns.owner as string)} = ${actor.userId}`);
  }
  const home = actor.home;
  if (!home) return qb.where(none);
  if (granted === 'department')
    return qb.where(sql<boolean>`${sql.ref(columns.departmentId as string)} = ${home.departmentId}`);
  if (granted === 'departmentTree')
    return qb.where(departmentWithin<DB, TB>(columns.departmentPath, home.departmentPath));
  return qb.where(regionWithin<DB, TB>(columns.regionPath, home.regionPath));
}
