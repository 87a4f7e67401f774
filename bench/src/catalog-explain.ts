// EXPLAIN ANALYZE of the exact SQL catalog.searchItems runs: the server's own query builders
// (search-repo.ts) compiled for the query words and one tier, run with `explain (analyze, buffers)`.
import type { CompiledQuery, Kysely } from 'kysely';
import { rankedIn, regionMatches, searchTiers } from '../../server/src/modules/catalog/search-repo.js';
import { queryWords } from '../../server/src/modules/catalog/segment.js';
import type { Tables } from '../../server/src/platform/db/tables.js';

export interface SearchPlan {
  query: string;
  regionCode: string | null;
  /** Nationwide 0: names starting with the words, 1: names and aliases with them, 2: elsewhere in the guide (within a region all tiers are one query). */
  tier: number;
  /** The indexes the plan reads, in plan order. */
  indexes: string[];
  executionMs: number;
  planningMs: number;
  plan: string[];
}

/**
 * The searches the benchmark explains: each tier nationwide (a common and a rare word for the last: 分娩 is
 * only in the material 住院分娩记录), and one search within a county.
 */
export const EXPLAINED: readonly { query: string; tier: number; inCounty: boolean }[] = [
  { query: '护士', tier: 0, inCounty: false },
  { query: '执业注册', tier: 1, inCounty: false },
  { query: '营业执照', tier: 2, inCounty: false },
  { query: '分娩', tier: 2, inCounty: false },
  { query: '结婚登记', tier: 0, inCounty: true },
];

export async function explainSearch(
  db: Kysely<Tables>,
  query: string,
  regionCode: string | null,
  tier = 0,
): Promise<SearchPlan> {
  const regionCodes = regionCode
    ? (
        await db.selectFrom('regions').select('path').where('code', '=', regionCode).executeTakeFirstOrThrow()
      ).path.split('.')
    : null;
  const words = queryWords(query);
  const search = { words, minMatches: words.length, phrase: query };
  const page = { offset: 0, limit: 21 };
  const inRegion = regionCodes ? regionMatches(db, { regionCodes }, search) : null;
  const compiled = inRegion
    ? rankedIn(db, inRegion.candidates, search, page, inRegion.tierOf).compile()
    : rankedIn(db, searchTiers(db, { regionCodes }, search)[tier]!, search, page).compile();
  const explain = { ...compiled, sql: `explain (analyze, buffers) ${compiled.sql}` } as CompiledQuery;
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(explain);
  const plan = result.rows.map((row) => row['QUERY PLAN']);
  const time = (label: string) =>
    Number(
      plan.map((line) => new RegExp(`${label}: ([\\d.]+) ms`).exec(line)).find(Boolean)?.[1] ?? Number.NaN,
    );
  const indexes = plan.flatMap((line) => {
    const match = /(?:Index Scan|Index Only Scan|Bitmap Index Scan) (?:using|on) (\w+)/.exec(line);
    return match ? [match[1]!] : [];
  });
  return {
    query,
    regionCode,
    tier,
    indexes,
    executionMs: time('Execution Time'),
    planningMs: time('Planning Time'),
    plan,
  };
}
