import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { aBasicItem, aDraft, catalogClient } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);

describe('a department the catalogue refers to', () => {
  it('cannot be deleted: 409 DEPARTMENT_IN_USE, and the department and its item stay', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/departments',
      headers: admin,
      payload: { name: '临时审批科', regionCode: '460100', code: 'LSSPK' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const departmentId = created.json().id as string;
    const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));
    const basic = await aBasicItem(author);
    await aDraft(author, basic.id, departmentId);

    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/identity/departments/${departmentId}`,
      headers: admin,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'DEPARTMENT_IN_USE' });
    const still = await db.selectFrom('departments').select('id').where('id', '=', departmentId).execute();
    expect(still).toHaveLength(1);
  });
});
