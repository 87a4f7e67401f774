import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/test-database.js';
import { type Database, openDatabase } from '../db/database.js';
import { withTransaction } from '../db/transaction.js';
import { JobQueue } from './queue.js';

let database: Database & { url: string | null };
let secondNode: Database;

beforeAll(async () => {
  database = await freshDatabase();
  // On PostgreSQL the second node has its own connection pool, as a second process would.
  secondNode = database.url ? await openDatabase({ databaseUrl: database.url, pgliteDir: null }) : database;
  await sql`create table job_runs (job_id uuid not null, node text not null, payload jsonb)`.execute(
    database.db,
  );
});

afterAll(async () => {
  if (secondNode !== database) await secondNode.close();
  await database.close();
});

beforeEach(async () => {
  await sql`delete from job_runs`.execute(database.db);
  await sql`delete from jobs`.execute(database.db);
  await sql`delete from job_schedules`.execute(database.db);
});

function aNode(db: Database, nodeId: string, onRun?: (payload: unknown) => Promise<void>) {
  const queue = new JobQueue(db.db, { nodeId, batchSize: 5 });
  queue.register('test.record', async (payload, job) => {
    await onRun?.(payload);
    await sql`insert into job_runs values (${job.id}, ${nodeId}, ${JSON.stringify(payload)})`.execute(db.db);
  });
  return queue;
}

async function runs() {
  const { rows } = await sql<{ total: number; distinct: number }>`
    select count(*)::int as total, count(distinct job_id)::int as distinct from job_runs`.execute(
    database.db,
  );
  return rows[0]!;
}

async function drain(...queues: JobQueue[]) {
  for (;;) {
    const ran = await Promise.all(queues.map((q) => q.runDue()));
    if (ran.every((n) => n === 0)) return;
  }
}

describe('durable jobs', () => {
  it('runs each job exactly once when two nodes share the database', async () => {
    const a = aNode(database, 'node-a');
    const b = aNode(secondNode, 'node-b');
    for (let i = 0; i < 40; i++) await a.enqueue(database.db, 'test.record', { i });
    await drain(a, b);
    expect(await runs()).toEqual({ total: 40, distinct: 40 });
    const states = await database.db.selectFrom('jobs').select('state').distinct().execute();
    expect(states).toEqual([{ state: 'done' }]);
  });

  it('keeps jobs across a restart and runs them on the next start', async () => {
    const before = aNode(database, 'node-a');
    await before.enqueue(
      database.db,
      'test.record',
      { survived: true },
      { runAt: new Date(Date.now() - 1000) },
    );
    await before.stop();
    const after = aNode(database, 'node-a-restarted');
    await drain(after);
    expect((await runs()).total).toBe(1);
  });

  it('does not enqueue a job whose transaction rolled back', async () => {
    const queue = aNode(database, 'node-a');
    await expect(
      withTransaction(database.db, async (trx) => {
        await queue.enqueue(trx, 'test.record', {});
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.selectFrom('jobs').select('id').execute()).toHaveLength(0);
  });

  it('enqueues a job with a unique key once', async () => {
    const queue = aNode(database, 'node-a');
    await queue.enqueue(database.db, 'test.record', { n: 1 }, { uniqueKey: 'same' });
    await queue.enqueue(database.db, 'test.record', { n: 2 }, { uniqueKey: 'same' });
    await drain(queue);
    expect((await runs()).total).toBe(1);
  });

  it('retries a failing job with back-off and marks it failed after its last attempt', async () => {
    let calls = 0;
    const queue = new JobQueue(database.db, { nodeId: 'node-a' });
    queue.register(
      'test.flaky',
      async () => {
        calls++;
        throw new Error(`failure ${calls}`);
      },
      { maxAttempts: 3 },
    );
    await queue.enqueue(database.db, 'test.flaky', null);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await queue.runDue()).toBe(1);
      const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job.last_error).toBe(`failure ${attempt}`);
      if (attempt < 3) {
        expect(job.state).toBe('pending');
        expect(job.run_at.getTime()).toBeGreaterThan(Date.now()); // backed off
        expect(await queue.runDue()).toBe(0);
        await sql`update jobs set run_at = now()`.execute(database.db);
      } else {
        expect(job.state).toBe('failed');
      }
    }
    expect(calls).toBe(3);
  });

  it('takes over a job whose node died after its lease ran out', async () => {
    const queue = aNode(database, 'node-b');
    await queue.enqueue(database.db, 'test.record', { orphan: true });
    // node-a claimed it and was killed: its lease has expired
    await sql`update jobs set state = 'running', locked_by = 'node-a', locked_until = now() - interval '1 second', attempts = 1`.execute(
      database.db,
    );
    await drain(queue);
    expect(await runs()).toEqual({ total: 1, distinct: 1 });
  });

  it('leaves a running job alone while its lease holds', async () => {
    const queue = aNode(database, 'node-b');
    await queue.enqueue(database.db, 'test.record', {});
    await sql`update jobs set state = 'running', locked_by = 'node-a', locked_until = now() + interval '5 minutes'`.execute(
      database.db,
    );
    expect(await queue.runDue()).toBe(0);
  });

  it('enqueues a recurring job once per interval across nodes', async () => {
    const a = aNode(database, 'node-a');
    const b = aNode(secondNode, 'node-b');
    a.every('test.record', 3600);
    b.every('test.record', 3600);
    const enqueued = await Promise.all([a.tickSchedules(), b.tickSchedules()]);
    expect(enqueued[0]! + enqueued[1]!).toBe(1);
    expect(await a.tickSchedules()).toBe(0); // not due again for an hour
    await drain(a, b);
    expect((await runs()).total).toBe(1);
  });

  it('runs jobs from its polling loop and stops cleanly', async () => {
    const queue = new JobQueue(database.db, { nodeId: 'node-loop', pollMs: 20 });
    let resolveRan: () => void;
    const ran = new Promise<void>((resolve) => {
      resolveRan = resolve;
    });
    queue.register('test.loop', async () => resolveRan());
    await queue.enqueue(database.db, 'test.loop', null);
    queue.start();
    await ran;
    await queue.stop();
    const job = await database.db.selectFrom('jobs').select('state').executeTakeFirstOrThrow();
    expect(job.state).toBe('done');
  });
});
