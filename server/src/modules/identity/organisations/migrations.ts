import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../../platform/db/migrator.js';

export type OrgStatus = 'active' | 'disabled';

export const organisationMigrations: MigrationSet = {
  '20261123_107_identity_organisations': {
    async up(db: Kysely<unknown>) {
      // 部门: nested inside regions. `path` is the ids from the root joined by '.', for departmentTree scopes.
      await sql`
        create table departments (
          id uuid primary key,
          name text not null,
          code text unique,
          region_code text not null references regions (code),
          parent_id uuid references departments (id),
          path text not null,
          status text not null default 'active' check (status in ('active', 'disabled')),
          sort integer not null default 0,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create unique index departments_path on departments (path text_pattern_ops)`.execute(db);
      await sql`create index departments_children on departments (parent_id, id)`.execute(db);
      await sql`create index departments_region on departments (region_code)`.execute(db);
      // 大厅 and 窗口: removed with their department (a department with staff or children is never deleted)
      await sql`
        create table halls (
          id uuid primary key,
          name text not null,
          department_id uuid not null references departments (id) on delete cascade,
          address text not null default '',
          opening_hours text not null default '',
          status text not null default 'active' check (status in ('active', 'disabled')),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index halls_department on halls (department_id, id)`.execute(db);
      await sql`
        create table hall_windows (
          id uuid primary key,
          hall_id uuid not null references halls (id) on delete cascade,
          number text not null,
          name text not null,
          status text not null default 'active' check (status in ('active', 'disabled')),
          constraint hall_windows_number_unique unique (hall_id, number)
        )`.execute(db);
      // 岗位
      await sql`
        create table posts (
          id uuid primary key,
          department_id uuid not null references departments (id) on delete cascade,
          name text not null,
          constraint posts_name_unique unique (department_id, name)
        )`.execute(db);
      // 工作人员: a users row of kind 'staff' with one home department
      await sql`
        create table staff (
          user_id uuid primary key references users (id) on delete cascade,
          department_id uuid not null references departments (id),
          post_id uuid references posts (id),
          phone_enc text,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index staff_department on staff (department_id, user_id)`.execute(db);
    },
  },
};

export interface DepartmentsTable {
  id: string;
  name: string;
  code: string | null;
  region_code: string;
  parent_id: string | null;
  path: string;
  status: Generated<OrgStatus>;
  sort: Generated<number>;
  created_at: Generated<Date>;
}

export interface HallsTable {
  id: string;
  name: string;
  department_id: string;
  address: Generated<string>;
  opening_hours: Generated<string>;
  status: Generated<OrgStatus>;
  created_at: Generated<Date>;
}

export interface HallWindowsTable {
  id: string;
  hall_id: string;
  number: string;
  name: string;
  status: Generated<OrgStatus>;
}

export interface PostsTable {
  id: string;
  department_id: string;
  name: string;
}

export interface StaffTable {
  user_id: string;
  department_id: string;
  post_id: string | null;
  phone_enc: string | null;
  created_at: Generated<Date>;
}

declare module '../../../platform/db/tables.js' {
  interface Tables {
    departments: DepartmentsTable;
    halls: HallsTable;
    hall_windows: HallWindowsTable;
    posts: PostsTable;
    staff: StaffTable;
  }
}
