import { pino } from 'pino';
import { buildApp } from '../../app.js';
import { allMigrations } from '../../migrations.js';
import { openSharedStore } from '../cache/shared-store.js';
import { loadConfig } from '../config/config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { openPlatform } from '../kernel.js';

/**
 * The OpenAPI document the server serves at /api/openapi.json, built without listening: a throwaway
 * in-memory database and a fixed configuration, so the result depends on the route schemas only.
 * Development, not production, so the dev outbox route is documented whatever NODE_ENV the caller has.
 */
export async function buildOpenApiDocument(): Promise<object> {
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    TONGBAN_MASTER_KEY: '0'.repeat(64),
    TONGBAN_WORKERS: '0',
  });
  const database = await openDatabase({ databaseUrl: null, pgliteDir: null });
  try {
    await migrateToLatest(database.db, allMigrations);
    const store = await openSharedStore(null);
    try {
      const platform = await openPlatform(config, database, store, pino({ level: 'silent' }));
      const { app } = await buildApp(platform, { webDir: '/nonexistent' });
      try {
        await app.ready();
        return app.swagger();
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }
  } finally {
    await database.close();
  }
}
