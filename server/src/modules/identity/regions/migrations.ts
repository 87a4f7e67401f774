import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../../../platform/db/migrator.js';

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export const regionMigrations: MigrationSet = {
  '20261123_105_identity_regions': {
    async up(db: Kysely<unknown>) {
      // 行政区划: GB/T 2260 codes (6 digits, zero-padded for provinces and cities) and the statistical
      // town (9) and village (12) extension. `path` is every code from the root, for subtree queries.
      await sql`
        create table regions (
          code text primary key check (code ~ '^[0-9]{6}([0-9]{3}([0-9]{3})?)?$'),
          name text not null,
          level text not null check (level in ('province', 'city', 'county', 'town', 'village')),
          parent_code text references regions (code),
          path text not null,
          sort integer not null
        )`.execute(db);
      await sql`create index regions_children on regions (parent_code, sort, code)`.execute(db);
      // text_pattern_ops serves `path like '460000.460100.%'` whatever the database collation
      await sql`create unique index regions_path on regions (path text_pattern_ops)`.execute(db);
    },
  },
};

export interface RegionsTable {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  path: string;
  sort: number;
}

declare module '../../../platform/db/tables.js' {
  interface Tables {
    regions: RegionsTable;
  }
}
