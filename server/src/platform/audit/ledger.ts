import { type Selectable, sql } from 'kysely';
import { sm3Hex } from '../crypto/sm3.js';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { toJson } from '../db/tables.js';
import type { Trx } from '../db/transaction.js';
import { canonicalJson } from '../encoding/canonical-json.js';
import type { RequestContext } from '../http/context.js';
import { type AuditRecord, type ChainBreak, chainHash, findBreak, GENESIS_HASH } from './chain.js';
import type { AuditLedgerTable } from './migrations.js';

// Any constant works: it names the lock that serialises appends so the chain never forks.
const LEDGER_LOCK = 7_306_101;

export interface AuditEntry {
  /** `<module>.<verb>`, e.g. `identity.login`. */
  action: string;
  target?: { type: string; id: string };
  outcome?: 'success' | 'failure';
  /** Non-sensitive facts worth reading later (never passwords, ID numbers or tokens). */
  details?: Record<string, unknown>;
  /** The change itself; only its SM3 hash is kept, so the ledger proves a change without copying personal data. */
  change?: unknown;
}

/**
 * Appends to the ledger inside the caller's transaction, so the record exists exactly when the change it
 * describes does. Call it last in the transaction: it holds the ledger lock until commit.
 */
export async function appendAudit(trx: Trx, ctx: RequestContext, entry: AuditEntry): Promise<AuditRecord> {
  await sql`select pg_advisory_xact_lock(${LEDGER_LOCK})`.execute(trx);
  const head = await trx
    .selectFrom('audit_ledger')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const record: AuditRecord = {
    seq: (head?.seq ?? 0) + 1,
    id: uuidv7(),
    at: new Date().toISOString(),
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.displayName ?? null,
    action: entry.action,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    outcome: entry.outcome ?? 'success',
    details: entry.details ?? {},
    changeHash: entry.change === undefined ? null : sm3Hex(canonicalJson(entry.change)),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, record);
  await trx
    .insertInto('audit_ledger')
    .values({
      seq: record.seq,
      id: record.id,
      at: new Date(record.at),
      actor_id: record.actorId,
      actor_name: record.actorName,
      action: record.action,
      target_type: record.targetType,
      target_id: record.targetId,
      ip: record.ip,
      request_id: record.requestId,
      outcome: record.outcome,
      details: toJson(record.details),
      change_hash: record.changeHash,
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return record;
}

export function toAuditRecord(
  row: Selectable<AuditLedgerTable>,
): AuditRecord & { prevHash: string; hash: string } {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    requestId: row.request_id,
    outcome: row.outcome,
    details: row.details,
    changeHash: row.change_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string };
  firstBroken: ChainBreak | null;
}

/** Walks the whole chain in pages and reports the first record that was edited, removed or re-linked. */
export async function verifyLedger(db: Db, pageSize = 2000): Promise<VerifyResult> {
  let previous = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_ledger')
      .selectAll()
      .where('seq', '>', previous.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked, head: previous, firstBroken: null };
    const page = rows.map(toAuditRecord);
    const broken = findBreak(previous, page);
    if (broken)
      return {
        ok: false,
        checked: checked + page.filter((r) => r.seq < broken.seq).length,
        head: previous,
        firstBroken: broken,
      };
    checked += page.length;
    const last = page[page.length - 1]!;
    previous = { seq: last.seq, hash: last.hash };
  }
}
