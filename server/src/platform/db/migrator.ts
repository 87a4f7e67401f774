import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Db } from './database.js';

/**
 * Every module contributes migrations named `YYYYMMDD_NNN_<module>_<what>`; the name orders them
 * across modules, so a migration added later never sorts before one that is already applied.
 */
export type MigrationSet = Record<string, Migration>;

const NAME = /^\d{8}_\d{3}_[a-z0-9_]+$/;

export function collectMigrations(sets: readonly MigrationSet[]): MigrationSet {
  const all: MigrationSet = {};
  for (const set of sets) {
    for (const [name, migration] of Object.entries(set)) {
      if (!NAME.test(name)) throw new Error(`Migration name ${name} must look like 20261123_001_module_what`);
      if (all[name]) throw new Error(`Migration ${name} is defined twice`);
      all[name] = migration;
    }
  }
  return all;
}

/** Applies pending migrations; Kysely's lock table makes concurrent starts of several nodes safe. */
export async function migrateToLatest(db: Db, migrations: MigrationSet): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
