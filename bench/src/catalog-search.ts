// Catalogue search (issue 4): GET /api/v1/catalog/items?q=… over a generated catalogue on the real
// server, beside bare Fastify in the same rounds. Latency at 1 connection (the time one search takes),
// throughput at CATALOG_SETTINGS.connections. PGlite by default; PostgreSQL when BENCH_DATABASE_URL names
// a server (a fresh database is created on it and dropped after).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../../server/src/platform/db/database.js';
import { type GeneratedCatalog, generateCatalog } from './catalog-data.js';
import { EXPLAINED, explainSearch, type SearchPlan } from './catalog-explain.js';
import { QUERIES } from './catalog-names.js';
import { type ChildServer, startBareFastify, startTongban } from './servers.js';
import { type Spread, spread } from './stats.js';

export const CATALOG_SETTINGS = {
  /** Entries on PGlite, and on PostgreSQL unless BENCH_CATALOG_ROWS says otherwise (e.g. 1000000). */
  entries: 100_000,
  connections: 16,
  durationSeconds: 3,
  warmupSeconds: 1,
  rounds: 3,
  pageSize: 20,
} as const;

export type Engine = 'PGlite' | 'PostgreSQL';

interface Sample {
  requestsPerSecond: number;
  latenciesMs: number[];
  non2xx: number;
  errors: number;
}

export interface TargetFigures {
  key: 'bare' | 'search' | 'county';
  label: string;
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p95Ms: Spread;
  p99Ms: Spread;
  non2xx: number;
  errors: number;
}

export interface CatalogOutcome {
  engine: Engine;
  generated: GeneratedCatalog;
  plans: SearchPlan[];
  targets: TargetFigures[];
}

interface Target {
  key: TargetFigures['key'];
  label: string;
  server: ChildServer;
  paths: string[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One autocannon run cycling through `paths`; every response's latency is kept for exact percentiles. */
async function load(target: Target, connections: number, seconds: number): Promise<Sample> {
  const latenciesMs: number[] = [];
  const options = {
    url: target.server.baseUrl,
    connections,
    duration: seconds,
    requests: target.paths.map((p) => ({ method: 'GET' as const, path: p })),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      latenciesMs.push(responseTime);
    });
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    latenciesMs: latenciesMs.sort((a, b) => a - b),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** ABBA rounds over the targets; latency at 1 connection, throughput at `connections`. */
async function measure(targets: readonly Target[], log: (m: string) => void): Promise<TargetFigures[]> {
  const s = CATALOG_SETTINGS;
  const samples = new Map(
    targets.map((t) => [t.key, { latency: [] as Sample[], throughput: [] as Sample[] }]),
  );
  for (let round = 0; round < s.rounds; round++) {
    for (const target of round % 2 === 0 ? targets : [...targets].reverse()) {
      await load(target, 1, s.warmupSeconds);
      const latency = await load(target, 1, s.durationSeconds);
      await load(target, s.connections, s.warmupSeconds);
      const throughput = await load(target, s.connections, s.durationSeconds);
      samples.get(target.key)!.latency.push(latency);
      samples.get(target.key)!.throughput.push(throughput);
      const l = latency.latenciesMs;
      log(
        `  round ${round + 1}/${s.rounds}  ${target.label.padEnd(40)} 1 conn p50 ${percentile(l, 50).toFixed(2)} p95 ${percentile(l, 95).toFixed(2)} p99 ${percentile(l, 99).toFixed(2)} ms; ${s.connections} conns ${throughput.requestsPerSecond.toFixed(0)} req/s${throughput.non2xx ? `  non-2xx ${throughput.non2xx}` : ''}`,
      );
    }
  }
  return targets.map((target) => {
    const { latency, throughput } = samples.get(target.key)!;
    const all = [...latency, ...throughput];
    return {
      key: target.key,
      label: target.label,
      requestsPerSecond: spread(throughput.map((x) => x.requestsPerSecond)),
      p50Ms: spread(latency.map((x) => percentile(x.latenciesMs, 50))),
      p95Ms: spread(latency.map((x) => percentile(x.latenciesMs, 95))),
      p99Ms: spread(latency.map((x) => percentile(x.latenciesMs, 99))),
      non2xx: all.reduce((sum, x) => sum + x.non2xx, 0),
      errors: all.reduce((sum, x) => sum + x.errors, 0),
    };
  });
}

const searchPaths = (regionCode: string | null) =>
  QUERIES.map(
    (q) =>
      `/api/v1/catalog/items?q=${encodeURIComponent(q)}&limit=${CATALOG_SETTINGS.pageSize}${regionCode ? `&regionCode=${regionCode}` : ''}`,
  );

/** Fills the database behind `databaseUrl` (null: the PGlite folder) and explains two searches. */
async function fill(
  databaseUrl: string | null,
  pgliteDir: string,
  entries: number,
  log: (m: string) => void,
) {
  const database = await openDatabase({ databaseUrl, pgliteDir, poolSize: 4 });
  try {
    const generated = await generateCatalog(database.db, entries, { parallel: databaseUrl ? 4 : 1, log });
    const plans = [];
    for (const { query, tier, inCounty } of EXPLAINED) {
      await explainSearch(database.db, query, inCounty ? generated.sampleCounty : null, tier); // warm
      plans.push(await explainSearch(database.db, query, inCounty ? generated.sampleCounty : null, tier));
    }
    return { generated, plans };
  } finally {
    await database.close();
  }
}

async function adminQuery(url: string, statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * The whole catalogue benchmark on one engine: server up (migrations, bootstrap), data generated, the
 * server (re)started on it, then the rounds. PGlite is one process's database, so the server is stopped
 * while the benchmark writes the folder, and started again after.
 */
export async function measureCatalogSearch(
  engine: Engine,
  children: ChildServer[],
  log: (m: string) => void,
): Promise<CatalogOutcome> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? '';
  const entries =
    engine === 'PostgreSQL'
      ? Number(process.env.BENCH_CATALOG_ROWS ?? CATALOG_SETTINGS.entries)
      : CATALOG_SETTINGS.entries;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'tongban-bench-catalog-'));
  let databaseUrl: string | null = null;
  if (engine === 'PostgreSQL') {
    const name = `tongban_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const env = { DATABASE_URL: databaseUrl ?? '' };
  const started: ChildServer[] = [];
  try {
    log(
      `catalogue search on ${engine}: migrating a fresh database, generating ${entries.toLocaleString('en-US')} entries …`,
    );
    const first = await startTongban(90_000, { dataDir, keepDataDir: true, env });
    await first.stop();
    const { generated, plans } = await fill(databaseUrl, path.join(dataDir, 'pg'), entries, log);
    log(`  generated in ${generated.seconds.toFixed(1)} s`);
    for (const plan of plans) log(`  ${describePlan(plan)}`);
    const [bare, server] = await Promise.all([
      startBareFastify(),
      startTongban(90_000, { dataDir, keepDataDir: true, env }),
    ]);
    started.push(bare, server);
    children.push(bare, server);
    const probe = await fetch(`${server.baseUrl}${searchPaths(null)[0]}`);
    const hits = ((await probe.json()) as { items?: { name: string }[] }).items ?? [];
    if (probe.status !== 200 || hits.length === 0)
      throw new Error(`search answered ${probe.status} with ${hits.length} hits`);
    log(`  first hit for ${QUERIES[0]}: ${hits[0]!.name}; measuring ${CATALOG_SETTINGS.rounds} rounds …`);
    const targets = await measure(
      [
        { key: 'bare', label: 'bare Fastify GET /', server: bare, paths: ['/'] },
        { key: 'search', label: `search, whole country (${engine})`, server, paths: searchPaths(null) },
        {
          key: 'county',
          label: `search, in one county (${engine})`,
          server,
          paths: searchPaths(generated.sampleCounty),
        },
      ],
      log,
    );
    return { engine, generated, plans, targets };
  } finally {
    for (const child of started) {
      children.splice(children.indexOf(child), 1);
      await child.stop();
    }
    await rm(dataDir, { recursive: true, force: true });
    if (databaseUrl)
      await adminQuery(
        adminUrl,
        `drop database if exists ${new URL(databaseUrl).pathname.slice(1)} with (force)`,
      );
  }
}

export function describePlan(plan: SearchPlan): string {
  const where = plan.regionCode ? ` in ${plan.regionCode}` : '';
  return `EXPLAIN ${plan.query}${where}${plan.regionCode ? '' : `, tier ${plan.tier}`}: ${plan.indexes.join(', ') || 'no index'}; planning ${plan.planningMs.toFixed(2)} ms, execution ${plan.executionMs.toFixed(2)} ms`;
}
