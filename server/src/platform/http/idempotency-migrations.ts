import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';

export const idempotencyMigrations: MigrationSet = {
  '20261123_002_platform_idempotency': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table idempotency_keys (
          scope text not null,
          key text not null,
          request_hash text not null,
          state text not null check (state in ('pending', 'done')),
          response_status integer,
          response_type text,
          response_body text,
          locked_until timestamptz not null,
          expires_at timestamptz not null,
          primary key (scope, key)
        )`.execute(db);
      await sql`create index idempotency_keys_expiry on idempotency_keys (expires_at)`.execute(db);
    },
  },
};

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  state: 'pending' | 'done';
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  locked_until: Date;
  expires_at: Date;
}

declare module '../db/tables.js' {
  interface Tables {
    idempotency_keys: IdempotencyKeysTable;
  }
}
