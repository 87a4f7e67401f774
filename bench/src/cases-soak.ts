// Soak (issue 5): a steady mixed load on the server for a long stretch (default 600 s) while its memory is
// sampled every 10 s. One cycle is what an application's first day looks like: a citizen submits, reads
// the case back, the clerk opens the todo list and accepts the case, the reviewer opens theirs. Cycles
// are paced (BENCH_SOAK_RATE per second, spread over the workers), so the load is the same from start to
// end; a cycle that falls behind starts at once, and the shortfall is reported.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { caseOperations, type World } from './cases-bench.js';
import { percentile } from './cases-client.js';

export const SOAK_SETTINGS = {
  seconds: 600,
  /** Cycles per second (5 requests each). */
  rate: Number(process.env.BENCH_SOAK_RATE ?? 20),
  workers: 8,
  sampleSeconds: 10,
  /** Samples before this are left out of the growth figures (JIT, caches, pools filling). */
  warmupSeconds: 60,
} as const;

const MIB = 2 ** 20;

export interface MemorySample {
  atSeconds: number;
  /** process_resident_memory_bytes from the server's /metrics (prom-client). */
  rssMiB: number;
  /** VmRSS of the server process from /proc, a cross-check of the same. */
  procRssMiB: number | null;
  heapUsedMiB: number;
  heapTotalMiB: number;
  externalMiB: number;
  /** Cycles completed and failed, and the p95 of the requests, in the 10 s before the sample. */
  cycles: number;
  failures: number;
  p95Ms: number;
}

export interface Growth {
  start: number;
  end: number;
  max: number;
  /** Least-squares slope over the samples after the warm-up, MiB per minute. */
  perMinute: number;
}

export interface SoakOutcome {
  settings: Omit<typeof SOAK_SETTINGS, 'seconds'> & { seconds: number };
  cycles: number;
  requests: number;
  failures: number;
  failureExamples: string[];
  /** Cycles that started late because the previous ones had not finished (the pace was not held). */
  lateCycles: number;
  samples: MemorySample[];
  /** Samples before this were left out of the growth figures. */
  warmupSeconds: number;
  rss: Growth;
  heapUsed: Growth;
  /** Lowest heap used in the first minute after the warm-up and in the last minute (the floor after GC). */
  heapFloorMiB: { first: number; last: number };
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text);
  if (!match) throw new Error(`/metrics has no ${name}`);
  return Number(match[1]);
}

function procRss(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null; // not Linux
  }
}

function slopePerMinute(points: readonly [number, number][]): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return (sxy / sxx) * 60;
}

function growth(samples: readonly MemorySample[], warmup: number, pick: (s: MemorySample) => number): Growth {
  const settled = samples.filter((s) => s.atSeconds >= warmup);
  return {
    start: pick(settled[0] ?? samples[0]!),
    end: pick(samples.at(-1)!),
    max: Math.max(...samples.map(pick)),
    perMinute: slopePerMinute(settled.map((s) => [s.atSeconds, pick(s)])),
  };
}

export async function soak(world: World, seconds: number, log: (m: string) => void): Promise<SoakOutcome> {
  const s = SOAK_SETTINGS;
  const ops = caseOperations(world);
  const { http, tokens } = world;
  const started = performance.now();
  const end = started + seconds * 1000;
  let cycles = 0;
  let requests = 0;
  let failures = 0;
  let lateCycles = 0;
  const failureExamples: string[] = [];
  let window: number[] = [];
  let windowCycles = 0;
  let windowFailures = 0;
  const timed = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    window.push(performance.now() - t0);
    requests++;
  };
  const get = async (path: string, headers: Record<string, string>) => {
    const reply = await http.request('GET', path, headers);
    if (reply.status !== 200)
      throw new Error(`GET ${path} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
  };
  const citizenOf = (worker: number) => world.citizens[worker % world.citizens.length]!;
  const cycle = async (worker: number) => {
    let id = '';
    await timed(async () => {
      id = await ops.submitOne(worker);
    });
    await timed(() => get(`/api/v1/cases/${id}`, citizenOf(worker).headers));
    await timed(() => get('/api/v1/cases/todo', tokens.clerk));
    await timed(() => ops.acceptOne(id));
    await timed(() => get('/api/v1/cases/todo', tokens.reviewer));
  };
  const worker = async (index: number) => {
    const interval = (1000 * s.workers) / s.rate;
    let next = started + (index * interval) / s.workers;
    while (next < end) {
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
      else if (wait < -interval) lateCycles++;
      try {
        await cycle(index);
        cycles++;
        windowCycles++;
      } catch (error) {
        failures++;
        windowFailures++;
        if (failureExamples.length < 5) failureExamples.push((error as Error).message.slice(0, 300));
      }
      next += interval;
    }
  };
  const samples: MemorySample[] = [];
  const sampler = async () => {
    for (let at = 0; performance.now() < end + 1; at += s.sampleSeconds) {
      const wait = started + at * 1000 - performance.now();
      if (wait > 0) await sleep(wait);
      const text = (await http.request('GET', '/metrics')).body;
      const sorted = window.sort((a, b) => a - b);
      const sample: MemorySample = {
        atSeconds: Math.round((performance.now() - started) / 1000),
        rssMiB: metric(text, 'tongban_process_resident_memory_bytes') / MIB,
        procRssMiB: procRss(world.server.child.pid),
        heapUsedMiB: metric(text, 'tongban_nodejs_heap_size_used_bytes') / MIB,
        heapTotalMiB: metric(text, 'tongban_nodejs_heap_size_total_bytes') / MIB,
        externalMiB: metric(text, 'tongban_nodejs_external_memory_bytes') / MIB,
        cycles: windowCycles,
        failures: windowFailures,
        p95Ms: percentile(sorted, 95),
      };
      window = [];
      windowCycles = 0;
      windowFailures = 0;
      samples.push(sample);
      log(
        `  soak ${String(sample.atSeconds).padStart(4)} s  RSS ${sample.rssMiB.toFixed(1)} MiB  heap ${sample.heapUsedMiB.toFixed(1)} / ${sample.heapTotalMiB.toFixed(1)} MiB  external ${sample.externalMiB.toFixed(1)} MiB  ${sample.cycles} cycles${sample.failures ? ` ${sample.failures} FAILED` : ''}  p95 ${sample.p95Ms.toFixed(1)} ms`,
      );
    }
  };
  await Promise.all([...Array.from({ length: s.workers }, (_, i) => worker(i)), sampler()]);
  // a short soak (a trial run) leaves its first quarter out instead of the whole warm-up
  const warmup = Math.min(s.warmupSeconds, seconds / 4);
  const floor = (from: number) => {
    const minute = samples.filter((x) => x.atSeconds >= from && x.atSeconds < from + 60);
    return minute.length ? Math.min(...minute.map((x) => x.heapUsedMiB)) : Number.NaN;
  };
  const lastMinute = Math.max(warmup, samples.at(-1)!.atSeconds - 60);
  return {
    settings: { ...s, seconds },
    cycles,
    requests,
    failures,
    failureExamples,
    lateCycles,
    samples,
    warmupSeconds: warmup,
    rss: growth(samples, warmup, (x) => x.rssMiB),
    heapUsed: growth(samples, warmup, (x) => x.heapUsedMiB),
    heapFloorMiB: { first: floor(warmup), last: floor(lastMinute) },
  };
}
