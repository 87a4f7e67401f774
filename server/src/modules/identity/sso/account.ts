import type { Account, AccountClaims } from 'oidc-provider';
import type { Keyring } from '../../../platform/keys/keyring.js';
import { Sealed } from '../persons/rules.js';
import type { SsoStore } from './adapter.js';
import * as repo from './repo.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STAFF_PHONE = 'staff.phone_enc';

/** 部门 claim (`tongban.department` scope): a staff member's home department; null for citizens. */
export interface DepartmentClaim {
  id: string;
  name: string;
  regionCode: string;
}

/**
 * The claims of one user, all of them; oidc-provider releases only those of the granted scopes
 * (`SCOPE_CLAIMS`). `sub` is the user id. A citizen's user name is their phone number, so it is released
 * as `phone_number` under `phone`, never as `preferred_username`.
 */
export async function accountClaims(store: SsoStore, keyring: Keyring, userId: string) {
  if (!UUID.test(userId)) return null;
  const conn = store.conn();
  const row = await repo.findAccount(conn, userId);
  if (!row) return null;
  const phoneEnc = row.kind === 'staff' ? row.staff_phone_enc : row.citizen_phone_enc;
  const phoneContext = row.kind === 'staff' ? STAFF_PHONE : Sealed.citizenPhone;
  const department: DepartmentClaim | null =
    row.department_id && row.department_name && row.region_code
      ? { id: row.department_id, name: row.department_name, regionCode: row.region_code }
      : null;
  const claims: AccountClaims = {
    sub: row.id,
    name: row.display_name,
    ...(row.kind === 'citizen' ? {} : { preferred_username: row.username }),
    ...(phoneEnc ? { phone_number: await keyring.decrypt(phoneEnc, phoneContext) } : {}),
    department,
    roles: await repo.roleCodes(conn, row.id),
  };
  return claims;
}

/** oidc-provider's `findAccount`: an active Tongban user, or undefined (disabled or deleted). */
export function accountFinder(store: SsoStore, keyring: Keyring) {
  return async (_ctx: unknown, sub: string): Promise<Account | undefined> => {
    const claims = await accountClaims(store, keyring, sub);
    if (!claims) return undefined;
    return { accountId: sub, claims: () => claims };
  };
}
