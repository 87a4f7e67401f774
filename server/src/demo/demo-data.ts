import type { Services } from '../app.js';
import { Permissions } from '../modules/identity/permissions.js';
import { appendAudit } from '../platform/audit/ledger.js';
import { uuidv7 } from '../platform/db/ids.js';
import type { Trx } from '../platform/db/transaction.js';
import type { DataScope, RequestContext } from '../platform/http/context.js';

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
  await loadDemoOrganisations(trx, ctx, services);
}

/** Demo departments (by internal code; the parent first), in the Hainan regions loaded above. */
export const demoDepartments = [
  { code: 'HN-ZWFWGLJ', name: '海南省政务服务管理局', regionCode: '460000', parent: null },
  { code: 'HK-ZWFWZX', name: '海口市政务服务中心', regionCode: '460100', parent: 'HN-ZWFWGLJ' },
  { code: 'XY-ZWFWZX', name: '秀英区政务服务中心', regionCode: '460105', parent: 'HK-ZWFWZX' },
] as const;

/**
 * Demo roles (not built in): a window clerk sees their department's staff and accepts cases at the hall, a
 * head sees their whole subtree and decides cases, a reviewer examines them.
 */
export const demoRoles: readonly { code: string; name: string; grants: [string, DataScope][] }[] = [
  {
    code: 'window_clerk',
    name: '窗口受理员',
    grants: [
      [Permissions.staffRead, 'department'],
      // where a clerk may act is the workflow step's scope (the hall's region), not this grant's
      [Permissions.caseHandle, 'department'],
      [Permissions.caseWindow, 'department'],
    ],
  },
  {
    code: 'dept_head',
    name: '部门负责人',
    grants: [
      [Permissions.departmentRead, 'departmentTree'],
      [Permissions.staffRead, 'departmentTree'],
      [Permissions.caseHandle, 'departmentTree'],
      [Permissions.caseWindow, 'departmentTree'],
      [Permissions.caseRead, 'departmentTree'],
    ],
  },
  // 审查员: examines cases of their department's items (the standard workflow's 审查 step)
  { code: 'case_reviewer', name: '审查员', grants: [[Permissions.caseHandle, 'departmentTree']] },
];

/** Demo staff of 海口市政务服务中心 (listed in the README). */
export const demoStaff = [
  { username: 'clerk', name: '王窗口', post: '窗口受理员', role: 'window_clerk' },
  { username: 'head', name: '赵主任', post: '部门负责人', role: 'dept_head' },
] as const;

/** Departments, the 海口 hall with windows 01–03, posts, demo roles and staff; skips what exists. */
async function loadDemoOrganisations(trx: Trx, ctx: RequestContext, { organisations }: Services) {
  const audit = (action: string, type: string, id: string, details: Record<string, unknown>) =>
    appendAudit(trx, ctx, { action, target: { type, id }, details });
  const ids = new Map<string, { id: string; path: string }>();
  for (const d of demoDepartments) {
    const found = await trx
      .selectFrom('departments')
      .select(['id', 'path'])
      .where('code', '=', d.code)
      .executeTakeFirst();
    if (found) ids.set(d.code, found);
    if (found) continue;
    const id = uuidv7();
    const parent = d.parent ? ids.get(d.parent)! : null;
    const path = parent ? `${parent.path}.${id}` : id;
    const values = {
      id,
      name: d.name,
      code: d.code,
      region_code: d.regionCode,
      parent_id: parent?.id ?? null,
      path,
    };
    await trx.insertInto('departments').values(values).execute();
    await audit('identity.createDepartment', 'department', id, {
      name: d.name,
      regionCode: d.regionCode,
      code: d.code,
    });
    ids.set(d.code, { id, path });
  }
  const haikou = ids.get('HK-ZWFWZX')!.id;
  if (!(await trx.selectFrom('halls').select('id').where('department_id', '=', haikou).executeTakeFirst())) {
    const hallId = uuidv7();
    const hall = {
      id: hallId,
      name: '海口市民游客中心',
      department_id: haikou,
      address: '海口市龙华区滨海大道 2 号',
      opening_hours: '工作日 9:00–17:00',
    };
    await trx.insertInto('halls').values(hall).execute();
    await audit('identity.createHall', 'hall', hallId, { departmentId: haikou, name: hall.name });
    for (const number of ['01', '02', '03']) {
      const id = uuidv7();
      await trx
        .insertInto('hall_windows')
        .values({ id, hall_id: hallId, number, name: `综合受理${number}号窗口` })
        .execute();
      await audit('identity.createWindow', 'window', id, { hallId, number });
    }
  }
  const posts = new Map<string, string>();
  for (const { post: name } of demoStaff) {
    const found = await trx
      .selectFrom('posts')
      .select('id')
      .where('department_id', '=', haikou)
      .where('name', '=', name)
      .executeTakeFirst();
    const id = found?.id ?? uuidv7();
    if (!found) await trx.insertInto('posts').values({ id, department_id: haikou, name }).execute();
    if (!found) await audit('identity.createPost', 'post', id, { departmentId: haikou, name });
    posts.set(name, id);
  }
  for (const role of demoRoles) {
    if (await trx.selectFrom('roles').select('id').where('code', '=', role.code).executeTakeFirst()) continue;
    const id = uuidv7();
    await trx.insertInto('roles').values({ id, code: role.code, name: role.name }).execute();
    const grants = role.grants.map(([permission, scope]) => ({ role_id: id, permission, data_scope: scope }));
    await trx.insertInto('role_permissions').values(grants).execute();
    await audit('identity.createRole', 'role', id, { code: role.code, grants: role.grants });
  }
  for (const s of demoStaff) {
    await organisations.staff.createStaffIfMissing(trx, ctx, {
      username: s.username,
      name: s.name,
      password: DEMO_PASSWORD,
      departmentId: haikou,
      postId: posts.get(s.post)!,
      roleCodes: [s.role],
    });
  }
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
