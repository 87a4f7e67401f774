// The case-handling figures as result rows: each beside the limit measured in the same rounds (a raw SQL
// transaction of the same writes; bare Fastify), and beside the tender's targets as references.
import type { CasesOutcome, ListFigures, ListOutcome, ThroughputFigures } from './cases-bench.js';
import { type Row, row } from './report.js';
import { type Spread, spread } from './stats.js';

/** Tender targets (seed 002): ≥ 800 TPS on key transactions, a single-table query on 1M rows ≤ 0.5 s. */
const TENDER_TPS = 800;
const TENDER_QUERY_MS = 500;

/**
 * A row of this file. `Row['section']` (report.ts) names the four sections of latest.json; the case rows
 * go to their own file, so they carry their own section and borrow `row()` for the ratios.
 */
export type CaseRow = Omit<Row, 'section'> & { section: 'Cases' };

function caseRow(fields: Omit<CaseRow, 'section' | 'ratio' | 'ratioRange'>): CaseRow {
  return { ...row({ ...fields, section: 'HTTP' }), section: 'Cases' };
}

/** For renderTable and renderMarkdown, which print every column but the section. */
export function printable(rows: readonly CaseRow[]): Row[] {
  return rows.map((r) => ({ ...r, section: 'HTTP' }));
}

const constant = (value: number, rounds: number): Spread =>
  spread(Array.from({ length: rounds }, () => value));

const size = (n: number) => (n >= 1e6 ? `${+(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1000)}k`);

function throughputRows(outcome: CasesOutcome, concurrency: number): CaseRow[] {
  const f = (key: ThroughputFigures['key']) => outcome.throughput.find((t) => t.key === key)!;
  const bare = f('bare');
  const rows: CaseRow[] = [];
  const cases = size(outcome.generated[0]!.rows);
  for (const [key, rawKey, name, rawIs] of [
    [
      'submit',
      'rawSubmit',
      'Submit (POST /api/v1/cases)',
      'raw SQL: case row, create + submit history rows, number counter upsert, projection update, pool task, audit record',
    ],
    [
      'accept',
      'rawAccept',
      'Accept (POST …/actions accept)',
      'raw SQL: case row locked, history read, history row, projection update, task replaced, audit record',
    ],
  ] as const) {
    const ours = f(key);
    const raw = f(rawKey);
    const problems = ours.failures;
    const note = problems
      ? { note: `${ours.failures} failed requests: ${ours.failureExamples[0] ?? ''}` }
      : ours.exhaustedRounds
        ? { note: `${ours.exhaustedRounds} rounds ran out of cases to accept` }
        : {};
    const metric = (what: string) => `${name}, ${cases} cases, ${concurrency} workers: ${what}`;
    rows.push(
      caseRow({
        metric: metric('throughput'),
        unit: 'tx/s',
        better: 'higher',
        ours: ours.perSecond,
        limit: raw.perSecond,
        limitIs: `${rawIs}; one transaction, pg pool of ${concurrency} in the bench process, same rounds`,
        ...note,
      }),
      ...(key === 'submit'
        ? [
            caseRow({
              metric: metric('throughput vs raw SQL without the audit record'),
              unit: 'tx/s',
              better: 'higher',
              ours: ours.perSecond,
              limit: f('rawSubmitPlain').perSecond,
              limitIs: 'the same raw SQL submission without the audit append (no global lock), same rounds',
            }),
          ]
        : []),
      caseRow({
        metric: metric('throughput vs bare Fastify'),
        unit: 'req/s',
        better: 'higher',
        ours: ours.perSecond,
        limit: bare.perSecond,
        limitIs: `bare Fastify 5 hello-world GET /, same client and ${concurrency} workers, same rounds`,
      }),
      caseRow({
        metric: metric('p95 latency'),
        unit: 'ms',
        better: 'lower',
        ours: ours.p95Ms,
        limit: raw.p95Ms,
        limitIs: `the raw SQL transaction's p95, same rounds`,
      }),
      caseRow({
        metric: metric('throughput vs tender'),
        unit: 'tx/s',
        better: 'higher',
        ours: ours.perSecond,
        limit: constant(TENDER_TPS, ours.perSecond.rounds.length),
        limitIs: 'REFERENCE, not a limit: tender, ≥ 800 TPS on key transactions (5,000 concurrent users)',
      }),
    );
  }
  return rows;
}

function listRows(outcome: ListOutcome): CaseRow[] {
  const bare = outcome.views.find((v) => v.key === 'bare')!;
  const rows: CaseRow[] = [];
  const variant = outcome.variant === 'as is' ? '' : `, ${outcome.variant}`;
  for (const view of outcome.views) {
    if (view === bare) continue;
    const metric = (what: string) => `${view.key} (${size(outcome.cases)} cases${variant}) ${what}`;
    const note = view.failures ? { note: `${view.failures} failed requests` } : {};
    const p95 = (limit: Spread, limitIs: string, what: string) =>
      caseRow({
        metric: metric(what),
        unit: 'ms',
        better: 'lower',
        ours: view.p95Ms,
        limit,
        limitIs,
        ...note,
      });
    rows.push(
      p95(bare.p95Ms, 'bare Fastify GET / p95, one request at a time, same rounds', 'p95 latency'),
      p95(
        constant(TENDER_QUERY_MS, view.p95Ms.rounds.length),
        'REFERENCE, not a limit: tender, single-table query ≤ 0.5 s on 1M rows',
        'p95 vs tender',
      ),
    );
  }
  return rows;
}

export function casesRows(outcome: CasesOutcome, concurrency: number): CaseRow[] {
  return [...throughputRows(outcome, concurrency), ...outcome.lists.flatMap(listRows)];
}

/** One line per list view, for the console: the percentiles and the page size. */
export function describeList(view: ListFigures): string {
  return `${view.key.padEnd(16)} p50 ${view.p50Ms.median.toFixed(2)}  p95 ${view.p95Ms.median.toFixed(2)}  p99 ${view.p99Ms.median.toFixed(2)} ms  (${view.requests} requests, ${view.items} on the page)`;
}
