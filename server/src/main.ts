import { pino } from 'pino';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { allMigrations } from './migrations.js';
import { openSharedStore } from './platform/cache/shared-store.js';
import { type Config, ConfigError, loadConfig } from './platform/config/config.js';
import { openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrator.js';
import { openPlatform } from './platform/kernel.js';

const SHUTDOWN_GRACE_MS = 15_000;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const log = pino({ level: config.logLevel, base: { service: 'tongban' } });
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: `${config.dataDir}/pg`,
  });
  const applied = await migrateToLatest(database.db, allMigrations);
  if (applied.length) log.info({ migrations: applied }, 'migrations applied');
  const store = await openSharedStore(config.redisUrl);
  const platform = await openPlatform(config, database, store, log);
  const { app, services } = await buildApp(platform);
  await bootstrap(platform, services);
  await app.listen({ port: config.port, host: config.host });
  if (config.workers) platform.jobs.start();
  log.info(
    { database: database.engine, redis: store.kind === 'redis', demo: config.demo },
    'Tongban is ready',
  );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    await app.close(); // stops accepting, waits for in-flight requests
    await platform.jobs.stop();
    await store.close();
    await database.close();
    log.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function readConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

main().catch((error: Error) => {
  // One clear line for the operator (database unreachable, port in use, …); the stack only when asked.
  console.error(`Tongban failed to start: ${error.message}`);
  if (process.env.LOG_LEVEL === 'debug') console.error(error);
  process.exit(1);
});
