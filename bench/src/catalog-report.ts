// The catalogue search figures as result rows: each beside bare Fastify of the same rounds, and the p95
// beside the tender's target as a reference.
import type { CatalogOutcome, TargetFigures } from './catalog-search.js';
import { type Row, row } from './report.js';
import { type Spread, spread } from './stats.js';

/** Tender target (seed 002): a single-table query on 1M rows within 0.5 s. */
const TENDER_QUERY_MS = 500;
const BARE = 'bare Fastify 5 hello-world GET / (child process, logger off), same rounds';

const constant = (value: number, rounds: number): Spread =>
  spread(Array.from({ length: rounds }, () => value));

export function catalogRows(outcome: CatalogOutcome): Row[] {
  const bare = outcome.targets.find((t) => t.key === 'bare')!;
  const n = outcome.generated.entries;
  const size = `${n >= 1e6 ? `${n / 1e6}M` : `${Math.round(n / 1000)}k`} entries, ${outcome.engine}`;
  const rows: Row[] = [];
  for (const target of outcome.targets) {
    if (target === bare) continue;
    const where = target.key === 'county' ? 'one county' : 'whole country';
    const metric = (what: string) => `Search (${size}, ${where}) ${what}`;
    const problems = target.non2xx + target.errors;
    const note = problems ? { note: `${target.non2xx} non-2xx responses, ${target.errors} errors` } : {};
    const latency = (label: string, pick: (t: TargetFigures) => Spread) =>
      row({
        section: 'Catalogue',
        metric: metric(`${label} latency, 1 connection`),
        unit: 'ms',
        better: 'lower',
        ours: pick(target),
        limit: pick(bare),
        limitIs: BARE,
      });
    rows.push(
      row({
        section: 'Catalogue',
        metric: metric('throughput'),
        unit: 'req/s',
        better: 'higher',
        ours: target.requestsPerSecond,
        limit: bare.requestsPerSecond,
        limitIs: `${BARE}, 16 connections`,
        ...note,
      }),
      latency('p50', (t) => t.p50Ms),
      latency('p95', (t) => t.p95Ms),
      latency('p99', (t) => t.p99Ms),
    );
    if (target.key === 'search')
      rows.push(
        row({
          section: 'Catalogue',
          metric: metric('p95 vs tender target'),
          unit: 'ms',
          better: 'lower',
          ours: target.p95Ms,
          limit: constant(TENDER_QUERY_MS, target.p95Ms.rounds.length),
          limitIs: 'REFERENCE, not a limit: tender target, single-table query ≤ 0.5 s on 1M rows',
        }),
      );
  }
  return rows;
}
