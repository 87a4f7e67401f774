import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { withTransaction } from '../db/transaction.js';
import { systemContext } from '../http/context.js';
import { appendAudit, verifyLedger } from './ledger.js';

const t = await startTestApp();
const { db, app } = t;
const ctx = systemContext('test');

async function appendMany(count: number) {
  for (let i = 0; i < count; i++) {
    await withTransaction(db, (trx) =>
      appendAudit(trx, ctx, { action: 'test.write', details: { i }, change: { i } }),
    );
  }
}

/** A database superuser can switch the guard off; the chain must still expose what they did. */
async function asSuperuser(statement: string) {
  await sql.raw('alter table audit_ledger disable trigger user').execute(db);
  try {
    await sql.raw(statement).execute(db);
  } finally {
    await sql.raw('alter table audit_ledger enable trigger user').execute(db);
  }
}

/** A record with one after it, so its change shows at its own position in the chain. */
async function secondNewestSeq() {
  const row = await db
    .selectFrom('audit_ledger')
    .select('seq')
    .orderBy('seq', 'desc')
    .offset(1)
    .limit(1)
    .executeTakeFirstOrThrow();
  return row.seq;
}

describe('audit ledger', () => {
  beforeEach(async () => {
    await appendMany(3);
  });

  it('verifies an intact chain, head included', async () => {
    const result = await verifyLedger(db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(await countRows(db, 'audit_ledger'));
    expect(result.head.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await expect(sql`update audit_ledger set action = 'x' where seq = 1`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_ledger where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_ledger`.execute(db)).rejects.toThrow(/append-only/);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('detects a record edited behind the guard, at that record', async () => {
    const seq = await secondNewestSeq();
    await asSuperuser(`update audit_ledger set details = '{"i": 42}' where seq = ${seq}`);
    const result = await verifyLedger(db);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq, reason: 'hashMismatch' });
    expect(result.checked).toBe(seq - 1);
    await asSuperuser(`delete from audit_ledger where seq >= ${seq}`); // restore a valid chain for later tests
  });

  it('detects a deleted record', async () => {
    const seq = await secondNewestSeq();
    await asSuperuser(`delete from audit_ledger where seq = ${seq}`);
    const result = await verifyLedger(db);
    expect(result.firstBroken).toEqual({ seq, reason: 'missingRecord' });
    await asSuperuser(`delete from audit_ledger where seq > ${seq}`);
  });

  it('writes nothing when the surrounding transaction rolls back', async () => {
    const before = await countRows(db, 'audit_ledger');
    await expect(
      withTransaction(db, async (trx) => {
        await appendAudit(trx, ctx, { action: 'test.rolledBack' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await countRows(db, 'audit_ledger')).toBe(before);
  });

  it('keeps one unbroken chain under concurrent appends', async () => {
    const before = await countRows(db, 'audit_ledger');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withTransaction(db, (trx) => appendAudit(trx, ctx, { action: 'test.concurrent', details: { i } })),
      ),
    );
    expect(await countRows(db, 'audit_ledger')).toBe(before + 20);
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('keeps only the hash of a change, never its content', async () => {
    await withTransaction(db, (trx) =>
      appendAudit(trx, ctx, { action: 'test.personal', change: { idNumber: '460100199001011234' } }),
    );
    const row = await db
      .selectFrom('audit_ledger')
      .selectAll()
      .where('action', '=', 'test.personal')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('460100199001011234');
    expect(row.change_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('audit API (三员分立)', () => {
  afterAll(async () => {
    expect((await verifyLedger(db)).ok).toBe(true);
  });

  it('lets the audit administrator page through records and verify the chain', async () => {
    const headers = await signIn(app, 'auditor', 'Tongban@2026');
    const first = await app.inject({ url: '/api/v1/audit/records?limit=2', headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0].seq).toBeGreaterThan(page1.items[1].seq);
    const second = (
      await app.inject({ url: `/api/v1/audit/records?limit=2&cursor=${page1.nextCursor}`, headers })
    ).json();
    expect(second.items[0].seq).toBeLessThan(page1.items[1].seq);
    const verify = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers });
    expect(verify.json()).toMatchObject({ ok: true, firstBroken: null });
  });

  it('records logins and failed logins', async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'admin', password: 'nope' },
    });
    const headers = await signIn(app, 'auditor', 'Tongban@2026');
    const failed = (
      await app.inject({ url: '/api/v1/audit/records?action=identity.loginFailed', headers })
    ).json();
    expect(failed.items[0]).toMatchObject({
      outcome: 'failure',
      details: { username: 'admin', reason: 'wrongPassword' },
    });
    const logins = (await app.inject({ url: '/api/v1/audit/records?action=identity.login', headers })).json();
    expect(logins.items[0].actorName).toBe('审计管理员（演示）');
  });

  it('refuses the system administrator (403) and anonymous callers (401)', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    expect((await app.inject({ url: '/api/v1/audit/records', headers: admin })).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers: admin })).statusCode,
    ).toBe(403);
    expect((await app.inject({ url: '/api/v1/audit/records' })).statusCode).toBe(401);
  });

  it('has no route that changes or removes a record', async () => {
    const doc = (await app.inject('/api/openapi.json')).json();
    const auditPaths = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(([path]) =>
      path.startsWith('/api/v1/audit'),
    );
    const methods = auditPaths.flatMap(([, ops]) => Object.keys(ops));
    expect(methods.sort()).toEqual(['get', 'post']);
  });
});
