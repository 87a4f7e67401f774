// npm run bench — Tongban's figures beside their physical limit, measured in the same run.
// HTTP: the real server (child process) against a bare Fastify hello-world (child process), autocannon here.
// Crypto: our SM2/SM3/SM4 functions against the primitives they are built on, on one thread of this process.
// Cases: submissions and acceptances on PostgreSQL beside raw SQL of the same writes, list latency over 1M
// cases (--cases-only for that alone), and a memory soak (--cases-soak[=seconds], not in the full run).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CASES_SETTINGS,
  type CasesOutcome,
  closeWorld,
  DEFAULT_ADMIN_URL,
  measureCases,
  openWorld,
  postgresReachable,
  signIn,
} from './cases-bench.js';
import { HttpClient } from './cases-client.js';
import { describeListPlan } from './cases-explain.js';
import { casesRows, describeList, printable } from './cases-report.js';
import { SOAK_SETTINGS, type SoakOutcome, soak } from './cases-soak.js';
import { catalogRows } from './catalog-report.js';
import {
  CATALOG_SETTINGS,
  type CatalogOutcome,
  describePlan,
  type Engine,
  measureCatalogSearch,
} from './catalog-search.js';
import { CRYPTO_SETTINGS, type CryptoFigure, measureCrypto } from './crypto.js';
import { HTTP_SETTINGS, type HttpFigures, type HttpTarget, measureHttp } from './http.js';
import {
  ARGON2_PARAMETERS,
  IDENTITY_SETTINGS,
  type LoginFigures,
  loginOnce,
  measureLogins,
} from './identity.js';
import {
  machineFacts,
  type Row,
  renderMachine,
  renderMarkdown,
  renderTable,
  row,
  writeJson,
} from './report.js';
import { ADMIN_PASSWORD, type ChildServer, ROOT, startBareFastify, startTongban } from './servers.js';
import { type Spread, spread } from './stats.js';

const RESULTS_FILE = path.join(ROOT, 'bench/results/latest.json');
const CATALOG_RESULTS_FILE = path.join(ROOT, 'bench/results/catalog-latest.json');
const CASES_RESULTS_FILE = path.join(ROOT, 'bench/results/cases-latest.json');
const SOAK_RESULTS_FILE = path.join(ROOT, 'bench/results/cases-soak-latest.json');
const started = performance.now();
const children: ChildServer[] = [];
const machine = machineFacts();

function log(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(0).padStart(3);
  console.log(`[${seconds} s] ${message}`);
}

async function stopChildren(): Promise<void> {
  await Promise.allSettled(children.splice(0).map((child) => child.stop()));
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping servers`);
    void stopChildren().finally(() => process.exit(130));
  });
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: response.status, body: await response.json() };
}

interface HttpOutcome {
  figures: HttpFigures[];
  logins: LoginFigures;
  database: string;
}

/** Reference figures (not limits): Keycloak's published sizing guide, per vCPU. */
const KEYCLOAK_PASSWORD_LOGINS_PER_VCPU = 15;
const KEYCLOAK_TOKEN_REFRESHES_PER_VCPU = 120;

async function runHttp(): Promise<HttpOutcome> {
  log('starting bare Fastify and Tongban (server/dist/main.js, fresh DATA_DIR) …');
  const [bare, tongban] = await Promise.allSettled([startBareFastify(), startTongban()]);
  for (const outcome of [bare, tongban]) if (outcome.status === 'fulfilled') children.push(outcome.value);
  if (bare.status === 'rejected') throw bare.reason;
  if (tongban.status === 'rejected') throw tongban.reason;
  const bareServer = bare.value;
  const server = tongban.value;

  const info = await getJson(`${server.baseUrl}/api/v1/system/info`);
  const ready = await getJson(`${server.baseUrl}/readyz`);
  if (info.status !== 200 || ready.status !== 200) {
    throw new Error(
      `Tongban is up but not ready: /api/v1/system/info ${info.status}, /readyz ${ready.status}`,
    );
  }
  const database = String((info.body as { database?: unknown }).database ?? 'unknown');
  const token = await loginOnce(server, ADMIN_PASSWORD);
  const targets: HttpTarget[] = [
    { key: 'bare', label: 'bare Fastify GET /', server: bareServer, path: '/' },
    { key: 'healthz', label: 'Tongban GET /healthz', server, path: '/healthz' },
    { key: 'info', label: 'Tongban GET /api/v1/system/info', server, path: '/api/v1/system/info' },
    { key: 'readyz', label: 'Tongban GET /readyz', server, path: '/readyz' },
    {
      key: 'me',
      label: 'Tongban GET /api/v1/identity/me (Bearer)',
      server,
      path: '/api/v1/identity/me',
      headers: { authorization: `Bearer ${token}` },
    },
  ];
  log(`both up (Tongban on ${server.baseUrl}, database ${database}); ${describeHttp(targets.length)}`);

  const figures = await measureHttp(targets, log);
  const i = IDENTITY_SETTINGS;
  log(
    `password logins (${i.concurrency} connections) alternating with raw argon2id verify × ${i.concurrency} in this process, ${i.rounds} rounds × (${i.warmupSeconds} s warm-up + ${i.durationSeconds} s) each …`,
  );
  const logins = await measureLogins(server, ADMIN_PASSWORD, log);
  return { figures, logins, database };
}

function describeHttp(targets: number): string {
  const s = HTTP_SETTINGS;
  return `${s.rounds} rounds × ${targets} targets × (${s.warmupSeconds} s warm-up + ${s.durationSeconds} s), ${s.connections} connections, pipelining ${s.pipelining}`;
}

function perCore(figure: Spread, cores: number): Spread {
  return spread(figure.rounds.map((value) => value / cores));
}

function constant(value: number, rounds: number): Spread {
  return spread(Array.from({ length: rounds }, () => value));
}

/**
 * Password logins beside the argon2id limit, and per-vCPU figures beside Keycloak's published sizing.
 * Cores used: password logins keep both vCPUs busy (argon2 on libuv's 4 threads), so they are divided
 * by the machine's parallelism; token-authenticated requests run on the server's one event-loop thread
 * (PGlite is in that thread too) while autocannon holds the other vCPU, so they are divided by 1.
 */
function identityRows(outcome: HttpOutcome): Row[] {
  const { logins } = outcome;
  const me = outcome.figures.find((f) => f.target.key === 'me')!;
  const loginCores = Math.min(IDENTITY_SETTINGS.concurrency, machine.availableParallelism);
  const meCores = 1;
  const p = ARGON2_PARAMETERS;
  const problems = logins.non2xx + logins.errors;
  return [
    row({
      section: 'Identity',
      metric: 'POST /api/v1/identity/login (password) throughput',
      unit: 'logins/s',
      better: 'higher',
      ours: logins.logins,
      limit: logins.argon2,
      limitIs: `raw argon2id verify/s, @node-rs/argon2 (m=${p.memoryCost} KiB, t=${p.timeCost}, p=${p.parallelism}), ${IDENTITY_SETTINGS.concurrency} concurrent, bench process`,
      ...(problems ? { note: `${logins.non2xx} non-2xx responses, ${logins.errors} connection errors` } : {}),
    }),
    row({
      section: 'Identity',
      metric: `Password logins per vCPU (÷${loginCores})`,
      unit: 'logins/s',
      better: 'higher',
      ours: perCore(logins.logins, loginCores),
      limit: constant(KEYCLOAK_PASSWORD_LOGINS_PER_VCPU, logins.logins.rounds.length),
      limitIs: "REFERENCE, not a limit: Keycloak's published sizing, 15 password logins/s per vCPU",
    }),
    row({
      section: 'Identity',
      metric: `Token-authenticated GET /me per vCPU (÷${meCores})`,
      unit: 'req/s',
      better: 'higher',
      ours: perCore(me.requestsPerSecond, meCores),
      limit: constant(KEYCLOAK_TOKEN_REFRESHES_PER_VCPU, me.requestsPerSecond.rounds.length),
      limitIs: "REFERENCE, not a limit: Keycloak's published sizing, 120 token refreshes/s per vCPU",
    }),
  ];
}

function httpRows(figures: readonly HttpFigures[]): Row[] {
  const bare = figures.find((f) => f.target.key === 'bare')!;
  const limitIs = 'bare Fastify 5 hello-world GET / (child process, logger off)';
  const rows: Row[] = [];
  for (const f of figures) {
    if (f === bare) continue;
    const problems = f.non2xx + f.errors;
    const note = problems ? `${f.non2xx} non-2xx responses, ${f.errors} connection errors` : undefined;
    const route = f.target.headers?.authorization ? `${f.target.path} (Bearer token)` : f.target.path;
    const section = f.target.key === 'me' ? 'Identity' : 'HTTP';
    rows.push(
      row({
        section,
        metric: `GET ${route} throughput`,
        unit: 'req/s',
        better: 'higher',
        ours: f.requestsPerSecond,
        limit: bare.requestsPerSecond,
        limitIs,
        ...(note ? { note } : {}),
      }),
      row({
        section,
        metric: `GET ${route} p99 latency`,
        unit: 'ms',
        better: 'lower',
        ours: f.p99Ms,
        limit: bare.p99Ms,
        limitIs,
      }),
    );
  }
  return rows;
}

function cryptoRows(figures: readonly CryptoFigure[]): Row[] {
  return figures.map((f) =>
    row({
      section: 'Crypto',
      metric: f.metric.replace(/ \(.*\)$/, ''),
      unit: f.unit,
      better: 'higher',
      ours: f.ours,
      limit: f.limit,
      limitIs: f.limitLabel,
    }),
  );
}

const SECTION_ORDER: readonly Row['section'][] = ['HTTP', 'Identity', 'Catalogue', 'Crypto'];

/** Catalogue search on PGlite, and on PostgreSQL too when BENCH_DATABASE_URL is set; a failure is reported, not fatal. */
async function runCatalog(): Promise<{ outcomes: CatalogOutcome[]; errors: string[] }> {
  const engines: Engine[] = process.env.BENCH_DATABASE_URL ? ['PGlite', 'PostgreSQL'] : ['PGlite'];
  if (process.argv.includes('--postgres-only')) engines.splice(0, engines.length, 'PostgreSQL');
  const outcomes: CatalogOutcome[] = [];
  const errors: string[] = [];
  for (const engine of engines) {
    try {
      outcomes.push(await measureCatalogSearch(engine, children, log));
    } catch (error) {
      errors.push(`${engine}: ${(error as Error).message}`);
      console.error(`\nCatalogue benchmark on ${engine} failed: ${(error as Error).message}\n`);
    } finally {
      await stopChildren();
    }
  }
  return { outcomes, errors };
}

/**
 * Case handling on PostgreSQL (BENCH_DATABASE_URL, else the local development server): printed, and
 * written to bench/results/cases-latest.json. In the full run a missing PostgreSQL skips it.
 */
async function runCases(required: boolean): Promise<{ outcome: CasesOutcome | null; error: string | null }> {
  const unreachable = await postgresReachable();
  if (unreachable) {
    const where = process.env.BENCH_DATABASE_URL ? 'BENCH_DATABASE_URL' : DEFAULT_ADMIN_URL;
    const message = `case handling needs PostgreSQL; none at ${where} (${unreachable})`;
    console.error(`\n${required ? '' : 'Skipped: '}${message}\n`);
    return { outcome: null, error: required ? message : null };
  }
  const c = CASES_SETTINGS;
  log(
    `case handling on PostgreSQL: ${c.rows.toLocaleString('en-US')} existing cases for throughput, ${c.largeRows.toLocaleString('en-US')} for the lists …`,
  );
  try {
    const outcome = await measureCases(children, log);
    const rows = casesRows(outcome, c.concurrency);
    console.log(`\nCase handling (${outcome.database}); ratio = ours ÷ limit, medians of ABBA rounds\n`);
    console.log(renderTable(printable(rows)));
    for (const r of rows) if (r.note) console.log(`\n! ${r.metric}: ${r.note}`);
    for (const list of outcome.lists) {
      console.log(`\nLists over ${list.cases.toLocaleString('en-US')} cases (${list.variant}):`);
      for (const view of list.views) console.log(`  ${describeList(view)}`);
      for (const plan of list.plans) console.log(`  ${describeListPlan(plan)}`);
    }
    if (process.argv.includes('--markdown')) console.log(`\n${renderMarkdown(printable(rows))}`);
    await writeJson(CASES_RESULTS_FILE, {
      machine: { ...machine, database: outcome.database },
      settings: c,
      rows,
      ...outcome,
      elapsedSeconds: Math.round((performance.now() - started) / 1000),
    });
    console.log(`\nWrote ${path.relative(ROOT, CASES_RESULTS_FILE)}`);
    return { outcome, error: null };
  } catch (error) {
    console.error(`\nCase-handling benchmark failed: ${(error as Error).stack ?? error}\n`);
    return { outcome: null, error: (error as Error).message };
  } finally {
    await stopChildren();
  }
}

/** --cases-soak[=seconds]: the soak alone (over BENCH_CASE_ROWS existing cases), to its own file. */
async function runSoak(seconds: number): Promise<number> {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  let base: Awaited<ReturnType<typeof openWorld>> | null = null;
  let http: HttpClient | null = null;
  try {
    base = await openWorld((child) => children.push(child), CASES_SETTINGS.rows, log);
    http = new HttpClient(base.server.baseUrl, SOAK_SETTINGS.workers + 2);
    const world = await signIn(base, http, log);
    const s = SOAK_SETTINGS;
    log(
      `soak: ${seconds} s of ${s.rate} cycles/s (submit, get, clerk todo, accept, reviewer todo) on ${s.workers} workers; memory every ${s.sampleSeconds} s …`,
    );
    const outcome: SoakOutcome = await soak(world, seconds, log);
    const mib = (x: number) => `${x.toFixed(1)} MiB`;
    console.log(
      `\nSoak: ${outcome.cycles} cycles (${outcome.requests} requests), ${outcome.failures} failed, ${outcome.lateCycles} late\n` +
        `  RSS        start ${mib(outcome.rss.start)}  end ${mib(outcome.rss.end)}  max ${mib(outcome.rss.max)}  growth ${outcome.rss.perMinute.toFixed(2)} MiB/min after ${outcome.warmupSeconds} s\n` +
        `  heap used  start ${mib(outcome.heapUsed.start)}  end ${mib(outcome.heapUsed.end)}  max ${mib(outcome.heapUsed.max)}  growth ${outcome.heapUsed.perMinute.toFixed(2)} MiB/min; floor ${mib(outcome.heapFloorMiB.first)} → ${mib(outcome.heapFloorMiB.last)}`,
    );
    const database = (await base.db.query<{ v: string }>("select current_setting('server_version') as v"))
      .rows[0]!.v;
    await writeJson(SOAK_RESULTS_FILE, {
      machine: { ...machine, database: `PostgreSQL ${database}` },
      serverBuild: base.build,
      existingCases: base.generated.rows,
      ...outcome,
      elapsedSeconds: Math.round((performance.now() - started) / 1000),
    });
    console.log(`\nWrote ${path.relative(ROOT, SOAK_RESULTS_FILE)}`);
    return outcome.failures ? 1 : 0;
  } finally {
    http?.close();
    await stopChildren();
    await closeWorld(base, adminUrl);
  }
}

async function main(): Promise<number> {
  console.log('Tongban benchmark — every figure beside its physical limit, measured in this run\n');
  const soakFlag = process.argv.find((a) => a === '--cases-soak' || a.startsWith('--cases-soak='));
  if (soakFlag) {
    const seconds = Number(soakFlag.split('=')[1] ?? SOAK_SETTINGS.seconds);
    if (!(seconds > 0)) throw new Error(`--cases-soak=<seconds> needs a positive number, not ${soakFlag}`);
    return runSoak(seconds);
  }
  // --cases-only: just the case-handling benchmark, to bench/results/cases-latest.json
  if (process.argv.includes('--cases-only')) {
    const cases = await runCases(true);
    return cases.error ? 1 : 0;
  }
  // --catalog-only: just the catalogue search (e.g. the opt-in 1M-row run on PostgreSQL), to its own file
  const catalogOnly = process.argv.includes('--catalog-only');
  let http: HttpOutcome | null = null;
  let httpError: Error | null = null;
  if (!catalogOnly) {
    try {
      http = await runHttp();
    } catch (error) {
      httpError = error as Error;
      console.error(`\nHTTP benchmark failed: ${httpError.message}\n`);
    } finally {
      await stopChildren();
    }
  }
  const catalog = await runCatalog();
  const cases = catalogOnly ? null : await runCases(false);

  if (!catalogOnly)
    log(
      `crypto on ONE thread of this process (single-threaded), ${CRYPTO_SETTINGS.rounds} rounds × ${CRYPTO_SETTINGS.sliceMs} ms per candidate …`,
    );
  const crypto = catalogOnly ? [] : measureCrypto(log);

  const rows = [
    ...(http ? httpRows(http.figures) : []),
    ...(http ? identityRows(http) : []),
    ...catalog.outcomes.flatMap(catalogRows),
    ...cryptoRows(crypto),
  ];
  // Identity rows together: the two GET /me rows come from the HTTP measurement.
  rows.sort((a, b) => SECTION_ORDER.indexOf(a.section) - SECTION_ORDER.indexOf(b.section));
  machine.database =
    http?.database ?? (catalogOnly ? 'see the catalogue rows' : 'n/a (HTTP benchmark failed)');
  console.log(`\n${renderMachine(machine)}\n`);
  console.log(
    'Medians of alternating rounds. Ratio = median ours ÷ median limit: for throughput higher is better\n' +
      '(1.00× = at the limit); rows marked ↓ are latencies, where lower is better. "Per round" is the range of\n' +
      'the same-round ratios, i.e. the noise band. Crypto ran single-threaded on one core.\n',
  );
  console.log(renderTable(rows));
  for (const r of rows) if (r.note) console.log(`\n! ${r.metric}: ${r.note}`);
  for (const outcome of catalog.outcomes)
    for (const plan of outcome.plans)
      console.log(`\n${outcome.engine} ${describePlan(plan)}\n  ${plan.plan.join('\n  ')}`);
  if (process.argv.includes('--markdown')) console.log(`\n${renderMarkdown(rows)}`);

  const resultsFile = catalogOnly ? CATALOG_RESULTS_FILE : RESULTS_FILE;
  await writeJson(resultsFile, {
    machine,
    settings: {
      http: HTTP_SETTINGS,
      identity: { ...IDENTITY_SETTINGS, argon2: ARGON2_PARAMETERS },
      catalog: CATALOG_SETTINGS,
      crypto: CRYPTO_SETTINGS,
    },
    rows,
    catalog: catalog.outcomes.map(({ engine, generated, plans }) => ({ engine, generated, plans })),
    ...(httpError ? { httpError: httpError.message } : {}),
    ...(catalog.errors.length ? { catalogErrors: catalog.errors } : {}),
    elapsedSeconds: Math.round((performance.now() - started) / 1000),
  });
  console.log(
    `\nWrote ${path.relative(ROOT, resultsFile)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  return httpError || catalog.errors.length || cases?.error ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    console.error(error);
    await stopChildren();
    process.exit(1);
  },
);
