import { sm3Hex } from '../crypto/sm3.js';
import { canonicalJson } from '../encoding/canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

/** 审计记录 — one entry of the append-only ledger, as hashed. */
export interface AuditRecord {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  requestId: string | null;
  outcome: 'success' | 'failure';
  details: Record<string, unknown>;
  changeHash: string | null;
}

/** hash = SM3(prevHash ‖ canonical JSON of the record): editing any field or any earlier record breaks it. */
export function chainHash(prevHash: string, record: AuditRecord): string {
  return sm3Hex(prevHash + canonicalJson(record));
}

export interface ChainBreak {
  seq: number;
  reason: 'missingRecord' | 'prevHashMismatch' | 'hashMismatch';
}

/**
 * Checks one page of records against the hash of the record before it. Pure, so the CLI, the API and
 * the tests share it; the caller pages through the ledger in seq order.
 */
export function findBreak(
  previous: { seq: number; hash: string },
  page: readonly (AuditRecord & { prevHash: string; hash: string })[],
): ChainBreak | null {
  let last = previous;
  for (const row of page) {
    if (row.seq !== last.seq + 1) return { seq: last.seq + 1, reason: 'missingRecord' };
    if (row.prevHash !== last.hash) return { seq: row.seq, reason: 'prevHashMismatch' };
    const { prevHash, hash, ...record } = row;
    if (chainHash(prevHash, record) !== hash) return { seq: row.seq, reason: 'hashMismatch' };
    last = { seq: row.seq, hash };
  }
  return null;
}
