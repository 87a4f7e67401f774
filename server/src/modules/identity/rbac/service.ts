import type { Selectable } from 'kysely';
import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { DataScope, RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { ActorCache } from '../actor-cache.js';
import type { RolesTable } from '../migrations.js';
import '../organisations/errors.js';
import { uniqueViolation } from '../../../platform/db/constraint-errors.js';
import { checkWithinHeld } from '../organisations/grants.js';
import { parseCursor, parseText, requireActor, toPage } from '../organisations/rules.js';
import './errors.js';
import { DEFAULT_ROLE_GROUP_ID } from './migrations.js';
import * as repo from './repo.js';
import type {
  CreateRoleRequest,
  ListRolesQuery,
  PageQuery,
  ResourceView,
  RoleGroupView,
  RoleView,
  SetRoleGrantsRequest,
  UpdateRoleRequest,
} from './schema.js';

const CONFLICTS: Record<string, string> = {
  roles_code_key: 'ROLE_CODE_TAKEN',
  role_groups_name_key: 'ROLE_GROUP_NAME_TAKEN',
};

/** Runs a write, turning a unique violation into its 409 (the loser of a race is rolled back). */
async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = CONFLICTS[uniqueViolation(error) ?? ''];
    if (code) throw new DomainError(code);
    throw error;
  }
}

/**
 * 角色管理 — role groups, roles and their grants over the resource tree. Granting never exceeds the
 * grantor's own permissions and data scope; every change is audited; a refused request writes nothing.
 */
export class RbacService {
  constructor(
    private readonly db: Db,
    private readonly actors: ActorCache,
  ) {}

  async listResources(): Promise<{ items: ResourceView[]; nextCursor: null }> {
    const rows = await repo.resources(this.db);
    const children = new Map<string | null, typeof rows>();
    for (const row of rows) children.set(row.parent_code, [...(children.get(row.parent_code) ?? []), row]);
    const items: ResourceView[] = [];
    const walk = (parent: string | null) => {
      for (const row of children.get(parent) ?? []) {
        items.push({
          code: row.code,
          parentCode: row.parent_code,
          name: row.name,
          kind: row.kind,
          sort: row.sort,
        });
        walk(row.code);
      }
    };
    walk(null);
    return { items, nextCursor: null };
  }

  async listGroups(query: PageQuery) {
    const rows = await repo.groups(this.db, { after: parseCursor(query.cursor) }, query.limit + 1);
    return toPage(rows, query.limit, groupView, (r) => r.id);
  }

  async createGroup(ctx: RequestContext, input: { name: string }): Promise<RoleGroupView> {
    requireActor(ctx);
    const name = parseText(input.name, 'body.name');
    const id = uuidv7();
    await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        await trx.insertInto('role_groups').values({ id, name }).execute();
        await appendAudit(trx, ctx, {
          action: 'identity.createRoleGroup',
          target: { type: 'roleGroup', id },
          details: { name },
        });
      }),
    );
    const [row] = await repo.groups(this.db, { id }, 1);
    return groupView(row!);
  }

  async listRoles(query: ListRolesQuery) {
    const rows = await repo.roles(
      this.db,
      { groupId: query.groupId, after: parseCursor(query.cursor) },
      query.limit + 1,
    );
    const page = rows.slice(0, query.limit);
    const grants = await repo.grantsOf(
      this.db,
      page.map((r) => r.id),
    );
    return toPage(
      rows,
      query.limit,
      (row) => roleView(row, grants.get(row.id)),
      (r) => r.id,
    );
  }

  async createRole(ctx: RequestContext, input: CreateRoleRequest): Promise<RoleView> {
    const actor = requireActor(ctx);
    const name = parseText(input.name, 'body.name');
    const groupId = input.groupId ?? DEFAULT_ROLE_GROUP_ID;
    const id = uuidv7();
    const code = input.code ?? `role_${id.replace(/-/g, '').slice(-12)}`;
    await mapConflicts(() =>
      withTransaction(this.db, async (trx) => {
        if (!(await repo.findGroup(trx, groupId))) throw new DomainError('ROLE_GROUP_NOT_FOUND');
        const grants = requestedGrants(input);
        await checkWithinOwn(trx, actor.permissions, grants);
        await trx
          .insertInto('roles')
          .values({ id, code, name, description: input.description ?? '', group_id: groupId })
          .execute();
        await repo.replaceGrants(trx, id, grants);
        await appendAudit(trx, ctx, {
          action: 'identity.createRole',
          target: { type: 'role', id },
          details: {
            code,
            name,
            groupId,
            permissions: [...input.permissions].sort(),
            dataScope: input.dataScope,
            ...overrides(input.scopes),
          },
        });
      }),
    );
    return this.view(id);
  }

  /**
   * Replaces a role's grants: `dataScope` for every permission except those `scopes` gives another one;
   * built-in roles keep theirs.
   */
  async setGrants(ctx: RequestContext, id: string, input: SetRoleGrantsRequest): Promise<RoleView> {
    const actor = requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const role = await repo.findRole(trx, id);
      if (!role) throw new DomainError('ROLE_NOT_FOUND');
      if (role.builtin) throw new DomainError('ROLE_BUILTIN', { code: role.code });
      const grants = requestedGrants(input);
      await checkWithinOwn(trx, actor.permissions, grants);
      const before = (await repo.grantsOf(trx, [id])).get(id) ?? [];
      await repo.replaceGrants(trx, id, grants);
      const after = new Set(input.permissions);
      await appendAudit(trx, ctx, {
        action: 'identity.setRoleGrants',
        target: { type: 'role', id },
        details: {
          code: role.code,
          dataScope: input.dataScope,
          ...overrides(input.scopes),
          granted: grants
            .filter((g) => !before.some((b) => b.permission === g.permission && b.scope === g.scope))
            .map((g) => g.permission)
            .sort(),
          revoked: before.filter((g) => !after.has(g.permission)).map((g) => g.permission),
        },
      });
    });
    await this.actors.invalidate();
    return this.view(id);
  }

  /** Renames a role or changes its description; the built-in 三员 roles are read-only. */
  async update(ctx: RequestContext, id: string, input: UpdateRoleRequest): Promise<RoleView> {
    requireActor(ctx);
    const changes: { name?: string; description?: string } = {};
    if (input.name !== undefined) changes.name = parseText(input.name, 'body.name');
    if (input.description !== undefined) changes.description = input.description.trim();
    await withTransaction(this.db, async (trx) => {
      const role = await repo.findRole(trx, id);
      if (!role) throw new DomainError('ROLE_NOT_FOUND');
      if (role.builtin) throw new DomainError('ROLE_BUILTIN', { code: role.code });
      if (Object.keys(changes).length)
        await trx.updateTable('roles').set(changes).where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.updateRole',
        target: { type: 'role', id },
        details: { code: role.code, changed: changes },
      });
    });
    return this.view(id);
  }

  /** Moves a role to another group: one UPDATE of its group, so it is in exactly one group at every moment. */
  async move(ctx: RequestContext, id: string, groupId: string): Promise<RoleView> {
    requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const role = await repo.findRole(trx, id);
      if (!role) throw new DomainError('ROLE_NOT_FOUND');
      if (!(await repo.findGroup(trx, groupId))) throw new DomainError('ROLE_GROUP_NOT_FOUND');
      await trx.updateTable('roles').set({ group_id: groupId }).where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.moveRole',
        target: { type: 'role', id },
        details: { code: role.code, from: role.group_id, to: groupId },
      });
    });
    return this.view(id);
  }

  async delete(ctx: RequestContext, id: string): Promise<void> {
    requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const role = await repo.findRole(trx, id);
      if (!role) throw new DomainError('ROLE_NOT_FOUND');
      if (role.builtin) throw new DomainError('ROLE_BUILTIN', { code: role.code });
      const holders = await repo.holderCount(trx, id);
      if (holders > 0)
        throw new DomainError('ROLE_IN_USE', { holders }, `${holders} users hold ${role.code}`);
      const grants = (await repo.grantsOf(trx, [id])).get(id) ?? [];
      await trx.deleteFrom('roles').where('id', '=', id).execute();
      await appendAudit(trx, ctx, {
        action: 'identity.deleteRole',
        target: { type: 'role', id },
        details: { code: role.code, revoked: grants.map((g) => g.permission) },
      });
    });
  }

  private async view(id: string): Promise<RoleView> {
    const row = (await repo.findRole(this.db, id))!;
    return roleView(row, (await repo.grantsOf(this.db, [id])).get(id));
  }
}

type Grant = { permission: string; scope: DataScope };

/** The grants a request asks for: `dataScope` for each permission unless `scopes` gives it another one. */
function requestedGrants(input: {
  permissions: readonly string[];
  dataScope: DataScope;
  scopes?: Record<string, DataScope>;
}): Grant[] {
  const scopes = input.scopes ?? {};
  const stray = Object.keys(scopes).filter((code) => !input.permissions.includes(code));
  if (stray.length)
    throw new DomainError(
      'VALIDATION_FAILED',
      {},
      `scopes of permissions not granted: ${stray.join(', ')}`,
      stray.map((code) => ({ field: `body.scopes.${code}`, message: 'not in permissions' })),
    );
  return input.permissions.map((permission) => ({
    permission,
    scope: Object.hasOwn(scopes, permission) ? scopes[permission]! : input.dataScope,
  }));
}

/** The per-permission scopes of a request for the audit record, when it has any. */
function overrides(scopes: Record<string, DataScope> | undefined) {
  return scopes && Object.keys(scopes).length ? { scopes } : {};
}

/**
 * No escalation: every code must be a known resource (PERMISSION_UNKNOWN), and be covered by a grant the
 * caller holds (itself or an ancestor code) with a data scope at least as wide (GRANT_EXCEEDS_OWN, by
 * `checkWithinHeld` of `organisations/grants.ts`, the rule staff role assignment uses too).
 */
async function checkWithinOwn(
  trx: Trx,
  held: ReadonlyMap<string, DataScope>,
  grants: readonly Grant[],
): Promise<void> {
  const permissions = grants.map((g) => g.permission);
  const known = await repo.knownResourceCodes(trx, permissions);
  const unknown = permissions.map((p, i) => ({ p, i })).filter(({ p }) => !known.has(p));
  if (unknown.length)
    throw new DomainError(
      'PERMISSION_UNKNOWN',
      {},
      `no such permission: ${unknown.map((u) => u.p).join(', ')}`,
      unknown.map(({ i }) => ({ field: `body.permissions.${i}`, message: 'no such permission code' })),
    );
  checkWithinHeld(held, grants);
}

function groupView(row: Awaited<ReturnType<typeof repo.groups>>[number]): RoleGroupView {
  return {
    id: row.id,
    name: row.name,
    builtin: row.builtin,
    roleCount: row.role_count,
    createdAt: row.created_at.toISOString(),
  };
}

function roleView(
  row: Selectable<RolesTable>,
  grants: { permission: string; scope: DataScope }[] = [],
): RoleView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    description: row.description,
    builtin: row.builtin,
    groupId: row.group_id,
    grants,
    createdAt: row.created_at.toISOString(),
  };
}
