import { sm3Hex } from '../../../platform/crypto/sm3.js';
import { canonicalJson } from '../../../platform/encoding/canonical-json.js';
import type { CaseAction } from './actions.js';

/** What is hashed of an action besides the action itself: who acted in which capacity, from where. */
export interface ActionRecord {
  action: CaseAction;
  role: string | null;
  departmentId: string | null;
  hash: string;
  prevHash: string;
}

/** The hash before a case's first action: bound to the case, so actions cannot move between cases. */
export function genesisHash(caseId: string): string {
  return sm3Hex(`tongban:case:${caseId}`);
}

/** SM3(previous hash ‖ canonical JSON of the action and its actor's role and department). */
export function actionHash(
  prevHash: string,
  action: CaseAction,
  actor: { role: string | null; departmentId: string | null },
): string {
  return sm3Hex(
    `${prevHash}\n${canonicalJson({ ...action, role: actor.role, departmentId: actor.departmentId })}`,
  );
}

/** The first action whose stored hash or link does not match, or null when the history is intact. */
export function verifyChain(
  caseId: string,
  records: readonly ActionRecord[],
): { seq: number; reason: string } | null {
  let prev = genesisHash(caseId);
  for (const [i, record] of records.entries()) {
    if (record.action.seq !== i + 1) return { seq: record.action.seq, reason: 'sequence gap' };
    if (record.prevHash !== prev) return { seq: record.action.seq, reason: 'broken link' };
    if (actionHash(prev, record.action, record) !== record.hash)
      return { seq: record.action.seq, reason: 'content changed' };
    prev = record.hash;
  }
  return null;
}
