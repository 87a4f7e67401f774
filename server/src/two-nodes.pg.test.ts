import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from './platform/db/database.js';
import { startServerProcess, tempDir } from './test/processes.js';
import { emptyPostgresDatabase } from './test/test-database.js';

// PostgreSQL only (`*.pg.test.ts`): two Tongban processes, as two nodes behind a load balancer, share one
// database and one Redis.
vi.setConfig({ testTimeout: 120_000 });

describe('two nodes on one PostgreSQL', () => {
  it('start together on an empty database, migrate and bootstrap once, and share sessions', async () => {
    const databaseUrl = await emptyPostgresDatabase();
    const env = () => ({
      DATABASE_URL: databaseUrl,
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      DATA_DIR: tempDir(),
      TONGBAN_ADMIN_PASSWORD: 'Nodes@Test-2026',
      TONGBAN_MASTER_KEY: 'ab'.repeat(32),
      LOG_LEVEL: 'warn',
    });
    const [a, b] = await Promise.all([startServerProcess(env()), startServerProcess(env())]);

    const database = await openDatabase({ databaseUrl, pgliteDir: null });
    try {
      const admins = await database.db
        .selectFrom('users')
        .select('id')
        .where('username', '=', 'admin')
        .execute();
      expect(admins).toHaveLength(1);
      const fieldKeys = await database.db
        .selectFrom('data_keys')
        .select('id')
        .where('purpose', '=', 'field')
        .where('state', '=', 'active')
        .execute();
      expect(fieldKeys).toHaveLength(1);
    } finally {
      await database.close();
    }

    const login = await fetch(`${a.baseUrl}/api/v1/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'auditor', password: 'Tongban@2026' }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const authorization = { authorization: `Bearer ${token}` };
    const meOnB = await fetch(`${b.baseUrl}/api/v1/identity/me`, { headers: authorization });
    expect(meOnB.status).toBe(200);
    expect(((await meOnB.json()) as { username: string }).username).toBe('auditor');

    // the chain both nodes appended to is one intact chain
    const verify = await fetch(`${b.baseUrl}/api/v1/audit/verify`, {
      method: 'POST',
      headers: authorization,
    });
    expect(await verify.json()).toMatchObject({ ok: true, firstBroken: null });

    const logout = await fetch(`${b.baseUrl}/api/v1/identity/logout`, {
      method: 'POST',
      headers: authorization,
    });
    expect(logout.status).toBe(204);
    expect((await fetch(`${a.baseUrl}/api/v1/identity/me`, { headers: authorization })).status).toBe(401);
  });
});
