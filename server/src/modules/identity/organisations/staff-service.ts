import { appendAudit } from '../../../platform/audit/ledger.js';
import { maskPhone } from '../../../platform/crypto/mask.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { Keyring } from '../../../platform/keys/keyring.js';
import type { ActorCache } from '../actor-cache.js';
import { enforcePasswordStrength } from '../credentials.js';
import { hashPassword } from '../passwords.js';
import { Permissions } from '../permissions.js';
import { parsePhone } from '../persons/rules.js';
import { findUserByUsername } from '../repo.js';
import { type ActorScope, loadActorScope, whereInScope } from './data-scope.js';
import { checkGrantable, grantableRoles, type RoleGrants } from './grants.js';
import * as repo from './repo.js';
import { inScope, mapConflicts, parseCursor, parseText, requireActor, toPage } from './rules.js';
import type {
  AssignableRoleView,
  CreateStaffRequest,
  ListStaffQuery,
  StaffView,
  UpdateStaffRequest,
} from './schema.js';

const READ = Permissions.staffRead;
const MANAGE = Permissions.staffManage;
const PHONE = 'staff.phone_enc';
type StaffRow = NonNullable<Awaited<ReturnType<typeof repo.findStaff>>>;

/** 工作人员 — staff accounts with one home department, a post and roles granted without escalation. */
export class StaffService {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
    private readonly actors: ActorCache,
  ) {}

  async list(ctx: RequestContext, query: ListStaffQuery) {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    let qb = whereInScope(repo.staff(this.db), { actor, permission: READ }, repo.staffScopeColumns);
    if (query.departmentId && query.subtree) {
      const department = await repo.findDepartment(this.db, query.departmentId);
      // department paths are uuids and dots, so safe inside a LIKE pattern
      qb = department
        ? qb.where((eb) =>
            eb.or([eb('d.path', '=', department.path), eb('d.path', 'like', `${department.path}.%`)]),
          )
        : qb.where('s.department_id', '=', query.departmentId);
    } else if (query.departmentId) qb = qb.where('s.department_id', '=', query.departmentId);
    if (query.q) {
      const pattern = `%${query.q.trim().replace(/[\\%_]/g, '\\$&')}%`;
      qb = qb.where((eb) =>
        eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]),
      );
    }
    const after = parseCursor(query.cursor);
    if (after) qb = qb.where('s.user_id', '>', after);
    const rows = await qb
      .orderBy('s.user_id')
      .limit(query.limit + 1)
      .execute();
    const roles = await repo.roleCodesOf(
      this.db,
      rows.map((r) => r.user_id),
    );
    const items = await Promise.all(
      rows.slice(0, query.limit).map((row) => this.view(row, roles.get(row.user_id))),
    );
    return {
      items,
      nextCursor: toPage(
        rows,
        query.limit,
        (r) => r,
        (r) => r.user_id,
      ).nextCursor,
    };
  }

  /**
   * The roles the caller may assign (createStaff, setStaffRoles): every grant of the role is covered by
   * one of the caller's with a scope at least as wide — the same rule `checkGrantable` enforces.
   */
  async assignableRoles(ctx: RequestContext) {
    const actor = requireActor(ctx);
    const roles = grantableRoles(actor.permissions, await repo.allRolesWithGrants(this.db));
    return { items: roles satisfies AssignableRoleView[], nextCursor: null };
  }

  async create(ctx: RequestContext, input: CreateStaffRequest): Promise<StaffView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    const name = parseText(input.name, 'body.name');
    const phone = input.phone ? parsePhone(input.phone) : null;
    await enforcePasswordStrength(this.db, input.password);
    if (await findUserByUsername(this.db, input.username)) throw new DomainError('USERNAME_TAKEN');
    const passwordHash = await hashPassword(input.password);
    const userId = await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        await this.placement(trx, actor, input.departmentId, input.postId ?? null);
        const roles = checkGrantable(
          actor.permissions,
          input.roleIds,
          await repo.rolesWithGrants(trx, input.roleIds),
        );
        return this.insert(trx, ctx, { ...input, name, phone, passwordHash, roles });
      }),
    );
    return this.view(
      (await repo.findStaff(this.db, userId))!,
      (await repo.roleCodesOf(this.db, [userId])).get(userId),
    );
  }

  /** Demo data: a staff member with roles by code, unless the username exists. */
  async createStaffIfMissing(
    trx: Trx,
    ctx: RequestContext,
    input: {
      username: string;
      name: string;
      password: string;
      departmentId: string;
      postId: string | null;
      roleCodes: string[];
    },
  ): Promise<void> {
    if (await findUserByUsername(trx, input.username)) return;
    const ids = await trx.selectFrom('roles').select('id').where('code', 'in', input.roleCodes).execute();
    const roles = await repo.rolesWithGrants(
      trx,
      ids.map((r) => r.id),
    );
    await this.insert(trx, ctx, {
      ...input,
      phone: null,
      passwordHash: await hashPassword(input.password),
      roles,
    });
  }

  async update(ctx: RequestContext, userId: string, input: UpdateStaffRequest): Promise<StaffView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    await withTransaction(this.db, async (trx) => {
      const current = inScope(actor, MANAGE, await repo.findStaff(trx, userId), 'STAFF_NOT_FOUND');
      const departmentId = input.departmentId ?? current.department_id;
      // a new department clears the post unless one of the new department's posts is given
      const postId =
        input.postId !== undefined
          ? input.postId
          : departmentId === current.department_id
            ? current.post_id
            : null;
      await this.placement(trx, actor, departmentId, postId);
      await trx
        .updateTable('staff')
        .set({ department_id: departmentId, post_id: postId })
        .where('user_id', '=', userId)
        .execute();
      if (input.status)
        await trx.updateTable('users').set({ status: input.status }).where('id', '=', userId).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.updateStaff',
        target: { type: 'user', id: userId },
        details: { departmentId, postId, ...(input.status ? { status: input.status } : {}) },
      });
    });
    if (input.status) await this.actors.invalidate();
    return this.view(
      (await repo.findStaff(this.db, userId))!,
      (await repo.roleCodesOf(this.db, [userId])).get(userId),
    );
  }

  /** Replaces a staff member's roles; each assigned role passes the no-escalation check. */
  async setRoles(ctx: RequestContext, userId: string, roleIds: string[]): Promise<StaffView> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    await withTransaction(this.db, async (trx) => {
      inScope(actor, MANAGE, await repo.findStaff(trx, userId), 'STAFF_NOT_FOUND');
      const roles = checkGrantable(actor.permissions, roleIds, await repo.rolesWithGrants(trx, roleIds));
      const before = (await repo.roleCodesOf(trx, [userId])).get(userId) ?? [];
      await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute();
      if (roles.length)
        await trx
          .insertInto('user_roles')
          .values(roles.map((r) => ({ user_id: userId, role_id: r.id })))
          .execute();
      const after = roles.map((r) => r.code);
      const granted = after.filter((code) => !before.includes(code)).sort();
      const revoked = before.filter((code) => !after.includes(code)).sort();
      const target = { type: 'user', id: userId };
      if (granted.length)
        await appendAudit(trx, ctx, { action: 'identity.grantRoles', target, details: { roles: granted } });
      if (revoked.length)
        await appendAudit(trx, ctx, { action: 'identity.revokeRoles', target, details: { roles: revoked } });
    });
    await this.actors.invalidate();
    return this.view(
      (await repo.findStaff(this.db, userId))!,
      (await repo.roleCodesOf(this.db, [userId])).get(userId),
    );
  }

  /** The department must be in the caller's staff:manage scope; the post, if any, must be one of its posts. */
  private async placement(trx: Trx, actor: ActorScope, departmentId: string, postId: string | null) {
    inScope(actor, MANAGE, await repo.findDepartment(trx, departmentId), 'DEPARTMENT_NOT_FOUND');
    if (!postId) return;
    const post = await trx
      .selectFrom('posts')
      .select('department_id')
      .where('id', '=', postId)
      .executeTakeFirst();
    if (!post) throw new DomainError('POST_NOT_FOUND');
    if (post.department_id !== departmentId) throw new DomainError('POST_DEPARTMENT_MISMATCH');
  }

  private async insert(
    trx: Trx,
    ctx: RequestContext,
    input: { username: string; name: string; departmentId: string; postId?: string | null } & {
      phone: string | null;
      passwordHash: string;
      roles: RoleGrants[];
    },
  ): Promise<string> {
    const userId = uuidv7();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        username: input.username,
        display_name: input.name,
        password_hash: input.passwordHash,
        kind: 'staff',
      })
      .execute();
    await trx
      .insertInto('staff')
      .values({
        user_id: userId,
        department_id: input.departmentId,
        post_id: input.postId ?? null,
        phone_enc: input.phone ? this.keyring.encrypt(input.phone, PHONE) : null,
      })
      .execute();
    if (input.roles.length)
      await trx
        .insertInto('user_roles')
        .values(input.roles.map((r) => ({ user_id: userId, role_id: r.id })))
        .execute();
    const target = { type: 'user', id: userId };
    await appendAudit(trx, ctx, {
      action: 'identity.createStaff',
      target,
      details: { username: input.username, departmentId: input.departmentId, postId: input.postId ?? null },
    });
    if (input.roles.length)
      await appendAudit(trx, ctx, {
        action: 'identity.grantRoles',
        target,
        details: { roles: input.roles.map((r) => r.code).sort() },
      });
    return userId;
  }

  private async view(row: StaffRow, roles: string[] = []): Promise<StaffView> {
    return {
      userId: row.user_id,
      username: row.username,
      name: row.display_name,
      departmentId: row.department_id,
      departmentName: row.department_name,
      postId: row.post_id,
      postName: row.post_name,
      phone: row.phone_enc ? maskPhone(await this.keyring.decrypt(row.phone_enc, PHONE)) : null,
      status: row.status,
      roles,
      createdAt: row.created_at.toISOString(),
    };
  }
}
