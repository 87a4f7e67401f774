import type { Db } from '../../platform/db/database.js';
import type { Trx } from '../../platform/db/transaction.js';
import type { Actor } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { Who } from './domain/rules.js';
import './errors.js';

type Conn = Db | Trx;

/** Users as the case rules see them: kind, role codes and home department (staff only). */
export async function whoAre(
  db: Conn,
  userIds: readonly string[],
): Promise<Map<string, Who & { name: string }>> {
  const out = new Map<string, Who & { name: string }>();
  if (userIds.length === 0) return out;
  const users = await db
    .selectFrom('users')
    .leftJoin('staff', 'staff.user_id', 'users.id')
    .leftJoin('departments', 'departments.id', 'staff.department_id')
    .select([
      'users.id',
      'users.kind',
      'users.display_name',
      'users.status',
      'departments.id as department_id',
      'departments.path as department_path',
      'departments.region_code',
    ])
    .where('users.id', 'in', [...new Set(userIds)])
    .execute();
  const roles = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .select(['user_roles.user_id', 'roles.code'])
    .where('user_roles.user_id', 'in', [...new Set(userIds)])
    .execute();
  for (const user of users) {
    if (user.status !== 'active') continue;
    out.set(user.id, {
      userId: user.id,
      name: user.display_name,
      kind: user.kind === 'staff' ? 'staff' : 'applicant',
      roles: roles.filter((r) => r.user_id === user.id).map((r) => r.code),
      home:
        user.department_path && user.region_code
          ? { departmentPath: user.department_path, regionCode: user.region_code }
          : null,
    });
  }
  return out;
}

/** The acting user, with their home department id (recorded on each action). */
export async function actingWho(
  db: Conn,
  actor: Actor,
): Promise<Who & { name: string; departmentId: string | null }> {
  if (actor.userId === 'system')
    return {
      userId: 'system',
      name: actor.displayName,
      kind: 'system',
      roles: [],
      home: null,
      departmentId: null,
    };
  const found = (await whoAre(db, [actor.userId])).get(actor.userId);
  if (!found) throw new DomainError('UNAUTHENTICATED');
  const staff = await db
    .selectFrom('staff')
    .select('department_id')
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  return { ...found, roles: actor.roles, departmentId: staff?.department_id ?? null };
}

/** Staff who may act at a step of a case (for choosing the next holders, 转办, 委派, 加签), by name. */
export async function eligibleStaff(
  db: Conn,
  step: { roles: readonly string[]; scope: 'department' | 'departmentTree' | 'region' },
  at: { departmentPath: string; regionCode: string },
  limit = 200,
): Promise<{ id: string; name: string; departmentName: string }[]> {
  if (step.roles.length === 0) return [];
  let query = db
    .selectFrom('staff')
    .innerJoin('users as u', 'u.id', 'staff.user_id')
    .innerJoin('departments as d', 'd.id', 'staff.department_id')
    .innerJoin('user_roles as ur', 'ur.user_id', 'staff.user_id')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select(['u.id', 'u.display_name as name', 'd.name as department_name'])
    .distinct()
    .where('u.status', '=', 'active')
    .where('r.code', 'in', [...step.roles]);
  if (step.scope === 'department') query = query.where('d.path', '=', at.departmentPath);
  else if (step.scope === 'departmentTree')
    query = query.where((eb) =>
      eb.or([eb('d.path', '=', at.departmentPath), eb('d.path', 'like', `${at.departmentPath}.%`)]),
    );
  else query = query.where('d.region_code', '=', at.regionCode);
  const rows = await query.orderBy('u.display_name').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, departmentName: r.department_name }));
}

/** Role codes and names (the workflow editor's choice of who may act at a step). */
export async function roleNames(db: Conn): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('roles').select(['code', 'name']).orderBy('code').execute();
}
