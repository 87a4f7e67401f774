import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { allMigrations } from '../migrations.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import type { Tables } from '../platform/db/tables.js';
import { TEMPLATE_DATABASE } from './test-database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * Prepares one migrated database that every test file copies: PGlite's initdb takes seconds, so it runs
 * once and is dumped to a tarball; on PostgreSQL a template database is cloned by CREATE DATABASE.
 */
export default async function setup(project: TestProject) {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const url = new URL(databaseUrl);
    url.pathname = `/${TEMPLATE_DATABASE}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 1 });
    const db = new Kysely<Tables>({ dialect: new (await import('kysely')).PostgresDialect({ pool }) });
    await migrateToLatest(db, allMigrations);
    await db.destroy();
    project.provide('pgliteTemplate', '');
    return;
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'tongban-test-'));
  const client = await PGlite.create();
  const db = new Kysely<Tables>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db, allMigrations);
  const dump = await client.dumpDataDir('none');
  const file = path.join(folder, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  project.provide('pgliteTemplate', file);
  return () => rmSync(folder, { recursive: true, force: true });
}
