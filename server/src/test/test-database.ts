import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { type Database, openDatabase, PGLITE_PARSERS, wrapPglite } from '../platform/db/database.js';
import type { Tables } from '../platform/db/tables.js';

export const TEMPLATE_DATABASE = 'tongban_test_template';

/** The engine the suite runs on: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export const testEngine = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated, empty database for one test file or test: a copy of the template prepared by
 * global-setup. On PostgreSQL it is dropped again on close.
 */
export async function freshDatabase(): Promise<Database & { url: string | null }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const template = readFileSync(inject('pgliteTemplate'));
    const client = await PGlite.create({
      loadDataDir: new Blob([template]),
      parsers: PGLITE_PARSERS,
    });
    return { ...wrapPglite(client), url: null };
  }
  const name = `tongban_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(databaseUrl, `create database ${name} template ${TEMPLATE_DATABASE}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), pgliteDir: null, poolSize: 8 });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      await adminQuery(databaseUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/** An empty PostgreSQL database (no migrations), dropped after the file: for start-up races. */
export async function emptyPostgresDatabase(): Promise<string> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('emptyPostgresDatabase needs DATABASE_URL');
  const name = `tongban_e_${randomBytes(6).toString('hex')}`;
  await adminQuery(databaseUrl, `create database ${name}`);
  afterAll(() => adminQuery(databaseUrl, `drop database if exists ${name} with (force)`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(databaseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Rows in a table, for "nothing was written" assertions. */
export async function countRows(db: Kysely<Tables>, table: keyof Tables & string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return rows[0]!.n;
}
