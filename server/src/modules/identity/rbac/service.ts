import type { Selectable } from 'kysely';
import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { uuidv7 } from '../../../platform/db/ids.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import { heldScope } from '../../../platform/http/auth.js';
import { type DataScope, type RequestContext, widerScope } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import type { RolesTable } from '../migrations.js';
import '../organisations/errors.js';
import { parseCursor, parseText, requireActor, toPage } from '../organisations/rules.js';
import { uniqueViolation } from '../persons/repo.js';
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
  constructor(private readonly db: Db) {}

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
        await checkWithinOwn(trx, actor.permissions, input.permissions, input.dataScope);
        await trx
          .insertInto('roles')
          .values({ id, code, name, description: input.description ?? '', group_id: groupId })
          .execute();
        await repo.replaceGrants(trx, id, input.permissions, input.dataScope);
        await appendAudit(trx, ctx, {
          action: 'identity.createRole',
          target: { type: 'role', id },
          details: {
            code,
            name,
            groupId,
            permissions: [...input.permissions].sort(),
            dataScope: input.dataScope,
          },
        });
      }),
    );
    return this.view(id);
  }

  /** Replaces a role's grants (one data scope for all); built-in roles keep theirs. */
  async setGrants(ctx: RequestContext, id: string, input: SetRoleGrantsRequest): Promise<RoleView> {
    const actor = requireActor(ctx);
    await withTransaction(this.db, async (trx) => {
      const role = await repo.findRole(trx, id);
      if (!role) throw new DomainError('ROLE_NOT_FOUND');
      if (role.builtin) throw new DomainError('ROLE_BUILTIN', { code: role.code });
      await checkWithinOwn(trx, actor.permissions, input.permissions, input.dataScope);
      const before = (await repo.grantsOf(trx, [id])).get(id) ?? [];
      await repo.replaceGrants(trx, id, input.permissions, input.dataScope);
      const after = new Set(input.permissions);
      await appendAudit(trx, ctx, {
        action: 'identity.setRoleGrants',
        target: { type: 'role', id },
        details: {
          code: role.code,
          dataScope: input.dataScope,
          granted: [...after]
            .filter((p) => !before.some((g) => g.permission === p && g.scope === input.dataScope))
            .sort(),
          revoked: before.filter((g) => !after.has(g.permission)).map((g) => g.permission),
        },
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

/**
 * No escalation: every code must be a known resource (PERMISSION_UNKNOWN), and be covered by a grant the
 * caller holds (itself or an ancestor code) with a data scope at least as wide (GRANT_EXCEEDS_OWN).
 */
async function checkWithinOwn(
  trx: Trx,
  held: ReadonlyMap<string, DataScope>,
  permissions: readonly string[],
  scope: DataScope,
): Promise<void> {
  const known = await repo.knownResourceCodes(trx, permissions);
  const unknown = permissions.map((p, i) => ({ p, i })).filter(({ p }) => !known.has(p));
  if (unknown.length)
    throw new DomainError(
      'PERMISSION_UNKNOWN',
      {},
      `no such permission: ${unknown.map((u) => u.p).join(', ')}`,
      unknown.map(({ i }) => ({ field: `body.permissions.${i}`, message: 'no such permission code' })),
    );
  for (const permission of permissions) {
    const mine = heldScope(held, permission);
    if (!mine || widerScope(mine, scope) !== mine)
      throw new DomainError(
        'GRANT_EXCEEDS_OWN',
        { permission, scope },
        `granting ${permission} (${scope}); you hold ${mine ? `it with scope ${mine}` : 'no such permission'}`,
      );
  }
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
