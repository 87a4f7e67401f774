import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';
import type { JsonColumn } from '../db/tables.js';

export const auditMigrations: MigrationSet = {
  '20261123_001_platform_audit_ledger': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table audit_ledger (
          seq bigint primary key,
          id uuid not null unique,
          at timestamptz not null,
          actor_id text,
          actor_name text,
          action text not null,
          target_type text,
          target_id text,
          ip text,
          request_id text,
          outcome text not null check (outcome in ('success', 'failure')),
          details jsonb not null,
          change_hash text,
          prev_hash text not null,
          hash text not null
        )`.execute(db);
      await sql`create index audit_ledger_target on audit_ledger (target_type, target_id, seq)`.execute(db);
      await sql`create index audit_ledger_actor on audit_ledger (actor_id, seq)`.execute(db);
      // Nobody edits the ledger, not even the application's own database role.
      await sql`
        create function audit_ledger_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_ledger is append-only: % refused', tg_op using errcode = '42501';
        end $$`.execute(db);
      await sql`
        create trigger audit_ledger_no_update_delete before update or delete on audit_ledger
        for each row execute function audit_ledger_append_only()`.execute(db);
      await sql`
        create trigger audit_ledger_no_truncate before truncate on audit_ledger
        for each statement execute function audit_ledger_append_only()`.execute(db);
    },
  },
};

export interface AuditLedgerTable {
  seq: number;
  id: string;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  request_id: string | null;
  outcome: 'success' | 'failure';
  details: JsonColumn<Record<string, unknown>>;
  change_hash: string | null;
  prev_hash: string;
  hash: string;
}

declare module '../db/tables.js' {
  interface Tables {
    audit_ledger: AuditLedgerTable;
  }
}
