import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Tables } from '../../platform/db/tables.js';
import { toJson } from '../../platform/db/tables.js';
import type { Trx } from '../../platform/db/transaction.js';
import { indexWords, tsQueryText } from './segment.js';
import { themes } from './vocabulary.js';

type Conn = Db | Trx;

/**
 * 检索投影 — `catalog_search_entries` holds one row per item whose published version citizens may find
 * (published, item not cancelled), rebuilt whenever an item's live version changes. Its `search_vector`
 * is jieba-segmented text in the `simple` configuration: name and aliases weight A, material names B,
 * the rest of the guide C.
 */
export async function refreshSearchEntry(trx: Trx, itemId: string): Promise<void> {
  await trx.deleteFrom('catalog_search_entries').where('item_id', '=', itemId).execute();
  const row = await trx
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_basic_items as b', 'b.id', 'i.basic_item_id')
    .innerJoin('catalog_item_versions as v', 'v.item_id', 'i.id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .select(['i.id', 'i.code', 'i.department_id', 'i.region_code', 'b.item_type', 'b.aliases', 'b.name'])
    .select(['v.id as version_id', 'v.guide', 'v.published_at', 'd.name as department_name'])
    .where('i.id', '=', itemId)
    .where('i.cancelled_at', 'is', null)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
  if (!row) return;
  const guide = row.guide;
  const name = guide.name || row.name;
  const aliases = [
    ...new Set([...row.aliases, ...(guide.aliases ?? []), ...(name === row.name ? [] : [row.name])]),
  ];
  const themeNames = (guide.themes ?? []).map((code) => themes.find((t) => t.code === code)?.name);
  const primary = indexWords(name, ...aliases);
  const materials = indexWords(...(guide.materials ?? []).map((m) => m.name));
  const rest = indexWords(
    guide.conditions,
    guide.implementingBody,
    row.department_name,
    guide.result?.name,
    ...(guide.steps ?? []).map((s) => s.name),
    ...themeNames,
  );
  await trx
    .insertInto('catalog_search_entries')
    .values({
      item_id: row.id,
      version_id: row.version_id,
      code: row.code,
      name,
      aliases: toJson(aliases),
      item_type: row.item_type,
      object_type: guide.objectType ?? 'both',
      department_id: row.department_id,
      region_code: row.region_code,
      themes: toJson(guide.themes ?? []),
      online_depth: guide.onlineDepth ?? 1,
      handling_scope: guide.handlingScope ?? null,
      handling_type: guide.handlingType ?? 'promised',
      mode: guide.mode?.kind ?? 'ordinary',
      committed_days: guide.committedDays ?? 0,
      visits: guide.visits ?? 0,
      search_vector: sql<string>`setweight(to_tsvector('simple', ${primary}), 'A')
        || setweight(to_tsvector('simple', ${materials}), 'B')
        || setweight(to_tsvector('simple', ${rest}), 'C')`,
      published_at: row.published_at ?? new Date(),
    })
    .execute();
}

/** What a citizen filters by; `regionCodes` are the codes of the viewer's region and its ancestors. */
export interface EntryFilters {
  regionCodes?: readonly string[] | null;
  objectType?: 'person' | 'enterprise' | undefined;
  departmentId?: string | undefined;
  theme?: string | undefined;
  itemType?: string | undefined;
  minOnlineDepth?: number | undefined;
  handlingScope?: string | undefined;
}

/** Published entries narrowed by `filters`: the search table alone (a single-table query). */
export function filtered(db: Conn, filters: EntryFilters) {
  let qb = db.selectFrom('catalog_search_entries as e').selectAll('e');
  if (filters.regionCodes) qb = qb.where('e.region_code', 'in', [...filters.regionCodes]);
  if (filters.objectType) qb = qb.where('e.object_type', 'in', [filters.objectType, 'both']);
  if (filters.departmentId) qb = qb.where('e.department_id', '=', filters.departmentId);
  if (filters.itemType) qb = qb.where('e.item_type', '=', filters.itemType);
  if (filters.theme) qb = qb.where(sql<boolean>`e.themes @> ${toJson([filters.theme])}::jsonb`);
  if (filters.minOnlineDepth) qb = qb.where('e.online_depth', '>=', filters.minOnlineDepth);
  if (filters.handlingScope) qb = qb.where('e.handling_scope', '=', filters.handlingScope);
  return qb;
}
type Filtered = ReturnType<typeof filtered>;

/** Entries with their department's and region's names (the joins come after any paging in `inner`). */
function named(db: Conn, inner: Filtered) {
  return db
    .selectFrom(inner.as('e'))
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('regions as r', 'r.code', 'e.region_code')
    .selectAll('e')
    .select(['d.name as department_name', 'r.name as region_name']);
}

/** Published entries with their department's and region's names, narrowed by `filters`. */
export function entries(db: Conn, filters: EntryFilters) {
  return named(db, filtered(db, filters));
}
export type EntryQuery = ReturnType<typeof entries>;
export type EntryRow = EntryQuery extends SelectQueryBuilder<Tables, never, infer O> ? O : never;

/** The query's relevance: ts_rank over the weighted vector plus the name and alias boosts. */
function scoreOf(words: readonly string[], phrase: string) {
  const any = sql`to_tsquery('simple', ${tsQueryText(words, 'any')})`;
  return sql<number>`(ts_rank(e.search_vector, ${any})
    + case when e.name = ${phrase} then 1 when position(${phrase} in e.name) = 1 then 0.5
           when position(${phrase} in e.name) > 0 then 0.25 else 0 end
    + case when e.aliases @> ${toJson([phrase])}::jsonb then 0.5 else 0 end)::float8`;
}

/** How many rows each candidate source gives at most (see `rankedPage`). */
export const SEARCH_CANDIDATES = 500;

export interface SearchWords {
  words: readonly string[];
  /** How many of the words must match: all of them, or two thirds in the relaxed second try. */
  minMatches: number;
  /** The query as typed (normalised), for the name boosts. */
  phrase: string;
}

/** `vector` matches at least `minMatches` of the words, each as a prefix. */
function matches(vector: RawBuilder<unknown>, { words, minMatches }: SearchWords) {
  const all = sql<boolean>`${vector} @@ to_tsquery('simple', ${tsQueryText(words, 'all')})`;
  if (minMatches >= words.length) return all;
  const hits = words.map(
    (word) => sql`(${vector} @@ to_tsquery('simple', ${tsQueryText([word], 'all')}))::int`,
  );
  return sql<boolean>`${vector} @@ to_tsquery('simple', ${tsQueryText(words, 'any')})
    and (${sql.join(hits, sql` + `)}) >= ${minMatches}`;
}

/**
 * The vectors a search matches against. Nationwide, the indexed expressions: the whole vector (GIN
 * catalog_search_vector) and its weight-A part, the words of the name and aliases (GIN
 * catalog_search_name_words). Within a region the same vectors behind `coalesce`, which no index
 * serves: the region's entries (its own and those of the regions above, a few thousand at most however
 * large the catalogue) are read through the region index and matched one by one, where the GIN path
 * would first collect every match in the country. `filter` is the unindexed form everywhere, for
 * conditions that only narrow rows another index found.
 */
function vectors(filters: EntryFilters) {
  const filter = sql`coalesce(e.search_vector, '')`;
  const whole = filters.regionCodes ? filter : sql`e.search_vector`;
  return { whole, name: sql`ts_filter(${whole}, '{a}')`, nameFilter: sql`ts_filter(${filter}, '{a}')` };
}

export type RankedRow = EntryRow & { score: number; total: number };

/**
 * One page of ranked full-text matches of the words (each a prefix), in three tiers: entries whose
 * **name starts with** the query's words, then those whose **name or aliases** carry the words, then
 * those that carry them only elsewhere in the guide (materials, conditions, department, result, steps,
 * themes). Within a tier, by relevance: ts_rank over the weighted vector plus a boost for the name
 * (exact +1, prefix +0.5, anywhere +0.25) and an exact alias (+0.5); then by name.
 *
 * The work is bounded whatever the size of the catalogue. Within a region, one query ranks every match
 * of the region's entries (`regionMatches`). Nationwide, each tier is a query over at most
 * SEARCH_CANDIDATES candidates — from the name btree, the name-word GIN index and the whole-vector GIN
 * index — read only when the tiers before it leave the page short, so 护士 (护士执业注册 …) costs one
 * btree range scan; a tier with more matches than that ranks a sample of them (same-named lists of many
 * regions). Either way ranking runs on the entries table alone and only the page gets its names.
 */
export async function rankedPage(
  db: Conn,
  filters: EntryFilters,
  search: SearchWords,
  page: { offset: number; limit: number },
): Promise<RankedRow[]> {
  if (filters.regionCodes) {
    const { candidates, tierOf } = regionMatches(db, filters, search);
    return rankedIn(db, candidates, search, page, tierOf).execute();
  }
  const rows: RankedRow[] = [];
  let { offset, limit } = page;
  for (const tier of searchTiers(db, filters, search)) {
    const found = await rankedIn(db, tier, search, { offset, limit }).execute();
    rows.push(...found);
    if (found.length >= limit) break;
    const total = found[0]?.total ?? (offset > 0 ? await countOf(db, tier) : 0);
    offset = Math.max(0, offset - total);
    limit -= found.length;
  }
  return rows;
}

/**
 * Within a region: every match among the region's entries (a few thousand at most), each with its tier
 * as a number, ranked in one query — exact, with no candidate bound.
 */
export function regionMatches(db: Conn, filters: EntryFilters, search: SearchWords) {
  const vector = vectors(filters);
  const inName = matches(vector.nameFilter, search);
  const tierOf = sql<number>`case when ${startsWithWords(search)} and ${inName} then 0 when ${inName} then 1 else 2 end`;
  return { candidates: filtered(db, filters).where(matches(vector.whole, search)), tierOf };
}

const startsWithWords = (search: SearchWords) =>
  sql<boolean>`e.name like ${`${search.words.join('').replace(/[\\%_]/g, '\\$&')}%`}`;

/** Nationwide, the candidates of the three tiers, disjoint: name starts with the words, has them, has them elsewhere. */
export function searchTiers(db: Conn, filters: EntryFilters, search: SearchWords) {
  const vector = vectors(filters);
  const startsWith = startsWithWords(search);
  return [
    candidates(db, filters, [startsWith, matches(vector.nameFilter, search)]),
    candidates(db, filters, [matches(vector.name, search), sql<boolean>`not (${startsWith})`]),
    candidates(db, filters, [
      matches(vector.whole, search),
      sql<boolean>`not (${matches(vector.nameFilter, search)})`,
    ]),
  ];
}

/** At most SEARCH_CANDIDATES filtered entries meeting every condition: one tier's candidates. */
function candidates(db: Conn, filters: EntryFilters, conditions: readonly RawBuilder<boolean>[]) {
  let qb = filtered(db, filters);
  for (const condition of conditions) qb = qb.where(condition);
  return qb.limit(SEARCH_CANDIDATES);
}
type Candidates = ReturnType<typeof candidates>;

async function countOf(db: Conn, candidates: Candidates): Promise<number> {
  const row = await db
    .selectFrom(candidates.as('n'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The candidates ranked (with their number, `total`), one page of them with the names joined. */
export function rankedIn(
  db: Conn,
  candidates: Candidates | ReturnType<typeof filtered>,
  search: SearchWords,
  page: { offset: number; limit: number },
  tierOf: RawBuilder<number> = sql<number>`0`,
) {
  const score = scoreOf(search.words, search.phrase);
  const top = db
    .selectFrom(candidates.as('e'))
    .selectAll('e')
    .select(tierOf.as('tier'))
    .select(score.as('score'))
    .select(sql<number>`count(*) over ()`.as('total'))
    .orderBy('tier')
    .orderBy('score', 'desc')
    .orderBy('e.name')
    .orderBy('e.item_id')
    .offset(page.offset)
    .limit(page.limit);
  // the names by key lookups for the page's rows only (a join may hash the whole regions table)
  return db
    .selectFrom(top.as('e'))
    .selectAll('e')
    .select((eb) => [
      eb
        .selectFrom('departments as d')
        .select('d.name')
        .whereRef('d.id', '=', 'e.department_id')
        .as('department_name'),
      eb
        .selectFrom('regions as r')
        .select('r.name')
        .whereRef('r.code', '=', 'e.region_code')
        .as('region_name'),
    ])
    .$narrowType<{ department_name: string; region_name: string }>()
    .orderBy('e.tier')
    .orderBy('e.score', 'desc')
    .orderBy('e.name')
    .orderBy('e.item_id');
}

/** Browsing without words: by name, paged on the entries table before the names are joined. */
export function browsePage(db: Conn, filters: EntryFilters, page: { offset: number; limit: number }) {
  const top = filtered(db, filters)
    .orderBy('e.name')
    .orderBy('e.item_id')
    .offset(page.offset)
    .limit(page.limit);
  return named(db, top).orderBy('e.name').orderBy('e.item_id');
}

/** 热门事项: guide views of the last 30 days. */
export function withViews(qb: EntryQuery) {
  const views = sql<number>`coalesce((select sum(views) from catalog_item_views w
    where w.item_id = e.item_id and w.day >= current_date - 30), 0)::int`;
  return qb.select(views.as('views')).orderBy(views, 'desc').orderBy('e.name').orderBy('e.item_id');
}

/** Counts one guide view (no audit: views are statistics, not changes). */
export async function recordView(db: Conn, itemId: string): Promise<void> {
  await sql`insert into catalog_item_views (item_id, day, views) values (${itemId}, current_date, 1)
    on conflict (item_id, day) do update set views = catalog_item_views.views + 1`.execute(db);
}
