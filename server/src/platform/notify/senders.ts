import nodemailer from 'nodemailer';

export type Channel = 'inApp' | 'sms' | 'email';

export interface OutgoingMessage {
  id: string;
  channel: Channel;
  recipient: string;
  subject: string | null;
  body: string;
}

/** One delivery channel's provider. `captured` means kept in the development outbox and sent nowhere. */
export interface Sender {
  readonly name: string;
  send(message: OutgoingMessage): Promise<'sent' | 'captured'>;
}

/** Real email over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.gov.cn:587). */
export class SmtpSender implements Sender {
  readonly name = 'smtp';
  private readonly transport: nodemailer.Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(message: OutgoingMessage): Promise<'sent'> {
    await this.transport.sendMail({
      from: this.from,
      to: message.recipient,
      subject: message.subject ?? '通办 Tongban',
      text: message.body,
      messageId: `<${message.id}@tongban>`,
    });
    return 'sent';
  }
}

/** In-app messages live in the database; storing them is their delivery. The message centre reads them. */
export class InAppSender implements Sender {
  readonly name = 'inApp';
  async send(): Promise<'sent'> {
    return 'sent';
  }
}

/**
 * Development outbox: the message stays in the database, visible at /api/v1/dev/outbox, and reaches nobody.
 * Used for a channel with no real provider configured, and refused in production.
 */
export class DevOutboxSender implements Sender {
  readonly name = 'devOutbox';
  async send(): Promise<'captured'> {
    return 'captured';
  }
}
