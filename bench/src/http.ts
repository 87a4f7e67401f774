import autocannon from 'autocannon';
import type { ChildServer } from './servers.js';
import { type Spread, spread } from './stats.js';

export const HTTP_SETTINGS = {
  connections: 50,
  pipelining: 1,
  durationSeconds: 4,
  warmupSeconds: 1,
  rounds: 3,
} as const;

export interface HttpTarget {
  /** Stable key, e.g. 'bare', 'healthz'. */
  key: string;
  label: string;
  server: ChildServer;
  path: string;
  /** Defaults: GET, no body, HTTP_SETTINGS.connections. */
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  connections?: number;
}

export interface HttpFigures {
  target: HttpTarget;
  /** Successful (2xx) responses per second, per round. */
  requestsPerSecond: Spread;
  /** p99 latency in milliseconds, per round. */
  p99Ms: Spread;
  /** Non-2xx responses and connection errors over all measured rounds; should be 0. */
  non2xx: number;
  errors: number;
}

export interface Sample {
  requestsPerSecond: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export async function load(target: HttpTarget, seconds: number): Promise<Sample> {
  const result = await autocannon({
    url: `${target.server.baseUrl}${target.path}`,
    method: target.method ?? 'GET',
    ...(target.body === undefined ? {} : { body: target.body }),
    ...(target.headers ? { headers: target.headers } : {}),
    connections: target.connections ?? HTTP_SETTINGS.connections,
    pipelining: HTTP_SETTINGS.pipelining,
    duration: seconds,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Loads each target in turn, `rounds` times. Odd rounds go in the given order and even rounds in reverse
 * (A B C D, D C B A, A B C D), so a slow drift of the shared machine does not favour one target.
 * Every measurement is preceded by an unrecorded warm-up on the same URL.
 */
export async function measureHttp(
  targets: readonly HttpTarget[],
  onProgress: (message: string) => void,
): Promise<HttpFigures[]> {
  const samples = new Map<string, Sample[]>(targets.map((t) => [t.key, []]));
  for (let round = 0; round < HTTP_SETTINGS.rounds; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const target of order) {
      await load(target, HTTP_SETTINGS.warmupSeconds);
      const sample = await load(target, HTTP_SETTINGS.durationSeconds);
      samples.get(target.key)!.push(sample);
      onProgress(
        `  round ${round + 1}/${HTTP_SETTINGS.rounds}  ${target.label.padEnd(34)} ${sample.requestsPerSecond
          .toFixed(0)
          .padStart(
            6,
          )} req/s  p99 ${sample.p99Ms.toFixed(1)} ms${sample.non2xx ? `  non-2xx ${sample.non2xx}` : ''}`,
      );
    }
  }
  return targets.map((target) => {
    const list = samples.get(target.key)!;
    return {
      target,
      requestsPerSecond: spread(list.map((s) => s.requestsPerSecond)),
      p99Ms: spread(list.map((s) => s.p99Ms)),
      non2xx: list.reduce((sum, s) => sum + s.non2xx, 0),
      errors: list.reduce((sum, s) => sum + s.errors, 0),
    };
  });
}
