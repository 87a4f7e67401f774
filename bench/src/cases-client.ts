// The load generator of the case-handling benchmark: keep-alive HTTP over node:http (one socket per
// worker, no pipelining) and a closed loop of workers, each sending its next request when the previous
// answered. Every request is its own transaction (a new application, an acceptance of a case not yet
// accepted), so the loop is driven by functions rather than by a fixed request as autocannon's is.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Reply {
  status: number;
  body: string;
}

/** A keep-alive client of one server, at most `sockets` connections. */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(baseUrl: string, sockets: number) {
    this.url = new URL(baseUrl);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string> = {},
    body?: string | Buffer,
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method} ${path}: no answer within 30 s`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  /** A JSON request that must answer `expect`; resolves with the parsed body. */
  async json<T>(
    method: 'GET' | 'POST',
    path: string,
    expect: number,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<T> {
    const reply = await this.request(
      method,
      path,
      body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body === undefined ? undefined : JSON.stringify(body),
    );
    if (reply.status !== expect)
      throw new Error(`${method} ${path} answered ${reply.status}: ${reply.body.slice(0, 500)}`);
    return JSON.parse(reply.body) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One measured stretch of load. */
export interface LoadSample {
  /** Successful operations per second over the stretch. */
  perSecond: number;
  completed: number;
  seconds: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  failures: number;
  /** The first few failures, for the report. */
  failureExamples: string[];
  /** True when the work ran out (no case left to accept) before the time was up. */
  exhausted: boolean;
}

/**
 * An operation of the loop: resolves true when it did one successful transaction, 'exhausted' when there
 * is nothing left to do (that worker stops), and throws (or resolves false) on a failure.
 */
export type Operation = (worker: number) => Promise<boolean | 'exhausted'>;

/** Runs `concurrency` workers back to back for `seconds`; latency is kept for successful operations. */
export async function closedLoop(concurrency: number, seconds: number, op: Operation): Promise<LoadSample> {
  const latencies: number[] = [];
  const failureExamples: string[] = [];
  let failures = 0;
  let exhausted = false;
  const start = performance.now();
  const end = start + seconds * 1000;
  let last = start;
  const worker = async (index: number) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let outcome: boolean | 'exhausted';
      try {
        outcome = await op(index);
      } catch (error) {
        outcome = false;
        if (failureExamples.length < 5) failureExamples.push((error as Error).message.slice(0, 300));
      }
      const t1 = performance.now();
      if (outcome === 'exhausted') {
        exhausted = true;
        break;
      }
      last = Math.max(last, t1);
      if (outcome) latencies.push(t1 - t0);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  // when the work ran out early, the rate is over the time the work lasted
  const elapsed = ((exhausted ? last : Math.max(last, end)) - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    completed: latencies.length,
    seconds: elapsed,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    failures,
    failureExamples,
    exhausted,
  };
}

/** CPU used over a stretch: the whole machine, the server process, PostgreSQL and this process. */
export interface CpuUse {
  /** Share of all the machine's CPU time that was busy (anyone's: other sessions share the box). */
  machineBusy: number;
  /**
   * CPU seconds of the server process, of the PostgreSQL processes serving the benchmark's database (its
   * backends, and the WAL writer, checkpointer and background writer, which other databases share), and
   * of the benchmark process.
   */
  serverSeconds: number;
  postgresSeconds: number;
  benchSeconds: number;
  seconds: number;
}

const TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process in ticks (fields 14 and 15 of /proc/<pid>/stat, after the command); null off Linux. */
function processTicks(pid: number): number | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((sum, x) => sum + x, 0);
    return { busy: total - cpu[3]! - cpu[4]!, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * Starts measuring; the returned function ends the stretch and gives what was used (zeros off Linux).
 * PostgreSQL's share counts the processes in `postgresPids` that lived through the whole stretch.
 */
export function cpuMeter(serverPid: number | undefined, postgresPids: readonly number[]): () => CpuUse {
  const at = performance.now();
  const machine = machineTicks();
  const server = serverPid ? processTicks(serverPid) : null;
  const postgres = new Map(postgresPids.map((pid) => [pid, processTicks(pid)]));
  const bench = process.cpuUsage();
  return () => {
    const machineEnd = machineTicks();
    let postgresTicks = 0;
    for (const [pid, start] of postgres) {
      const end = processTicks(pid);
      if (start !== null && end !== null) postgresTicks += end - start;
    }
    const benchUse = process.cpuUsage(bench);
    const serverEnd = serverPid ? processTicks(serverPid) : null;
    return {
      machineBusy:
        machineEnd.total > machine.total
          ? (machineEnd.busy - machine.busy) / (machineEnd.total - machine.total)
          : 0,
      serverSeconds: server !== null && serverEnd !== null ? (serverEnd - server) / TICKS : 0,
      postgresSeconds: postgresTicks / TICKS,
      benchSeconds: (benchUse.user + benchUse.system) / 1e6,
      seconds: (performance.now() - at) / 1000,
    };
  };
}
