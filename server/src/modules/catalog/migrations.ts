import { type Generated, type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../platform/db/migrator.js';
import type { JsonColumn } from '../../platform/db/tables.js';
import type { ItemGuide } from './guide-schema.js';

export const VERSION_STATUSES = [
  'draft',
  'submitted',
  'reviewed',
  'published',
  'suspended',
  'superseded',
  'cancelled',
] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

const statusList = sql.raw(VERSION_STATUSES.map((s) => `'${s}'`).join(', '));

export const catalogMigrations: MigrationSet = {
  '20261123_201_catalog_items': {
    async up(db: Kysely<unknown>) {
      // 基本目录: the national basic catalogue, one row per standard item
      await sql`
        create table catalog_basic_items (
          id uuid primary key,
          code text not null unique,
          name text not null,
          aliases jsonb not null default '[]',
          item_type text not null,
          object_type text not null check (object_type in ('person', 'enterprise', 'both')),
          legal_basis text not null default '',
          department_type text not null default '',
          levels jsonb not null default '[]',
          status text not null default 'active' check (status in ('active', 'disabled')),
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      // 实施清单: what a department (in a region) publishes against a basic item; its content is versioned
      await sql`
        create table catalog_items (
          id uuid primary key,
          code text not null unique,
          basic_item_id uuid not null references catalog_basic_items (id),
          department_id uuid not null references departments (id),
          region_code text not null references regions (code),
          sequence integer not null check (sequence between 1 and 99),
          cancelled_at timestamptz,
          cancel_reason text,
          created_by uuid,
          created_at timestamptz not null default now(),
          constraint catalog_items_sequence_unique unique (basic_item_id, department_id, sequence)
        )`.execute(db);
      await sql`create index catalog_items_department on catalog_items (department_id, id)`.execute(db);
      await sql`
        create table catalog_item_versions (
          id uuid primary key,
          item_id uuid not null references catalog_items (id),
          number integer not null,
          status text not null check (status in (${statusList})),
          guide jsonb not null,
          created_by uuid,
          created_at timestamptz not null default now(),
          updated_by uuid,
          updated_at timestamptz not null default now(),
          submitted_by uuid,
          submitted_at timestamptz,
          reviewed_by uuid,
          reviewed_at timestamptz,
          review_comment text,
          published_by uuid,
          published_at timestamptz,
          ended_at timestamptz,
          constraint catalog_item_versions_number unique (item_id, number)
        )`.execute(db);
      // one published (or suspended) version and one version in the works per item, enforced by the database
      await sql`create unique index catalog_versions_one_live on catalog_item_versions (item_id)
        where status in ('published', 'suspended')`.execute(db);
      await sql`create unique index catalog_versions_one_open on catalog_item_versions (item_id)
        where status in ('draft', 'submitted', 'reviewed')`.execute(db);
      await sql`create index catalog_versions_status on catalog_item_versions (status, item_id)`.execute(db);
      // what happened to each version, with the reviewers' comments (the audit ledger has the same, hashed)
      await sql`
        create table catalog_version_events (
          id uuid primary key,
          version_id uuid not null references catalog_item_versions (id),
          item_id uuid not null references catalog_items (id),
          action text not null,
          actor_id uuid,
          actor_name text,
          comment text,
          at timestamptz not null default now()
        )`.execute(db);
      await sql`create index catalog_version_events_version on catalog_version_events (version_id, id)`.execute(
        db,
      );
    },
  },
  '20261123_202_catalog_search': {
    async up(db: Kysely<unknown>) {
      // The public projection of each item's published version: what search and browse read.
      await sql`
        create table catalog_search_entries (
          item_id uuid primary key references catalog_items (id),
          version_id uuid not null references catalog_item_versions (id),
          code text not null,
          name text not null,
          aliases jsonb not null,
          item_type text not null,
          object_type text not null,
          department_id uuid not null,
          region_code text not null,
          themes jsonb not null,
          online_depth integer not null,
          handling_scope text,
          handling_type text not null,
          mode text not null,
          committed_days integer not null,
          visits integer not null,
          search_vector tsvector not null,
          published_at timestamptz not null
        )`.execute(db);
      await sql`create index catalog_search_vector on catalog_search_entries using gin (search_vector)`.execute(
        db,
      );
      await sql`create index catalog_search_region on catalog_search_entries (region_code)`.execute(db);
      await sql`create index catalog_search_department on catalog_search_entries (department_id)`.execute(db);
      // 热门事项: guide views per item and day
      await sql`
        create table catalog_item_views (
          item_id uuid not null references catalog_items (id),
          day date not null,
          views integer not null,
          primary key (item_id, day)
        )`.execute(db);
      await sql`create index catalog_item_views_day on catalog_item_views (day)`.execute(db);
    },
  },
  '20261123_204_catalog_search_candidates': {
    async up(db: Kysely<unknown>) {
      // Search gathers bounded candidate sets (search-repo.ts): names starting with the query (btree,
      // any collation), name and alias words (the weight-A part of the vector, GIN), and browsing by name.
      await sql`create index catalog_search_name_prefix on catalog_search_entries (name text_pattern_ops)`.execute(
        db,
      );
      await sql`create index catalog_search_name_words on catalog_search_entries
        using gin (ts_filter(search_vector, '{a}')) with (fastupdate = off)`.execute(db);
      await sql`create index catalog_search_browse on catalog_search_entries (name, item_id)`.execute(db);
      // Entries change only when a version is published: write them straight into the GIN indexes rather
      // than into a pending list that every search would scan until a vacuum (PGlite has no autovacuum).
      await sql`alter index catalog_search_vector set (fastupdate = off)`.execute(db);
    },
  },
  '20261123_203_catalog_bundles': {
    async up(db: Kysely<unknown>) {
      // 一件事: several published items across departments under one application
      await sql`
        create table catalog_bundles (
          id uuid primary key,
          code text not null unique,
          name text not null,
          description text not null default '',
          object_type text not null check (object_type in ('person', 'enterprise', 'both')),
          department_id uuid not null references departments (id),
          region_code text not null references regions (code),
          themes jsonb not null default '[]',
          form jsonb not null,
          status text not null default 'active' check (status in ('active', 'disabled')),
          created_by uuid,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table catalog_bundle_members (
          bundle_id uuid not null references catalog_bundles (id) on delete cascade,
          position integer not null,
          item_id uuid not null references catalog_items (id),
          field_map jsonb not null,
          primary key (bundle_id, position)
        )`.execute(db);
      await sql`create index catalog_bundle_members_item on catalog_bundle_members (item_id)`.execute(db);
    },
  },
};

export interface CatalogBasicItemsTable {
  id: string;
  code: string;
  name: string;
  aliases: JsonColumn<string[]>;
  item_type: string;
  object_type: 'person' | 'enterprise' | 'both';
  legal_basis: string;
  department_type: string;
  levels: JsonColumn<string[]>;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CatalogItemsTable {
  id: string;
  code: string;
  basic_item_id: string;
  department_id: string;
  region_code: string;
  sequence: number;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CatalogItemVersionsTable {
  id: string;
  item_id: string;
  number: number;
  status: VersionStatus;
  guide: JsonColumn<ItemGuide>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_by: string | null;
  updated_at: Generated<Date>;
  submitted_by: string | null;
  submitted_at: Date | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
  published_by: string | null;
  published_at: Date | null;
  ended_at: Date | null;
}

export interface CatalogVersionEventsTable {
  id: string;
  version_id: string;
  item_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  comment: string | null;
  at: Generated<Date>;
}

export interface CatalogSearchEntriesTable {
  item_id: string;
  version_id: string;
  code: string;
  name: string;
  aliases: JsonColumn<string[]>;
  item_type: string;
  object_type: 'person' | 'enterprise' | 'both';
  department_id: string;
  region_code: string;
  themes: JsonColumn<string[]>;
  online_depth: number;
  handling_scope: string | null;
  handling_type: string;
  mode: string;
  committed_days: number;
  visits: number;
  search_vector: string;
  published_at: Date;
}

export interface CatalogItemViewsTable {
  item_id: string;
  day: string;
  views: number;
}

export interface CatalogBundlesTable {
  id: string;
  code: string;
  name: string;
  description: string;
  object_type: 'person' | 'enterprise' | 'both';
  department_id: string;
  region_code: string;
  themes: JsonColumn<string[]>;
  form: JsonColumn<unknown>;
  status: Generated<'active' | 'disabled'>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CatalogBundleMembersTable {
  bundle_id: string;
  position: number;
  item_id: string;
  field_map: JsonColumn<Record<string, string>>;
}

declare module '../../platform/db/tables.js' {
  interface Tables {
    catalog_basic_items: CatalogBasicItemsTable;
    catalog_items: CatalogItemsTable;
    catalog_item_versions: CatalogItemVersionsTable;
    catalog_version_events: CatalogVersionEventsTable;
    catalog_search_entries: CatalogSearchEntriesTable;
    catalog_item_views: CatalogItemViewsTable;
    catalog_bundles: CatalogBundlesTable;
    catalog_bundle_members: CatalogBundleMembersTable;
  }
}
