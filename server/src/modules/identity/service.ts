import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Logger } from 'pino';
import type { Static } from 'typebox';
import { appendAudit } from '../../platform/audit/ledger.js';
import { sm3Hex } from '../../platform/crypto/sm3.js';
import type { Db } from '../../platform/db/database.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import { passwordExpired } from '../../platform/http/auth.js';
import type { Actor, RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { ActorCache, CachedSession } from './actor-cache.js';
import { enforceNotReused, enforcePasswordStrength, passwordExpiry } from './credentials.js';
import './errors.js';
import { ipAllowed } from './ip-rules.js';
import type { UsersTable } from './migrations.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { builtinRoles, resourceTree } from './permissions.js';
import { upsertResources } from './rbac/repo.js';
import * as repo from './repo.js';
import type { ChangePasswordRequest, UserView as UserViewSchema } from './schema.js';
import { readSecurityPolicy, type SecurityPolicy } from './security-policy.js';

/** One sign-in attempt, as the login log records it. */
export interface LoginAttempt {
  username: string;
  userId: string | null;
  method: 'password' | 'otp';
  userAgent: string | null;
}

export type UserView = Static<typeof UserViewSchema>;

/**
 * 统一身份认证 (kernel part): accounts, roles with permission grants, password login and server-side
 * sessions. Regions, departments, citizens, enterprises, OTP login and SSO build on this.
 */
export class IdentityService {
  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    readonly actors: ActorCache,
  ) {}

  private resources: { codes: readonly string[]; generation: string; readAt: number } | null = null;

  async login(ctx: RequestContext, input: { username: string; password: string }, userAgent: string | null) {
    const policy = await readSecurityPolicy(this.db);
    const user = await repo.findUserByUsername(this.db, input.username);
    const attempt: LoginAttempt = {
      username: input.username,
      userId: user?.id ?? null,
      method: 'password',
      userAgent,
    };
    // A locked account is refused before its password is looked at: even the right one (等保 lockout).
    if (user && (await repo.isLocked(this.db, user.id))) await this.admit(ctx, user, attempt, policy);
    const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
    if (!user || !passwordOk) {
      const reason = user ? 'wrongPassword' : 'unknownUser';
      // The failure that reaches the threshold is still answered as a wrong password; the next attempt is refused.
      await this.refuseLogin(ctx, attempt, reason, reason === 'wrongPassword', policy);
      throw new DomainError('AUTH_INVALID_CREDENTIALS');
    }
    await this.admit(ctx, user, attempt, policy);
    return this.startSession(ctx, user, attempt, policy);
  }

  /** The checks every sign-in method shares once the credential itself is accepted: lock, status, network. */
  async admit(
    ctx: RequestContext,
    user: Selectable<UsersTable>,
    attempt: LoginAttempt,
    policy: SecurityPolicy,
  ) {
    if (await repo.isLocked(this.db, user.id)) {
      await this.refuseLogin(ctx, attempt, 'locked', false);
      throw new DomainError('AUTH_ACCOUNT_LOCKED', {}, `locked for up to ${policy.lockoutMinutes} minutes`);
    }
    if (user.status !== 'active') {
      await this.refuseLogin(ctx, attempt, 'disabled', false);
      throw new DomainError('AUTH_INVALID_CREDENTIALS');
    }
    if (user.kind === 'staff' && !ipAllowed(ctx.ip, policy.staffIpAllow, policy.staffIpDeny)) {
      await this.refuseLogin(ctx, attempt, 'ipNotAllowed', false);
      throw new DomainError('AUTH_IP_NOT_ALLOWED', {}, `sign-in from ${ctx.ip ?? 'an unknown address'}`);
    }
  }

  /** Opens a session for an admitted user: token, login log, audit. Shared by every sign-in method. */
  async startSession(
    ctx: RequestContext,
    user: Selectable<UsersTable>,
    attempt: LoginAttempt,
    policy: SecurityPolicy,
  ) {
    const token = randomBytes(32).toString('base64url');
    const sessionId = uuidv7();
    const { roles, permissions } = await repo.rolesAndPermissions(this.db, user.id);
    // only a password sign-in is bound by the password's expiry: someone who signed in with an SMS code
    // may not know the old password, which changing it requires
    const expiry =
      attempt.method === 'password'
        ? passwordExpiry(user.password_changed_at, policy)
        : { expiresAt: null, warnAt: null };
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      roles,
      permissions,
      sessionId,
      passwordExpiresAt: expiry.expiresAt,
      passwordWarnAt: expiry.warnAt,
    };
    const session = await withTransaction(this.db, async (trx) => {
      const created = await repo.insertSession(
        trx,
        {
          id: sessionId,
          tokenHash: tokenHash(token),
          userId: user.id,
          ip: ctx.ip,
          userAgent: attempt.userAgent,
          passwordExpiresAt: expiry.expiresAt,
          passwordWarnAt: expiry.warnAt,
        },
        policy.sessionIdleMinutes,
        policy.sessionLifetimeHours,
      );
      await repo.clearFailedLogins(trx, user.id);
      await repo.recordLoginEvent(trx, { ...attempt, outcome: 'success', reason: null, ip: ctx.ip });
      await appendAudit(
        trx,
        { ...ctx, actor },
        {
          action: 'identity.login',
          target: { type: 'user', id: user.id },
          details: { sessionId, method: attempt.method },
        },
      );
      return created;
    });
    return { token, expiresAt: session.expires_at.toISOString(), user: await this.userView(actor) };
  }

  /**
   * Records a refused sign-in (login log + audit ledger) and, for a wrong password, counts it towards the
   * lockout. Returns true when this failure locked the account.
   */
  async refuseLogin(
    ctx: RequestContext,
    attempt: LoginAttempt,
    reason: string,
    countsTowardsLockout: boolean,
    policy?: SecurityPolicy,
  ): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const lockedNow =
        countsTowardsLockout && attempt.userId && policy
          ? await repo.registerFailedLogin(
              trx,
              attempt.userId,
              policy.lockoutThreshold,
              policy.lockoutMinutes,
            )
          : false;
      const outcome = reason === 'locked' ? 'locked' : 'failure';
      await repo.recordLoginEvent(trx, { ...attempt, outcome, reason, ip: ctx.ip });
      const target = { type: 'user', id: attempt.userId ?? attempt.username };
      await appendAudit(trx, ctx, {
        action: 'identity.loginFailed',
        target,
        outcome: 'failure',
        details: { username: attempt.username, reason },
      });
      if (lockedNow) {
        await appendAudit(trx, ctx, {
          action: 'identity.lockout',
          target,
          details: { username: attempt.username, minutes: policy?.lockoutMinutes },
        });
      }
      return lockedNow;
    });
  }

  /**
   * Resolves a bearer token; used by the platform's request-context hook on every request. A resolved
   * session is cached (see ActorCache), so most requests cost one shared-store read.
   */
  async authenticate(token: string): Promise<Actor | null> {
    const hash = tokenHash(token);
    const generation = await this.actors.generation();
    const now = Date.now();
    const cached = this.actors.lookup(hash, generation, now);
    if (cached) {
      if (now - cached.touchedAt >= TOUCH_INTERVAL_MS) await this.slideIdleTimeout(cached, now);
      return cached.actor;
    }
    const session = await repo.findLiveSession(this.db, hash);
    if (!session) return null;
    if (session.stale_last_seen) await repo.touchSession(this.db, session.id, session.idle_minutes);
    const { roles, permissions } = await repo.rolesAndPermissions(this.db, session.user_id);
    const actor: Actor = {
      userId: session.user_id,
      username: session.username,
      displayName: session.display_name,
      roles,
      permissions,
      sessionId: session.id,
      passwordExpiresAt: session.password_expires_at,
      passwordWarnAt: session.password_warn_at,
    };
    this.actors.remember(
      hash,
      generation,
      {
        actor,
        idleMinutes: session.idle_minutes,
        idleExpiresAt: session.stale_last_seen
          ? Math.min(session.expires_at.getTime(), now + session.idle_minutes * 60_000)
          : session.idle_expires_at.getTime(),
        expiresAt: session.expires_at.getTime(),
        touchedAt: session.stale_last_seen ? now : session.last_seen_at.getTime(),
      },
      now,
    );
    return actor;
  }

  /** Writes last_seen_at at most once a minute per session, as the uncached path does. */
  private async slideIdleTimeout(cached: CachedSession, now: number): Promise<void> {
    cached.touchedAt = now;
    cached.idleExpiresAt = Math.min(cached.expiresAt, now + cached.idleMinutes * 60_000);
    await repo.touchSession(this.db, cached.actor.sessionId!, cached.idleMinutes);
  }

  /**
   * 修改密码: checks the current password (a wrong one counts towards the lockout), the policy and the
   * history, then sets it, ends the user's other sessions and lifts this session's expiry restriction.
   */
  async changePassword(ctx: RequestContext, input: ChangePasswordRequest): Promise<UserView> {
    const actor = requireActor(ctx);
    const policy = await readSecurityPolicy(this.db);
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw new DomainError('UNAUTHENTICATED');
    if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
      const attempt: LoginAttempt = {
        username: user.username,
        userId: user.id,
        method: 'password',
        userAgent: null,
      };
      await this.refuseLogin(ctx, attempt, 'wrongCurrentPassword', true, policy);
      throw new DomainError('PASSWORD_CURRENT_WRONG', {}, undefined, [
        { field: 'body.currentPassword', message: 'does not match the password in use' },
      ]);
    }
    await enforcePasswordStrength(this.db, input.newPassword, 'body.newPassword');
    const recent = await repo.recentPasswordHashes(this.db, user.id, policy.passwordHistory);
    await enforceNotReused(input.newPassword, recent, policy);
    const newHash = await hashPassword(input.newPassword);
    const expiry = passwordExpiry(new Date(), policy);
    await withTransaction(this.db, async (trx) => {
      const replaced = await repo.replacePassword(
        trx,
        user.id,
        user.password_hash,
        newHash,
        policy.passwordHistory,
      );
      // another change won the race after our checks: ours would bypass its history check
      if (!replaced) throw new DomainError('PASSWORD_CHANGED_MEANWHILE');
      await repo.afterPasswordChange(trx, user.id, actor.sessionId!, expiry);
      await appendAudit(trx, ctx, {
        action: 'identity.changePassword',
        target: { type: 'user', id: user.id },
      });
    });
    await this.actors.invalidate();
    return this.userView({ ...actor, passwordExpiresAt: expiry.expiresAt, passwordWarnAt: expiry.warnAt });
  }

  async logout(ctx: RequestContext): Promise<void> {
    const sessionId = ctx.actor?.sessionId;
    if (!sessionId) throw new DomainError('UNAUTHENTICATED');
    await this.revokeSession(ctx, sessionId, 'identity.logout');
  }

  /** The signed-in user's live sessions (devices), newest first. */
  async listSessions(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const rows = await repo.liveSessionsOf(this.db, actor.userId);
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      ip: row.ip,
      userAgent: row.user_agent,
      current: row.id === actor.sessionId,
    }));
  }

  /** The signed-in user as the UI sees it: permissions expanded down the resource tree. */
  async userView(actor: Actor): Promise<UserView> {
    return toUserView({
      ...actor,
      permissions: repo.expandGrants(actor.permissions, await this.resourceCodes()),
    });
  }

  /**
   * The resource tree's codes. The tree changes only when a node starts with new permission codes, and
   * bootstrap then invalidates the actor cache, so the list is re-read when the generation moves (and at
   * least once a minute).
   */
  private async resourceCodes(): Promise<readonly string[]> {
    const generation = await this.actors.generation();
    const now = Date.now();
    const cached = this.resources;
    if (cached && cached.generation === generation && now - cached.readAt < RESOURCE_CODES_TTL_MS)
      return cached.codes;
    const codes = await repo.resourceCodes(this.db);
    this.resources = { codes, generation, readAt: now };
    return codes;
  }

  /** Ends one of the signed-in user's own sessions (e.g. a lost phone); another user's is "not found". */
  async revokeSession(
    ctx: RequestContext,
    sessionId: string,
    action = 'identity.revokeSession',
  ): Promise<void> {
    const actor = requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const revoked = await repo.revokeSession(trx, actor.userId, sessionId);
      if (Number(revoked.numUpdatedRows) === 0) throw new DomainError('SESSION_NOT_FOUND');
      await appendAudit(trx, ctx, { action, target: { type: 'session', id: sessionId } });
    });
    await this.actors.invalidate();
  }

  /** Installs or updates the resource tree and the built-in 三员 roles; safe to run on every start. */
  async ensureBuiltinRoles(trx: Trx): Promise<void> {
    await upsertResources(trx, resourceTree());
    for (const role of builtinRoles) {
      const row = await trx
        .insertInto('roles')
        .values({
          id: uuidv7(),
          code: role.code,
          name: role.name,
          description: role.description,
          builtin: true,
        })
        .onConflict((oc) => oc.column('code').doUpdateSet({ name: role.name, description: role.description }))
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('role_permissions').where('role_id', '=', row.id).execute();
      await trx
        .insertInto('role_permissions')
        .values(role.grants.map((g) => ({ role_id: row.id, permission: g.permission, data_scope: g.scope })))
        .execute();
    }
  }

  /** Creates a staff account holding the given built-in roles, unless the username exists. Returns whether it did. */
  async createStaffIfMissing(
    trx: Trx,
    ctx: RequestContext,
    account: { username: string; displayName: string; password: string; roleCodes: readonly string[] },
  ): Promise<boolean> {
    if (await repo.findUserByUsername(trx, account.username)) return false;
    const id = uuidv7();
    await trx
      .insertInto('users')
      .values({
        id,
        username: account.username,
        display_name: account.displayName,
        password_hash: await hashPassword(account.password),
        kind: 'staff',
      })
      .execute();
    if (account.roleCodes.length > 0) {
      const roles = await trx
        .selectFrom('roles')
        .select('id')
        .where('code', 'in', [...account.roleCodes])
        .execute();
      await trx
        .insertInto('user_roles')
        .values(roles.map((r) => ({ user_id: id, role_id: r.id })))
        .execute();
    }
    await appendAudit(trx, ctx, {
      action: 'identity.createUser',
      target: { type: 'user', id },
      details: { username: account.username, roles: account.roleCodes },
    });
    this.log.info({ username: account.username }, 'account created');
    return true;
  }
}

function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}

function toUserView(actor: Actor, now = Date.now()): UserView {
  const expiresAt = actor.passwordExpiresAt ?? null;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: [...actor.roles],
    permissions: [...actor.permissions.keys()].sort(),
    password: {
      expiresAt: expiresAt?.toISOString() ?? null,
      expired: passwordExpired(actor, now),
      expiresSoon: !!actor.passwordWarnAt && actor.passwordWarnAt.getTime() <= now,
    },
  };
}

const TOUCH_INTERVAL_MS = 60_000;
const RESOURCE_CODES_TTL_MS = 60_000;

/** Tokens are stored only as their SM3 hash, so a database leak yields no usable sessions. */
function tokenHash(token: string): string {
  return sm3Hex(token);
}
