import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../demo/demo-data.js';
import { grantCovers, heldScope } from '../../../platform/http/auth.js';
import { client, makeRole, makeStaff, sessionFor } from '../../../test/organisations.js';
import { signIn, startTestApp } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';
import { builtinRoles, Permissions as P, resourceTree } from '../permissions.js';
import { DEFAULT_ROLE_GROUP_ID } from './migrations.js';

const { app, db, services } = await startTestApp();
const secadmin = client(app, await signIn(app, 'secadmin', DEMO_PASSWORD));
const roleId = async (code: string) =>
  (await db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const haikou = (
  await db.selectFrom('departments').select('id').where('code', '=', 'HK-ZWFWZX').executeTakeFirstOrThrow()
).id;
const snapshot = async () =>
  Promise.all(
    ['roles', 'role_permissions', 'role_groups', 'audit_ledger'].map((t) => countRows(db, t as 'roles')),
  );
const auditActions = async (targetId: string) =>
  (
    await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('target_id', '=', targetId)
      .orderBy('seq')
      .execute()
  ).map((a) => a.action);

describe('三员 roles', () => {
  it('have disjoint grants and only auditadmin covers audit:read', async () => {
    const grants = new Map<string, string[]>();
    for (const code of ['sysadmin', 'secadmin', 'auditadmin']) {
      const rows = await db
        .selectFrom('role_permissions')
        .select('permission')
        .where('role_id', '=', await roleId(code))
        .execute();
      grants.set(
        code,
        rows.map((r) => r.permission),
      );
    }
    const codes = [...grants.keys()];
    for (const a of codes)
      for (const b of codes) {
        if (a === b) continue;
        for (const mine of grants.get(a)!)
          for (const theirs of grants.get(b)!)
            expect(grantCovers(mine, theirs), `${a} ${mine} / ${b} ${theirs}`).toBe(false);
      }
    const readers = codes.filter((c) => grants.get(c)!.some((g) => grantCovers(g, P.auditRead)));
    expect(readers).toEqual(['auditadmin']);
    expect(grants.get('secadmin')).toEqual(expect.arrayContaining([P.roleRead, P.roleManage]));
    expect(builtinRoles.map((r) => r.code)).toEqual(codes);
  });

  it('nobody can edit the audit ledger: no permission code writes it', () => {
    expect(Object.values(P).filter((p) => p.startsWith('audit:'))).toEqual([P.auditRead, P.auditVerify]);
  });
});

describe('resource tree', () => {
  it('is seeded from the permission codes with their prefixes, parents first', async () => {
    const response = await secadmin.get('/permissions');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { code: string; parentCode: string | null; kind: string }[];
    const codes = items.map((i) => i.code);
    for (const code of [...Object.values(P), 'identity', 'identity:staff', 'audit'])
      expect(codes).toContain(code);
    for (const [i, item] of items.entries())
      if (item.parentCode) expect(codes.indexOf(item.parentCode)).toBeLessThan(i);
    expect(items.find((i) => i.code === 'identity:staff')!.kind).toBe('menu');
    expect(items.find((i) => i.code === P.staffRead)!.kind).toBe('action');
    expect(resourceTree().length).toBe(items.length);
  });

  it('a grant of a parent covers its descendants, including codes added after the grant', async () => {
    const role = await makeRole(db, 'staff_prefix', [['identity:staff', 'all']]);
    const user = await makeStaff(db, haikou, [role]);
    const staffer = client(app, await sessionFor(db, user));
    expect((await staffer.get('/staff')).statusCode).toBe(200);
    expect((await staffer.get('/departments')).statusCode).toBe(403);
    await db
      .insertInto('resources')
      .values({
        code: 'identity:staff:export',
        parent_code: 'identity:staff',
        name: '导出工作人员',
        kind: 'action',
      })
      .execute();
    // as bootstrap does when a new version brings new codes
    await services.identity.actors.invalidate();
    const me = (await staffer.get('/me')).json();
    expect(me.permissions).toEqual(
      expect.arrayContaining(['identity:staff', P.staffRead, P.staffManage, 'identity:staff:export']),
    );
    // the same rule at check time, for a code not (yet) in the tree
    const held = new Map([['identity:staff', 'department' as const]]);
    expect(heldScope(held, 'identity:staff:someday')).toBe('department');
    expect(heldScope(held, 'identity:staffing')).toBeNull();
    expect(heldScope(held, 'identity')).toBeNull();
  });
});

describe('role administration', () => {
  it('secadmin creates a role in 默认, moves it to a new group and deletes it, all audited', async () => {
    const created = await secadmin.post('/roles', {
      name: '安全审阅员',
      permissions: [P.securityView],
      dataScope: 'all',
    });
    expect(created.statusCode, created.body).toBe(201);
    const role = created.json();
    expect(role).toMatchObject({
      groupId: DEFAULT_ROLE_GROUP_ID,
      builtin: false,
      grants: [{ permission: P.securityView, scope: 'all' }],
    });
    const groups = (await secadmin.get('/role-groups')).json().items as { id: string; name: string }[];
    expect(groups[0]).toMatchObject({ id: DEFAULT_ROLE_GROUP_ID, name: '默认' });

    const group = await secadmin.post('/role-groups', { name: '安全类' });
    expect(group.statusCode, group.body).toBe(201);
    expect((await secadmin.post('/role-groups', { name: '安全类' })).json().code).toBe(
      'ROLE_GROUP_NAME_TAKEN',
    );
    const moved = await secadmin.post(`/roles/${role.id}/move`, { groupId: group.json().id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().groupId).toBe(group.json().id);
    const inGroup = (await secadmin.get(`/roles?groupId=${group.json().id}`)).json();
    expect(inGroup.items.map((r: { id: string }) => r.id)).toEqual([role.id]);
    const inDefault = (await secadmin.get(`/roles?groupId=${DEFAULT_ROLE_GROUP_ID}&limit=200`)).json();
    expect(inDefault.items.map((r: { id: string }) => r.id)).not.toContain(role.id);

    const regranted = await secadmin.put(`/roles/${role.id}/grants`, {
      permissions: [P.securityView, P.roleRead],
      dataScope: 'department',
    });
    expect(regranted.statusCode, regranted.body).toBe(200);
    expect(regranted.json().grants).toHaveLength(2);

    const deleted = await secadmin.delete(`/roles/${role.id}`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(
      await db.selectFrom('roles').where('id', '=', role.id).select('id').executeTakeFirst(),
    ).toBeUndefined();
    expect(await auditActions(role.id)).toEqual([
      'identity.createRole',
      'identity.moveRole',
      'identity.setRoleGrants',
      'identity.deleteRole',
    ]);
  });

  it('refuses escalation and unknown codes with specific codes, writing nothing', async () => {
    const narrow = await makeRole(db, 'narrow_admin', [
      [P.roleManage, 'all'],
      [P.securityView, 'department'],
    ]);
    const narrowAdmin = client(app, await sessionFor(db, await makeStaff(db, haikou, [narrow])));
    const before = await snapshot();
    const cases: [ReturnType<typeof client>, Record<string, unknown>, number, string][] = [
      [secadmin, { permissions: [P.staffRead], dataScope: 'self' }, 403, 'GRANT_EXCEEDS_OWN'],
      [secadmin, { permissions: ['identity'], dataScope: 'self' }, 403, 'GRANT_EXCEEDS_OWN'],
      [secadmin, { permissions: [P.auditRead], dataScope: 'all' }, 403, 'GRANT_EXCEEDS_OWN'],
      [narrowAdmin, { permissions: [P.securityView], dataScope: 'departmentTree' }, 403, 'GRANT_EXCEEDS_OWN'],
      [secadmin, { permissions: ['nope:thing'], dataScope: 'self' }, 400, 'PERMISSION_UNKNOWN'],
      [secadmin, { permissions: [], dataScope: 'self', groupId: narrow }, 404, 'ROLE_GROUP_NOT_FOUND'],
      [secadmin, { permissions: [], dataScope: 'self', code: 'sysadmin' }, 409, 'ROLE_CODE_TAKEN'],
    ];
    for (const [caller, extra, status, code] of cases) {
      const response = await caller.post('/roles', { name: '越权角色', ...extra });
      expect(response.statusCode, `${code} ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe(code);
    }
    const mine = (await secadmin.post('/roles', { name: '可改', permissions: [], dataScope: 'self' })).json();
    const after = await snapshot();
    const refused = await secadmin.put(`/roles/${mine.id}/grants`, {
      permissions: [P.staffManage],
      dataScope: 'self',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('GRANT_EXCEEDS_OWN');
    expect(await snapshot()).toEqual(after);
    expect(after[0]).toBe(before[0]! + 1);
    // the narrower admin may grant what it holds, at its scope or narrower
    const ok = await narrowAdmin.post('/roles', {
      name: '本部门安全查看',
      permissions: [P.securityView],
      dataScope: 'self',
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('gives each permission its own data scope when `scopes` names one, each checked against mine', async () => {
    const narrow = await makeRole(db, 'scoped_admin', [
      [P.roleManage, 'all'],
      [P.securityView, 'departmentTree'],
      [P.securityManage, 'self'],
    ]);
    const scopedAdmin = client(app, await sessionFor(db, await makeStaff(db, haikou, [narrow])));
    const created = await scopedAdmin.post('/roles', {
      name: '分级安全员',
      permissions: [P.securityView, P.securityManage],
      dataScope: 'self',
      scopes: { [P.securityView]: 'department' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const role = created.json();
    expect(role.grants).toEqual([
      { permission: P.securityManage, scope: 'self' },
      { permission: P.securityView, scope: 'department' },
    ]);
    const before = await snapshot();
    const wider = await scopedAdmin.put(`/roles/${role.id}/grants`, {
      permissions: [P.securityView, P.securityManage],
      dataScope: 'self',
      scopes: { [P.securityManage]: 'department' },
    });
    expect(wider.statusCode).toBe(403);
    expect(wider.json()).toMatchObject({ code: 'GRANT_EXCEEDS_OWN' });
    expect(wider.json().detail).toContain(P.securityManage);
    const stray = await scopedAdmin.put(`/roles/${role.id}/grants`, {
      permissions: [P.securityView],
      dataScope: 'self',
      scopes: { [P.securityManage]: 'self' },
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().errors).toEqual([
      { field: `body.scopes.${P.securityManage}`, message: 'not in permissions' },
    ]);
    expect(await snapshot()).toEqual(before);
    const regranted = await scopedAdmin.put(`/roles/${role.id}/grants`, {
      permissions: [P.securityView, P.securityManage],
      dataScope: 'self',
      scopes: { [P.securityView]: 'departmentTree' },
    });
    expect(regranted.statusCode, regranted.body).toBe(200);
    expect(regranted.json().grants).toContainEqual({ permission: P.securityView, scope: 'departmentTree' });
    const audit = await db
      .selectFrom('audit_ledger')
      .select('details')
      .where('action', '=', 'identity.setRoleGrants')
      .where('target_id', '=', role.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ granted: [P.securityView], revoked: [] });
  });

  it('renames a role and changes its description, audited; built-in roles stay as they are', async () => {
    const role = (
      await secadmin.post('/roles', { name: '旧名称', permissions: [], dataScope: 'self' })
    ).json();
    const renamed = await secadmin.patch(`/roles/${role.id}`, { name: ' 新名称 ', description: '用于演示' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '新名称', description: '用于演示', code: role.code });
    expect(await auditActions(role.id)).toEqual(['identity.createRole', 'identity.updateRole']);
    const before = await snapshot();
    const builtin = await secadmin.patch(`/roles/${await roleId('auditadmin')}`, { name: '改名' });
    expect(builtin.statusCode).toBe(409);
    expect(builtin.json().code).toBe('ROLE_BUILTIN');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses deleting or regranting a built-in role and deleting a held role', async () => {
    const before = await snapshot();
    const builtin = await secadmin.delete(`/roles/${await roleId('sysadmin')}`);
    expect(builtin.statusCode).toBe(409);
    expect(builtin.json().code).toBe('ROLE_BUILTIN');
    const regrant = await secadmin.put(`/roles/${await roleId('secadmin')}/grants`, {
      permissions: [P.securityView],
      dataScope: 'all',
    });
    expect(regrant.json().code).toBe('ROLE_BUILTIN');
    const held = await secadmin.delete(`/roles/${await roleId('window_clerk')}`);
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('ROLE_IN_USE');
    expect(await snapshot()).toEqual(before);
  });

  it('is the security administrator’s: others are refused', async () => {
    const admin = client(app, await signIn(app, 'auditor', DEMO_PASSWORD));
    expect((await admin.get('/roles')).statusCode).toBe(403);
    const clerk = client(app, await signIn(app, 'clerk', DEMO_PASSWORD));
    expect((await clerk.post('/roles', { name: 'x', permissions: [], dataScope: 'self' })).statusCode).toBe(
      403,
    );
  });
});
