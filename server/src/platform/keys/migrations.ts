import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';

export const keyMigrations: MigrationSet = {
  '20261123_006_platform_data_keys': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table data_keys (
          id text primary key,
          purpose text not null check (purpose in ('field', 'blindIndex')),
          wrapped text not null,
          state text not null check (state in ('active', 'retired')),
          created_at timestamptz not null default now(),
          retired_at timestamptz
        )`.execute(db);
      // exactly one active key per purpose
      await sql`create unique index data_keys_one_active on data_keys (purpose) where state = 'active'`.execute(
        db,
      );
    },
  },
};

export interface DataKeysTable {
  id: string;
  purpose: 'field' | 'blindIndex';
  wrapped: string;
  state: 'active' | 'retired';
  created_at: Date;
  retired_at: Date | null;
}

declare module '../db/tables.js' {
  interface Tables {
    data_keys: DataKeysTable;
  }
}
