import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;
export type DatabaseEngine = 'pglite' | 'postgres';

export interface Database {
  db: Db;
  engine: DatabaseEngine;
  /** Resolves when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The database could not be reached or opened; start-up prints the message as one line and exits. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

const INT8_OID = 20;
/** `date` columns are calendar days (working-day clocks): read as 'YYYY-MM-DD', never as a local-midnight Date. */
const DATE_OID = 1082;
const asText = (value: string) => value;
/** PGlite's type parsers, the same as those of the PostgreSQL pool. */
export const PGLITE_PARSERS = { [INT8_OID]: Number, [DATE_OID]: asText };

export interface OpenOptions {
  databaseUrl: string | null;
  /** Folder of the embedded database when no DATABASE_URL is given. `null` opens an in-memory one. */
  pgliteDir: string | null;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options);
}

async function openPostgres(databaseUrl: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    // bigint counters (sequence numbers) fit in a JS number for any realistic table
    types: {
      getTypeParser: (oid, format) =>
        oid === INT8_OID ? Number : oid === DATE_OID ? asText : pg.types.getTypeParser(oid, format),
    },
  });
  // A client losing its server (idle in the pool or checked out between queries) must not crash the
  // process: the query in progress fails on its own, /readyz reports the outage, new clients reconnect.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${redactUrl(databaseUrl)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, engine: 'postgres', ping: (timeoutMs) => ping(db, timeoutMs), close: () => db.destroy() };
}

async function openPglite(options: OpenOptions): Promise<Database> {
  let releaseLock = async () => {};
  let client: PGlite;
  try {
    if (options.pgliteDir) {
      mkdirSync(options.pgliteDir, { recursive: true });
      releaseLock = acquireDataDirLock(path.join(options.pgliteDir, '..', 'tongban.lock'));
    }
    client = await PGlite.create(options.pgliteDir ?? undefined, { parsers: PGLITE_PARSERS });
  } catch (error) {
    await releaseLock();
    throw new DatabaseUnavailableError(
      `Cannot open the embedded database in ${options.pgliteDir ?? 'memory'}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return wrapPglite(client, releaseLock);
}

/** A Database over an open PGlite client (tests open theirs from a template). */
export function wrapPglite(client: PGlite, onClose: () => Promise<void> = async () => {}): Database {
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(client) });
  return {
    db,
    engine: 'pglite',
    ping: (timeoutMs) => ping(db, timeoutMs),
    close: async () => {
      await db.destroy();
      await onClose();
    },
  };
}

async function ping(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sql`select 1 as ok`
    .execute(db)
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P03',
]);

/** True for errors that mean "the database is not there right now" rather than "the query is wrong". */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  const candidate = error as { code?: unknown; message?: unknown } | null;
  if (!candidate) return false;
  if (typeof candidate.code === 'string') {
    if (CONNECTION_ERROR_CODES.has(candidate.code) || candidate.code.startsWith('08')) return true;
  }
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    message,
  );
}
