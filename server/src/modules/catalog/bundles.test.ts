import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { aBasicItem, aDraft, catalogClient, departmentId } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));
const anonymous = catalogClient(app);
const centre = await departmentId(db, 'HK-ZWFWZX');

const sharedForm = {
  type: 'object',
  properties: {
    babyName: { title: '新生儿姓名', 'x-kind': 'text', type: 'string' },
    motherIdNumber: { title: '母亲身份证号', 'x-kind': 'idNumber', type: 'string' },
  },
  required: ['babyName'],
};

describe('一件事 bundles', () => {
  it('publishes 新生儿出生一件事 with four members in dispatch order, readable without sign-in', async () => {
    const list = (await anonymous.get('/bundles?regionCode=460105')).json();
    expect(list.items.map((b: { name: string }) => b.name)).toContain('新生儿出生一件事');
    const bundle = (await anonymous.get('/bundles/YJS-460100-XSECS')).json();
    expect(bundle.members.map((m: { itemName: string }) => m.itemName)).toEqual([
      '出生医学证明办理',
      '出生登记',
      '城乡居民基本医疗保险参保登记',
      '社会保障卡申领',
    ]);
    expect(bundle.members.every((m: { acceptingApplications: boolean }) => m.acceptingApplications)).toBe(
      true,
    );
    expect(bundle.members[1].fieldMap).toMatchObject({
      babyName: 'childName',
      fatherIdNumber: 'guardianIdNumber',
    });
    expect((await anonymous.get('/bundles?regionCode=460200')).json().items).toEqual([]);
  });

  it('refuses members that are unpublished or unknown and fields missing on either side, naming each; writes nothing', async () => {
    const newborn = (await anonymous.get('/bundles/YJS-460100-XSECS')).json();
    const [birth, household] = newborn.members;
    const unpublished = await aDraft(author, (await aBasicItem(author)).id, await departmentId(db, 'HK-WJW'));
    const before = [await countRows(db, 'catalog_bundles'), await countRows(db, 'audit_ledger')];
    const response = await author.post('/admin/bundles', {
      code: 'YJS-TEST-BAD',
      name: '坏的一件事',
      objectType: 'person',
      departmentId: centre,
      form: sharedForm,
      members: [
        { itemId: birth.itemId, fieldMap: { babyName: 'babyName', fatherName: 'fatherName' } },
        { itemId: household.itemId, fieldMap: { babyName: 'noSuchField' } },
        { itemId: unpublished.itemId, fieldMap: {} },
        { itemId: birth.itemId, fieldMap: {} },
        { itemId: '01900000-0000-7000-8000-000000000000', fieldMap: {} },
      ],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CATALOG_BUNDLE_INVALID');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.members.0.fieldMap.fatherName',
      'body.members.1.fieldMap.babyName',
      'body.members.2.itemId',
      'body.members.3.itemId',
      'body.members.4.itemId',
    ]);
    expect([await countRows(db, 'catalog_bundles'), await countRows(db, 'audit_ledger')]).toEqual(before);
  });

  it('creates, replaces and deletes a bundle, auditing each', async () => {
    const newborn = (await anonymous.get('/bundles/YJS-460100-XSECS')).json();
    const [birth, household, insurance] = newborn.members;
    const body = {
      code: 'YJS-TEST-OK',
      name: '测试一件事',
      objectType: 'person',
      departmentId: centre,
      themes: ['birth'],
      form: sharedForm,
      members: [
        { itemId: birth.itemId, fieldMap: { babyName: 'babyName', motherIdNumber: 'motherIdNumber' } },
        { itemId: household.itemId, fieldMap: { babyName: 'childName' } },
      ],
    };
    const created = await author.post('/admin/bundles', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await author.post('/admin/bundles', body)).json().code).toBe('CATALOG_BUNDLE_CODE_TAKEN');
    const { code: _code, ...rest } = body;
    const replaced = await author.put(`/admin/bundles/${id}`, {
      ...rest,
      members: [
        ...body.members.reverse(),
        { itemId: insurance.itemId, fieldMap: { babyName: 'insuredName' } },
      ],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(
      replaced.json().members.map((m: { position: number; itemId: string }) => [m.position, m.itemId]),
    ).toEqual([
      [1, household.itemId],
      [2, birth.itemId],
      [3, insurance.itemId],
    ]);
    expect((await author.delete(`/admin/bundles/${id}`)).statusCode).toBe(204);
    expect((await anonymous.get(`/bundles/${id}`)).statusCode).toBe(404);
    const actions = await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'catalog.createBundle',
      'catalog.updateBundle',
      'catalog.deleteBundle',
    ]);
  });
});
