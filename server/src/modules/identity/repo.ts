import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { Trx } from '../../platform/db/transaction.js';
import { heldScope } from '../../platform/http/auth.js';
import { type DataScope, widerScope } from '../../platform/http/context.js';

export { widerScope };

type Conn = Db | Trx;

/**
 * 授予父级即授予全部下级: the grants plus every resource code under a granted one, so codes added after
 * the grant count. For what the UI shows; access checks use `heldScope`, which needs no resource list.
 */
export function expandGrants(
  grants: ReadonlyMap<string, DataScope>,
  resourceCodes: readonly string[],
): Map<string, DataScope> {
  const expanded = new Map(grants);
  if (grants.size === 0) return expanded;
  for (const code of resourceCodes) {
    const scope = heldScope(grants, code);
    if (scope) expanded.set(code, scope);
  }
  return expanded;
}

export async function resourceCodes(db: Conn): Promise<string[]> {
  const rows = await db.selectFrom('resources').select('code').execute();
  return rows.map((r) => r.code);
}

export function findUserByUsername(db: Conn, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Conn, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function rolesAndPermissions(db: Conn, userId: string) {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.id', 'user_roles.role_id')
    .leftJoin('role_permissions', 'role_permissions.role_id', 'roles.id')
    .select(['roles.code', 'role_permissions.permission', 'role_permissions.data_scope'])
    .where('user_roles.user_id', '=', userId)
    .execute();
  const roles = new Set<string>();
  const permissions = new Map<string, DataScope>();
  for (const row of rows) {
    roles.add(row.code);
    if (!row.permission || !row.data_scope) continue;
    const held = permissions.get(row.permission);
    permissions.set(row.permission, held ? widerScope(held, row.data_scope) : row.data_scope);
  }
  return { roles: [...roles].sort(), permissions };
}

export async function insertSession(
  trx: Trx,
  session: {
    id: string;
    tokenHash: string;
    userId: string;
    ip: string | null;
    userAgent: string | null;
    passwordExpiresAt: Date | null;
    passwordWarnAt: Date | null;
  },
  idleMinutes: number,
  lifetimeHours: number,
) {
  return trx
    .insertInto('sessions')
    .values({
      id: session.id,
      token_hash: session.tokenHash,
      user_id: session.userId,
      ip: session.ip,
      user_agent: session.userAgent,
      idle_expires_at: sql<Date>`now() + make_interval(mins => ${idleMinutes})`,
      expires_at: sql<Date>`now() + make_interval(hours => ${lifetimeHours})`,
      revoked_at: null,
      password_expires_at: session.passwordExpiresAt,
      password_warn_at: session.passwordWarnAt,
    })
    .returning(['expires_at'])
    .executeTakeFirstOrThrow();
}

/** The live session for a token hash: not revoked, not idle too long, not past its lifetime. */
export function findLiveSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.last_seen_at',
      'sessions.idle_expires_at',
      'sessions.expires_at',
      'sessions.password_expires_at',
      'sessions.password_warn_at',
      'users.username',
      'users.display_name',
      sql<boolean>`sessions.last_seen_at < now() - interval '1 minute'`.as('stale_last_seen'),
      // the idle window the session was created with, so sliding it keeps the policy of its login
      sql<number>`(extract(epoch from sessions.idle_expires_at - sessions.last_seen_at) / 60)::int`.as(
        'idle_minutes',
      ),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.idle_expires_at', '>', sql<Date>`now()`)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

/** Slides the idle timeout, at most once a minute per session, to keep writes off the hot path. */
export async function touchSession(db: Db, sessionId: string, idleMinutes: number) {
  await db
    .updateTable('sessions')
    .set({
      last_seen_at: sql<Date>`now()`,
      idle_expires_at: sql<Date>`least(expires_at, now() + make_interval(mins => ${idleMinutes}))`,
    })
    .where('id', '=', sessionId)
    .execute();
}

/** Revokes a live session of `userId`; revoking someone else's or an ended one updates nothing. */
export function revokeSession(trx: Trx, userId: string, sessionId: string) {
  return trx
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()` })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export function liveSessionsOf(db: Db, userId: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'ip', 'user_agent'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('idle_expires_at', '>', sql<Date>`now()`)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('id', 'desc')
    .execute();
}

/** Whether the account is locked right now (by the database clock, shared by every node). */
export async function isLocked(db: Conn, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select(sql<boolean>`coalesce(locked_until > now(), false)`.as('locked'))
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.locked ?? false;
}

/**
 * Counts one failed password, atomically: the failure that reaches the threshold locks the account for
 * `minutes` and restarts the count. Returns true when this failure locked it.
 */
export async function registerFailedLogin(trx: Trx, userId: string, threshold: number, minutes: number) {
  const row = await trx
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when failed_logins + 1 >= ${threshold} then 0 else failed_logins + 1 end`,
      locked_until: sql<Date>`case when failed_logins + 1 >= ${threshold}
        then now() + make_interval(mins => ${minutes}) else locked_until end`,
    })
    .where('id', '=', userId)
    .returning(sql<boolean>`coalesce(locked_until > now(), false)`.as('locked'))
    .executeTakeFirst();
  return row?.locked ?? false;
}

export async function clearFailedLogins(trx: Trx, userId: string) {
  await trx
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function recordLoginEvent(
  trx: Trx,
  event: {
    username: string;
    userId: string | null;
    method: 'password' | 'otp' | 'sso';
    outcome: 'success' | 'failure' | 'locked';
    reason: string | null;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await trx
    .insertInto('login_events')
    .values({
      id: uuidv7(),
      username: event.username,
      user_id: event.userId,
      method: event.method,
      outcome: event.outcome,
      reason: event.reason,
      ip: event.ip,
      user_agent: event.userAgent,
    })
    .execute();
}

/** The current password hash and the replaced ones, newest first: what "no reuse of the last N" compares. */
export async function recentPasswordHashes(db: Conn, userId: string, limit: number): Promise<string[]> {
  const user = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const replaced = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('replaced_at', 'desc')
    .limit(Math.max(0, limit - 1))
    .execute();
  return [user.password_hash, ...replaced.map((r) => r.password_hash)];
}

/**
 * Sets a new password hash and keeps the replaced one in the history, trimmed to `keep` entries. Fails
 * (returns false) when the password changed since `expectedHash` was read, so two concurrent changes
 * cannot both pass the reuse check.
 */
export async function replacePassword(
  trx: Trx,
  userId: string,
  expectedHash: string,
  newHash: string,
  keep: number,
): Promise<boolean> {
  const updated = await trx
    .updateTable('users')
    .set({ password_hash: newHash, password_changed_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('password_hash', '=', expectedHash)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return false;
  await trx.insertInto('password_history').values({ user_id: userId, password_hash: expectedHash }).execute();
  await trx
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where(
      'replaced_at',
      'not in',
      trx
        .selectFrom('password_history')
        .select('replaced_at')
        .where('user_id', '=', userId)
        .orderBy('replaced_at', 'desc')
        .limit(Math.max(keep, 1)),
    )
    .execute();
  return true;
}

/** After a password change: the other sessions end, and this one gets the new expiry. */
export async function afterPasswordChange(
  trx: Trx,
  userId: string,
  sessionId: string,
  expiry: { expiresAt: Date | null; warnAt: Date | null },
) {
  await trx
    .updateTable('sessions')
    .set({ revoked_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .where('id', '!=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
  await trx
    .updateTable('sessions')
    .set({ password_expires_at: expiry.expiresAt, password_warn_at: expiry.warnAt })
    .where('id', '=', sessionId)
    .execute();
}
