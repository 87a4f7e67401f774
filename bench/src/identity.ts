// Identity: password logins/s on the real server beside raw argon2id verifies/s with the same parameters,
// measured in this process in alternating rounds while the server is idle.

import { performance } from 'node:perf_hooks';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { type HttpTarget, load, type Sample } from './http.js';
import type { ChildServer } from './servers.js';
import { type Spread, spread } from './stats.js';

/** Mirrors ARGON2_OPTIONS in server/src/modules/identity/passwords.ts (argon2id, OWASP baseline). */
export const ARGON2_PARAMETERS = {
  algorithm: 2 as Algorithm, // Algorithm.Argon2id (a const enum, which isolated modules cannot read by name)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const IDENTITY_SETTINGS = {
  /**
   * autocannon connections for the login load, and verifies kept in flight for the argon2 limit. 4 is the
   * size of libuv's default threadpool, on which @node-rs/argon2 runs in both processes.
   */
  concurrency: 4,
  durationSeconds: 4,
  warmupSeconds: 1,
  rounds: 3,
  /** The account bootstrap creates with TONGBAN_DEMO=0; its password is TONGBAN_ADMIN_PASSWORD. */
  username: 'admin',
} as const;

export interface LoginFigures {
  logins: Spread;
  loginP99Ms: Spread;
  argon2: Spread;
  non2xx: number;
  errors: number;
}

/** Keeps `concurrency` verifies in flight for `seconds`; returns completed verifies per second. */
async function argon2VerifiesPerSecond(
  storedHash: string,
  password: string,
  concurrency: number,
  seconds: number,
): Promise<number> {
  let completed = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      if (!(await verify(storedHash, password))) throw new Error('argon2 self-check failed: verify false');
      completed++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (completed * 1000) / (performance.now() - start);
}

/** One login by fetch: checks the password before any load, so a wrong one costs one failure, not five. */
export async function loginOnce(server: ChildServer, password: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: IDENTITY_SETTINGS.username, password }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || typeof body.token !== 'string') {
    throw new Error(
      `login as ${IDENTITY_SETTINGS.username} answered ${response.status}: ${JSON.stringify(body)}`,
    );
  }
  return body.token;
}

/**
 * Alternates, `rounds` times, autocannon POST /api/v1/identity/login (correct password only, so the
 * lockout never counts a failure) with raw argon2id verifies in this process while the server is idle.
 * Odd rounds measure the login first, even rounds the argon2 limit first.
 */
export async function measureLogins(
  server: ChildServer,
  password: string,
  onProgress: (message: string) => void,
): Promise<LoginFigures> {
  const s = IDENTITY_SETTINGS;
  const storedHash = await hash(password, ARGON2_PARAMETERS);
  const target: HttpTarget = {
    key: 'login',
    label: 'Tongban POST /api/v1/identity/login',
    server,
    path: '/api/v1/identity/login',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: s.username, password }),
    connections: s.concurrency,
  };
  const logins: Sample[] = [];
  const argon2: number[] = [];
  const measureLogin = async (round: number) => {
    await load(target, s.warmupSeconds);
    const sample = await load(target, s.durationSeconds);
    logins.push(sample);
    onProgress(
      `  round ${round + 1}/${s.rounds}  ${target.label.padEnd(38)} ${sample.requestsPerSecond.toFixed(1).padStart(6)} logins/s  p99 ${sample.p99Ms.toFixed(0)} ms${sample.non2xx ? `  non-2xx ${sample.non2xx}` : ''}`,
    );
    if (sample.non2xx || sample.errors) {
      // Stop at once: a refused login may be a failure the lockout counts.
      throw new Error(`login load got ${sample.non2xx} non-2xx responses and ${sample.errors} errors`);
    }
  };
  const measureArgon2 = async (round: number) => {
    await argon2VerifiesPerSecond(storedHash, password, s.concurrency, s.warmupSeconds);
    const rate = await argon2VerifiesPerSecond(storedHash, password, s.concurrency, s.durationSeconds);
    argon2.push(rate);
    onProgress(
      `  round ${round + 1}/${s.rounds}  ${`raw argon2id verify × ${s.concurrency} (this process)`.padEnd(38)} ${rate.toFixed(1).padStart(6)} verify/s`,
    );
  };
  for (let round = 0; round < s.rounds; round++) {
    if (round % 2 === 0) {
      await measureLogin(round);
      await measureArgon2(round);
    } else {
      await measureArgon2(round);
      await measureLogin(round);
    }
  }
  return {
    logins: spread(logins.map((l) => l.requestsPerSecond)),
    loginP99Ms: spread(logins.map((l) => l.p99Ms)),
    argon2: spread(argon2),
    non2xx: logins.reduce((sum, l) => sum + l.non2xx, 0),
    errors: logins.reduce((sum, l) => sum + l.errors, 0),
  };
}
