import { heldScope } from '../../../platform/http/auth.js';
import type { DataScope } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import { widerScope } from '../repo.js';
import './errors.js';

export interface RoleGrants {
  id: string;
  code: string;
  grants: readonly { permission: string; scope: string }[];
}

/**
 * No escalation: every permission of every role being assigned must be held by the grantor with a data
 * scope at least as wide (self < department < departmentTree < regionTree < all), else GRANT_EXCEEDS_OWN.
 * Unknown role ids → ROLE_NOT_FOUND. Returns the roles in request order.
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
  for (const role of assigned) {
    for (const grant of role.grants) {
      const mine = heldScope(held, grant.permission);
      const wanted = grant.scope as DataScope;
      if (!mine || widerScope(mine, wanted) !== mine) {
        throw new DomainError(
          'GRANT_EXCEEDS_OWN',
          { permission: grant.permission, scope: wanted },
          `role ${role.code} grants ${grant.permission} (${wanted}); you hold ${mine ? `it with scope ${mine}` : 'no such permission'}`,
        );
      }
    }
  }
  return assigned;
}
