import { type Kysely, sql } from 'kysely';
import type { Db } from './database.js';
import type { MigrationSet } from './migrator.js';
import type { JsonColumn } from './tables.js';
import { toJson } from './tables.js';

export const settingsMigrations: MigrationSet = {
  '20261123_000_platform_settings': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table platform_settings (
          key text primary key,
          value jsonb not null,
          updated_at timestamptz not null default now()
        )`.execute(db);
    },
  },
};

export interface PlatformSettingsTable {
  key: string;
  value: JsonColumn<unknown>;
  updated_at: Date;
}

declare module './tables.js' {
  interface Tables {
    platform_settings: PlatformSettingsTable;
  }
}

/** Reads inside a transaction or on the database itself (a `Trx` is a `Db`). */
export async function readSetting<T>(trx: Db, key: string): Promise<T | undefined> {
  const row = await trx
    .selectFrom('platform_settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.value as T | undefined;
}

export async function writeSetting(trx: Db, key: string, value: unknown): Promise<void> {
  await trx
    .insertInto('platform_settings')
    .values({ key, value: toJson(value), updated_at: new Date() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: toJson(value), updated_at: new Date() }))
    .execute();
}
