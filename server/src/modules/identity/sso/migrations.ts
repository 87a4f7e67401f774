import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../../platform/db/migrator.js';
import type { JsonColumn } from '../../../platform/db/tables.js';

export const ssoMigrations: MigrationSet = {
  '20261123_111_identity_sso': {
    async up(db: Kysely<unknown>) {
      // 单点登录应用: the applications (OIDC relying parties) that sign users in with Tongban
      await sql`
        create table sso_clients (
          id uuid primary key,
          client_id text not null,
          name text not null,
          secret_enc text not null,
          redirect_uris jsonb not null,
          post_logout_redirect_uris jsonb not null default '[]',
          scopes jsonb not null,
          enabled boolean not null default true,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          constraint sso_clients_client_id_key unique (client_id)
        )`.execute(db);
      // oidc-provider's state (sessions, interactions, grants, codes, tokens), shared by every node
      await sql`
        create table sso_payloads (
          model text not null,
          id text not null,
          payload jsonb not null,
          grant_id text,
          uid text,
          user_code text,
          expires_at timestamptz,
          consumed_at timestamptz,
          primary key (model, id)
        )`.execute(db);
      await sql`create index sso_payloads_grant on sso_payloads (model, grant_id) where grant_id is not null`.execute(
        db,
      );
      await sql`create index sso_payloads_uid on sso_payloads (model, uid) where uid is not null`.execute(db);
      await sql`create index sso_payloads_user_code on sso_payloads (model, user_code) where user_code is not null`.execute(
        db,
      );
      await sql`create index sso_payloads_expiry on sso_payloads (expires_at)`.execute(db);
      // ID-token signing keys and cookie keys, sealed with the keyring, the same on every node
      await sql`
        create table sso_keys (
          id text primary key,
          purpose text not null check (purpose in ('signing', 'cookie')),
          secret_enc text not null,
          state text not null default 'active' check (state in ('active', 'retired')),
          created_at timestamptz not null default now()
        )`.execute(db);
    },
  },
};

export interface SsoClientsTable {
  id: string;
  client_id: string;
  name: string;
  secret_enc: string;
  redirect_uris: JsonColumn<string[]>;
  post_logout_redirect_uris: JsonColumn<string[]>;
  scopes: JsonColumn<string[]>;
  enabled: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SsoPayloadsTable {
  model: string;
  id: string;
  payload: JsonColumn<Record<string, unknown>>;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

export interface SsoKeysTable {
  id: string;
  purpose: 'signing' | 'cookie';
  secret_enc: string;
  state: Generated<'active' | 'retired'>;
  created_at: Generated<Date>;
}

declare module '../../../platform/db/tables.js' {
  interface Tables {
    sso_clients: SsoClientsTable;
    sso_payloads: SsoPayloadsTable;
    sso_keys: SsoKeysTable;
  }
}
