// Existing cases for the case-handling benchmark (issue 5), written by SQL straight into the tables the
// workbench lists read (`cases`, `case_tasks`), on a database the real server has migrated and filled
// with its demo (organisation, catalogue, staff, citizens).
//
// The province is the demo's, Hainan: twelve kinds of department in each of its 31 cities and counties
// (where the demo has no department of that name), each publishing three of the demo's items; 20,000
// applicant accounts. Cases spread over three years, newest most often in the busiest departments (海口市
// 卫生健康委员会 first), with the statuses a live system holds: nearly all old cases finished, a few stuck
// and overdue, recent ones in acceptance, review, decision and issue. Open cases have their tasks (待办):
// pool tasks for the step's role and place, or a holder when the task was claimed. The cases have no
// history rows (`case_actions`): the lists measured here never read them, and the benchmark reads and acts
// only on cases it submitted through the API.
import type pg from 'pg';
import { uuidv7 } from '../../server/src/platform/db/ids.js';

export interface CaseDimensions {
  departments: number;
  items: number;
  applicants: number;
}

export interface GeneratedCases {
  rows: number;
  seconds: number;
  /** Open tasks after generation: pool tasks (no holder) and holder tasks. */
  poolTasks: number;
  holderTasks: number;
  byStatus: Record<string, number>;
  /** Share of the cases in the department whose staff the benchmark signs in as. */
  hkWjwCases: number;
}

/** The people whose lists the benchmark reads: their tasks in the generated data name them. */
export interface Staff {
  reviewerId: string;
  approverId: string;
  departmentId: string;
}

const KINDS = [
  '公安局',
  '民政局',
  '人力资源和社会保障局',
  '市场监督管理局',
  '卫生健康委员会',
  '医疗保障局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '交通运输局',
  '教育局',
  '生态环境局',
  '农业农村局',
] as const;

const APPLICANTS = 20_000;
const ITEMS_PER_DEPARTMENT = 3;
const CHUNK = 250_000;

interface DemoItem {
  id: string;
  basic_item_id: string;
  basic_code: string;
  version_id: string;
  guide: unknown;
  name: string;
  department_id: string;
  department_name: string;
  department_code: string;
}

/** One item per basic item (a department publishes a basic item once). */
function distinctBasics(items: DemoItem[]): DemoItem[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.basic_item_id) && seen.add(item.basic_item_id));
}

/**
 * Departments, items (published, with the standard workflow) and applicant accounts; once per database.
 * `bench_case_items` lists every item cases are made for, most popular first.
 */
export async function prepareDimensions(
  client: pg.Client,
  log: (m: string) => void,
): Promise<CaseDimensions> {
  const exists = await client.query(`select to_regclass('bench_case_items') is not null as present`);
  if (!exists.rows[0].present) {
    const standard = await client.query<{ definition: unknown }>(
      `select definition from case_workflows where comment = '标准流程' order by created_at limit 1`,
    );
    if (!standard.rows[0])
      throw new Error('no standard workflow: the server must have loaded its demo cases (TONGBAN_DEMO=1)');
    const definition = JSON.stringify(standard.rows[0].definition);
    await client.query('begin');
    await client.query(
      `insert into departments (id, name, code, region_code, parent_id, path, status, sort)
       select id, name, code, region_code, null, id::text, 'active', sort from (
         select gen_random_uuid() as id, r.name || k.kind as name,
                'BENCH-' || r.code || '-' || lpad(k.n::text, 2, '0') as code, r.code as region_code, k.n as sort
         from regions r cross join unnest($1::text[]) with ordinality as k(kind, n)
         where r.level in ('city', 'county')
           and not exists (select 1 from departments d where d.name = r.name || k.kind)) x`,
      [KINDS],
    );
    const demo = (
      await client.query<DemoItem>(
        `select i.id, i.basic_item_id, b.code as basic_code, v.id as version_id, v.guide,
                coalesce(v.guide->>'name', b.name) as name, d.id as department_id, d.name as department_name,
                d.code as department_code
         from catalog_items i
         join catalog_basic_items b on b.id = i.basic_item_id
         join catalog_item_versions v on v.item_id = i.id and v.status = 'published'
         join departments d on d.id = i.department_id
         where d.code not like 'BENCH-%' and i.cancelled_at is null
         order by d.code = 'HK-WJW' desc, d.code, i.code`,
      )
    ).rows;
    const generated = (
      await client.query<{ id: string; name: string; code: string; region_code: string }>(
        `select id, name, code, region_code from departments where code like 'BENCH-%' order by code`,
      )
    ).rows;
    // each generated department publishes three items of a demo department of its kind (any, if none)
    const items: { item: DemoItem; departmentId: string; departmentCode: string; regionCode: string }[] = [];
    generated.forEach((department, d) => {
      const kind = KINDS.find((k) => department.name.endsWith(k))!;
      const sameKind = distinctBasics(demo.filter((item) => item.department_name.endsWith(kind)));
      const pool = sameKind.length >= ITEMS_PER_DEPARTMENT ? sameKind : distinctBasics(demo);
      for (let k = 0; k < ITEMS_PER_DEPARTMENT; k++) {
        const item = pool[(d * ITEMS_PER_DEPARTMENT + k) % pool.length]!;
        items.push({
          item,
          departmentId: department.id,
          departmentCode: department.code,
          regionCode: department.region_code,
        });
      }
    });
    const itemRows = items.map((x) => ({
      id: uuidv7(),
      version: uuidv7(),
      workflow: uuidv7(),
      basic: x.item.basic_item_id,
      code: `${x.item.basic_code}-${x.regionCode}-${x.departmentCode.replaceAll('-', '')}-01`,
      department: x.departmentId,
      region: x.regionCode,
      guide: JSON.stringify(x.item.guide),
    }));
    await client.query(
      `insert into catalog_items (id, code, basic_item_id, department_id, region_code, sequence)
       select id, code, basic, department, region, 1
       from jsonb_to_recordset($1::jsonb) as x(id uuid, code text, basic uuid, department uuid, region text)`,
      [JSON.stringify(itemRows)],
    );
    await client.query(
      `insert into catalog_item_versions (id, item_id, number, status, guide, submitted_at, reviewed_at,
         review_comment, published_at)
       select version, id, 1, 'published', guide::jsonb, now(), now(), 'generated (bench)', now()
       from jsonb_to_recordset($1::jsonb) as x(id uuid, version uuid, guide text)`,
      [JSON.stringify(itemRows)],
    );
    // the standard workflow (what the server stores the first time an item without one gets a case)
    await client.query(
      `insert into case_workflows (id, item_id, version, definition, comment)
       select gen_random_uuid(), i.id, 1, $1::jsonb, '标准流程' from catalog_items i
       where not exists (select 1 from case_workflows w where w.item_id = i.id)`,
      [definition],
    );
    await client.query(
      `create table bench_case_items as
       select (row_number() over (order by d.code not like 'BENCH-%' desc, d.code = 'HK-WJW' desc,
                 d.region_code, d.code, i.code) - 1)::int as ord,
              i.id as item_id, v.id as version_id, i.code as item_code,
              coalesce(v.guide->>'name', b.name) as item_name, d.id as department_id, d.path as department_path,
              d.region_code, upper(regexp_replace(d.code, '[^0-9A-Za-z]', '', 'g')) as department_code,
              w.id as workflow_id
       from catalog_items i
       join catalog_basic_items b on b.id = i.basic_item_id
       join catalog_item_versions v on v.item_id = i.id and v.status = 'published'
       join departments d on d.id = i.department_id
       join lateral (select id from case_workflows w where w.item_id = i.id order by version desc limit 1) w
         on true
       where i.cancelled_at is null`,
    );
    await client.query('alter table bench_case_items add primary key (ord)');
    await client.query(
      `insert into users (id, username, display_name, password_hash, kind)
       select gen_random_uuid(), 'bench-applicant-' || n, '申请人' || n, '!bench: no password', 'citizen'
       from generate_series(1, $1::int) n`,
      [APPLICANTS],
    );
    await client.query(
      `create table bench_applicants as
       select (row_number() over (order by username) - 1)::int as ord, id
       from users where username like 'bench-applicant-%'`,
    );
    await client.query('alter table bench_applicants add primary key (ord)');
    await client.query('commit');
    log(
      `  dimensions: ${generated.length} departments and ${itemRows.length} items added to the demo's, ${APPLICANTS} applicants`,
    );
  }
  const counts = await client.query<{ departments: number; items: number; applicants: number }>(
    `select (select count(distinct department_id) from bench_case_items)::int as departments,
            (select count(*) from bench_case_items)::int as items,
            (select count(*) from bench_applicants)::int as applicants`,
  );
  return counts.rows[0]!;
}

/**
 * Cases number `from` … `to - 1` with their open tasks, in chunks of one INSERT … SELECT each (the tasks
 * are written by the same statement). Deterministic: each chunk seeds PostgreSQL's random().
 */
async function insertCases(client: pg.Client, from: number, to: number, staff: Staff): Promise<void> {
  await client.query('select setseed($1)', [((from % 1_000_003) / 1_000_003) * 2 - 1]);
  await client.query(
    `with g as (
       select i, random() as u_item, random() as u_age, random() as u_status, random() as u_step,
              random() as u1, random() as u2, random() as u3, random() as u_channel
       from generate_series($1::int, $2::int - 1) i
       offset 0
     ), counts as (
       select (select count(*) from bench_case_items)::int as items,
              (select count(*) from bench_applicants)::int as applicants
     ), placed as (
       -- three years back, uniformly; the most popular items (demo departments first) most often
       select g.*, it.*, ap.id as applicant_id,
              now() - make_interval(secs => 3 * 365 * 86400 * g.u_age) as created,
              3 * 365 * g.u_age as age
       from g cross join counts
       join bench_case_items it on it.ord = least(counts.items - 1, floor(counts.items * power(g.u_item, 1.5))::int)
       join bench_applicants ap on ap.ord = (g.i::bigint * 7919 % counts.applicants)::int
     ), judged as (
       select p.*,
         case
           when age < 1 then case when u_status < 0.55 then 'submitted' when u_status < 0.60 then 'preReviewed'
             when u_status < 0.90 then 'inReview' when u_status < 0.95 then 'supplementPending' else 'notAccepted' end
           when age < 20 then case when u_status < 0.03 then 'submitted' when u_status < 0.53 then 'inReview'
             when u_status < 0.59 then 'supplementPending' when u_status < 0.62 then 'suspended'
             when u_status < 0.70 then 'approved' when u_status < 0.72 then 'denied'
             when u_status < 0.80 then 'resultIssued' when u_status < 0.92 then 'closed'
             when u_status < 0.97 then 'notAccepted' else 'withdrawn' end
           when age < 60 then case when u_status < 0.08 then 'inReview' when u_status < 0.12 then 'approved'
             when u_status < 0.18 then 'resultIssued' when u_status < 0.83 then 'closed'
             when u_status < 0.87 then 'denied' when u_status < 0.93 then 'notAccepted'
             when u_status < 0.97 then 'withdrawn' when u_status < 0.99 then 'voided' else 'terminated' end
           else case when u_status < 0.003 then 'inReview' when u_status < 0.005 then 'suspended'
             when u_status < 0.865 then 'closed' when u_status < 0.895 then 'denied'
             when u_status < 0.945 then 'notAccepted' when u_status < 0.975 then 'withdrawn'
             when u_status < 0.99 then 'voided' else 'terminated' end
         end as status
       from placed p
     ), stepped as (
       select j.*,
         case
           when status in ('submitted', 'preReviewed', 'notAccepted', 'voided') then 'accept'
           when status = 'supplementPending' then case when u_step < 0.5 then 'accept' else 'review' end
           when status = 'inReview' then case when u_step < 0.7 then 'review' else 'decide' end
           when status in ('suspended', 'withdrawn') then 'review'
           when status = 'terminated' then 'decide'
           else 'issue'
         end as step,
         created + interval '3 minutes' as submitted
       from judged j
     ), timed as (
       select s.*,
         case when status in ('submitted', 'preReviewed', 'notAccepted', 'voided')
                or (status = 'supplementPending' and step = 'accept') then null
              else submitted + least(now() - submitted, interval '2 days') * u1 end as accepted
       from stepped s
     ), decided as (
       select t.*,
         -- decided: every end but closure (不予受理, withdrawal and voiding stop the clock too)
         case when status in ('approved', 'denied', 'resultIssued', 'closed', 'terminated', 'withdrawn')
              then accepted + least(now() - accepted, interval '25 days') * u2
              when status in ('notAccepted', 'voided')
              then submitted + least(now() - submitted, interval '5 days') * u2 end as decided
       from timed t
     ), ins as (
       insert into cases (id, number, item_id, item_version_id, item_code, item_name, department_id,
         department_path, region_code, workflow_id, channel, applicant_user_id, applicant_kind,
         applicant_name_masked, applicant_name_enc, applicant_name_bidx, applicant_id_enc, applicant_id_bidx,
         applicant_phone_enc, applicant_phone_bidx, created_by, status, step_key, step_name, seq, last_hash,
         created_at, submitted_at, accepted_at, decided_at, closed_at, updated_at, due_date, near_due_date,
         statutory_due_date, step_due_date, paused, supplement_deadline, suspended_until,
         near_due_reported_at, overdue_reported_at)
       select
         (lpad(to_hex((extract(epoch from created) * 1000)::bigint), 12, '0') || '7'
           || substr(md5(i || 'case'), 1, 3) || '8' || substr(md5(i || 'case'), 4, 15))::uuid,
         region_code || '-' || to_char(submitted at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-'
           || department_code || '-' || lpad(i::text, 7, '0'),
         item_id, version_id, item_code, item_name, department_id, department_path, region_code, workflow_id,
         case when u_channel < 0.9 then 'online' else 'window' end, applicant_id, 'person',
         (array['张', '李', '王', '刘', '陈', '杨', '黄', '吴', '林', '符'])[1 + i % 10] || '*',
         'dek-bench.' || md5(i || 'n') || md5(i || 'n2'), md5(i || 'nb') || md5(i || 'nb2'),
         'dek-bench.' || md5(i || 'i') || md5(i || 'i2') || md5(i || 'i3'), md5(i || 'ib') || md5(i || 'ib2'),
         'dek-bench.' || md5(i || 'p') || md5(i || 'p2'), md5(i || 'pb') || md5(i || 'pb2'),
         case when u_channel < 0.9 then applicant_id else md5(department_id || 'clerk')::uuid end,
         status, step,
         case step when 'accept' then '受理' when 'review' then '审查' when 'decide' then '审批' else '制证出件' end,
         case status when 'submitted' then 2 when 'preReviewed' then 3 when 'notAccepted' then 3
           when 'inReview' then case step when 'review' then 4 else 5 end when 'closed' then 8
           when 'resultIssued' then 7 else 6 end,
         md5(i || 'h') || md5(i || 'h2'),
         created, submitted, accepted, decided,
         case when status = 'closed' then decided + least(now() - decided, interval '10 days') * u3 end,
         coalesce(decided, accepted, submitted),
         (accepted + interval '28 days')::date, (accepted + interval '22 days')::date,
         (accepted + interval '28 days')::date,
         case when decided is null and accepted is not null then (accepted + interval '7 days')::date end,
         status = 'suspended' or (status = 'supplementPending' and accepted is not null),
         case when status = 'supplementPending' then (now() + interval '7 days')::date end,
         case when status = 'suspended' then (now() + interval '10 days')::date end,
         -- the clock sweep has told the holders already (it reports each case once)
         case when decided is null and accepted + interval '22 days' <= now() then accepted + interval '22 days' end,
         case when decided is null and accepted + interval '29 days' <= now() then accepted + interval '29 days' end
       from decided
       order by created -- in key order: the primary key and the date indexes grow at their right edge
       returning id, status, step_key, department_id, department_path, region_code
     )
     insert into case_tasks (case_id, user_id, roles, scope, department_path, region_code)
     select id,
       case
         when status = 'suspended' or (status = 'inReview' and abs(hashtext(id::text)) % 100 < 60) then
           case when department_id = $3::uuid and abs(hashtext(id::text || 'who')) % 2 = 0
                then case step_key when 'review' then $4::uuid else $5::uuid end
                else md5(department_id || 'holder' || abs(hashtext(id::text)) % 3)::uuid end
       end,
       case step_key when 'review' then array['case_reviewer'] when 'decide' then array['dept_head']
         else array['window_clerk'] end,
       case when step_key in ('review', 'decide') then 'departmentTree' else 'region' end,
       department_path, region_code
     from ins
     where status in ('submitted', 'preReviewed', 'inReview', 'suspended', 'approved', 'denied', 'resultIssued')`,
    [from, to, staff.departmentId, staff.reviewerId, staff.approverId],
  );
}

/** Generated cases so far (their numbers end in a 7-digit sequence; the server's in 6). */
export async function generatedCount(client: pg.Client): Promise<number> {
  const result = await client.query<{ n: number }>(
    `select coalesce(max(split_part(number, '-', 4)::int) + 1, 0)::int as n from cases where number ~ '-[0-9]{7}$'`,
  );
  return result.rows[0]!.n;
}

/** Brings the generated cases up to `target` (no-op when there are as many), then VACUUM ANALYZE. */
export async function generateCases(
  client: pg.Client,
  target: number,
  staff: Staff,
  log: (m: string) => void,
): Promise<GeneratedCases> {
  const started = performance.now();
  // JIT compiles these long expressions for every chunk and takes longer than running them
  await client.query('set jit = off');
  const have = await generatedCount(client);
  for (let from = have; from < target; from += CHUNK) {
    const to = Math.min(target, from + CHUNK);
    await insertCases(client, from, to, staff);
    log(`  cases: ${to.toLocaleString('en-US')} of ${target.toLocaleString('en-US')} written …`);
  }
  // a table that has lived for years is vacuumed: visibility map set, statistics current
  await client.query('vacuum (analyze) cases, case_tasks');
  const tasks = await client.query<{ pool: number; holder: number }>(
    `select count(*) filter (where user_id is null)::int as pool, count(user_id)::int as holder from case_tasks`,
  );
  const statuses = await client.query<{ status: string; n: number }>(
    `select status, count(*)::int as n from cases group by status order by n desc`,
  );
  const mine = await client.query<{ n: number }>(
    `select count(*)::int as n from cases where department_id = $1`,
    [staff.departmentId],
  );
  const rows = statuses.rows.reduce((sum, s) => sum + s.n, 0);
  return {
    rows,
    seconds: (performance.now() - started) / 1000,
    poolTasks: tasks.rows[0]!.pool,
    holderTasks: tasks.rows[0]!.holder,
    byStatus: Object.fromEntries(statuses.rows.map((s) => [s.status, s.n])),
    hkWjwCases: mine.rows[0]!.n,
  };
}
