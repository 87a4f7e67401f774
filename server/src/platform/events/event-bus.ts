import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { toJson } from '../db/tables.js';
import type { Trx } from '../db/transaction.js';
import type { RequestContext } from '../http/context.js';
import type { JobQueue } from '../jobs/queue.js';

/** 领域事件 — a fact one module announces, e.g. `cases.decided`. */
export interface DomainEvent {
  id: string;
  type: string;
  aggregate: { type: string; id: string };
  payload: Record<string, unknown>;
  actorId: string | null;
  requestId: string | null;
  occurredAt: string;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

/**
 * Transactional outbox. `publish` writes the event in the caller's transaction and, in the same
 * transaction, one durable job per subscriber; so an event is delivered if and only if the change that
 * caused it commits, each subscriber gets it at least once, retried with back-off, on one node at a time.
 */
export class EventBus {
  private readonly subscribers = new Map<string, string[]>();

  constructor(
    private readonly db: Db,
    private readonly jobs: JobQueue,
  ) {}

  /** `subscriber` names the consumer (e.g. `licences.issueOnDecision`); it must be unique and stable. */
  subscribe(type: string, subscriber: string, handler: EventHandler): void {
    this.jobs.register(`event:${subscriber}`, async (payload) => {
      const { eventId } = payload as { eventId: string };
      const row = await this.db
        .selectFrom('outbox_events')
        .selectAll()
        .where('id', '=', eventId)
        .executeTakeFirstOrThrow();
      await handler({
        id: row.id,
        type: row.type,
        aggregate: { type: row.aggregate_type, id: row.aggregate_id },
        payload: row.payload,
        actorId: row.actor_id,
        requestId: row.request_id,
        occurredAt: row.occurred_at.toISOString(),
      });
    });
    this.subscribers.set(type, [...(this.subscribers.get(type) ?? []), subscriber]);
  }

  async publish(
    trx: Trx,
    ctx: RequestContext,
    event: { type: string; aggregate: { type: string; id: string }; payload: Record<string, unknown> },
  ): Promise<string> {
    const id = uuidv7();
    await trx
      .insertInto('outbox_events')
      .values({
        id,
        type: event.type,
        aggregate_type: event.aggregate.type,
        aggregate_id: event.aggregate.id,
        payload: toJson(event.payload),
        actor_id: ctx.actor?.userId ?? null,
        request_id: ctx.requestId,
        occurred_at: new Date(),
      })
      .execute();
    for (const subscriber of this.subscribers.get(event.type) ?? []) {
      await this.jobs.enqueue(
        trx,
        `event:${subscriber}`,
        { eventId: id },
        { uniqueKey: `${id}:${subscriber}` },
      );
    }
    return id;
  }
}
