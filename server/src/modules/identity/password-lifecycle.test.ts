import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';

const { app, db } = await startTestApp();
const DEMO = 'Tongban@2026';

async function change(headers: { authorization: string }, currentPassword: string, newPassword: string) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/identity/me/password',
    headers,
    payload: { currentPassword, newPassword },
  });
}

async function passwordHash(username: string) {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'failed_logins'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return row;
}

async function ageThePassword(username: string, days: number) {
  await db
    .updateTable('users')
    .set({ password_changed_at: sql<Date>`now() - make_interval(days => ${days})` })
    .where('username', '=', username)
    .execute();
}

describe('change password', () => {
  it('refuses a wrong current password, counts it towards the lockout and changes nothing', async () => {
    const headers = await signIn(app, 'clerk', DEMO);
    const before = await passwordHash('clerk');
    const response = await change(headers, 'Not-the-password1', 'Brand-New-2026');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'PASSWORD_CURRENT_WRONG' });
    const after = await passwordHash('clerk');
    expect(after.password_hash).toBe(before.password_hash);
    expect(after.failed_logins).toBe(before.failed_logins + 1);
    expect(await countRows(db, 'password_history')).toBe(0);
  });

  it('refuses a weak new password with every failed rule, writing nothing', async () => {
    const headers = await signIn(app, 'clerk', DEMO);
    const before = await passwordHash('clerk');
    const response = await change(headers, DEMO, 'short');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.newPassword',
      'body.newPassword',
    ]);
    expect((await passwordHash('clerk')).password_hash).toBe(before.password_hash);
  });

  it('changes the password, ends the other sessions, keeps this one, and audits it', async () => {
    const phone = await signIn(app, 'head', DEMO);
    const laptop = await signIn(app, 'head', DEMO);
    const response = await change(laptop, DEMO, 'Head-New-2026');
    expect(response.statusCode).toBe(200);
    expect(response.json().password).toMatchObject({ expired: false, expiresSoon: false });
    expect((await app.inject({ url: '/api/v1/identity/me', headers: laptop })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/identity/me', headers: phone })).statusCode).toBe(401);
    const old = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'head', password: DEMO },
    });
    expect(old.statusCode).toBe(401);
    await signIn(app, 'head', 'Head-New-2026');
    const audit = await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('action', '=', 'identity.changePassword')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses the last five passwords and allows the sixth-last', async () => {
    const passwords = ['Sec-Pass-0a', 'Sec-Pass-1a', 'Sec-Pass-2a', 'Sec-Pass-3a', 'Sec-Pass-4a'];
    let headers = await signIn(app, 'secadmin', DEMO);
    let current = DEMO;
    for (const next of passwords) {
      expect((await change(headers, current, next)).statusCode).toBe(200);
      current = next;
    }
    // last five: Sec-Pass-4a (current), 3a, 2a, 1a, 0a — the demo password is the sixth-last
    for (const reused of passwords) {
      const response = await change(headers, current, reused);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'PASSWORD_REUSED' });
    }
    expect((await change(headers, current, DEMO)).statusCode).toBe(200);
    // the history keeps as many replaced passwords as the rule needs, no more
    const { id } = await passwordHash('secadmin');
    const kept = await db
      .selectFrom('password_history')
      .select('user_id')
      .where('user_id', '=', id)
      .execute();
    expect(kept).toHaveLength(5);
    headers = await signIn(app, 'secadmin', DEMO);
    expect((await app.inject({ url: '/api/v1/identity/me', headers })).statusCode).toBe(200);
  });

  it('lets exactly one of two concurrent changes win', async () => {
    const headers = await signIn(app, 'auditor', DEMO);
    const results = await Promise.all([
      change(headers, DEMO, 'Audit-Race-1a'),
      change(headers, DEMO, 'Audit-Race-2b'),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect(codes[1]).not.toBe(200);
    const winner = results.find((r) => r.statusCode === 200)!;
    const won = winner === results[0] ? 'Audit-Race-1a' : 'Audit-Race-2b';
    await signIn(app, 'auditor', won);
  });
});

describe('password expiry', () => {
  it('warns within seven days of the 90-day expiry', async () => {
    await ageThePassword('13800000002', 85);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: '13800000002', password: DEMO },
    });
    expect(response.json().user.password).toMatchObject({ expired: false, expiresSoon: true });
    const headers = { authorization: `Bearer ${response.json().token}` };
    expect((await app.inject({ url: '/api/v1/identity/me/sessions', headers })).statusCode).toBe(200);
  });

  it('restricts a session with an expired password to changing it', async () => {
    await ageThePassword('admin', 91);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'admin', password: 'Admin@Test-2026' },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.password).toMatchObject({ expired: true });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const staff = await app.inject({ url: '/api/v1/identity/staff', headers });
    expect(staff.statusCode).toBe(403);
    expect(staff.json()).toMatchObject({ code: 'PASSWORD_EXPIRED' });
    const sessions = await app.inject({ url: '/api/v1/identity/me/sessions', headers });
    expect(sessions.json()).toMatchObject({ code: 'PASSWORD_EXPIRED' });
    expect((await app.inject({ url: '/api/v1/identity/me', headers })).json().password.expired).toBe(true);

    const changed = await change(headers, 'Admin@Test-2026', 'Admin@Renewed-2026');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().password.expired).toBe(false);
    expect((await app.inject({ url: '/api/v1/identity/staff', headers })).statusCode).toBe(200);
  });

  it('does not restrict a session opened with an SMS code, whose holder may not know the old password', async () => {
    await ageThePassword('13800000001', 91);
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/otp',
      payload: { phone: '13800000001' },
    });
    expect(sent.statusCode).toBe(202);
    const outbox = await db
      .selectFrom('notify_messages')
      .select('body')
      .where('recipient', '=', '13800000001')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = /\b(\d{6})\b/.exec(outbox.body)?.[1];
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login/otp',
      payload: { phone: '13800000001', code },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().user.password).toMatchObject({ expired: false, expiresAt: null });
    const headers = { authorization: `Bearer ${login.json().token}` };
    expect((await app.inject({ url: '/api/v1/identity/me/sessions', headers })).statusCode).toBe(200);
  });
});
