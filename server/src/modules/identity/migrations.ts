import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrator.js';
import type { DataScope } from '../../platform/http/context.js';

export const identityMigrations: MigrationSet = {
  '20261123_101_identity_core': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table users (
          id uuid primary key,
          username text not null unique,
          display_name text not null,
          password_hash text not null,
          kind text not null check (kind in ('staff', 'citizen', 'enterprise')),
          status text not null default 'active' check (status in ('active', 'disabled')),
          password_changed_at timestamptz not null default now(),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table roles (
          id uuid primary key,
          code text not null unique,
          name text not null,
          description text not null default '',
          builtin boolean not null default false,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table role_permissions (
          role_id uuid not null references roles (id) on delete cascade,
          permission text not null,
          data_scope text not null check (data_scope in ('self', 'department', 'departmentTree', 'regionTree', 'all')),
          primary key (role_id, permission)
        )`.execute(db);
      await sql`
        create table user_roles (
          user_id uuid not null references users (id) on delete cascade,
          role_id uuid not null references roles (id) on delete restrict,
          primary key (user_id, role_id)
        )`.execute(db);
      await sql`
        create table sessions (
          id uuid primary key,
          token_hash text not null unique,
          user_id uuid not null references users (id) on delete cascade,
          ip text,
          user_agent text,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz not null default now(),
          idle_expires_at timestamptz not null,
          expires_at timestamptz not null,
          revoked_at timestamptz
        )`.execute(db);
      await sql`create index sessions_user on sessions (user_id, created_at)`.execute(db);
    },
  },
  '20261123_104_identity_lockout_and_login_log': {
    async up(db: Kysely<unknown>) {
      await sql`alter table users add column failed_logins integer not null default 0`.execute(db);
      await sql`alter table users add column locked_until timestamptz`.execute(db);
      // 登录日志 — every sign-in attempt, for the security administrator (the audit ledger is the auditor's)
      await sql`
        create table login_events (
          id uuid primary key,
          at timestamptz not null default now(),
          username text not null,
          user_id uuid references users (id) on delete set null,
          method text not null,
          outcome text not null check (outcome in ('success', 'failure', 'locked')),
          reason text,
          ip text,
          user_agent text
        )`.execute(db);
      await sql`create index login_events_user on login_events (user_id, id)`.execute(db);
      await sql`create index login_events_username on login_events (username, id)`.execute(db);
    },
  },
  '20261123_110_identity_password_lifecycle': {
    async up(db: Kysely<unknown>) {
      // previous password hashes, for the "no reuse of the last N" rule
      await sql`
        create table password_history (
          user_id uuid not null references users (id) on delete cascade,
          password_hash text not null,
          replaced_at timestamptz not null default now()
        )`.execute(db);
      await sql`create index password_history_user on password_history (user_id, replaced_at desc)`.execute(
        db,
      );
      // fixed at sign-in from the policy of that moment, so no request has to read the policy
      await sql`alter table sessions add column password_expires_at timestamptz`.execute(db);
      await sql`alter table sessions add column password_warn_at timestamptz`.execute(db);
    },
  },
};

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  kind: 'staff' | 'citizen' | 'enterprise';
  status: Generated<'active' | 'disabled'>;
  failed_logins: Generated<number>;
  locked_until: Generated<Date | null>;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface RolesTable {
  id: string;
  code: string;
  name: string;
  description: Generated<string>;
  builtin: Generated<boolean>;
  /** role_groups.id (rbac migration 108); defaults to the built-in group 默认 */
  group_id: Generated<string>;
  created_at: Generated<Date>;
}

export interface RolePermissionsTable {
  role_id: string;
  permission: string;
  data_scope: DataScope;
}

export interface UserRolesTable {
  user_id: string;
  role_id: string;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  idle_expires_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  /** When the password in use at sign-in expires (null: never); past it, the session may only change it. */
  password_expires_at: Date | null;
  /** From when the UI warns that the password is about to expire. */
  password_warn_at: Date | null;
}

export interface PasswordHistoryTable {
  user_id: string;
  password_hash: string;
  replaced_at: Generated<Date>;
}

export interface LoginEventsTable {
  id: string;
  at: Generated<Date>;
  username: string;
  user_id: string | null;
  method: 'password' | 'otp' | 'sso';
  outcome: 'success' | 'failure' | 'locked';
  reason: string | null;
  ip: string | null;
  user_agent: string | null;
}

declare module '../../platform/db/tables.js' {
  interface Tables {
    login_events: LoginEventsTable;
    users: UsersTable;
    roles: RolesTable;
    role_permissions: RolePermissionsTable;
    user_roles: UserRolesTable;
    sessions: SessionsTable;
    password_history: PasswordHistoryTable;
  }
}
