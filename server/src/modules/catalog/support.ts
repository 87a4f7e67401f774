import { sql } from 'kysely';
import type { Trx } from '../../platform/db/transaction.js';
import type { Actor, RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { RuleProblem } from '../../shared/catalog/problems.js';
import { uniqueViolation } from '../identity/persons/repo.js';
import './errors.js';

export { parseCursor, toPage } from '../identity/organisations/rules.js';

export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  return ctx.actor;
}

/** Rule problems as problem+json `errors[]`: `field` is `<prefix>.<path>` (e.g. `body.materials.2.name`). */
export function fieldErrors(problems: readonly RuleProblem[], prefix = 'body') {
  return problems.map((p) => ({ field: p.path ? `${prefix}.${p.path}` : prefix, message: p.message }));
}

/** Refuses with `code` (422) naming every problem, before anything is written. */
export function refuse(code: string, problems: readonly RuleProblem[], prefix = 'body'): never {
  const detail = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new DomainError(code, { count: problems.length }, detail, fieldErrors(problems, prefix));
}

const CONFLICTS: Record<string, string> = {
  catalog_basic_items_code_key: 'CATALOG_BASIC_CODE_TAKEN',
  catalog_bundles_code_key: 'CATALOG_BUNDLE_CODE_TAKEN',
  catalog_versions_one_open: 'CATALOG_OPEN_VERSION_EXISTS',
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

/** Serialises code assignment (basic serials, implementation sequences) across nodes. */
export async function lockCodes(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(7306201)`.execute(trx);
}

export const iso = (date: Date | null) => (date ? date.toISOString() : null);
