import type { Db } from '../../../platform/db/database.js';
import { toJson } from '../../../platform/db/tables.js';
import type { Trx } from '../../../platform/db/transaction.js';

type Conn = Db | Trx;

export function findClient(db: Conn, id: string) {
  return db.selectFrom('sso_clients').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findClientByClientId(db: Conn, clientId: string) {
  return db.selectFrom('sso_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export function clients(db: Conn, after: string | null, limit: number) {
  let qb = db.selectFrom('sso_clients').selectAll();
  if (after) qb = qb.where('id', '>', after);
  return qb.orderBy('id').limit(limit).execute();
}

export interface NewClient {
  id: string;
  clientId: string;
  name: string;
  secretEnc: string;
  redirectUris: readonly string[];
  postLogoutRedirectUris: readonly string[];
  scopes: readonly string[];
  enabled: boolean;
}

export async function insertClient(trx: Trx, c: NewClient): Promise<void> {
  await trx
    .insertInto('sso_clients')
    .values({
      id: c.id,
      client_id: c.clientId,
      name: c.name,
      secret_enc: c.secretEnc,
      redirect_uris: toJson(c.redirectUris),
      post_logout_redirect_uris: toJson(c.postLogoutRedirectUris),
      scopes: toJson(c.scopes),
      enabled: c.enabled,
    })
    .execute();
}

export interface ClientChanges {
  name?: string;
  secretEnc?: string;
  redirectUris?: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  scopes?: readonly string[];
  enabled?: boolean;
}

export async function updateClient(trx: Trx, id: string, c: ClientChanges): Promise<void> {
  await trx
    .updateTable('sso_clients')
    .set({
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.secretEnc !== undefined ? { secret_enc: c.secretEnc } : {}),
      ...(c.redirectUris ? { redirect_uris: toJson(c.redirectUris) } : {}),
      ...(c.postLogoutRedirectUris ? { post_logout_redirect_uris: toJson(c.postLogoutRedirectUris) } : {}),
      ...(c.scopes ? { scopes: toJson(c.scopes) } : {}),
      ...(c.enabled !== undefined ? { enabled: c.enabled } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteClient(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('sso_clients').where('id', '=', id).execute();
}

/** The user behind an SSO subject: an active account, with a staff member's home department. */
export function findAccount(db: Conn, userId: string) {
  return db
    .selectFrom('users as u')
    .leftJoin('staff as s', 's.user_id', 'u.id')
    .leftJoin('departments as d', 'd.id', 's.department_id')
    .leftJoin('citizens as c', 'c.user_id', 'u.id')
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.kind',
      'd.id as department_id',
      'd.name as department_name',
      'd.region_code',
      's.phone_enc as staff_phone_enc',
      'c.phone_enc as citizen_phone_enc',
    ])
    .where('u.id', '=', userId)
    .where('u.status', '=', 'active')
    .executeTakeFirst();
}

export async function roleCodes(db: Conn, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('user_roles as ur')
    .innerJoin('roles as r', 'r.id', 'ur.role_id')
    .select('r.code')
    .where('ur.user_id', '=', userId)
    .orderBy('r.code')
    .execute();
  return rows.map((r) => r.code);
}
