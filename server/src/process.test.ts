import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from './platform/db/database.js';
import {
  AUDIT_VERIFY,
  collect,
  MAIN,
  runTs,
  startServerProcess,
  tempDir,
  waitFor,
} from './test/processes.js';
import { freshDatabase, testEngine } from './test/test-database.js';

// Each test starts real processes (PGlite's initdb alone takes seconds on a busy machine).
vi.setConfig({ testTimeout: 120_000 });

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
    const { child, baseUrl: base, out, exited } = await startServerProcess(await serverEnv());
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
    const child = runTs(path.join(import.meta.dirname, 'test/crash-writer.ts'), env);
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
