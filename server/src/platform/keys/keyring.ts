import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit } from '../audit/ledger.js';
import { type BlindIndexKind, blindIndex } from '../crypto/blind-index.js';
import { FieldCipher, UnknownKeyIdError, unwrapKey, wrapKey } from '../crypto/envelope.js';
import { CryptoIntegrityError } from '../crypto/errors.js';
import type { Db } from '../db/database.js';
import { type Trx, withTransaction } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';

const KEYRING_LOCK = 7_306_103;

/**
 * 个人信息加密 — envelope encryption of personal fields. Data keys (DEKs) live in `data_keys`, wrapped
 * by the master key; values carry the id of the key that sealed them, so after a rotation old values
 * still decrypt. The blind-index key never rotates: its indexes must stay comparable.
 */
export class Keyring {
  private cipher: FieldCipher | null = null;
  private indexKey: Buffer | null = null;

  constructor(
    private readonly db: Db,
    private readonly masterKey: Buffer,
  ) {}

  /** Loads the keys, creating the first ones on a new database. Fails clearly on a wrong master key. */
  async load(): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
      for (const purpose of ['field', 'blindIndex'] as const) {
        const active = await trx
          .selectFrom('data_keys')
          .select('id')
          .where('purpose', '=', purpose)
          .where('state', '=', 'active')
          .executeTakeFirst();
        if (!active) await this.insertKey(trx, purpose);
      }
    });
    const rows = await this.db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
    const fieldKeys = new Map<string, Uint8Array>();
    let activeFieldKey = '';
    for (const row of rows) {
      let key: Buffer;
      try {
        key = unwrapKey(this.masterKey, row.wrapped, row.id);
      } catch (error) {
        if (error instanceof CryptoIntegrityError) {
          throw new Error(
            'The master key does not match the one that wrapped the stored data keys (TONGBAN_MASTER_KEY or DATA_DIR/master.key)',
          );
        }
        throw error;
      }
      if (row.purpose === 'blindIndex') {
        if (row.state === 'active') this.indexKey = key;
        continue;
      }
      fieldKeys.set(row.id, key);
      if (row.state === 'active') activeFieldKey = row.id;
    }
    this.cipher = new FieldCipher({ keys: fieldKeys, activeKeyId: activeFieldKey });
  }

  encrypt(plain: string, context: string): string {
    return this.fieldCipher().encrypt(plain, context);
  }

  /** Decrypts; a key id this node has not seen yet (another node rotated) reloads the keyring once. */
  async decrypt(ciphertext: string, context: string): Promise<string> {
    try {
      return this.fieldCipher().decrypt(ciphertext, context);
    } catch (error) {
      if (!(error instanceof UnknownKeyIdError)) throw error;
      await this.load();
      return this.fieldCipher().decrypt(ciphertext, context);
    }
  }

  blindIndex(value: string, kind: BlindIndexKind): string {
    if (!this.indexKey) throw new Error('Keyring not loaded');
    return blindIndex(this.indexKey, value, kind);
  }

  needsRotation(ciphertext: string): boolean {
    return this.fieldCipher().needsRotation(ciphertext);
  }

  get activeKeyId(): string {
    return this.fieldCipher().activeKeyId;
  }

  /** Makes a new field key active; the previous one is retired but kept for decryption. Audited. */
  async rotate(ctx: RequestContext): Promise<string> {
    const id = await withTransaction(this.db, async (trx) => {
      await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
      const retired = await trx
        .updateTable('data_keys')
        .set({ state: 'retired', retired_at: sql<Date>`now()` })
        .where('purpose', '=', 'field')
        .where('state', '=', 'active')
        .returning('id')
        .executeTakeFirst();
      const created = await this.insertKey(trx, 'field');
      await appendAudit(trx, ctx, {
        action: 'security.rotateDataKey',
        target: { type: 'dataKey', id: created },
        details: { retired: retired?.id ?? null },
      });
      return created;
    });
    await this.load();
    return id;
  }

  private async insertKey(trx: Trx, purpose: 'field' | 'blindIndex'): Promise<string> {
    const id = `${purpose === 'field' ? 'dek' : 'bidx'}-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}-${randomBytes(3).toString('hex')}`;
    await trx
      .insertInto('data_keys')
      .values({
        id,
        purpose,
        wrapped: wrapKey(this.masterKey, randomBytes(32), id),
        state: 'active',
        created_at: new Date(),
        retired_at: null,
      })
      .execute();
    return id;
  }

  private fieldCipher(): FieldCipher {
    if (!this.cipher) throw new Error('Keyring not loaded');
    return this.cipher;
  }
}
