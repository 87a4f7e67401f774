import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';
import type { JsonColumn } from '../db/tables.js';

export const eventMigrations: MigrationSet = {
  '20261123_004_platform_outbox': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table outbox_events (
          id uuid primary key,
          type text not null,
          aggregate_type text not null,
          aggregate_id text not null,
          payload jsonb not null,
          actor_id text,
          request_id text,
          occurred_at timestamptz not null
        )`.execute(db);
      await sql`create index outbox_events_aggregate on outbox_events (aggregate_type, aggregate_id, id)`.execute(
        db,
      );
    },
  },
};

export interface OutboxEventsTable {
  id: string;
  type: string;
  aggregate_type: string;
  aggregate_id: string;
  payload: JsonColumn<Record<string, unknown>>;
  actor_id: string | null;
  request_id: string | null;
  occurred_at: Date;
}

declare module '../db/tables.js' {
  interface Tables {
    outbox_events: OutboxEventsTable;
  }
}
