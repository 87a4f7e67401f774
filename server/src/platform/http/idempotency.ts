import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { sm3Hex } from '../crypto/sm3.js';
import type { Db } from '../db/database.js';
import { canonicalJson } from '../encoding/canonical-json.js';
import { DomainError } from './errors.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;
/** How long a stored response is replayed (Stripe keeps 24 h). */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** A request that crashed mid-way stops blocking its key after this long. */
const LOCK_SECONDS = 60;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string } | null;
  }
}

/**
 * `Idempotency-Key` on any mutating request: the first response (2xx or 4xx) is stored and replayed to
 * retries with the same key and body from the same caller; the same key with another body is refused.
 * 5xx responses are not stored, so a retry after a failure runs again.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (request, reply) => {
    const header = request.headers['idempotency-key'];
    if (!MUTATING.has(request.method) || header === undefined) return;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header))
      throw new DomainError('IDEMPOTENCY_KEY_INVALID');
    const scope = request.ctx.actor?.userId ?? `anonymous:${request.ip}`;
    const requestHash = sm3Hex(`${request.method} ${request.url}\n${canonicalJson(request.body ?? null)}`);
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({
        scope,
        key: header,
        request_hash: requestHash,
        state: 'pending',
        locked_until: sql<Date>`now() + make_interval(secs => ${LOCK_SECONDS})`,
        expires_at: sql<Date>`now() + make_interval(hours => ${IDEMPOTENCY_RETENTION_HOURS})`,
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (claimed) {
      request.idempotency = { scope, key: header };
      return;
    }
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .select(sql<boolean>`locked_until < now()`.as('lock_expired'))
      .where('scope', '=', scope)
      .where('key', '=', header)
      .executeTakeFirst();
    if (!existing) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    if (existing.request_hash !== requestHash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    if (existing.state === 'done') {
      reply.header('idempotent-replayed', 'true');
      reply.code(existing.response_status ?? 200);
      if (existing.response_type) reply.type(existing.response_type);
      return reply.send(existing.response_body ?? '');
    }
    if (!existing.lock_expired) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    const retaken = await db
      .updateTable('idempotency_keys')
      .set({ locked_until: sql<Date>`now() + make_interval(secs => ${LOCK_SECONDS})` })
      .where('scope', '=', scope)
      .where('key', '=', header)
      .where('state', '=', 'pending')
      .where('locked_until', '<', sql<Date>`now()`)
      .returning('key')
      .executeTakeFirst();
    if (!retaken) throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    request.idempotency = { scope, key: header };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.idempotency) return payload;
    const { scope, key } = request.idempotency;
    request.idempotency = null;
    const forget = reply.statusCode >= 500 || reply.statusCode === 409 || reply.statusCode === 429;
    if (forget) {
      await db.deleteFrom('idempotency_keys').where('scope', '=', scope).where('key', '=', key).execute();
      return payload;
    }
    await db
      .updateTable('idempotency_keys')
      .set({
        state: 'done',
        response_status: reply.statusCode,
        response_type: String(reply.getHeader('content-type') ?? ''),
        response_body: typeof payload === 'string' ? payload : payload == null ? '' : String(payload),
      })
      .where('scope', '=', scope)
      .where('key', '=', key)
      .execute();
    return payload;
  });
}

export async function purgeExpiredIdempotencyKeys(db: Db): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('expires_at', '<', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
