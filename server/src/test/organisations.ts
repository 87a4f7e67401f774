import { randomBytes } from 'node:crypto';
import { insertSession } from '../modules/identity/repo.js';
import { sm3Hex } from '../platform/crypto/sm3.js';
import type { Db } from '../platform/db/database.js';
import { uuidv7 } from '../platform/db/ids.js';
import { withTransaction } from '../platform/db/transaction.js';
import type { DataScope } from '../platform/http/context.js';
import type { TestApp } from './test-app.js';

/** Test support: a bearer header for a user without a password round (a session row, as login makes one). */
export async function sessionFor(db: Db, userId: string) {
  const token = randomBytes(32).toString('base64url');
  await withTransaction(db, (trx) =>
    insertSession(
      trx,
      {
        id: uuidv7(),
        tokenHash: sm3Hex(token),
        userId,
        ip: null,
        userAgent: null,
        passwordExpiresAt: null,
        passwordWarnAt: null,
      },
      30,
      8,
    ),
  );
  return { authorization: `Bearer ${token}` };
}

/** A role with the given grants, straight into the tables (tests that are not about the role API). */
export async function makeRole(db: Db, code: string, grants: [string, DataScope][]) {
  const id = uuidv7();
  await db.insertInto('roles').values({ id, code, name: code }).execute();
  if (grants.length)
    await db
      .insertInto('role_permissions')
      .values(grants.map(([permission, scope]) => ({ role_id: id, permission, data_scope: scope })))
      .execute();
  return id;
}

/** A staff account (not signable with a password) in a department, holding the given roles. */
export async function makeStaff(db: Db, departmentId: string, roleIds: string[], username = `u${uuidv7()}`) {
  const id = uuidv7();
  await db
    .insertInto('users')
    .values({ id, username, display_name: username, password_hash: 'x', kind: 'staff' })
    .execute();
  await db
    .insertInto('staff')
    .values({ user_id: id, department_id: departmentId, post_id: null, phone_enc: null })
    .execute();
  if (roleIds.length)
    await db
      .insertInto('user_roles')
      .values(roleIds.map((role_id) => ({ user_id: id, role_id })))
      .execute();
  return id;
}

export function client(app: TestApp['app'], headers: Record<string, string>) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1/identity${url}`, headers, ...(payload ? { payload } : {}) });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, payload: object) => call('POST', url, payload),
    patch: (url: string, payload: object) => call('PATCH', url, payload),
    put: (url: string, payload: object) => call('PUT', url, payload),
    delete: (url: string) => call('DELETE', url),
  };
}

/** Every page of a list, followed by nextCursor. */
export async function listAll<T>(
  get: (url: string) => ReturnType<ReturnType<typeof client>['get']>,
  url: string,
) {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const response = await get(`${url}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    const body = response.json() as { items: T[]; nextCursor: string | null };
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}
