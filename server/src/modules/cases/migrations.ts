import type { Generated, Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrator.js';
import type { JsonColumn } from '../../platform/db/tables.js';
import type { Workflow } from '../../shared/cases/workflow.js';
import type { ActionType } from './domain/actions.js';
import { CASE_STATUSES, type CaseStatus } from './domain/lifecycle.js';

const statusList = sql.raw(CASE_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * 办件: `cases` is the projection lists read (status, step, clock dates, masked applicant); the truth is
 * `case_actions`, append-only and hash-chained, whose payloads (form data, comments) are SM4-sealed.
 */
export const caseMigrations: MigrationSet = {
  '20261123_301_cases': {
    async up(db: Kysely<unknown>) {
      // 审批流程: versions of an item's workflow; a case points at the version it started with
      await sql`
        create table case_workflows (
          id uuid primary key,
          item_id uuid not null references catalog_items (id),
          version integer not null,
          definition jsonb not null,
          comment text not null default '',
          created_by uuid,
          created_at timestamptz not null default now(),
          constraint case_workflows_version_unique unique (item_id, version)
        )`.execute(db);
      // 一件事: one application for a bundle; its member cases point at it and are dispatched in order
      await sql`
        create table case_bundle_applications (
          id uuid primary key,
          bundle_id uuid not null references catalog_bundles (id),
          bundle_name text not null,
          applicant_user_id uuid not null references users (id),
          status text not null default 'inProgress' check (status in ('inProgress', 'completed', 'stopped')),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index case_bundle_applications_applicant on case_bundle_applications (applicant_user_id, created_at desc)`.execute(
        db,
      );
      await sql`
        create table cases (
          id uuid primary key,
          number text constraint cases_number_unique unique,
          item_id uuid not null references catalog_items (id),
          item_version_id uuid not null references catalog_item_versions (id),
          item_code text not null,
          item_name text not null,
          department_id uuid not null references departments (id),
          department_path text not null,
          region_code text not null,
          workflow_id uuid not null references case_workflows (id),
          parent_id uuid references case_bundle_applications (id),
          bundle_id uuid references catalog_bundles (id),
          bundle_position integer,
          channel text not null check (channel in ('online', 'window', 'api')),
          applicant_user_id uuid references users (id),
          applicant_kind text not null check (applicant_kind in ('person', 'enterprise')),
          applicant_name_masked text not null,
          applicant_name_enc text not null,
          applicant_name_bidx text not null,
          applicant_id_enc text,
          applicant_id_bidx text,
          applicant_phone_enc text,
          applicant_phone_bidx text,
          created_by uuid not null,
          status text not null check (status in (${statusList})),
          step_key text not null,
          step_name text not null,
          seq integer not null,
          last_hash text not null,
          created_at timestamptz not null default now(),
          submitted_at timestamptz,
          accepted_at timestamptz,
          decided_at timestamptz,
          closed_at timestamptz,
          updated_at timestamptz not null default now(),
          due_date date,
          near_due_date date,
          statutory_due_date date,
          step_due_date date,
          paused boolean not null default false,
          supplement_deadline date,
          suspended_until date,
          near_due_reported_at timestamptz,
          overdue_reported_at timestamptz
        )`.execute(db);
      await sql`create index cases_applicant on cases (applicant_user_id, created_at desc)`.execute(db);
      await sql`create index cases_department on cases (department_id, submitted_at desc)`.execute(db);
      await sql`create index cases_region on cases (region_code, submitted_at desc)`.execute(db);
      await sql`create index cases_created_by on cases (created_by, created_at desc)`.execute(db);
      await sql`create index cases_due on cases (due_date) where due_date is not null`.execute(db);
      await sql`create index cases_applicant_name on cases (applicant_name_bidx)`.execute(db);
      await sql`create index cases_applicant_id on cases (applicant_id_bidx)`.execute(db);
      await sql`create index cases_parent on cases (parent_id) where parent_id is not null`.execute(db);
      await sql`create index cases_supplement_deadline on cases (supplement_deadline) where status = 'supplementPending'`.execute(
        db,
      );
      // 办件轨迹: append-only; each action carries the SM3 hash of the one before
      await sql`
        create table case_actions (
          case_id uuid not null references cases (id),
          seq integer not null,
          id uuid not null constraint case_actions_id_unique unique,
          type text not null,
          actor_id text not null,
          actor_name text not null,
          role text,
          department_id uuid,
          at timestamptz not null,
          payload_enc text not null,
          prev_hash text not null,
          hash text not null,
          primary key (case_id, seq)
        )`.execute(db);
      await sql`create index case_actions_actor on case_actions (actor_id, at desc)`.execute(db);
      await sql`
        create function case_actions_append_only() returns trigger language plpgsql as $$
        begin
          raise exception 'case_actions is append-only';
        end $$`.execute(db);
      await sql`
        create trigger case_actions_no_update_delete before update or delete on case_actions
        for each row execute function case_actions_append_only()`.execute(db);
      // 待办: who may act on each open case now — a holder, or a pool by roles and place
      await sql`
        create table case_tasks (
          case_id uuid not null references cases (id),
          user_id uuid,
          roles text[] not null,
          scope text not null check (scope in ('department', 'departmentTree', 'region')),
          department_path text not null,
          region_code text not null
        )`.execute(db);
      await sql`create index case_tasks_case on case_tasks (case_id)`.execute(db);
      await sql`create index case_tasks_user on case_tasks (user_id) where user_id is not null`.execute(db);
      await sql`create index case_tasks_pool_department on case_tasks (department_path) where user_id is null`.execute(
        db,
      );
      await sql`create index case_tasks_pool_region on case_tasks (region_code) where user_id is null`.execute(
        db,
      );
      // 抄送
      await sql`
        create table case_copies (
          case_id uuid not null references cases (id),
          user_id uuid not null references users (id),
          copied_by text not null,
          copied_at timestamptz not null default now(),
          read_at timestamptz,
          primary key (case_id, user_id)
        )`.execute(db);
      await sql`create index case_copies_user on case_copies (user_id, copied_at desc)`.execute(db);
      // 办件编号: one counter per region, day and department; incremented in the submitting transaction
      await sql`
        create table case_number_counters (
          prefix text primary key,
          last integer not null
        )`.execute(db);
    },
  },
};

export const caseIndexMigrations: MigrationSet = {
  // measured in docs/performance.md (Case handling): 部门办件 over a department tree at 1M cases
  '20261123_302_case_list_indexes': {
    async up(db: Kysely<unknown>) {
      await sql`create index cases_department_path on cases (department_path text_pattern_ops, submitted_at)`.execute(
        db,
      );
      await sql`create index cases_open_by_department on cases (department_path text_pattern_ops, due_date) where decided_at is null`.execute(
        db,
      );
    },
  },
};

export interface CaseWorkflowsTable {
  id: string;
  item_id: string;
  version: number;
  definition: JsonColumn<Workflow>;
  comment: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CaseBundleApplicationsTable {
  id: string;
  bundle_id: string;
  bundle_name: string;
  applicant_user_id: string;
  status: Generated<'inProgress' | 'completed' | 'stopped'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CasesTable {
  id: string;
  number: string | null;
  item_id: string;
  item_version_id: string;
  item_code: string;
  item_name: string;
  department_id: string;
  department_path: string;
  region_code: string;
  workflow_id: string;
  parent_id: string | null;
  bundle_id: string | null;
  bundle_position: number | null;
  channel: 'online' | 'window' | 'api';
  applicant_user_id: string | null;
  applicant_kind: 'person' | 'enterprise';
  applicant_name_masked: string;
  applicant_name_enc: string;
  applicant_name_bidx: string;
  applicant_id_enc: string | null;
  applicant_id_bidx: string | null;
  applicant_phone_enc: string | null;
  applicant_phone_bidx: string | null;
  created_by: string;
  status: CaseStatus;
  step_key: string;
  step_name: string;
  seq: number;
  last_hash: string;
  created_at: Generated<Date>;
  submitted_at: Date | null;
  accepted_at: Date | null;
  decided_at: Date | null;
  closed_at: Date | null;
  updated_at: Generated<Date>;
  due_date: string | null;
  near_due_date: string | null;
  statutory_due_date: string | null;
  step_due_date: string | null;
  paused: Generated<boolean>;
  supplement_deadline: string | null;
  suspended_until: string | null;
  /** When the holders were told the case is near due (once per case). */
  near_due_reported_at: Date | null;
  /** When the department's supervisors were told the case is overdue (once per case). */
  overdue_reported_at: Date | null;
}

export interface CaseActionsTable {
  case_id: string;
  seq: number;
  id: string;
  type: ActionType;
  actor_id: string;
  actor_name: string;
  role: string | null;
  department_id: string | null;
  at: Date;
  payload_enc: string;
  prev_hash: string;
  hash: string;
}

export interface CaseTasksTable {
  case_id: string;
  user_id: string | null;
  roles: string[];
  scope: 'department' | 'departmentTree' | 'region';
  department_path: string;
  region_code: string;
}

export interface CaseCopiesTable {
  case_id: string;
  user_id: string;
  copied_by: string;
  copied_at: Generated<Date>;
  read_at: Date | null;
}

export interface CaseNumberCountersTable {
  prefix: string;
  last: number;
}

declare module '../../platform/db/tables.js' {
  interface Tables {
    case_workflows: CaseWorkflowsTable;
    case_bundle_applications: CaseBundleApplicationsTable;
    cases: CasesTable;
    case_actions: CaseActionsTable;
    case_tasks: CaseTasksTable;
    case_copies: CaseCopiesTable;
    case_number_counters: CaseNumberCountersTable;
  }
}
