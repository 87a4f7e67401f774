import { describe, expect, it } from 'vitest';
import { client, listAll, makeStaff } from '../../../test/organisations.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';

const { app, db } = await startTestApp();
const admin = client(app, await signIn(app, 'admin', TEST_ADMIN_PASSWORD));

interface Department {
  id: string;
  name: string;
  path: string;
  parentId: string | null;
  regionCode: string;
}

async function create(payload: Record<string, unknown>): Promise<Department> {
  const response = await admin.post('/departments', payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const ledger = () => countRows(db, 'audit_ledger');

describe('departments', () => {
  it('creates, reads, updates and lists departments inside regions', async () => {
    const root = await create({ name: '三亚市政务服务中心', regionCode: '460200', code: 'SY-ZWFW' });
    expect(root).toMatchObject({ parentId: null, path: root.id, regionName: '三亚市', status: 'active' });
    const child = await create({ name: '吉阳区政务服务中心', regionCode: '460203', parentId: root.id });
    expect(child.path).toBe(`${root.id}.${child.id}`);
    const detail = (await admin.get(`/departments/${root.id}`)).json();
    expect(detail).toMatchObject({ childCount: 1, staffCount: 0 });
    const patched = await admin.patch(`/departments/${child.id}`, {
      name: '吉阳区政务中心',
      sort: 3,
      status: 'disabled',
    });
    expect(patched.json()).toMatchObject({ name: '吉阳区政务中心', sort: 3, status: 'disabled' });
    const children = await listAll<Department>(admin.get, `/departments?parentId=${root.id}`);
    expect(children.map((d) => d.id)).toEqual([child.id]);
    const inSanya = await listAll<Department>(admin.get, '/departments?regionCode=460200');
    expect(inSanya.map((d) => d.id)).toEqual([root.id, child.id]);
    const taken = await admin.post('/departments', { name: '重复', regionCode: '460200', code: 'SY-ZWFW' });
    expect(taken.json().code).toBe('DEPARTMENT_CODE_TAKEN');
    const actions = await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('target_id', '=', child.id)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['identity.createDepartment', 'identity.updateDepartment']);
  });

  it('refuses a child outside its parent’s region (422) and writes nothing', async () => {
    const parent = await create({ name: '儋州市政务服务中心', regionCode: '460400' });
    const before = [await countRows(db, 'departments'), await ledger()];
    for (const regionCode of ['460100', '460000']) {
      const response = await admin.post('/departments', { name: '错位', regionCode, parentId: parent.id });
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().code).toBe('DEPARTMENT_REGION_MISMATCH');
    }
    expect((await admin.post('/departments', { name: 'x', regionCode: '110101' })).json().code).toBe(
      'REGION_NOT_FOUND',
    );
    expect([await countRows(db, 'departments'), await ledger()]).toEqual(before);
  });

  it('moves a subtree, rewriting every path, and refuses cycles', async () => {
    const a = await create({ name: 'A', regionCode: '460000' });
    const b = await create({ name: 'B', regionCode: '460100', parentId: a.id });
    const c = await create({ name: 'C', regionCode: '460105', parentId: b.id });
    const d = await create({ name: 'D', regionCode: '460100' });
    const moved = await admin.post(`/departments/${b.id}/move`, { parentId: d.id });
    expect(moved.json()).toMatchObject({ parentId: d.id, path: `${d.id}.${b.id}` });
    expect((await admin.get(`/departments/${c.id}`)).json().path).toBe(`${d.id}.${b.id}.${c.id}`);
    for (const parentId of [b.id, c.id]) {
      const response = await admin.post(`/departments/${b.id}/move`, { parentId });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('DEPARTMENT_CYCLE');
    }
    const sanya = await create({ name: 'S', regionCode: '460200' });
    expect((await admin.post(`/departments/${b.id}/move`, { parentId: sanya.id })).json().code).toBe(
      'DEPARTMENT_REGION_MISMATCH',
    );
    const toRoot = await admin.post(`/departments/${b.id}/move`, { parentId: null });
    expect(toRoot.json()).toMatchObject({ parentId: null, path: b.id });
    expect((await admin.get(`/departments/${c.id}`)).json().path).toBe(`${b.id}.${c.id}`);
  });

  it('refuses to delete a department with children or staff (409 with counts), then deletes it empty', async () => {
    const parent = await create({ name: 'P', regionCode: '460000' });
    const child = await create({ name: 'K', regionCode: '460000', parentId: parent.id });
    const staffId = await makeStaff(db, child.id, []);
    const before = [await countRows(db, 'departments'), await ledger()];
    const withChildren = await admin.delete(`/departments/${parent.id}`);
    expect(withChildren.statusCode).toBe(409);
    expect(withChildren.json()).toMatchObject({
      code: 'DEPARTMENT_HAS_CHILDREN',
      detail: '1 child department(s), 0 staff member(s)',
    });
    const withStaff = await admin.delete(`/departments/${child.id}`);
    expect(withStaff.json()).toMatchObject({
      code: 'DEPARTMENT_HAS_STAFF',
      detail: '0 child department(s), 1 staff member(s)',
    });
    expect([await countRows(db, 'departments'), await ledger()]).toEqual(before);
    await db.deleteFrom('users').where('id', '=', staffId).execute();
    expect((await admin.delete(`/departments/${child.id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/departments/${parent.id}`)).statusCode).toBe(204);
    expect((await admin.get(`/departments/${parent.id}`)).statusCode).toBe(404);
  });

  it('manages halls, windows and posts under a department', async () => {
    const dept = await create({ name: 'H', regionCode: '460100' });
    const hall = (
      await admin.post(`/departments/${dept.id}/halls`, { name: '大厅', openingHours: '9-17' })
    ).json();
    expect(hall).toMatchObject({
      departmentId: dept.id,
      name: '大厅',
      openingHours: '9-17',
      status: 'active',
    });
    const w1 = await admin.post(`/halls/${hall.id}/windows`, { number: '01', name: '一号' });
    expect(w1.statusCode).toBe(201);
    expect((await admin.post(`/halls/${hall.id}/windows`, { number: '01', name: '重' })).json().code).toBe(
      'WINDOW_NUMBER_TAKEN',
    );
    expect((await admin.patch(`/windows/${w1.json().id}`, { status: 'disabled' })).json().status).toBe(
      'disabled',
    );
    expect((await listAll(admin.get, `/halls/${hall.id}/windows`)).length).toBe(1);
    expect((await admin.patch(`/halls/${hall.id}`, { address: '海口' })).json().address).toBe('海口');
    expect((await admin.post(`/departments/${dept.id}/posts`, { name: '受理' })).statusCode).toBe(201);
    expect((await admin.post(`/departments/${dept.id}/posts`, { name: '受理' })).json().code).toBe(
      'POST_NAME_TAKEN',
    );
    expect((await listAll(admin.get, `/departments/${dept.id}/posts`)).length).toBe(1);
    expect((await admin.delete(`/windows/${w1.json().id}`)).statusCode).toBe(204);
    expect((await admin.delete(`/halls/${hall.id}`)).statusCode).toBe(204);
    expect((await listAll(admin.get, `/departments/${dept.id}/halls`)).length).toBe(0);
  });

  it('shows the demo departments, hall and windows', async () => {
    const all = await listAll<Department>(admin.get, '/departments');
    const names = all.map((d) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['海南省政务服务管理局', '海口市政务服务中心', '秀英区政务服务中心']),
    );
    const haikou = all.find((d) => d.name === '海口市政务服务中心')!;
    const [hall] = await listAll<{ id: string; name: string }>(admin.get, `/departments/${haikou.id}/halls`);
    expect(hall!.name).toBe('海口市民游客中心');
    const windows = await listAll<{ number: string }>(admin.get, `/halls/${hall!.id}/windows`);
    expect(windows.map((w) => w.number)).toEqual(['01', '02', '03']);
  });
});
