import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import type { Trx } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';
import type { JobQueue } from '../jobs/queue.js';
import { type Channel, DevOutboxSender, InAppSender, type Sender, SmtpSender } from './senders.js';

export interface MessageRequest {
  channel: Channel;
  /** User id for in-app, a phone number for SMS, an address for email. */
  recipient: string;
  subject?: string;
  body: string;
}

export interface NotifierOptions {
  smtpUrl: string | null;
  smtpFrom: string;
  production: boolean;
  /** Real SMS gateways plug in here (an adapter per provider); none ships yet. */
  smsSender?: Sender;
  log?: Logger;
}

const DELIVER_JOB = 'notify.deliver';

/**
 * 通知端口 — the one way Tongban sends a message. `send` stores it in the caller's transaction and
 * queues its delivery as a durable job, so a rolled-back change sends nothing and a crash loses nothing.
 */
export class Notifier {
  private readonly senders: Record<Channel, Sender | null>;
  private readonly log: Logger | undefined;

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
    options: NotifierOptions,
  ) {
    this.log = options.log;
    const devOutbox = options.production ? null : new DevOutboxSender();
    this.senders = {
      inApp: new InAppSender(),
      email: options.smtpUrl ? new SmtpSender(options.smtpUrl, options.smtpFrom) : devOutbox,
      sms: options.smsSender ?? devOutbox,
    };
    jobs.register(DELIVER_JOB, (payload) => this.deliver((payload as { messageId: string }).messageId), {
      maxAttempts: 8,
    });
  }

  async send(trx: Trx, ctx: RequestContext, message: MessageRequest): Promise<string> {
    const id = uuidv7();
    await trx
      .insertInto('notify_messages')
      .values({
        id,
        channel: message.channel,
        recipient: message.recipient,
        subject: message.subject ?? null,
        body: message.body,
        status: 'queued',
        provider: null,
        error: null,
        request_id: ctx.requestId,
        created_at: new Date(),
        sent_at: null,
      })
      .execute();
    await this.jobs.enqueue(trx, DELIVER_JOB, { messageId: id }, { uniqueKey: `notify:${id}` });
    return id;
  }

  /** Delivers one queued message; a provider error throws so the job is retried with back-off. */
  private async deliver(messageId: string): Promise<void> {
    const message = await this.db
      .selectFrom('notify_messages')
      .select(['id', 'channel', 'recipient', 'subject', 'body', 'status'])
      .where('id', '=', messageId)
      .executeTakeFirst();
    if (message?.status !== 'queued') return;
    const sender = this.senders[message.channel];
    if (!sender) {
      this.log?.error({ messageId, channel: message.channel }, 'message not sent: no provider configured');
      await this.mark(messageId, { status: 'failed', error: `no ${message.channel} provider is configured` });
      return;
    }
    const status = await sender.send(message);
    await this.mark(messageId, { status, provider: sender.name, error: null, sent_at: new Date() });
  }

  private async mark(
    id: string,
    changes: {
      status: 'sent' | 'captured' | 'failed';
      provider?: string;
      error: string | null;
      sent_at?: Date;
    },
  ): Promise<void> {
    await this.db.updateTable('notify_messages').set(changes).where('id', '=', id).execute();
  }
}
