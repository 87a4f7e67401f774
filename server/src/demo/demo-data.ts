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

/**
 * Demo citizens (username = phone) and their enterprise. The ID numbers and the USCC carry valid check
 * digits (GB 11643, GB 32100) and a Haikou (4601) prefix; they are made up.
 */
export const demoCitizens = [
  { name: '张三', idNumber: '460106199001010017', phone: '13800000001' },
  { name: '李四', idNumber: '460106199205150134', phone: '13800000002' },
] as const;
export const demoEnterprise = { name: '海南通办示范科技有限公司', uscc: '91460100TB2026DM5G' } as const;

export async function loadDemoData(trx: Trx, ctx: RequestContext, services: Services): Promise<void> {
  for (const account of demoAccounts) {
    await services.identity.createStaffIfMissing(trx, ctx, { ...account, password: DEMO_PASSWORD });
  }
  await loadDemoPersons(trx, ctx, services);
  await services.regions.importWithin(trx, ctx, { provinceCodes: ['46'], depth: 'town' });
}

/** 张三 (real-name) is the legal representative of the demo enterprise; 李四 is its agent (经办人). */
async function loadDemoPersons(trx: Trx, ctx: RequestContext, { persons }: Services): Promise<void> {
  const ids: string[] = [];
  for (const citizen of demoCitizens) {
    ids.push(
      await persons.citizens.createCitizenIfMissing(trx, ctx, {
        ...citizen,
        password: DEMO_PASSWORD,
        assurance: 'realName',
      }),
    );
  }
  const [zhang, li] = ids as [string, string];
  const enterpriseId = await persons.enterprises.createEnterpriseIfMissing(trx, ctx, {
    ...demoEnterprise,
    legalRepresentativeUserId: zhang,
  });
  await persons.enterprises.authoriseAgentIfMissing(trx, ctx, {
    enterpriseId,
    userId: li,
    authorisedBy: zhang,
  });
}
