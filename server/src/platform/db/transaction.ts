import type { Transaction } from 'kysely';
import type { Db } from './database.js';
import type { Tables } from './tables.js';

export type Trx = Transaction<Tables>;

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

/**
 * Runs `work` in one transaction: everything it writes commits together or not at all.
 * Serialization failures and deadlocks are retried a few times, so `work` must not have side
 * effects outside the database (send messages through the outbox instead).
 */
export async function withTransaction<T>(db: Db, work: (trx: Trx) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= attempts || !code || !RETRYABLE.has(code)) throw error;
    }
  }
}
