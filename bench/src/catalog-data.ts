// Generates a large published catalogue straight into the tables search reads: real regions (the
// national division data, to counties), departments of twelve kinds per region, basic items from real
// item names and their sub-items, and one published implementation list per (region, department,
// basic item) with its search entry, the vector built with the server's own jieba segmentation.
// Batched multi-row INSERTs with the GIN index dropped during the load and rebuilt after, then ANALYZE.
import { type Insertable, type Kysely, sql } from 'kysely';
// type-only imports that bring the tables' declarations into `Tables`
import type { CatalogItemsTable } from '../../server/src/modules/catalog/migrations.js';
import { indexWords } from '../../server/src/modules/catalog/segment.js';
import { itemTypes, themes } from '../../server/src/modules/catalog/vocabulary.js';
import type { DepartmentsTable } from '../../server/src/modules/identity/organisations/migrations.js';
import { importRegions } from '../../server/src/modules/identity/regions/import.js';
import { uuidv7 } from '../../server/src/platform/db/ids.js';
import type { Tables } from '../../server/src/platform/db/tables.js';
import type { Trx } from '../../server/src/platform/db/transaction.js';
import {
  COMMON_MATERIALS,
  CONDITIONS,
  DEPARTMENT_KINDS,
  ITEM_NAMES,
  STEPS,
  SUB_ITEMS,
} from './catalog-names.js';

type Db = Kysely<Tables>;
const BATCH = 1000;

export interface GeneratedCatalog {
  entries: number;
  regions: number;
  departments: number;
  basicItems: number;
  seconds: number;
  /** A county with entries of its own, its city's and its province's: for region-filtered queries. */
  sampleCounty: string;
}

interface Basic {
  id: string;
  code: string;
  name: string;
  objectType: 'person' | 'enterprise' | 'both';
  themes: string[];
  materials: string[];
  kind: number;
}

/** A small deterministic generator (mulberry32): the same catalogue on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function basicItems(): Basic[] {
  const serials = new Map<string, number>();
  return ITEM_NAMES.flatMap(([name, digits, objectType, itemThemes, own]) => {
    const kind = DEPARTMENT_KINDS.findIndex(([, pattern]) => pattern.test(name));
    if (kind < 0) throw new Error(`no department kind for ${name}`);
    return SUB_ITEMS.map((sub) => {
      const serial = (serials.get(digits) ?? 0) + 1;
      serials.set(digits, serial);
      const code = `${digits}${String(900_000 + serial).padStart(7, '0')}`;
      const materials = [...COMMON_MATERIALS[objectType], ...own];
      return { id: uuidv7(), code, name: `${name}${sub}`, objectType, themes: itemThemes, materials, kind };
    });
  });
}

/** Regions round-robin across provinces: each province, then its cities and counties in turn. */
async function regionOrder(db: Db) {
  const rows = await db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('level', 'in', ['province', 'city', 'county'])
    .orderBy('code')
    .execute();
  const queues = new Map<string, typeof rows>();
  for (const row of rows)
    queues.set(row.code.slice(0, 2), [...(queues.get(row.code.slice(0, 2)) ?? []), row]);
  const order: typeof rows = [];
  for (let more = true; more; ) {
    more = false;
    for (const queue of queues.values()) {
      const next = queue.shift();
      if (!next) continue;
      order.push(next);
      more = true;
    }
  }
  return order;
}

async function insertBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>, parallel: number) {
  const batches: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await write(batches[next++]!);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

/** Rows waiting to be written, in foreign-key order. */
class Pending {
  departments: Insertable<DepartmentsTable>[] = [];
  items: Insertable<CatalogItemsTable>[] = [];
  versions: unknown[] = [];
  entries: unknown[] = [];

  async flush(db: Db, parallel: number) {
    const { departments, items, versions, entries } = this;
    Object.assign(this, { departments: [], items: [], versions: [], entries: [] });
    await insertBatches(departments, (b) => db.insertInto('departments').values(b).execute(), parallel);
    await insertBatches(items, (b) => db.insertInto('catalog_items').values(b).execute(), parallel);
    await insertBatches(
      versions,
      (b) =>
        db
          .insertInto('catalog_item_versions')
          .values(b as never)
          .execute(),
      parallel,
    );
    await insertBatches(
      entries,
      (b) =>
        db
          .insertInto('catalog_search_entries')
          .values(b as never)
          .execute(),
      parallel,
    );
  }
}

/** Fills an empty, migrated Tongban database with `count` published entries. */
export async function generateCatalog(
  db: Db,
  count: number,
  options: { parallel: number; log: (message: string) => void },
): Promise<GeneratedCatalog> {
  const started = performance.now();
  const { log, parallel } = options;
  await importRegions(db as unknown as Trx, { provinceCodes: [], depth: 'county' });
  const basics = basicItems();
  await insertBatches(
    basics,
    (b) => db.insertInto('catalog_basic_items').values(b.map(basicRow)).execute(),
    1,
  );
  // the GIN indexes are built once after the load, not row by row
  const { rows: gin } = await sql<{ name: string; definition: string }>`select indexname as name,
    indexdef as definition from pg_indexes where tablename = 'catalog_search_entries' and indexdef like '%USING gin%'`.execute(
    db,
  );
  for (const index of gin) await sql`drop index ${sql.id(index.name)}`.execute(db);
  const rand = random(20261123);
  const memo = new Map<string, string>();
  const words = (...texts: string[]) => {
    const key = texts.join('\u0001');
    const known = memo.get(key);
    if (known !== undefined) return known;
    const cut = indexWords(...texts);
    memo.set(key, cut);
    return cut;
  };
  const pending = new Pending();
  const now = new Date();
  let written = 0;
  let departments = 0;
  let sampleCounty = '';
  const used = new Set<string>();
  const regions = await regionOrder(db);
  // a quarter of a department's possible lists left out, fewer when every region is needed (1M rows)
  const skip = Math.min(0.25, Math.max(0, 1 - (count * 1.02) / (regions.length * basics.length)));
  for (const region of regions) {
    if (written >= count) break;
    used.add(region.code);
    if (!sampleCounty && region.level === 'county' && used.has(`${region.code.slice(0, 4)}00`))
      sampleCounty = region.code;
    DEPARTMENT_KINDS.forEach(([kind], k) => {
      const id = uuidv7();
      const department = {
        id,
        name: `${region.name}${kind}`,
        code: `B${region.code}${String(k).padStart(2, '0')}`,
      };
      pending.departments.push({
        ...department,
        region_code: region.code,
        parent_id: null,
        path: id,
        status: 'active',
        sort: k,
      } satisfies Insertable<DepartmentsTable>);
      departments++;
      for (const basic of basics) {
        if (basic.kind !== k || written >= count || rand() < skip) continue;
        written++;
        const itemId = uuidv7();
        const versionId = uuidv7();
        const code = `${basic.code}-${region.code}-${department.code}-01`;
        pending.items.push({
          id: itemId,
          code,
          basic_item_id: basic.id,
          department_id: id,
          region_code: region.code,
          sequence: 1,
          cancelled_at: null,
          cancel_reason: null,
          created_by: null,
        } satisfies Insertable<CatalogItemsTable>);
        const guide = {
          name: basic.name,
          objectType: basic.objectType,
          themes: basic.themes,
          onlineDepth: 4,
        };
        pending.versions.push({
          id: versionId,
          item_id: itemId,
          number: 1,
          status: 'published',
          guide: JSON.stringify(guide),
          created_by: null,
          updated_by: null,
          submitted_by: null,
          submitted_at: now,
          reviewed_by: null,
          reviewed_at: now,
          review_comment: 'generated',
          published_by: null,
          published_at: now,
          ended_at: null,
        });
        const conditions = CONDITIONS[Math.floor(rand() * CONDITIONS.length)]!;
        const themeNames = basic.themes.map((t) => themes.find((x) => x.code === t)?.name ?? '');
        const vector = sql`setweight(to_tsvector('simple', ${words(basic.name)}), 'A')
          || setweight(to_tsvector('simple', ${words(...basic.materials)}), 'B')
          || setweight(to_tsvector('simple', ${words(conditions, department.name, ...STEPS, ...themeNames)}), 'C')`;
        pending.entries.push({
          item_id: itemId,
          version_id: versionId,
          code,
          name: basic.name,
          aliases: '[]',
          item_type: itemTypeCode(basic.code),
          object_type: basic.objectType,
          department_id: id,
          region_code: region.code,
          themes: JSON.stringify(basic.themes),
          online_depth: 4,
          handling_scope: rand() < 0.5 ? 'province' : null,
          handling_type: 'promised',
          mode: 'ordinary',
          committed_days: 5,
          visits: 0,
          published_at: now,
          search_vector: vector,
        });
      }
    });
    if (pending.items.length >= 20 * BATCH) await pending.flush(db, parallel);
    if (written % 100_000 < 400 && written >= 100_000) log(`  catalogue: ${written} entries written …`);
  }
  await pending.flush(db, parallel);
  log(
    `  catalogue: ${written} entries in ${used.size} regions (${memo.size} distinct texts segmented); building the GIN index, analysing …`,
  );
  for (const index of gin) await sql.raw(index.definition).execute(db);
  await sql`analyze`.execute(db);
  return {
    entries: written,
    regions: used.size,
    departments,
    basicItems: basics.length,
    seconds: (performance.now() - started) / 1000,
    sampleCounty,
  };
}

const itemTypeCode = (basicCode: string) => itemTypes.find((t) => t.digits === basicCode.slice(0, 2))!.code;

function basicRow(basic: Basic) {
  return {
    id: basic.id,
    code: basic.code,
    name: basic.name,
    aliases: '[]',
    item_type: itemTypeCode(basic.code),
    object_type: basic.objectType,
    legal_basis: '',
    department_type: '',
    levels: '[]',
  } as never;
}
