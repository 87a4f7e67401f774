import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';
import type { JsonColumn } from '../db/tables.js';

export const jobMigrations: MigrationSet = {
  '20261123_003_platform_jobs': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table jobs (
          id uuid primary key,
          name text not null,
          payload jsonb not null,
          unique_key text unique,
          state text not null check (state in ('pending', 'running', 'done', 'failed')),
          run_at timestamptz not null,
          attempts integer not null default 0,
          max_attempts integer not null,
          locked_by text,
          locked_until timestamptz,
          last_error text,
          created_at timestamptz not null default now(),
          finished_at timestamptz
        )`.execute(db);
      await sql`create index jobs_due on jobs (run_at) where state in ('pending', 'running')`.execute(db);
      await sql`
        create table job_schedules (
          name text primary key,
          interval_seconds integer not null check (interval_seconds > 0),
          next_run_at timestamptz not null,
          last_run_at timestamptz
        )`.execute(db);
    },
  },
};

export interface JobsTable {
  id: string;
  name: string;
  payload: JsonColumn<unknown>;
  unique_key: string | null;
  state: 'pending' | 'running' | 'done' | 'failed';
  run_at: Date;
  attempts: Generated<number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface JobSchedulesTable {
  name: string;
  interval_seconds: number;
  next_run_at: Date;
  last_run_at: Date | null;
}

declare module '../db/tables.js' {
  interface Tables {
    jobs: JobsTable;
    job_schedules: JobSchedulesTable;
  }
}
