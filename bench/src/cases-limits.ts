// The database's side of the limit: the least a submission and an acceptance must write, as raw SQL from a
// `pg` pool in this process, at the same concurrency as the HTTP load. Tables of the same shape as the
// server's (`create table … (like … including all)`: columns, defaults, checks and every index; no foreign
// keys, no trigger) in the benchmark's database.
//
// Submission: the case row, its `create` and `submit` history rows, the number counter of the department
// and day (one row, so concurrent submitters queue on its lock, as on the server), the projection update
// and the acceptance pool task; one transaction, committed. Acceptance: the case row locked, its history
// read, one history row, the projection update, the task replaced; one transaction.
//
// With `ledger`, each transaction also appends one audit record as platform/audit/ledger.ts does — the
// ledger's advisory lock (a key of its own here), the head read, the insert — as its last statement
// before the commit, where that lock is held shortest.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { uuidv7 } from '../../server/src/platform/db/ids.js';
import type { Operation } from './cases-client.js';

/** What a generated row needs to look like the server's: an item of the benchmark's department. */
export interface LimitItem {
  itemId: string;
  versionId: string;
  itemCode: string;
  itemName: string;
  departmentId: string;
  departmentPath: string;
  regionCode: string;
  workflowId: string;
  applicantUserId: string;
}

/** Not the server's LEDGER_LOCK (7_306_101): the copy has a lock of its own. */
const LEDGER_LOCK = 7_306_199;
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
/** An SM4-sealed value as the key ring writes it: key id, then base64url of nonce, cipher text and tag. */
const sealed = (length: number) =>
  `dek-bench.${randomBytes(Math.ceil((length * 3) / 4)).toString('base64url')}`;

export async function createLimitTables(client: pg.Client): Promise<void> {
  for (const [copy, of] of [
    ['bench_limit_cases', 'cases'],
    ['bench_limit_actions', 'case_actions'],
    ['bench_limit_tasks', 'case_tasks'],
    ['bench_limit_counters', 'case_number_counters'],
    ['bench_limit_ledger', 'audit_ledger'],
  ] as const)
    await client.query(`create table if not exists ${copy} (like ${of} including all)`);
}

export class RawCaseWrites {
  private readonly pool: pg.Pool;
  /** Submitted and not yet accepted, oldest first. */
  readonly submitted: string[] = [];
  private sequence = 0;

  constructor(
    databaseUrl: string,
    connections: number,
    private readonly item: LimitItem,
    private readonly ledger: boolean,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  }

  /**
   * `count` submitted cases at once (one INSERT … SELECT per table), for acceptances to work on: the
   * acceptance rate is several times the submission rate, and only the acceptances are measured.
   */
  async prepare(count: number): Promise<void> {
    const i = this.item;
    const client = await this.pool.connect();
    try {
      const rows = await client.query<{ id: string }>(
        `insert into bench_limit_cases (id, number, item_id, item_version_id, item_code, item_name, department_id,
           department_path, region_code, workflow_id, channel, applicant_user_id, applicant_kind,
           applicant_name_masked, applicant_name_enc, applicant_name_bidx, applicant_id_enc, applicant_id_bidx,
           applicant_phone_enc, applicant_phone_bidx, created_by, status, step_key, step_name, seq, last_hash,
           submitted_at)
         select gen_random_uuid(), 'PREPARED-' || gen_random_uuid(), $2, $3, $4, $5, $6, $7, $8, $9, 'online', $10,
           'person', '张*', 'dek-bench.' || md5(random()::text), md5(random()::text), 'dek-bench.' || md5(random()::text),
           md5(random()::text), 'dek-bench.' || md5(random()::text), md5(random()::text), $10, 'submitted', 'accept',
           '受理', 2, md5(random()::text), now()
         from generate_series(1, $1::int)
         returning id`,
        [
          count,
          i.itemId,
          i.versionId,
          i.itemCode,
          i.itemName,
          i.departmentId,
          i.departmentPath,
          i.regionCode,
          i.workflowId,
          i.applicantUserId,
        ],
      );
      const ids = rows.rows.map((r) => r.id);
      await client.query(
        `insert into bench_limit_actions (case_id, seq, id, type, actor_id, actor_name, at, payload_enc, prev_hash, hash)
         select id, seq, gen_random_uuid(), case seq when 1 then 'create' else 'submit' end, $2, '张三', now(),
           'dek-bench.' || md5(random()::text), md5(random()::text), md5(random()::text)
         from unnest($1::uuid[]) id cross join (values (1), (2)) s(seq)`,
        [ids, i.applicantUserId],
      );
      await client.query(
        `insert into bench_limit_tasks (case_id, user_id, roles, scope, department_path, region_code)
         select id, null, '{window_clerk}', 'region', $2, $3 from unnest($1::uuid[]) id`,
        [ids, i.departmentPath, i.regionCode],
      );
      this.submitted.push(...ids);
    } finally {
      client.release();
    }
  }

  /** Opens every connection before the clock starts. */
  async warm(connections: number): Promise<void> {
    const clients = await Promise.all(Array.from({ length: connections }, () => this.pool.connect()));
    for (const client of clients) client.release();
  }

  readonly submit: Operation = async () => {
    const client = await this.pool.connect();
    const i = this.item;
    const id = uuidv7();
    const now = new Date();
    try {
      await client.query('begin');
      await client.query(
        `insert into bench_limit_cases (id, number, item_id, item_version_id, item_code, item_name,
           department_id, department_path, region_code, workflow_id, channel, applicant_user_id, applicant_kind,
           applicant_name_masked, applicant_name_enc, applicant_name_bidx, applicant_id_enc, applicant_id_bidx,
           applicant_phone_enc, applicant_phone_bidx, created_by, status, step_key, step_name, seq, last_hash)
         values ($1, null, $2, $3, $4, $5, $6, $7, $8, $9, 'online', $10, 'person', '张*', $11, $12, $13, $14,
           $15, $16, $10, 'draft', 'accept', '受理', 1, $17)`,
        [
          id,
          i.itemId,
          i.versionId,
          i.itemCode,
          i.itemName,
          i.departmentId,
          i.departmentPath,
          i.regionCode,
          i.workflowId,
          i.applicantUserId,
          sealed(64),
          hex(32),
          sealed(88),
          hex(32),
          sealed(72),
          hex(32),
          hex(32),
        ],
      );
      await this.history(client, id, 1, 'create', now, 450);
      const counter = await client.query<{ last: number }>(
        `insert into bench_limit_counters (prefix, last) values ($1, 1)
         on conflict (prefix) do update set last = bench_limit_counters.last + 1 returning last`,
        [`${i.regionCode}-${now.toISOString().slice(0, 10).replaceAll('-', '')}-HKWJW`],
      );
      await this.history(client, id, 2, 'submit', now, 88);
      await client.query(
        `update bench_limit_cases set number = $2, status = 'submitted', seq = 2, last_hash = $3,
           submitted_at = $4, updated_at = $4 where id = $1`,
        [id, `LIMIT-${String(counter.rows[0]!.last).padStart(6, '0')}-${++this.sequence}`, hex(32), now],
      );
      await client.query(
        `insert into bench_limit_tasks (case_id, user_id, roles, scope, department_path, region_code)
         values ($1, null, '{window_clerk}', 'region', $2, $3)`,
        [id, i.departmentPath, i.regionCode],
      );
      if (this.ledger) await this.audit(client, 'cases.submit', id);
      await client.query('commit');
      this.submitted.push(id);
      return true;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  readonly accept: Operation = async () => {
    const id = this.submitted.shift();
    if (!id) return 'exhausted';
    const client = await this.pool.connect();
    const now = new Date();
    const day = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
    try {
      await client.query('begin');
      const row = await client.query<{ seq: number }>(
        'select * from bench_limit_cases where id = $1 for update',
        [id],
      );
      if (row.rows[0]?.seq !== 2) throw new Error(`raw accept: case ${id} is not submitted`);
      await client.query('select * from bench_limit_actions where case_id = $1 order by seq', [id]);
      await this.history(client, id, 3, 'accept', now, 44);
      await client.query(
        `update bench_limit_cases set status = 'inReview', step_key = 'review', step_name = '审查', seq = 3,
           last_hash = $2, accepted_at = $3, updated_at = $3, due_date = $4, near_due_date = $5,
           statutory_due_date = $4, step_due_date = $6 where id = $1`,
        [id, hex(32), now, day(28), day(22), day(7)],
      );
      await client.query('delete from bench_limit_tasks where case_id = $1', [id]);
      await client.query(
        `insert into bench_limit_tasks (case_id, user_id, roles, scope, department_path, region_code)
         values ($1, null, '{case_reviewer}', 'departmentTree', $2, $3)`,
        [id, this.item.departmentPath, this.item.regionCode],
      );
      if (this.ledger) await this.audit(client, 'cases.accept', id);
      await client.query('commit');
      return true;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  };

  private async history(
    client: pg.PoolClient,
    caseId: string,
    seq: number,
    type: string,
    at: Date,
    payloadLength: number,
  ) {
    await client.query(
      `insert into bench_limit_actions (case_id, seq, id, type, actor_id, actor_name, role, department_id, at,
         payload_enc, prev_hash, hash)
       values ($1, $2, $3, $4, $5, '张三', null, null, $6, $7, $8, $9)`,
      [caseId, seq, uuidv7(), type, this.item.applicantUserId, at, sealed(payloadLength), hex(32), hex(32)],
    );
  }

  /** One audit record, chained to the head under the ledger's lock (held until the commit). */
  private async audit(client: pg.PoolClient, action: string, caseId: string) {
    await client.query('select pg_advisory_xact_lock($1)', [LEDGER_LOCK]);
    const head = await client.query<{ seq: string; hash: string }>(
      'select seq, hash from bench_limit_ledger order by seq desc limit 1',
    );
    const seq = Number(head.rows[0]?.seq ?? 0) + 1;
    await client.query(
      `insert into bench_limit_ledger (seq, id, at, actor_id, actor_name, action, target_type, target_id, ip,
         request_id, outcome, details, change_hash, prev_hash, hash)
       values ($1, $2, now(), $3, '张三', $4, 'case', $5, '127.0.0.1', $6, 'success', $7, null, $8, $9)`,
      [
        seq,
        uuidv7(),
        this.item.applicantUserId,
        action,
        caseId,
        `bench-${seq}`,
        JSON.stringify({ number: 'LIMIT', seq: 2, from: 'draft', to: 'submitted', step: 0 }),
        head.rows[0]?.hash ?? '0'.repeat(64),
        hex(32),
      ],
    );
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
