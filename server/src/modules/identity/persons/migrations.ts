import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../../platform/db/migrator.js';

/** Citizens, enterprises with their agents, and dependants. Personal fields are sealed (`*_enc`) and indexed (`*_bidx`). */
export const personMigrations: MigrationSet = {
  '20261123_106_identity_persons': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table citizens (
          user_id uuid primary key references users (id),
          name_enc text not null,
          id_number_enc text not null,
          id_number_bidx text not null constraint citizens_id_number_unique unique,
          phone_enc text not null,
          phone_bidx text not null constraint citizens_phone_unique unique,
          assurance text not null default 'registered'
            check (assurance in ('registered', 'realName', 'realPerson')),
          verified_at timestamptz,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table enterprises (
          id uuid primary key,
          name text not null,
          uscc text not null constraint enterprises_uscc_unique unique,
          legal_rep_id_bidx text not null,
          legal_rep_name_enc text not null,
          status text not null default 'active' check (status in ('active', 'disabled')),
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table enterprise_agents (
          enterprise_id uuid not null references enterprises (id),
          user_id uuid not null references users (id),
          role text not null check (role in ('legalRepresentative', 'agent')),
          authorised_by uuid references users (id),
          authorised_at timestamptz not null default now(),
          revoked_at timestamptz,
          primary key (enterprise_id, user_id)
        )`.execute(db);
      await sql`create index enterprise_agents_user on enterprise_agents (user_id)`.execute(db);
      await sql`
        create table dependants (
          id uuid primary key,
          guardian_user_id uuid not null references users (id),
          name_enc text not null,
          id_number_enc text not null,
          id_number_bidx text not null,
          relation text not null check (relation in ('child', 'parent', 'spouse', 'other')),
          created_at timestamptz not null default now(),
          constraint dependants_guardian_id_number_unique unique (guardian_user_id, id_number_bidx)
        )`.execute(db);
    },
  },
};

/** 身份认证等级: registered (self-declared) < realName (ID checked against the authority) < realPerson (face). */
export type Assurance = 'registered' | 'realName' | 'realPerson';

export interface CitizensTable {
  user_id: string;
  name_enc: string;
  id_number_enc: string;
  id_number_bidx: string;
  phone_enc: string;
  phone_bidx: string;
  assurance: Assurance;
  verified_at: Date | null;
  created_at: Generated<Date>;
}

export interface EnterprisesTable {
  id: string;
  name: string;
  uscc: string;
  legal_rep_id_bidx: string;
  legal_rep_name_enc: string;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
}

export interface EnterpriseAgentsTable {
  enterprise_id: string;
  user_id: string;
  role: 'legalRepresentative' | 'agent';
  authorised_by: string | null;
  authorised_at: Generated<Date>;
  revoked_at: Date | null;
}

export type Relation = 'child' | 'parent' | 'spouse' | 'other';

export interface DependantsTable {
  id: string;
  guardian_user_id: string;
  name_enc: string;
  id_number_enc: string;
  id_number_bidx: string;
  relation: Relation;
  created_at: Generated<Date>;
}

declare module '../../../platform/db/tables.js' {
  interface Tables {
    citizens: CitizensTable;
    enterprises: EnterprisesTable;
    enterprise_agents: EnterpriseAgentsTable;
    dependants: DependantsTable;
  }
}
