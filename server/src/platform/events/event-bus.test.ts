import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/test-database.js';
import { withTransaction } from '../db/transaction.js';
import { systemContext } from '../http/context.js';
import { JobQueue } from '../jobs/queue.js';
import { type DomainEvent, EventBus } from './event-bus.js';

const database = await freshDatabase();
afterAll(() => database.close());
const { db } = database;
const ctx = systemContext('test');

function aBus() {
  const jobs = new JobQueue(db, { nodeId: 'events-test' });
  const bus = new EventBus(db, jobs);
  const received: { subscriber: string; event: DomainEvent }[] = [];
  bus.subscribe('cases.decided', 'licences.issue', async (event) => {
    received.push({ subscriber: 'licences.issue', event });
  });
  bus.subscribe('cases.decided', 'notify.applicant', async (event) => {
    received.push({ subscriber: 'notify.applicant', event });
  });
  return { jobs, bus, received };
}

describe('transactional outbox', () => {
  it('delivers a committed event once to each subscriber', async () => {
    const { jobs, bus, received } = aBus();
    const id = await withTransaction(db, (trx) =>
      bus.publish(trx, ctx, {
        type: 'cases.decided',
        aggregate: { type: 'case', id: 'c-1' },
        payload: { result: 'approved' },
      }),
    );
    while ((await jobs.runDue()) > 0) {}
    expect(received.map((r) => r.subscriber).sort()).toEqual(['licences.issue', 'notify.applicant']);
    expect(received[0]!.event).toMatchObject({
      id,
      type: 'cases.decided',
      aggregate: { type: 'case', id: 'c-1' },
      payload: { result: 'approved' },
      requestId: ctx.requestId,
    });
    expect(await jobs.runDue()).toBe(0);
  });

  it('delivers nothing when the publishing transaction rolls back', async () => {
    const { jobs, bus, received } = aBus();
    await expect(
      withTransaction(db, async (trx) => {
        await bus.publish(trx, ctx, {
          type: 'cases.decided',
          aggregate: { type: 'case', id: 'c-2' },
          payload: {},
        });
        throw new Error('decision invalid');
      }),
    ).rejects.toThrow('decision invalid');
    while ((await jobs.runDue()) > 0) {}
    expect(received).toHaveLength(0);
    const stored = await db
      .selectFrom('outbox_events')
      .select('id')
      .where('aggregate_id', '=', 'c-2')
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('retries a subscriber that failed, without redelivering to the others', async () => {
    const jobs = new JobQueue(db, { nodeId: 'events-retry' });
    const bus = new EventBus(db, jobs);
    let failOnce = true;
    const deliveries: string[] = [];
    bus.subscribe('items.published', 'search.index', async () => {
      deliveries.push('search.index');
      if (failOnce) {
        failOnce = false;
        throw new Error('index unavailable');
      }
    });
    bus.subscribe('items.published', 'cache.evict', async () => {
      deliveries.push('cache.evict');
    });
    await withTransaction(db, (trx) =>
      bus.publish(trx, ctx, { type: 'items.published', aggregate: { type: 'item', id: 'i-1' }, payload: {} }),
    );
    await jobs.runDue();
    await db.updateTable('jobs').set({ run_at: new Date() }).where('state', '=', 'pending').execute();
    await jobs.runDue();
    expect(deliveries.sort()).toEqual(['cache.evict', 'search.index', 'search.index']);
  });
});
