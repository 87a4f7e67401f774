import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../../platform/db/migrator.js';

/** The built-in role group 默认 every role belongs to unless moved (fixed id, so the column default can name it). */
export const DEFAULT_ROLE_GROUP_ID = '00000000-0000-7000-8000-000000000001';

export const rbacMigrations: MigrationSet = {
  '20261123_108_identity_rbac': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table role_groups (
          id uuid primary key,
          name text not null,
          builtin boolean not null default false,
          created_at timestamptz not null default now(),
          constraint role_groups_name_key unique (name)
        )`.execute(db);
      await sql`insert into role_groups (id, name, builtin) values (${sql.lit(DEFAULT_ROLE_GROUP_ID)}, '默认', true)`.execute(
        db,
      );
      await sql`
        alter table roles add column group_id uuid not null
          default ${sql.lit(DEFAULT_ROLE_GROUP_ID)} references role_groups (id)`.execute(db);
      await sql`create index roles_group on roles (group_id, id)`.execute(db);
      // 资源/菜单树: resource codes are the permission namespace (see permissions.ts resourceTree)
      await sql`
        create table resources (
          code text primary key,
          parent_code text references resources (code),
          name text not null,
          kind text not null check (kind in ('menu', 'action')),
          sort integer not null default 0
        )`.execute(db);
      await sql`create index resources_parent on resources (parent_code)`.execute(db);
    },
  },
};

export interface RoleGroupsTable {
  id: string;
  name: string;
  builtin: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ResourcesTable {
  code: string;
  parent_code: string | null;
  name: string;
  kind: 'menu' | 'action';
  sort: Generated<number>;
}

declare module '../../../platform/db/tables.js' {
  interface Tables {
    role_groups: RoleGroupsTable;
    resources: ResourcesTable;
  }
}
