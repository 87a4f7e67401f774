import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from '../../../platform/db/database.js';
import { toJson } from '../../../platform/db/tables.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { Keyring } from '../../../platform/keys/keyring.js';
import { clientMetadata } from './client-metadata.js';
import * as repo from './repo.js';

type Conn = Db | Trx;

/**
 * oidc-provider's storage in PostgreSQL, so every node sees the same sessions, interactions, grants,
 * codes and tokens. Clients are not stored here: they are read from `sso_clients` (the admin registry),
 * and a disabled or deleted client is simply not found.
 *
 * `inTransaction` runs provider calls (grant, interaction result) and our own writes (audit) in one
 * transaction: the adapters use its connection while it runs.
 */
export class SsoStore {
  private readonly current = new AsyncLocalStorage<Trx>();

  constructor(
    private readonly db: Db,
    readonly keyring: Keyring,
  ) {}

  /** The transaction in progress (see `inTransaction`), else the pool. */
  conn(): Conn {
    return this.current.getStore() ?? this.db;
  }

  inTransaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (trx) => this.current.run(trx, () => work(trx)));
  }

  /** The adapter factory oidc-provider calls once per model. */
  readonly adapter = (model: string): Adapter =>
    model === 'Client' ? new ClientAdapter(this) : new PayloadAdapter(this, model);

  /** Deletes payloads that expired more than a minute ago; returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.db
      .deleteFrom('sso_payloads')
      .where('expires_at', '<', sql<Date>`now() - interval '1 minute'`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

const epoch = (date: Date) => Math.floor(date.getTime() / 1000);

class PayloadAdapter implements Adapter {
  constructor(
    private readonly store: SsoStore,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const row = {
      payload: toJson(payload),
      grant_id: payload.grantId ?? null,
      uid: payload.uid ?? null,
      user_code: payload.userCode ?? null,
      expires_at: expiresIn ? sql<Date>`now() + make_interval(secs => ${expiresIn})` : null,
      consumed_at: typeof payload.consumed === 'number' ? new Date(payload.consumed * 1000) : null,
    };
    await this.store
      .conn()
      .insertInto('sso_payloads')
      .values({ model: this.model, id, ...row })
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet(row))
      .execute();
  }

  find(id: string) {
    return this.findWhere('id', id);
  }

  findByUid(uid: string) {
    return this.findWhere('uid', uid);
  }

  findByUserCode(userCode: string) {
    return this.findWhere('user_code', userCode);
  }

  async consume(id: string): Promise<void> {
    await this.store
      .conn()
      .updateTable('sso_payloads')
      .set({ consumed_at: sql<Date>`now()` })
      .where('model', '=', this.model)
      .where('id', '=', id)
      .execute();
  }

  async destroy(id: string): Promise<void> {
    await this.store
      .conn()
      .deleteFrom('sso_payloads')
      .where('model', '=', this.model)
      .where('id', '=', id)
      .execute();
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.store
      .conn()
      .deleteFrom('sso_payloads')
      .where('model', '=', this.model)
      .where('grant_id', '=', grantId)
      .execute();
  }

  private async findWhere(column: 'id' | 'uid' | 'user_code', value: string) {
    const row = await this.store
      .conn()
      .selectFrom('sso_payloads')
      .select(['payload', 'consumed_at'])
      .where('model', '=', this.model)
      .where(column, '=', value)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .executeTakeFirst();
    if (!row) return undefined;
    const payload = row.payload as AdapterPayload;
    return row.consumed_at ? { ...payload, consumed: epoch(row.consumed_at) } : payload;
  }
}

/** Read-only: clients are registered through the admin API, never by the provider. */
class ClientAdapter implements Adapter {
  constructor(private readonly store: SsoStore) {}

  async find(clientId: string) {
    const row = await repo.findClientByClientId(this.store.conn(), clientId);
    if (!row?.enabled) return undefined;
    return clientMetadata(row, await this.store.keyring.decrypt(row.secret_enc, 'sso_clients.secret_enc'));
  }

  async upsert(): Promise<void> {
    throw new Error('SSO clients are registered through the admin API');
  }

  async findByUid() {
    return undefined;
  }

  async findByUserCode() {
    return undefined;
  }

  async consume(): Promise<void> {}

  async destroy(): Promise<void> {}

  async revokeByGrantId(): Promise<void> {}
}
