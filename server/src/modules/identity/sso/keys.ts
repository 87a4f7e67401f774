import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { Keyring } from '../../../platform/keys/keyring.js';

// Any constant: serialises the first creation of the keys when several nodes start together.
const SSO_KEYS_LOCK = 7_306_111;
const SEALED = 'sso_keys.secret_enc';

/** A private JWK (`d` included) as oidc-provider's `jwks` takes it. */
export interface SigningJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d: string;
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface SsoKeys {
  /** Active key first: it signs; all of them are published at /oidc/jwks. */
  signing: SigningJwk[];
  /** Cookie signing keys (keygrip): the first signs, all verify. */
  cookie: string[];
}

/**
 * The provider's keys, the same on every node: created on the first start (under an advisory lock, so
 * two nodes starting together create one set) and stored sealed with the keyring. ID tokens are signed
 * with ES256 (ECDSA P-256): JOSE has no SM2 algorithm, so integrated applications could not verify one.
 */
export async function loadSsoKeys(db: Db, keyring: Keyring): Promise<SsoKeys> {
  await withTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${SSO_KEYS_LOCK})`.execute(trx);
    for (const purpose of ['signing', 'cookie'] as const) {
      const active = await trx
        .selectFrom('sso_keys')
        .select('id')
        .where('purpose', '=', purpose)
        .where('state', '=', 'active')
        .executeTakeFirst();
      if (!active) await insertKey(trx, keyring, purpose);
    }
  });
  const rows = await db
    .selectFrom('sso_keys')
    .selectAll()
    .orderBy('state') // 'active' before 'retired'
    .orderBy('created_at', 'desc')
    .execute();
  const keys: SsoKeys = { signing: [], cookie: [] };
  for (const row of rows) {
    const secret = await keyring.decrypt(row.secret_enc, SEALED);
    if (row.purpose === 'signing') keys.signing.push(JSON.parse(secret) as SigningJwk);
    else keys.cookie.push(secret);
  }
  return keys;
}

async function insertKey(trx: Trx, keyring: Keyring, purpose: 'signing' | 'cookie'): Promise<void> {
  const id = `sso-${purpose}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(4).toString('hex')}`;
  const secret =
    purpose === 'signing' ? JSON.stringify(newSigningJwk(id)) : randomBytes(32).toString('base64url');
  await trx
    .insertInto('sso_keys')
    .values({ id, purpose, secret_enc: keyring.encrypt(secret, SEALED) })
    .execute();
}

function newSigningJwk(kid: string): SigningJwk {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' }) as { x: string; y: string; d: string };
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d, kid, alg: 'ES256', use: 'sig' };
}
