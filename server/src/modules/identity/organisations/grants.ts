import { heldScope } from '../../../platform/http/auth.js';
import type { DataScope } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import { widerScope } from '../repo.js';
import './errors.js';

export interface Grant {
  permission: string;
  scope: string;
}

export interface RoleGrants {
  id: string;
  code: string;
  grants: readonly Grant[];
}

/**
 * The no-escalation rule: the first of `grants` that `held` does not cover (by the permission itself or an
 * ancestor code) with a data scope at least as wide (self < department < departmentTree < regionTree <
 * all), with the scope held for it; null when every grant is covered.
 */
export function exceededGrant(
  held: ReadonlyMap<string, DataScope>,
  grants: readonly Grant[],
): { grant: Grant; mine: DataScope | null } | null {
  for (const grant of grants) {
    const mine = heldScope(held, grant.permission);
    if (!mine || widerScope(mine, grant.scope as DataScope) !== mine) return { grant, mine };
  }
  return null;
}

/** GRANT_EXCEEDS_OWN for the first grant `held` does not cover (see `exceededGrant`); `what` names the grant. */
export function checkWithinHeld(
  held: ReadonlyMap<string, DataScope>,
  grants: readonly Grant[],
  what = 'granting',
) {
  const exceeded = exceededGrant(held, grants);
  if (!exceeded) return;
  const { grant, mine } = exceeded;
  throw new DomainError(
    'GRANT_EXCEEDS_OWN',
    { permission: grant.permission, scope: grant.scope },
    `${what} ${grant.permission} (${grant.scope}); you hold ${mine ? `it with scope ${mine}` : 'no such permission'}`,
  );
}

/**
 * No escalation: every permission of every role being assigned must be held by the grantor with a data
 * scope at least as wide, else GRANT_EXCEEDS_OWN. Unknown role ids → ROLE_NOT_FOUND. Returns the roles in
 * request order.
 */
export function checkGrantable(
  held: ReadonlyMap<string, DataScope>,
  roleIds: readonly string[],
  roles: readonly RoleGrants[],
): RoleGrants[] {
  const byId = new Map(roles.map((role) => [role.id, role]));
  const unknown = roleIds.map((id, i) => ({ id, i })).filter(({ id }) => !byId.has(id));
  if (unknown.length) {
    throw new DomainError(
      'ROLE_NOT_FOUND',
      {},
      `no such role: ${unknown.map((u) => u.id).join(', ')}`,
      unknown.map(({ i }) => ({ field: `body.roleIds.${i}`, message: 'no such role' })),
    );
  }
  const assigned = roleIds.map((id) => byId.get(id)!);
  for (const role of assigned) checkWithinHeld(held, role.grants, `role ${role.code} grants`);
  return assigned;
}

/** The roles `held` may assign: those whose every grant passes the same rule as `checkGrantable`. */
export function grantableRoles<R extends RoleGrants>(
  held: ReadonlyMap<string, DataScope>,
  roles: readonly R[],
): R[] {
  return roles.filter((role) => exceededGrant(held, role.grants) === null);
}
