// npm run bench — Tongban's figures beside their physical limit, measured in the same run.
// HTTP: the real server (child process) against a bare Fastify hello-world (child process), autocannon here.
// Crypto: our SM2/SM3/SM4 functions against the primitives they are built on, on one thread of this process.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CRYPTO_SETTINGS, type CryptoFigure, measureCrypto } from './crypto.js';
import { HTTP_SETTINGS, type HttpFigures, type HttpTarget, measureHttp } from './http.js';
import {
  machineFacts,
  type Row,
  renderMachine,
  renderMarkdown,
  renderTable,
  row,
  writeJson,
} from './report.js';
import { type ChildServer, ROOT, startBareFastify, startTongban } from './servers.js';

const RESULTS_FILE = path.join(ROOT, 'bench/results/latest.json');
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
  database: string;
}

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
  log(`both up (Tongban on ${server.baseUrl}, database ${database}); ${describeHttp()}`);

  const targets: HttpTarget[] = [
    { key: 'bare', label: 'bare Fastify GET /', server: bareServer, path: '/' },
    { key: 'healthz', label: 'Tongban GET /healthz', server, path: '/healthz' },
    { key: 'info', label: 'Tongban GET /api/v1/system/info', server, path: '/api/v1/system/info' },
    { key: 'readyz', label: 'Tongban GET /readyz', server, path: '/readyz' },
  ];
  const figures = await measureHttp(targets, log);
  return { figures, database };
}

function describeHttp(): string {
  const s = HTTP_SETTINGS;
  return `${s.rounds} rounds × 4 targets × (${s.warmupSeconds} s warm-up + ${s.durationSeconds} s), ${s.connections} connections, pipelining ${s.pipelining}`;
}

function httpRows(figures: readonly HttpFigures[]): Row[] {
  const bare = figures.find((f) => f.target.key === 'bare')!;
  const limitIs = 'bare Fastify 5 hello-world GET / (child process, logger off)';
  const rows: Row[] = [];
  for (const f of figures) {
    if (f === bare) continue;
    const problems = f.non2xx + f.errors;
    const note = problems ? `${f.non2xx} non-2xx responses, ${f.errors} connection errors` : undefined;
    const route = f.target.path;
    rows.push(
      row({
        section: 'HTTP',
        metric: `GET ${route} throughput`,
        unit: 'req/s',
        better: 'higher',
        ours: f.requestsPerSecond,
        limit: bare.requestsPerSecond,
        limitIs,
        ...(note ? { note } : {}),
      }),
      row({
        section: 'HTTP',
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

async function main(): Promise<number> {
  console.log('Tongban benchmark — every figure beside its physical limit, measured in this run\n');
  let http: HttpOutcome | null = null;
  let httpError: Error | null = null;
  try {
    http = await runHttp();
  } catch (error) {
    httpError = error as Error;
    console.error(`\nHTTP benchmark failed: ${httpError.message}\n`);
  } finally {
    await stopChildren();
  }

  log(
    `crypto on ONE thread of this process (single-threaded), ${CRYPTO_SETTINGS.rounds} rounds × ${CRYPTO_SETTINGS.sliceMs} ms per candidate …`,
  );
  const crypto = measureCrypto(log);

  const rows = [...(http ? httpRows(http.figures) : []), ...cryptoRows(crypto)];
  machine.database = http?.database ?? 'n/a (HTTP benchmark failed)';
  console.log(`\n${renderMachine(machine)}\n`);
  console.log(
    'Medians of alternating rounds. Ratio = median ours ÷ median limit: for throughput higher is better\n' +
      '(1.00× = at the limit); rows marked ↓ are latencies, where lower is better. "Per round" is the range of\n' +
      'the same-round ratios, i.e. the noise band. Crypto ran single-threaded on one core.\n',
  );
  console.log(renderTable(rows));
  for (const r of rows) if (r.note) console.log(`\n! ${r.metric}: ${r.note}`);
  if (process.argv.includes('--markdown')) console.log(`\n${renderMarkdown(rows)}`);

  await writeJson(RESULTS_FILE, {
    machine,
    settings: { http: HTTP_SETTINGS, crypto: CRYPTO_SETTINGS },
    rows,
    ...(httpError ? { httpError: httpError.message } : {}),
    elapsedSeconds: Math.round((performance.now() - started) / 1000),
  });
  console.log(
    `\nWrote ${path.relative(ROOT, RESULTS_FILE)} (${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
  return httpError ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: Error) => {
    console.error(error);
    await stopChildren();
    process.exit(1);
  },
);
