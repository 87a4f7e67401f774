import { describe, expect, it } from 'vitest';
import { type AuditRecord, chainHash, findBreak, GENESIS_HASH } from './chain.js';

function aChain(length: number) {
  const rows: (AuditRecord & { prevHash: string; hash: string })[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const record: AuditRecord = {
      seq,
      id: `id-${seq}`,
      at: new Date(Date.UTC(2026, 10, 23, 0, 0, seq)).toISOString(),
      actorId: 'u1',
      actorName: '张三',
      action: 'cases.accept',
      targetType: 'case',
      targetId: `c${seq}`,
      ip: '127.0.0.1',
      requestId: `r${seq}`,
      outcome: 'success',
      details: { n: seq },
      changeHash: null,
    };
    const hash = chainHash(prevHash, record);
    rows.push({ ...record, prevHash, hash });
    prevHash = hash;
  }
  return rows;
}

const start = { seq: 0, hash: GENESIS_HASH };

describe('audit hash chain', () => {
  it('accepts an untouched chain', () => {
    expect(findBreak(start, aChain(5))).toBeNull();
  });

  it('finds an edited field in a record', () => {
    const rows = aChain(5);
    rows[2] = { ...rows[2]!, details: { n: 999 } };
    expect(findBreak(start, rows)).toEqual({ seq: 3, reason: 'hashMismatch' });
  });

  it('finds a record whose hash was recomputed after an edit, at the next record', () => {
    const rows = aChain(5);
    const edited = { ...rows[1]!, actorName: '李四' };
    const { prevHash, hash: _old, ...record } = edited;
    rows[1] = { ...edited, hash: chainHash(prevHash, record) };
    expect(findBreak(start, rows)).toEqual({ seq: 3, reason: 'prevHashMismatch' });
  });

  it('finds a deleted record', () => {
    const rows = aChain(5);
    rows.splice(3, 1);
    expect(findBreak(start, rows)).toEqual({ seq: 4, reason: 'missingRecord' });
  });

  it('finds a deleted first record', () => {
    expect(findBreak(start, aChain(3).slice(1))).toEqual({ seq: 1, reason: 'missingRecord' });
  });

  it('hashes the record canonically, whatever the order of its details', () => {
    const [row] = aChain(1);
    const { prevHash, hash, ...record } = row!;
    expect(chainHash(prevHash, { ...record, details: { b: 2, a: 1 } })).toBe(
      chainHash(prevHash, { ...record, details: { a: 1, b: 2 } }),
    );
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
