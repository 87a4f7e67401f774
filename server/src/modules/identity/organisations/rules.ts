import { sql } from 'kysely';
import { uniqueViolation } from '../../../platform/db/constraint-errors.js';
import type { Trx } from '../../../platform/db/transaction.js';
import type { Actor, RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import './errors.js';
import '../persons/errors.js';
import { type ActorScope, canSee } from './data-scope.js';

export { parseText } from '../persons/rules.js';

/** Serialises writes that compute department paths (create, move), so two moves can never make a cycle. */
export async function lockDepartmentTree(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7306107)`.execute(trx);
}

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}

/** A located record the actor reaches for `permission`, else `notFound`: out-of-scope records stay hidden. */
export function inScope<T extends { path: string; region_path: string; owner?: string | null }>(
  actor: ActorScope,
  permission: string,
  row: T | undefined,
  notFound: string,
): T {
  if (
    row &&
    canSee(actor, permission, {
      ownerUserId: row.owner,
      departmentPath: row.path,
      regionPath: row.region_path,
    })
  )
    return row;
  throw new DomainError(notFound);
}

const CONFLICTS: Record<string, string> = {
  users_username_key: 'USERNAME_TAKEN',
  departments_code_key: 'DEPARTMENT_CODE_TAKEN',
  hall_windows_number_unique: 'WINDOW_NUMBER_TAKEN',
  posts_name_unique: 'POST_NAME_TAKEN',
};

/** Runs a write, turning a unique violation into its 409 (the loser of a race is rolled back). */
export async function mapConflicts<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = CONFLICTS[uniqueViolation(error) ?? ''];
    if (code) throw new DomainError(code);
    throw error;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** List cursors are the last row's id (UUIDv7, so creation order). */
export function parseCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (UUID.test(cursor)) return cursor;
  throw new DomainError('VALIDATION_FAILED', {}, 'malformed cursor', [
    { field: 'query.cursor', message: 'not a nextCursor of this list' },
  ]);
}

/** `{ items, nextCursor }` from `limit + 1` rows. */
export function toPage<R, V>(rows: R[], limit: number, view: (row: R) => V, id: (row: R) => string) {
  const last = rows[limit - 1];
  return {
    items: rows.slice(0, limit).map(view),
    nextCursor: rows.length > limit && last ? id(last) : null,
  };
}
