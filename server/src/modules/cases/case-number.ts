import { sql } from 'kysely';
import type { Trx } from '../../platform/db/transaction.js';

/**
 * 办件编号 = region code of the handling department (6 or 9 digits) - submission date in Asia/Shanghai
 * (YYYYMMDD) - department code (letters and digits, upper case: `HK-WJW` → `HKWJW`) - a 6-digit sequence
 * of that department and day, e.g. `460100-20261123-HKWJW-000012`.
 *
 * The sequence is a counter row per prefix incremented by an upsert inside the submitting transaction:
 * the row lock orders concurrent submitters (on any node sharing the database), and a transaction that
 * rolls back takes its increment with it — so numbers are neither duplicated nor skipped.
 */
export function caseNumberPrefix(regionCode: string, departmentCode: string, date: string): string {
  return `${regionCode}-${date.replaceAll('-', '')}-${departmentCode.toUpperCase().replace(/[^0-9A-Z]/g, '')}`;
}

export const CASE_NUMBER = /^(\d{6}(?:\d{3})?)-(\d{8})-([0-9A-Z]{1,20})-(\d{6,})$/;

export async function nextCaseNumber(trx: Trx, prefix: string): Promise<string> {
  const row = await trx
    .insertInto('case_number_counters')
    .values({ prefix, last: 1 })
    .onConflict((oc) => oc.column('prefix').doUpdateSet({ last: sql<number>`case_number_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `${prefix}-${String(row.last).padStart(6, '0')}`;
}
