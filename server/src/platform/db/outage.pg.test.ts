import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/test-app.js';
import { freshDatabase } from '../../test/test-database.js';
import { openDatabase } from './database.js';

/** A TCP proxy in front of PostgreSQL that the test can cut and restore, like a network partition. */
async function cuttableProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let open = true;
  const server = net.createServer((client) => {
    if (!open) return client.destroy();
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    restore() {
      open = true;
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

// PostgreSQL only (`*.pg.test.ts` run when DATABASE_URL is set): the embedded PGlite database lives in
// the process and cannot become unreachable.
describe('database outage during operation', () => {
  let proxy: Awaited<ReturnType<typeof cuttableProxy>>;
  let app: TestApp['app'];
  beforeAll(async () => {
    const target = await freshDatabase();
    proxy = await cuttableProxy(new URL(target.url!));
    const viaProxy = new URL(target.url!);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const database = await openDatabase({ databaseUrl: viaProxy.toString(), pgliteDir: null, poolSize: 4 });
    ({ app } = await startTestApp({}, { database }));
    afterAll(async () => {
      await proxy.close();
      await target.close();
    });
  });

  it('answers 503 while the database is unreachable and recovers by itself', async () => {
    expect((await app.inject('/readyz')).statusCode).toBe(200);
    proxy.cut();
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'auditor', password: 'Tongban@2026' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.headers['content-type']).toContain('application/problem+json');
    expect(login.json().code).toBe('SERVICE_UNAVAILABLE');
    proxy.restore();
    await expect
      .poll(async () => (await app.inject('/readyz')).statusCode, { timeout: 15_000, interval: 200 })
      .toBe(200);
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'auditor', password: 'Tongban@2026' },
    });
    expect(again.statusCode).toBe(200);
  });
});
