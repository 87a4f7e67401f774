import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../../test/test-app.js';
import { withTransaction } from '../db/transaction.js';
import { systemContext } from '../http/context.js';

const ctx = systemContext('test');

async function sendAndDeliver(
  t: Awaited<ReturnType<typeof startTestApp>>,
  message: Parameters<typeof t.platform.notifier.send>[2],
) {
  const id = await withTransaction(t.db, (trx) => t.platform.notifier.send(trx, ctx, message));
  while ((await t.platform.jobs.runDue()) > 0) {}
  return t.db.selectFrom('notify_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

describe('notification port in development', async () => {
  const t = await startTestApp();

  it('captures an SMS in the development outbox, visible through the API', async () => {
    const stored = await sendAndDeliver(t, {
      channel: 'sms',
      recipient: '13800138000',
      body: '您的验证码是 123456',
    });
    expect(stored.status).toBe('captured');
    expect(stored.provider).toBe('devOutbox');
    const outbox = (await t.app.inject('/api/v1/dev/outbox?recipient=13800138000')).json();
    expect(outbox.items[0]).toMatchObject({
      channel: 'sms',
      body: '您的验证码是 123456',
      status: 'captured',
    });
  });

  it('delivers in-app messages by storing them', async () => {
    const stored = await sendAndDeliver(t, {
      channel: 'inApp',
      recipient: 'user-1',
      subject: '办件提醒',
      body: '您的办件已受理',
    });
    expect(stored.status).toBe('sent');
  });

  it('sends nothing when the transaction that asked for it rolls back', async () => {
    await expect(
      withTransaction(t.db, async (trx) => {
        await t.platform.notifier.send(trx, ctx, { channel: 'sms', recipient: '13900000000', body: 'never' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    const outbox = (await t.app.inject('/api/v1/dev/outbox?recipient=13900000000')).json();
    expect(outbox.items).toHaveLength(0);
  });
});

describe('notification port with a real SMTP server', async () => {
  const received: { from: string; to: string[]; data: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => {
        data += chunk.toString('utf8');
      });
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as { port: number };
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));
  const t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'noreply@tongban.test' });

  it('sends email over SMTP when SMTP_URL is set', async () => {
    const stored = await sendAndDeliver(t, {
      channel: 'email',
      recipient: 'citizen@example.cn',
      subject: 'Case accepted',
      body: 'Your case 4601002026112300001 was accepted.',
    });
    expect(stored).toMatchObject({ status: 'sent', provider: 'smtp' });
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['citizen@example.cn']);
    expect(received[0]!.data).toContain('Your case 4601002026112300001 was accepted.');
  });
});

describe('notification port in production', async () => {
  const t = await startTestApp({ NODE_ENV: 'production' });

  it('fails an SMS clearly when no SMS provider is configured, instead of pretending', async () => {
    const stored = await sendAndDeliver(t, { channel: 'sms', recipient: '13800138000', body: 'code' });
    expect(stored).toMatchObject({ status: 'failed', error: 'no sms provider is configured' });
  });

  it('does not serve the development outbox', async () => {
    expect((await t.app.inject('/api/v1/dev/outbox')).statusCode).toBe(404);
  });
});
