import type { ColumnType } from 'kysely';

/**
 * The database schema as Kysely sees it. Each module adds its own tables by declaration merging:
 *
 *   declare module '../../platform/db/tables.js' { interface Tables { users: UsersTable } }
 *
 * so the platform never imports a module, and a module's tables are declared beside its migrations.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface Tables {}

/** A jsonb column: read as the parsed value, written as JSON text (the same on pg and PGlite). */
export type JsonColumn<T> = ColumnType<T, string, string>;

/** Serialises a value for a `JsonColumn`. */
export function toJson(value: unknown): string {
  return JSON.stringify(value);
}
