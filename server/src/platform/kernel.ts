import type { Logger } from 'pino';
import type { SharedStore } from './cache/shared-store.js';
import type { Config } from './config/config.js';
import type { Database, Db } from './db/database.js';
import { EventBus } from './events/event-bus.js';
import { purgeExpiredIdempotencyKeys } from './http/idempotency.js';
import { JobQueue } from './jobs/queue.js';
import { Keyring } from './keys/keyring.js';
import { resolveMasterKey } from './keys/master-key.js';
import { Notifier } from './notify/notifier.js';
import { type FileStorage, openFileStorage } from './storage/file-storage.js';

/** What every module is built from: configuration, the database, shared state, jobs, events, messages. */
export interface Platform {
  config: Config;
  database: Database;
  db: Db;
  store: SharedStore;
  jobs: JobQueue;
  events: EventBus;
  notifier: Notifier;
  keyring: Keyring;
  storage: FileStorage;
  log: Logger;
}

export async function openPlatform(
  config: Config,
  database: Database,
  store: SharedStore,
  log: Logger,
): Promise<Platform> {
  const db = database.db;
  const jobs = new JobQueue(db, { pollMs: config.workerPollMs, log });
  const events = new EventBus(db, jobs);
  const notifier = new Notifier(db, jobs, {
    smtpUrl: config.smtpUrl,
    smtpFrom: config.smtpFrom,
    production: config.environment === 'production',
    log,
  });
  jobs.register('platform.purgeIdempotencyKeys', async () => {
    await purgeExpiredIdempotencyKeys(db);
  });
  jobs.every('platform.purgeIdempotencyKeys', 3600);
  const keyring = new Keyring(db, resolveMasterKey(config.masterKey, config.dataDir));
  await keyring.load();
  const storage = openFileStorage(config);
  return { config, database, db, store, jobs, events, notifier, keyring, storage, log };
}
