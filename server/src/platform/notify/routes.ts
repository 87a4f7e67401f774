import { Type } from 'typebox';
import type { Db } from '../db/database.js';
import type { App } from '../http/app-type.js';
import { Cursor, Limit, page } from '../http/paging.js';

const OutboxMessage = Type.Object({
  id: Type.String(),
  channel: Type.String({ description: 'inApp, sms or email' }),
  recipient: Type.String(),
  subject: Type.Union([Type.String(), Type.Null()]),
  body: Type.String(),
  status: Type.String({ description: 'queued, sent, captured (dev outbox only) or failed' }),
  createdAt: Type.String({ format: 'date-time' }),
});

/**
 * 开发发件箱 — every message of a non-production node, readable without signing in so a developer can
 * pick up an SMS code. Not registered at all when NODE_ENV=production.
 */
export function devOutboxRoutes(app: App, db: Db): void {
  app.get(
    '/api/v1/dev/outbox',
    {
      schema: {
        operationId: 'dev.listOutbox',
        tags: ['dev'],
        summary: '开发发件箱 Development outbox (non-production only)',
        querystring: Type.Object(
          {
            limit: Limit,
            cursor: Cursor,
            recipient: Type.Optional(Type.String({ maxLength: 254 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: page(OutboxMessage) },
      },
    },
    async (request) => {
      const { limit, cursor, recipient } = request.query;
      let query = db
        .selectFrom('notify_messages')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit + 1);
      if (cursor) query = query.where('id', '<', cursor);
      if (recipient) query = query.where('recipient', '=', recipient);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map((row) => ({
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        subject: row.subject,
        body: row.body,
        status: row.status,
        createdAt: row.created_at.toISOString(),
      }));
      return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
    },
  );
}
