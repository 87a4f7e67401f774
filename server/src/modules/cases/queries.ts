import { sql } from 'kysely';
import type { SharedStore } from '../../platform/cache/shared-store.js';
import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import type { Keyring } from '../../platform/keys/keyring.js';
import { loadActorScope, whereInScope } from '../identity/organisations/data-scope.js';
import { parseCursor, toPage } from '../identity/organisations/rules.js';
import { Permissions } from '../identity/permissions.js';
import { actingWho } from './access.js';
import { APPLICANT_STATUS } from './domain/lifecycle.js';
import type { ListCasesQuery } from './schema.js';
import { today } from './store.js';
import { summaryView } from './views.js';
import './errors.js';

const PROGRESS_PER_WINDOW = 30;

/** Ancestors-or-self of a department path: `a`, `a.b`, `a.b.c` for `a.b.c`. */
function pathPrefixes(path: string): string[] {
  const parts = path.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Lists of cases: the applicant's own, the workbench boxes (待办 已办 我发起 抄送 部门办件) and the public progress query. */
export class CaseQueries {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
    private readonly store: SharedStore,
  ) {}

  private base() {
    return this.db
      .selectFrom('cases as c')
      .innerJoin('departments as d', 'd.id', 'c.department_id')
      .innerJoin('regions as r', 'r.code', 'c.region_code')
      .selectAll('c')
      .select('d.name as department_name');
  }

  /** cases.listMyCases: the caller's applications, newest first (drafts included). */
  async listMine(ctx: RequestContext, query: { status?: string; limit?: number; cursor?: string }) {
    const limit = query.limit ?? 20;
    const cursor = parseCursor(query.cursor);
    let qb = this.base().where('c.applicant_user_id', '=', ctx.actor!.userId);
    if (query.status) qb = qb.where('c.status', '=', query.status as never);
    if (cursor) qb = qb.where('c.id', '<', cursor);
    const rows = await qb
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .execute();
    const day = today();
    return toPage(
      rows,
      limit,
      (r) => summaryView(r, day),
      (r) => r.id,
    );
  }

  /** cases.listTodo and cases.listCases: one box of the workbench, filtered. */
  async list(ctx: RequestContext, query: ListCasesQuery) {
    const limit = query.limit ?? 20;
    const cursor = parseCursor(query.cursor);
    const day = today();
    const who = await actingWho(this.db, ctx.actor!);
    const me = who.userId;
    let qb = this.base();
    switch (query.box ?? 'todo') {
      case 'todo': {
        const home = who.home;
        const pool = home
          ? sql<boolean>`(t.user_id is null and t.roles && ${sql.val(who.roles)}::text[] and (
              (t.scope = 'department' and t.department_path = ${home.departmentPath})
              or (t.scope = 'departmentTree' and t.department_path = any(${sql.val(pathPrefixes(home.departmentPath))}::text[]))
              or (t.scope = 'region' and t.region_code = ${home.regionCode})))`
          : sql<boolean>`false`;
        qb = qb.where(
          'c.id',
          'in',
          this.db
            .selectFrom('case_tasks as t')
            .select('t.case_id')
            .where((eb) => eb.or([eb('t.user_id', '=', me), pool])) as never,
        );
        break;
      }
      case 'done':
        qb = qb.where(
          'c.id',
          'in',
          this.db.selectFrom('case_actions').select('case_id').where('actor_id', '=', me) as never,
        );
        break;
      case 'started':
        qb = qb.where('c.created_by', '=', me);
        break;
      case 'copied':
        qb = qb.where(
          'c.id',
          'in',
          this.db.selectFrom('case_copies').select('case_id').where('user_id', '=', me) as never,
        );
        break;
      case 'scope': {
        const scope = await loadActorScope(this.db, ctx.actor!);
        if (!scope.permissions.has(Permissions.caseRead)) throw new DomainError('FORBIDDEN');
        qb = whereInScope(
          qb,
          { actor: scope, permission: Permissions.caseRead },
          { departmentId: 'c.department_id', departmentPath: 'c.department_path', regionPath: 'r.path' },
        );
        break;
      }
    }
    qb = qb.where('c.status', '!=', 'draft' as never);
    if (query.status) qb = qb.where('c.status', '=', query.status as never);
    if (query.itemId) qb = qb.where('c.item_id', '=', query.itemId);
    if (query.departmentId) qb = qb.where('c.department_id', '=', query.departmentId);
    if (query.number) qb = qb.where('c.number', 'like', `${query.number.replace(/[%_\\]/g, '')}%`);
    if (query.applicant) {
      const text = query.applicant.trim();
      qb = qb.where((eb) =>
        eb.or([
          eb('c.applicant_name_bidx', '=', this.keyring.blindIndex(text, 'text')),
          eb('c.applicant_id_bidx', '=', this.keyring.blindIndex(text, 'idNumber')),
        ]),
      );
    }
    if (query.from) qb = qb.where('c.submitted_at', '>=', new Date(`${query.from}T00:00:00+08:00`));
    if (query.to)
      qb = qb.where(
        'c.submitted_at',
        '<',
        new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000),
      );
    if (query.clock === 'overdue') qb = qb.where('c.decided_at', 'is', null).where('c.due_date', '<', day);
    if (query.clock === 'nearDue')
      qb = qb
        .where('c.decided_at', 'is', null)
        .where('c.paused', '=', false)
        .where('c.near_due_date', '<=', day)
        .where('c.due_date', '>=', day);
    if (query.clock === 'paused') qb = qb.where('c.paused', '=', true);
    if (cursor) qb = qb.where('c.id', '<', cursor);
    const rows = (await qb
      .orderBy('c.id', 'desc')
      .limit(limit + 1)
      .execute()) as unknown as Parameters<typeof summaryView>[0][];
    return toPage(
      rows,
      limit,
      (r) => summaryView(r, day),
      (r) => r.id,
    );
  }

  /**
   * cases.queryProgress: public, by number and the applicant's name; only non-personal progress. At most
   * `PROGRESS_PER_WINDOW` lookups per client address in 10 minutes (shared by all nodes), so names cannot be
   * guessed at scale.
   */
  async progress(number: string, name: string, clientIp: string | null) {
    if ((await this.store.increment(`cases:progress:${clientIp ?? 'unknown'}`, 600)) > PROGRESS_PER_WINDOW)
      throw new DomainError('RATE_LIMITED');
    const row = await this.base()
      .where('c.number', '=', number.trim())
      .where('c.applicant_name_bidx', '=', this.keyring.blindIndex(name.trim(), 'text'))
      .executeTakeFirst();
    if (!row) throw new DomainError('CASE_PROGRESS_NOT_FOUND');
    const steps = await this.db
      .selectFrom('case_actions')
      .select(['type', 'at'])
      .where('case_id', '=', row.id)
      .where('type', 'in', [
        'submit',
        'accept',
        'reject',
        'requestSupplement',
        'supplement',
        'approve',
        'deny',
        'terminate',
        'issue',
        'close',
        'void',
        'withdraw',
        'instantApprove',
        'suspend',
        'resume',
      ])
      .orderBy('seq')
      .execute();
    return {
      number: row.number!,
      itemName: row.item_name,
      departmentName: row.department_name,
      applicantStatus: APPLICANT_STATUS[row.status],
      stepName: row.step_name,
      submittedAt: row.submitted_at?.toISOString() ?? null,
      acceptedAt: row.accepted_at?.toISOString() ?? null,
      decidedAt: row.decided_at?.toISOString() ?? null,
      dueDate: row.due_date,
      timeline: steps.map((s) => ({ type: s.type, at: s.at.toISOString(), stepName: null })),
    };
  }
}
