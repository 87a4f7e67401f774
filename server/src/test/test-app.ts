import { pino } from 'pino';
import { afterAll } from 'vitest';
import { buildApp } from '../app.js';
import { bootstrap } from '../bootstrap.js';
import { openSharedStore } from '../platform/cache/shared-store.js';
import { loadConfig } from '../platform/config/config.js';
import type { Database } from '../platform/db/database.js';
import { openPlatform, type Platform } from '../platform/kernel.js';
import { freshDatabase } from './test-database.js';

export const TEST_ADMIN_PASSWORD = 'Admin@Test-2026';
export const TEST_MASTER_KEY = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

/**
 * A whole Tongban (platform, HTTP app, services) on a fresh database, bootstrapped with the demo data,
 * torn down after the file's tests. Background workers do not run; tests drive jobs explicitly.
 */
export async function startTestApp(env: Record<string, string> = {}, options: { database?: Database } = {}) {
  const database = options.database ?? (await freshDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    TONGBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    TONGBAN_WORKERS: '0',
    TONGBAN_MASTER_KEY: TEST_MASTER_KEY,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...env,
  });
  const store = await openSharedStore(
    config.redisUrl,
    `tongban-test:${Math.random().toString(36).slice(2)}:`,
  );
  const platform: Platform = await openPlatform(config, database, store, pino({ level: 'silent' }));
  const { app, services } = await buildApp(platform, { webDir: '/nonexistent' });
  await bootstrap(platform, services);
  await app.ready();
  const close = async () => {
    await app.close();
    await store.close();
    await database.close();
  };
  afterAll(close);
  return { app, services, platform, db: database.db, database, close };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/** Signs in through the API and returns the bearer header. */
export async function signIn(app: TestApp['app'], username: string, password: string) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/identity/login',
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${username} failed: ${response.body}`);
  return { authorization: `Bearer ${response.json().token as string}` };
}
