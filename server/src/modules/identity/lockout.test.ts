import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';

const { app, db } = await startTestApp();
const DEMO = 'Tongban@2026';

function login(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/identity/login', payload: { username, password } });
}

async function failTimes(username: string, times: number) {
  for (let i = 0; i < times; i++) expect((await login(username, 'wrong-password')).statusCode).toBe(401);
}

describe('lockout (等保: 5 failures → 15 minutes)', () => {
  it('refuses the 6th attempt even with the right password, then lets the user in when the lock ends', async () => {
    await failTimes('secadmin', 5);
    const sixth = await login('secadmin', DEMO);
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json()).toMatchObject({
      code: 'AUTH_ACCOUNT_LOCKED',
      title: '登录失败次数过多，账号已临时锁定，请稍后再试',
    });
    const { locked_until } = await db
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'secadmin')
      .executeTakeFirstOrThrow();
    const minutes = (locked_until!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    expect(await countRows(db, 'sessions')).toBe(0);

    await sql`update users set locked_until = now() - interval '1 second' where username = 'secadmin'`.execute(
      db,
    );
    expect((await login('secadmin', DEMO)).statusCode).toBe(200);
  });

  it('starts counting again after a successful sign-in', async () => {
    await failTimes('auditor', 4);
    expect((await login('auditor', DEMO)).statusCode).toBe(200);
    await failTimes('auditor', 4);
    expect((await login('auditor', DEMO)).statusCode).toBe(200);
  });

  it('locks under concurrent guessing too', async () => {
    await Promise.all(Array.from({ length: 8 }, () => login('admin', 'guess')));
    expect((await login('admin', TEST_ADMIN_PASSWORD)).statusCode).toBe(423);
    await sql`update users set locked_until = null, failed_logins = 0 where username = 'admin'`.execute(db);
  });

  it('records every attempt in the login log and the audit ledger', async () => {
    const headers = await signIn(app, 'secadmin', DEMO);
    const log = (
      await app.inject({ url: '/api/v1/identity/login-events?username=secadmin&limit=200', headers })
    ).json();
    const outcomes = log.items.map((e: { outcome: string }) => e.outcome).reverse();
    expect(outcomes.slice(0, 7)).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
      'failure',
      'locked',
      'success',
    ]);
    const lockouts = await db
      .selectFrom('audit_ledger')
      .select('details')
      .where('action', '=', 'identity.lockout')
      .execute();
    expect(lockouts.map((l) => l.details.username)).toContain('secadmin');
    const unknown = await login('nobody', 'x');
    expect(unknown.statusCode).toBe(401);
    const logged = (
      await app.inject({ url: '/api/v1/identity/login-events?username=nobody', headers })
    ).json();
    expect(logged.items[0]).toMatchObject({ userId: null, outcome: 'failure', reason: 'unknownUser' });
  });

  it('shows the login log to the security administrator only', async () => {
    const auditor = await signIn(app, 'auditor', DEMO);
    expect((await app.inject({ url: '/api/v1/identity/login-events', headers: auditor })).statusCode).toBe(
      403,
    );
  });
});

describe('security policy', () => {
  it('has the documented defaults', async () => {
    const headers = await signIn(app, 'secadmin', DEMO);
    expect((await app.inject({ url: '/api/v1/identity/security-policy', headers })).json()).toEqual({
      passwordMinLength: 8,
      passwordMaxLength: 32,
      passwordMinClasses: 3,
      passwordExpiryDays: 90,
      passwordExpiryWarningDays: 7,
      passwordHistory: 5,
      lockoutThreshold: 5,
      lockoutMinutes: 15,
      sessionIdleMinutes: 30,
      sessionLifetimeHours: 8,
      staffIpAllow: [],
      staffIpDeny: [],
    });
  });

  it('keeps staff out of networks outside the allow list', async () => {
    const headers = await signIn(app, 'secadmin', DEMO);
    const policy = (await app.inject({ url: '/api/v1/identity/security-policy', headers })).json();
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, staffIpAllow: ['10.0.0.0/33'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.staffIpAllow.0');
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, staffIpAllow: ['10.0.0.0/8'] },
    });
    expect(put.statusCode).toBe(200);
    // app.inject comes from 127.0.0.1
    const refused = await login('auditor', DEMO);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('AUTH_IP_NOT_ALLOWED');
    const allowLoopback = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, staffIpAllow: ['10.0.0.0/8', '127.0.0.0/8'] },
    });
    expect(allowLoopback.statusCode).toBe(200);
    expect((await login('auditor', DEMO)).statusCode).toBe(200);
    await app.inject({ method: 'PUT', url: '/api/v1/identity/security-policy', headers, payload: policy });
  });

  it('applies a changed lockout threshold to the next sign-ins, and audits the change', async () => {
    const headers = await signIn(app, 'secadmin', DEMO);
    const policy = (await app.inject({ url: '/api/v1/identity/security-policy', headers })).json();
    const updated = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, lockoutThreshold: 2 },
    });
    expect(updated.statusCode).toBe(200);
    await failTimes('auditor', 2);
    expect((await login('auditor', DEMO)).statusCode).toBe(423);
    const audit = await db
      .selectFrom('audit_ledger')
      .select('details')
      .where('action', '=', 'identity.updateSecurityPolicy')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ changed: { lockoutThreshold: 2 } });
  });

  it('refuses an inconsistent or out-of-range policy and writes nothing', async () => {
    const headers = await signIn(app, 'secadmin', DEMO);
    const policy = (await app.inject({ url: '/api/v1/identity/security-policy', headers })).json();
    const before = await countRows(db, 'audit_ledger');
    const inconsistent = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, passwordMinLength: 20, passwordMaxLength: 10 },
    });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json().errors[0].field).toBe('body.passwordMinLength');
    const tooLong = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers,
      payload: { ...policy, sessionLifetimeHours: 48 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].field).toBe('body.sessionLifetimeHours');
    expect(await countRows(db, 'audit_ledger')).toBe(before);
  });

  it('lets only the security administrator change it', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/identity/security-policy',
      headers: admin,
      payload: {},
    });
    expect(response.statusCode).toBe(403);
  });
});
