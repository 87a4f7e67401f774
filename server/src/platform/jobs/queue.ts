import { hostname } from 'node:os';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { toJson } from '../db/tables.js';
import type { Trx } from '../db/transaction.js';

export type JobHandler = (
  payload: unknown,
  job: { id: string; name: string; attempt: number },
) => Promise<void>;

interface Registration {
  handler: JobHandler;
  maxAttempts: number;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one job with this key ever exists: enqueueing it again is a no-op. */
  uniqueKey?: string;
}

export interface JobQueueOptions {
  nodeId?: string;
  pollMs?: number;
  /** A running job whose node died is taken over by another node after its lease ends. */
  leaseSeconds?: number;
  batchSize?: number;
  log?: Logger;
}

/**
 * 持久任务 — durable jobs in the database. Jobs survive restarts; nodes sharing one database claim due jobs
 * with `FOR UPDATE SKIP LOCKED`, so each job runs on one node at a time. Delivery is at-least-once (a node
 * dying mid-job leaves it to be retried after its lease), so handlers are written to be idempotent.
 */
export class JobQueue {
  private readonly handlers = new Map<string, Registration>();
  private readonly schedules = new Map<string, number>();
  private readonly nodeId: string;
  private readonly pollMs: number;
  private readonly leaseSeconds: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Schedule rows are written once per process; later ticks only claim due runs. */
  private schedulesStored = false;

  constructor(
    private readonly db: Db,
    private readonly options: JobQueueOptions = {},
  ) {
    this.nodeId = options.nodeId ?? `${hostname()}:${process.pid}`;
    this.pollMs = options.pollMs ?? 1000;
    this.leaseSeconds = options.leaseSeconds ?? 300;
    this.batchSize = options.batchSize ?? 10;
  }

  register(name: string, handler: JobHandler, options: { maxAttempts?: number } = {}): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} is registered twice`);
    this.handlers.set(name, { handler, maxAttempts: options.maxAttempts ?? 5 });
  }

  /** A recurring job: every `intervalSeconds`, exactly one node enqueues one run of `name`. */
  every(name: string, intervalSeconds: number): void {
    this.schedules.set(name, intervalSeconds);
    this.schedulesStored = false;
  }

  /** Enqueues inside the caller's transaction, so the job exists exactly when the change that needs it does. */
  async enqueue(trx: Trx | Db, name: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    const registration = this.handlers.get(name);
    if (!registration) throw new Error(`Job ${name} has no handler`);
    await trx
      .insertInto('jobs')
      .values({
        id: uuidv7(),
        name,
        payload: toJson(payload ?? null),
        unique_key: options.uniqueKey ?? null,
        state: 'pending',
        run_at: options.runAt ?? sql<Date>`now()`,
        max_attempts: registration.maxAttempts,
      })
      .onConflict((oc) => oc.column('unique_key').doNothing())
      .execute();
  }

  /** Enqueues one run of every recurring job that is due; returns how many were enqueued by this node. */
  async tickSchedules(): Promise<number> {
    let enqueued = 0;
    if (!this.schedulesStored) {
      for (const [name, interval] of this.schedules) {
        await this.db
          .insertInto('job_schedules')
          .values({ name, interval_seconds: interval, next_run_at: sql<Date>`now()` })
          .onConflict((oc) => oc.column('name').doUpdateSet({ interval_seconds: interval }))
          .execute();
      }
      this.schedulesStored = true;
    }
    for (const [name, interval] of this.schedules) {
      const claimed = await this.db.transaction().execute(async (trx) => {
        const due = await trx
          .updateTable('job_schedules')
          .set({
            next_run_at: sql<Date>`now() + make_interval(secs => ${interval})`,
            last_run_at: sql<Date>`now()`,
          })
          .where('name', '=', name)
          .where('next_run_at', '<=', sql<Date>`now()`)
          .returning('last_run_at')
          .executeTakeFirst();
        if (!due?.last_run_at) return false;
        await this.enqueue(trx, name, null, { uniqueKey: `${name}@${due.last_run_at.toISOString()}` });
        return true;
      });
      if (claimed) enqueued++;
    }
    return enqueued;
  }

  /** Claims and runs due jobs once; returns how many ran. Tests call it directly; `start` loops it. */
  async runDue(): Promise<number> {
    const names = [...this.handlers.keys()];
    if (names.length === 0) return 0;
    const claimed = await this.db
      .updateTable('jobs')
      .set({
        state: 'running',
        locked_by: this.nodeId,
        locked_until: sql<Date>`now() + make_interval(secs => ${this.leaseSeconds})`,
        attempts: sql<number>`attempts + 1`,
      })
      .where(
        'id',
        'in',
        this.db
          .selectFrom('jobs')
          .select('id')
          .where('name', 'in', names)
          .where((eb) =>
            eb.or([
              eb.and([eb('state', '=', 'pending'), eb('run_at', '<=', sql<Date>`now()`)]),
              eb.and([eb('state', '=', 'running'), eb('locked_until', '<', sql<Date>`now()`)]),
            ]),
          )
          .orderBy('run_at')
          .limit(this.batchSize)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'name', 'payload', 'attempts', 'max_attempts'])
      .execute();
    for (const job of claimed) await this.runOne(job);
    return claimed.length;
  }

  private async runOne(job: {
    id: string;
    name: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }) {
    const registration = this.handlers.get(job.name)!;
    try {
      await registration.handler(job.payload, { id: job.id, name: job.name, attempt: job.attempts });
      await this.finish(job.id, { state: 'done', last_error: null, finished_at: sql<Date>`now()` });
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      this.options.log?.warn(
        { job: job.name, jobId: job.id, attempt: job.attempts, err: error },
        'job failed',
      );
      if (job.attempts >= job.max_attempts) {
        await this.finish(job.id, { state: 'failed', last_error: message, finished_at: sql<Date>`now()` });
      } else {
        // exponential back-off: 2, 4, 8 … seconds, at most an hour
        const delay = Math.min(2 ** job.attempts, 3600);
        await this.finish(job.id, {
          state: 'pending',
          last_error: message,
          run_at: sql<Date>`now() + make_interval(secs => ${delay})`,
        });
      }
    }
  }

  private async finish(id: string, changes: Record<string, unknown>): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ ...changes, locked_by: null, locked_until: null })
      .where('id', '=', id)
      .where('locked_by', '=', this.nodeId)
      .execute();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.cycle();
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(loop, this.pollMs);
    };
    this.timer = setTimeout(loop, 0);
  }

  private async cycle(): Promise<void> {
    try {
      await this.tickSchedules();
      while ((await this.runDue()) === this.batchSize && !this.stopped) {}
    } catch (error) {
      this.options.log?.error({ err: error }, 'job loop failed; retrying on the next poll');
    }
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
