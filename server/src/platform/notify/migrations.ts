import { type Kysely, sql } from 'kysely';
import type { MigrationSet } from '../db/migrator.js';

export const notifyMigrations: MigrationSet = {
  '20261123_005_platform_notify': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table notify_messages (
          id uuid primary key,
          channel text not null check (channel in ('inApp', 'sms', 'email')),
          recipient text not null,
          subject text,
          body text not null,
          status text not null check (status in ('queued', 'sent', 'captured', 'failed')),
          provider text,
          error text,
          request_id text,
          created_at timestamptz not null,
          sent_at timestamptz
        )`.execute(db);
      await sql`create index notify_messages_recipient on notify_messages (recipient, created_at)`.execute(
        db,
      );
    },
  },
};

export interface NotifyMessagesTable {
  id: string;
  channel: 'inApp' | 'sms' | 'email';
  recipient: string;
  subject: string | null;
  body: string;
  status: 'queued' | 'sent' | 'captured' | 'failed';
  provider: string | null;
  error: string | null;
  request_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

declare module '../db/tables.js' {
  interface Tables {
    notify_messages: NotifyMessagesTable;
  }
}
