import { describe, expect, it } from 'vitest';
import { withTransaction } from '../../platform/db/transaction.js';
import { systemContext } from '../../platform/http/context.js';
import { startTestApp } from '../../test/test-app.js';
import { OtpLogin } from './otp.js';

const t = await startTestApp();
const { app, db, platform, services } = t;
let nextPhone = 13912340000;

/** An account whose username is its phone number, as citizens have. */
async function aPhoneUser(): Promise<string> {
  const phone = String(nextPhone++);
  await withTransaction(db, (trx) =>
    services.identity.createStaffIfMissing(trx, systemContext('test'), {
      username: phone,
      displayName: '测试用户',
      password: 'Phone@Test-2026',
      roleCodes: [],
    }),
  );
  return phone;
}

/** The code as the SMS carried it, read from the development outbox. */
async function codeSentTo(phone: string): Promise<string> {
  const row = await db
    .selectFrom('notify_messages')
    .select('body')
    .where('recipient', '=', phone)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return /(\d{6})/.exec(row.body)![1]!;
}

const send = (phone: string) =>
  app.inject({ method: 'POST', url: '/api/v1/identity/otp', payload: { phone } });
const loginWith = (phone: string, code: string) =>
  app.inject({ method: 'POST', url: '/api/v1/identity/login/otp', payload: { phone, code } });

describe('SMS one-time code sign-in', () => {
  it('sends a six-digit code through the notification port and signs in with it once', async () => {
    const phone = await aPhoneUser();
    const sent = await send(phone);
    expect(sent.statusCode).toBe(202);
    expect(sent.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const code = await codeSentTo(phone);
    const first = await loginWith(phone, code);
    expect(first.statusCode).toBe(200);
    expect(first.json().user.username).toBe(phone);
    const reused = await loginWith(phone, code);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().code).toBe('OTP_INVALID');
    const event = await db
      .selectFrom('login_events')
      .select(['method', 'outcome'])
      .where('username', '=', phone)
      .orderBy('id')
      .execute();
    expect(event).toEqual([
      { method: 'otp', outcome: 'success' },
      { method: 'otp', outcome: 'failure' },
    ]);
  });

  it('never keeps the code in clear in the shared store', async () => {
    const phone = await aPhoneUser();
    await send(phone);
    const code = await codeSentTo(phone);
    const keyedPhone = platform.keyring.blindIndex(`otp-phone:${phone}`, 'text');
    const stored = await platform.store.get(`otp:code:${keyedPhone}`);
    expect(stored).not.toBeNull();
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(phone);
  });

  it('throws the code away after five wrong guesses', async () => {
    const phone = await aPhoneUser();
    await send(phone);
    const code = await codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await loginWith(phone, wrong)).statusCode).toBe(401);
    expect((await loginWith(phone, code)).statusCode).toBe(401);
  });

  it('limits resends to one a minute', async () => {
    const phone = await aPhoneUser();
    expect((await send(phone)).statusCode).toBe(202);
    const again = await send(phone);
    expect(again.statusCode).toBe(429);
    expect(again.json().code).toBe('OTP_RESEND_TOO_SOON');
  });

  it('answers an unknown phone exactly like a known one, and sends it nothing', async () => {
    const response = await send('13700000099');
    expect(response.statusCode).toBe(202);
    const messages = await db
      .selectFrom('notify_messages')
      .select('id')
      .where('recipient', '=', '13700000099')
      .execute();
    expect(messages).toHaveLength(0);
    expect((await loginWith('13700000099', '123456')).statusCode).toBe(401);
  });

  it('refuses an expired code', async () => {
    const phone = await aPhoneUser();
    const shortLived = new OtpLogin(
      db,
      platform.store,
      platform.notifier,
      services.identity,
      (text) => platform.keyring.blindIndex(text, 'text'),
      { ttlSeconds: 1, resendSeconds: 1, perHour: 5, maxAttempts: 5 },
    );
    await shortLived.send(systemContext('test'), phone);
    const code = await codeSentTo(phone);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await expect(shortLived.login(systemContext('test'), { phone, code }, null)).rejects.toMatchObject({
      code: 'OTP_INVALID',
    });
  });

  it('validates the phone and the code format', async () => {
    expect((await send('12345')).json().errors[0].field).toBe('body.phone');
    expect((await loginWith('13800000000', '12ab56')).json().errors[0].field).toBe('body.code');
  });
});
