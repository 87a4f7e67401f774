import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  rounds: number[];
}

export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), rounds: [...values] };
}

/**
 * Runs `op` back to back for about `ms` milliseconds and returns operations per second.
 * The clock is read after every call, which costs ~50 ns: negligible against the microseconds
 * (SM2) to milliseconds (1 MiB hashing) the measured operations take.
 */
export function opsPerSecond(op: () => unknown, ms: number): number {
  let count = 0;
  let sink: unknown;
  const start = performance.now();
  const end = start + ms;
  let now = start;
  while (now < end) {
    sink = op();
    count++;
    now = performance.now();
  }
  keep(sink);
  return (count * 1000) / (now - start);
}

let blackhole: unknown;
/** Keeps results observable so the optimiser cannot drop the work that produced them. */
function keep(value: unknown): void {
  blackhole = value;
}
export function lastKept(): unknown {
  return blackhole;
}
