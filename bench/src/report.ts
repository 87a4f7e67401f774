import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './servers.js';
import type { Spread } from './stats.js';

export interface Machine {
  cpuModel: string;
  logicalCores: number;
  availableParallelism: number;
  totalMemoryGiB: number;
  loadAverageAtStart: number[];
  node: string;
  openssl: string;
  platform: string;
  date: string;
  database: string;
  versions: Record<string, string>;
}

export interface Row {
  section: 'HTTP' | 'Identity' | 'Catalogue' | 'Crypto';
  metric: string;
  unit: string;
  /** Which direction is better for this metric; the ratio is always ours ÷ limit. */
  better: 'higher' | 'lower';
  ours: Spread;
  limit: Spread;
  limitIs: string;
  ratio: number;
  /** Lowest and highest per-round ratio (round i of ours ÷ round i of the limit): the noise band. */
  ratioRange: [number, number];
  note?: string;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) return match[1].trim();
  } catch {
    // not Linux: fall through
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function packageVersion(name: string): string {
  try {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Taken at start-up (date, load average); `database` is filled in once the server has said which it uses. */
export function machineFacts(database = 'unknown'): Machine {
  return {
    cpuModel: cpuModel(),
    logicalCores: os.cpus().length,
    availableParallelism: os.availableParallelism(),
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    openssl: process.versions.openssl ?? 'unknown',
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    database,
    versions: Object.fromEntries(
      ['fastify', 'autocannon', 'sm-crypto-v2', '@node-rs/argon2'].map((name) => [
        name,
        packageVersion(name),
      ]),
    ),
  };
}

/** Ratio of the medians, plus the range of the ratios of same-round pairs. */
export function row(fields: Omit<Row, 'ratio' | 'ratioRange'>): Row {
  const paired = fields.ours.rounds.map((value, i) => value / fields.limit.rounds[i]!);
  return {
    ...fields,
    ratio: fields.ours.median / fields.limit.median,
    ratioRange: [Math.min(...paired), Math.max(...paired)],
  };
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

function formatRange([low, high]: [number, number]): string {
  return Number.isFinite(low) && Number.isFinite(high) ? `${low.toFixed(2)}–${high.toFixed(2)}` : 'n/a';
}

/** The rows as aligned text columns; `limit is` comes last because it is long. */
export function renderTable(rows: readonly Row[]): string {
  const header = ['Metric', 'Ours', 'Limit', 'Ratio', 'Per round', 'Limit is'];
  const cells = rows.map((r) => [
    `${r.metric}${r.better === 'lower' ? ' ↓' : ''}`,
    `${formatNumber(r.ours.median)} ${r.unit}`,
    `${formatNumber(r.limit.median)} ${r.unit}`,
    formatRatio(r.ratio),
    formatRange(r.ratioRange),
    r.limitIs,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i >= 1 && i <= 4 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The same rows as a Markdown table, for docs/performance.md. */
export function renderMarkdown(rows: readonly Row[]): string {
  const lines = ['| Metric | Ours | Limit | Ratio | Per round | Limit is |', '|---|--:|--:|--:|--:|---|'];
  for (const r of rows) {
    lines.push(
      `| ${r.metric}${r.better === 'lower' ? ' ↓' : ''} | ${formatNumber(r.ours.median)} ${r.unit} | ${formatNumber(
        r.limit.median,
      )} ${r.unit} | ${formatRatio(r.ratio)} | ${formatRange(r.ratioRange)} | ${r.limitIs} |`,
    );
  }
  return lines.join('\n');
}

export function renderMachine(machine: Machine): string {
  return [
    `CPU          ${machine.cpuModel}, ${machine.logicalCores} logical cores (available parallelism ${machine.availableParallelism}), ${machine.totalMemoryGiB} GiB RAM`,
    `Load avg     ${machine.loadAverageAtStart.join(' ')} (1/5/15 min, at start)`,
    `Node         ${machine.node} (OpenSSL ${machine.openssl}) on ${machine.platform}`,
    `Libraries    ${Object.entries(machine.versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
    `Database     ${machine.database}`,
    `Date         ${machine.date}`,
  ].join('\n');
}

export async function writeJson(file: string, data: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${collapseShortArrays(JSON.stringify(data, roundNumbers, 2))}\n`);
}

const LINE_WIDTH = 110;

/** Puts arrays of scalars on one line when they fit, as the repository's formatter (Biome) does. */
function collapseShortArrays(json: string): string {
  return json.replace(
    /^( *)(.*)\[\n((?:\s+[^\s[\]{}][^\n[\]{}]*\n)+)\s*\]/gm,
    (whole, indent, head, body) => {
      const items = (body as string)
        .split('\n')
        .map((item) => item.trim())
        .filter(Boolean)
        .map((item) => item.replace(/,$/, ''));
      const oneLine = `${indent}${head}[${items.join(', ')}]`;
      return oneLine.length <= LINE_WIDTH ? oneLine : whole;
    },
  );
}

function roundNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
}
