import type { Db } from '../../platform/db/database.js';
import { type Trx, withTransaction } from '../../platform/db/transaction.js';
import { systemContext } from '../../platform/http/context.js';
import type { JobQueue } from '../../platform/jobs/queue.js';
import type { Notifier } from '../../platform/notify/notifier.js';
import { Permissions } from '../identity/permissions.js';
import { today } from './store.js';

export const CLOCK_SWEEP_JOB = 'cases.clockSweep';
const BATCH = 200;

/**
 * 预警与督办 — a recurring sweep (every 10 minutes, one node at a time): cases that reached their near-due date
 * tell the people holding them (临期提醒); overdue ones tell those holders and the supervisors of the
 * department — staff of the department or a department above it holding `cases:read` (超期督办). Each
 * case is reported once per kind (the `*_reported_at` columns, set in the same transaction as the notices).
 */
export function registerClockSweep(db: Db, jobs: JobQueue, notifier: Notifier): void {
  jobs.register(CLOCK_SWEEP_JOB, async () => {
    await sweep(db, notifier, 'overdue');
    await sweep(db, notifier, 'nearDue');
  });
  jobs.every(CLOCK_SWEEP_JOB, 600);
}

export async function sweep(db: Db, notifier: Notifier, kind: 'overdue' | 'nearDue'): Promise<number> {
  const day = today();
  const ctx = systemContext('case-clock');
  let reported = 0;
  for (;;) {
    const done = await withTransaction(db, async (trx) => {
      let query = trx
        .selectFrom('cases')
        .select(['id', 'number', 'item_name', 'department_path', 'due_date'])
        .where('decided_at', 'is', null)
        .where('accepted_at', 'is not', null)
        .limit(BATCH)
        .forUpdate()
        .skipLocked();
      query =
        kind === 'overdue'
          ? query.where('due_date', '<', day).where('overdue_reported_at', 'is', null)
          : query
              .where('near_due_date', '<=', day)
              .where('due_date', '>=', day)
              .where('paused', '=', false)
              .where('near_due_reported_at', 'is', null);
      const due = await query.execute();
      for (const c of due) {
        const holders = await trx
          .selectFrom('case_tasks')
          .select('user_id')
          .where('case_id', '=', c.id)
          .where('user_id', 'is not', null)
          .execute();
        const recipients = new Set(holders.map((h) => h.user_id!));
        if (kind === 'overdue')
          for (const id of await supervisors(trx, c.department_path)) recipients.add(id);
        const subject = kind === 'overdue' ? '办件超期督办' : '办件临期提醒';
        const body =
          kind === 'overdue'
            ? `办件 ${c.number}（${c.item_name}）已超过承诺办结日期 ${c.due_date}，请尽快办理。`
            : `办件 ${c.number}（${c.item_name}）将于 ${c.due_date} 到期，请及时办理。`;
        for (const recipient of recipients)
          await notifier.send(trx, ctx, { channel: 'inApp', recipient, subject, body });
        await trx
          .updateTable('cases')
          .set(
            kind === 'overdue' ? { overdue_reported_at: new Date() } : { near_due_reported_at: new Date() },
          )
          .where('id', '=', c.id)
          .execute();
      }
      return due.length;
    });
    reported += done;
    if (done < BATCH) return reported;
  }
}

/** Staff of the department or one above it whose roles grant `cases:read` (the department's supervisors). */
async function supervisors(trx: Trx, departmentPath: string) {
  const parts = departmentPath.split('.');
  const paths = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  const rows = await trx
    .selectFrom('staff')
    .innerJoin('departments as d', 'd.id', 'staff.department_id')
    .innerJoin('user_roles as ur', 'ur.user_id', 'staff.user_id')
    .innerJoin('role_permissions as rp', 'rp.role_id', 'ur.role_id')
    .innerJoin('users as u', 'u.id', 'staff.user_id')
    .select('staff.user_id')
    .distinct()
    .where('d.path', 'in', paths)
    .where('u.status', '=', 'active')
    .where('rp.permission', 'in', [Permissions.caseRead, 'cases'])
    .execute();
  return rows.map((r) => r.user_id);
}
