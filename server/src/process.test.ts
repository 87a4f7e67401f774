import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './platform/db/database.js';
import { freshDatabase, testEngine } from './test/test-database.js';

// Each test starts real processes (PGlite's initdb alone takes seconds on a busy machine).
vi.setConfig({ testTimeout: 120_000 });

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIN = path.join(here, 'main.ts');
const AUDIT_VERIFY = path.join(here, 'cli/audit-verify.ts');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function tempDir() {
  const folder = mkdtempSync(path.join(tmpdir(), 'tongban-proc-'));
  folders.push(folder);
  return folder;
}

function runTs(file: string, env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _d, REDIS_URL: _r, ...inherited } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...inherited, NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function collect(child: ChildProcess) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    out.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    out.stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { out, exited };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The environment for a server process on this suite's engine: a fresh database either way. */
async function serverEnv(): Promise<Record<string, string>> {
  const env: Record<string, string> = { DATA_DIR: tempDir(), TONGBAN_ADMIN_PASSWORD: 'Proc@Test-2026' };
  if (testEngine === 'postgres') {
    const database = await freshDatabase();
    afterAll(() => database.close());
    env.DATABASE_URL = database.url!;
  }
  return env;
}

describe('start-up failures', () => {
  it('stops on a bad configuration value with one line naming the variable', async () => {
    const { out, exited } = collect(runTs(MAIN, { PORT: 'eighty' }));
    expect(await exited).toBe(2);
    expect(out.stderr.trim()).toBe('Invalid configuration: PORT must be a whole number, got "eighty"');
  });

  it('exits non-zero with one clear line when the database is unreachable', async () => {
    const { out, exited } = collect(
      runTs(MAIN, { DATABASE_URL: 'postgres://tongban:secret@127.0.0.1:1/tongban', DATA_DIR: tempDir() }),
    );
    expect(await exited).toBe(1);
    const lines = out.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Tongban failed to start: Cannot connect to PostgreSQL at postgres:\/\/tongban:\*\*\*@127\.0\.0\.1:1/,
    );
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const port = await freePort();
    const child = runTs(MAIN, { ...(await serverEnv()), PORT: String(port), HOST: '127.0.0.1' });
    const { out, exited } = collect(child);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined));
    // password logins take tens of milliseconds (argon2id): the signal lands once all four have arrived
    const logins = Array.from({ length: 4 }, () =>
      fetch(`${base}/api/v1/identity/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Proc@Test-2026' }),
      }).then((r) => r.status),
    );
    await waitFor(async () =>
      out.stdout.split('"url":"/api/v1/identity/login"').length > 4 ? true : undefined,
    );
    child.kill('SIGTERM');
    expect(await Promise.all(logins)).toEqual([200, 200, 200, 200]);
    expect({ code: await exited, stderr: out.stderr }).toEqual({ code: 0, stderr: '' });
    expect(out.stdout).toContain('"msg":"stopped"');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

describe('crash in the middle of writes', () => {
  it('leaves no half-written change and an intact audit chain after kill -9; audit:verify finds a tampered record', async () => {
    const env: Record<string, string> = {};
    let cleanup = async () => {};
    if (testEngine === 'postgres') {
      const database = await freshDatabase();
      env.CRASH_DATABASE_URL = database.url!;
      cleanup = () => database.close();
    } else {
      env.CRASH_PGLITE_DIR = path.join(tempDir(), 'pg');
    }
    const child = runTs(path.join(here, 'test/crash-writer.ts'), env);
    const { out, exited } = collect(child);
    await waitFor(async () => (Number(out.stdout.trim().split('\n').pop()) >= 50 ? true : undefined));
    child.kill('SIGKILL');
    await exited;
    const location = { databaseUrl: env.CRASH_DATABASE_URL ?? null, pgliteDir: env.CRASH_PGLITE_DIR ?? null };
    const cliEnv: Record<string, string> = env.CRASH_DATABASE_URL
      ? { DATABASE_URL: env.CRASH_DATABASE_URL }
      : { DATA_DIR: path.dirname(env.CRASH_PGLITE_DIR!) };
    try {
      const reopened = await openDatabase(location);
      const { rows } = await sql<{ events: number; audits: number }>`
        select (select count(*)::int from outbox_events where type = 'crash.test') as events,
               (select count(*)::int from audit_ledger where action = 'crash.test') as audits`.execute(
        reopened.db,
      );
      await reopened.close();
      expect(rows[0]!.events).toBeGreaterThanOrEqual(50);
      expect(rows[0]!.audits).toBe(rows[0]!.events);

      // `npm run audit:verify` walks the same chain from the command line
      const intact = collect(runTs(AUDIT_VERIFY, cliEnv));
      expect(await intact.exited).toBe(0);
      expect(intact.out.stdout).toContain(`audit ledger intact: ${rows[0]!.audits} records`);

      const tampered = await openDatabase(location);
      await sql`alter table audit_ledger disable trigger user`.execute(tampered.db);
      await sql`update audit_ledger set actor_name = 'someone else' where seq = 10`.execute(tampered.db);
      await tampered.close();
      const broken = collect(runTs(AUDIT_VERIFY, cliEnv));
      expect(await broken.exited).toBe(1);
      expect(broken.out.stdout).toContain(
        'audit ledger BROKEN at record #10 (hashMismatch); 9 records before it verified',
      );
    } finally {
      await cleanup();
    }
  });
});
