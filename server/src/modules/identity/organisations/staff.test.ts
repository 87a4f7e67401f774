import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../demo/demo-data.js';
import { client, listAll, makeRole } from '../../../test/organisations.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';
import { Permissions as P } from '../permissions.js';

const { app, db } = await startTestApp();
const admin = client(app, await signIn(app, 'admin', TEST_ADMIN_PASSWORD));
const roleId = async (code: string) =>
  (await db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const departmentId = async (code: string) =>
  (await db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const haikou = await departmentId('HK-ZWFWZX');
const xiuying = await departmentId('XY-ZWFWZX');
const province = await departmentId('HN-ZWFWGLJ');
const snapshot = async () =>
  Promise.all(['users', 'staff', 'user_roles', 'audit_ledger'].map((t) => countRows(db, t as 'users')));
let serial = 0;
const newStaff = (extra: Record<string, unknown>) => ({
  username: `staff${++serial}`,
  name: '钱工作',
  password: 'Staff@2026x',
  departmentId: xiuying,
  roleIds: [],
  ...extra,
});

describe('staff administration', () => {
  it('creates a staff account that signs in, with roles, masked phone and audit', async () => {
    const response = await admin.post(
      '/staff',
      newStaff({ roleIds: [await roleId('window_clerk')], phone: '13912345678' }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      departmentId: xiuying,
      roles: ['window_clerk'],
      phone: '139****5678',
      status: 'active',
    });
    await signIn(app, created.username, 'Staff@2026x');
    const audits = await db
      .selectFrom('audit_ledger')
      .select(['action', 'details'])
      .where('target_id', '=', created.userId)
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      'identity.createStaff',
      'identity.grantRoles',
      'identity.login',
    ]);
    expect(audits[1]!.details).toEqual({ roles: ['window_clerk'] });
  });

  it('refuses bad input with specific codes and writes nothing', async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ password: 'short' }, 400, 'PASSWORD_TOO_WEAK'],
      [{ username: 'clerk' }, 409, 'USERNAME_TAKEN'],
      [{ roleIds: ['00000000-0000-7000-8000-000000000000'] }, 400, 'ROLE_NOT_FOUND'],
      [{ departmentId: '00000000-0000-7000-8000-000000000000' }, 404, 'DEPARTMENT_NOT_FOUND'],
      [{ roleIds: [await roleId('secadmin')] }, 403, 'GRANT_EXCEEDS_OWN'],
    ];
    for (const [extra, status, code] of cases) {
      const response = await admin.post('/staff', newStaff(extra));
      expect(response.statusCode, code).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe(code);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('does not let a head grant a permission it lacks or a wider scope', async () => {
    const manager = await makeRole(db, 'staff_manager', [
      [P.staffManage, 'departmentTree'],
      [P.staffRead, 'departmentTree'],
    ]);
    const head = (await listAll<{ userId: string; username: string }>(admin.get, '/staff')).find(
      (s) => s.username === 'head',
    )!;
    const granted = await admin.put(`/staff/${head.userId}/roles`, {
      roleIds: [await roleId('dept_head'), manager],
    });
    expect(granted.json().roles).toEqual(['dept_head', 'staff_manager']);
    const asHead = client(app, await signIn(app, 'head', DEMO_PASSWORD));
    const lacking = await makeRole(db, 'hall_keeper', [[P.hallManage, 'department']]);
    const wider = await makeRole(db, 'wide_reader', [[P.staffRead, 'regionTree']]);
    const before = await snapshot();
    for (const role of [lacking, wider]) {
      const response = await asHead.post('/staff', newStaff({ roleIds: [role] }));
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('GRANT_EXCEEDS_OWN');
    }
    expect((await asHead.post('/staff', newStaff({ roleIds: [wider] }))).json().detail).toContain(
      P.staffRead,
    );
    // outside the head's department tree: the province department is invisible
    expect((await asHead.post('/staff', newStaff({ departmentId: province }))).statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const ok = await asHead.post('/staff', newStaff({ roleIds: [await roleId('window_clerk')] }));
    expect(ok.statusCode, ok.body).toBe(201);
    const clerk = ok.json().userId as string;
    const refused = await asHead.put(`/staff/${clerk}/roles`, { roleIds: [lacking] });
    expect(refused.json().code).toBe('GRANT_EXCEEDS_OWN');
    expect((await asHead.put(`/staff/${clerk}/roles`, { roleIds: [] })).json().roles).toEqual([]);
    const revoked = await db
      .selectFrom('audit_ledger')
      .select('details')
      .where('action', '=', 'identity.revokeRoles')
      .where('target_id', '=', clerk)
      .execute();
    expect(revoked.map((r) => r.details)).toEqual([{ roles: ['window_clerk'] }]);
  });

  it('moves, re-posts and disables staff; a clerk sees only their own department', async () => {
    const created = (await admin.post('/staff', newStaff({ departmentId: haikou }))).json();
    const post = (await admin.post(`/departments/${xiuying}/posts`, { name: '综合窗口' })).json();
    expect((await admin.patch(`/staff/${created.userId}`, { postId: post.id })).json().code).toBe(
      'POST_DEPARTMENT_MISMATCH',
    );
    const moved = await admin.patch(`/staff/${created.userId}`, { departmentId: xiuying, postId: post.id });
    expect(moved.json()).toMatchObject({ departmentId: xiuying, postName: '综合窗口' });
    expect((await admin.patch(`/staff/${created.userId}`, { status: 'disabled' })).json().status).toBe(
      'disabled',
    );
    const asClerk = client(app, await signIn(app, 'clerk', DEMO_PASSWORD));
    const seen = await listAll<{ departmentId: string; username: string }>(asClerk.get, '/staff');
    expect(new Set(seen.map((s) => s.departmentId))).toEqual(new Set([haikou]));
    expect(seen.map((s) => s.username)).toEqual(expect.arrayContaining(['clerk', 'head']));
    expect((await asClerk.get('/departments')).statusCode).toBe(403);
    expect((await asClerk.patch(`/staff/${created.userId}`, { status: 'active' })).statusCode).toBe(403);
  });
});

describe('assignable roles', () => {
  const assignable = async (as: ReturnType<typeof client>) => {
    const response = await as.get('/staff/assignable-roles');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { id: string; code: string }[]; nextCursor: null };
    expect(body.nextCursor).toBeNull();
    return body.items;
  };

  it('lists for the system administrator the roles its own grants cover, not the other 三员', async () => {
    const codes = (await assignable(admin)).map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['window_clerk', 'dept_head', 'sysadmin']));
    expect(codes).not.toContain('secadmin');
    expect(codes).not.toContain('auditadmin');
    const clerkRole = (await assignable(admin)).find((r) => r.code === 'window_clerk');
    expect(clerkRole).toMatchObject({
      name: '窗口受理员',
      builtin: false,
      grants: expect.arrayContaining([
        { permission: P.staffRead, scope: 'department' },
        { permission: P.caseHandle, scope: 'department' },
        { permission: P.caseWindow, scope: 'department' },
      ]),
    });
  });

  it('lists exactly the roles that setStaffRoles accepts from that caller', async () => {
    await makeRole(db, 'tree_manager', [
      [P.staffManage, 'departmentTree'],
      [P.staffRead, 'departmentTree'],
      // window_clerk also grants case handling at the window
      [P.caseHandle, 'departmentTree'],
      [P.caseWindow, 'departmentTree'],
    ]);
    await makeRole(db, 'parent_grant', [['identity:staff', 'department']]);
    await makeRole(db, 'region_reader', [[P.staffRead, 'regionTree']]);
    const manager = (await admin.post('/staff', newStaff({ departmentId: haikou }))).json();
    await admin.put(`/staff/${manager.userId}/roles`, { roleIds: [await roleId('tree_manager')] });
    const asManager = client(app, await signIn(app, manager.username, 'Staff@2026x'));
    const listed = new Set((await assignable(asManager)).map((r) => r.code));
    expect([...listed]).toEqual(expect.arrayContaining(['window_clerk', 'tree_manager']));
    // dept_head also grants identity:department:read; a parent code exceeds its own children
    for (const code of ['dept_head', 'parent_grant', 'region_reader', 'sysadmin', 'secadmin'])
      expect(listed).not.toContain(code);

    const target = (await asManager.post('/staff', newStaff({ departmentId: haikou }))).json();
    const roles = await db.selectFrom('roles').select(['id', 'code']).execute();
    for (const role of roles) {
      const response = await asManager.put(`/staff/${target.userId}/roles`, { roleIds: [role.id] });
      expect(response.statusCode === 200, `${role.code}: ${response.body}`).toBe(listed.has(role.code));
    }
  });

  it('needs identity:staff:manage', async () => {
    const asClerk = client(app, await signIn(app, 'clerk', DEMO_PASSWORD));
    expect((await asClerk.get('/staff/assignable-roles')).statusCode).toBe(403);
  });
});

describe('staff list filters', () => {
  it('finds staff by part of the username or name, in any case', async () => {
    const found = await listAll<{ username: string }>(admin.get, '/staff?q=CLER');
    expect(found.map((s) => s.username)).toContain('clerk');
    expect(found.every((s) => s.username.toLowerCase().includes('cler'))).toBe(true);
    const byName = await listAll<{ name: string }>(admin.get, `/staff?q=${encodeURIComponent('赵主')}`);
    expect(byName.map((s) => s.name)).toEqual(['赵主任']);
    expect(await listAll(admin.get, '/staff?q=%25')).toEqual([]);
  });

  it('with subtree, lists the staff of the department and every department below it', async () => {
    const only = await listAll<{ departmentId: string }>(admin.get, `/staff?departmentId=${haikou}`);
    const tree = await listAll<{ departmentId: string }>(
      admin.get,
      `/staff?departmentId=${haikou}&subtree=true`,
    );
    expect(new Set(only.map((s) => s.departmentId))).toEqual(new Set([haikou]));
    expect(new Set(tree.map((s) => s.departmentId))).toEqual(new Set([haikou, xiuying]));
    expect(tree.length).toBeGreaterThan(only.length);
    expect(await listAll(admin.get, `/staff?departmentId=${province}`)).toEqual([]);
  });
});
