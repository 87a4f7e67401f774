import type { Services } from '../app.js';
import type { Trx } from '../platform/db/transaction.js';
import type { RequestContext } from '../platform/http/context.js';

/** Password of every demo account (never used when TONGBAN_DEMO=0). */
export const DEMO_PASSWORD = 'Tongban@2026';

/** Demo accounts, listed in the README. Modules add theirs (citizens, clerks, items) as they arrive. */
export const demoAccounts = [
  { username: 'secadmin', displayName: '安全管理员（演示）', roleCodes: ['secadmin'] },
  { username: 'auditor', displayName: '审计管理员（演示）', roleCodes: ['auditadmin'] },
] as const;

export async function loadDemoData(trx: Trx, ctx: RequestContext, services: Services): Promise<void> {
  for (const account of demoAccounts) {
    await services.identity.createStaffIfMissing(trx, ctx, { ...account, password: DEMO_PASSWORD });
  }
}
