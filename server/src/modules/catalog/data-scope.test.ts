import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import type { DataScope } from '../../platform/http/context.js';
import { makeRole, makeStaff, sessionFor } from '../../test/organisations.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { Permissions as P } from '../identity/permissions.js';
import { aBasicItem, aDraft, catalogClient, departmentId, publish } from './testing/api.js';
import { aGuide } from './testing/builders.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));
const reviewer = catalogClient(app, await signIn(app, 'itemreviewer', DEMO_PASSWORD));
const [health, police] = [await departmentId(db, 'HK-WJW'), await departmentId(db, 'HK-GAJ')];

/** A staff member of `home` holding the catalogue permissions with `scope`. */
async function editor(home: string, scope: DataScope) {
  const role = await makeRole(db, `catalog_${scope}_${Math.random().toString(36).slice(2, 8)}`, [
    [P.catalogItemRead, scope],
    [P.catalogItemManage, scope],
  ]);
  return catalogClient(app, await sessionFor(db, await makeStaff(db, home, [role])));
}

describe('catalogue data scope', () => {
  it('lets a department editor manage only their department’s items (others answer 404)', async () => {
    const basic = await aBasicItem(author);
    const mine = await editor(health, 'department');
    const own = await aDraft(mine, basic.id, health);
    expect(own.itemCode).toContain('-HKWJW-');
    const foreign = await aDraft(author, basic.id, police);
    const before = [await countRows(db, 'catalog_items'), await countRows(db, 'audit_ledger')];
    const create = await mine.post('/admin/items', {
      basicItemId: basic.id,
      departmentId: police,
      guide: aGuide(),
    });
    expect(create.statusCode).toBe(404);
    expect(create.json().code).toBe('DEPARTMENT_NOT_FOUND');
    const edit = await mine.put(`/admin/versions/${foreign.id}`, aGuide({ name: '越权修改' }));
    expect(edit.json().code).toBe('CATALOG_VERSION_NOT_FOUND');
    expect((await mine.post(`/admin/versions/${foreign.id}/submit`)).statusCode).toBe(404);
    expect((await mine.get(`/admin/items/${foreign.itemId}`)).statusCode).toBe(404);
    expect([await countRows(db, 'catalog_items'), await countRows(db, 'audit_ledger')]).toEqual(before);
    const listed = (await mine.get('/admin/items?limit=200')).json().items.map((i: { id: string }) => i.id);
    expect(listed).toContain(own.itemId);
    expect(listed).not.toContain(foreign.itemId);
  });

  it('keeps review to the reviewer’s scope as well', async () => {
    const basic = await aBasicItem(author);
    const draft = await aDraft(author, basic.id, police);
    await author.post(`/admin/versions/${draft.id}/submit`);
    const role = await makeRole(db, 'hk_health_reviewer', [[P.catalogItemReview, 'department']]);
    const healthReviewer = catalogClient(app, await sessionFor(db, await makeStaff(db, health, [role])));
    const review = await healthReviewer.post(`/admin/versions/${draft.id}/review`, { decision: 'approve' });
    expect(review.json().code).toBe('CATALOG_VERSION_NOT_FOUND');
    await publish(author, reviewer, (await aDraft(author, basic.id, health)).id);
  });

  it('creates a draft exactly when the target department lies in the editor’s scope (property)', async () => {
    const rows = await db
      .selectFrom('departments as d')
      .innerJoin('regions as r', 'r.code', 'd.region_code')
      .select(['d.id', 'd.path', 'r.path as regionPath'])
      .where('d.code', 'is not', null)
      .execute();
    const basic = await aBasicItem(author);
    const within = (outer: string, inner: string) => inner === outer || inner.startsWith(`${outer}.`);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...rows),
        fc.constantFrom(...rows),
        fc.constantFrom<DataScope>('department', 'departmentTree', 'regionTree'),
        async (home, target, scope) => {
          const expected =
            scope === 'department'
              ? home.id === target.id
              : scope === 'departmentTree'
                ? within(home.path, target.path)
                : within(home.regionPath, target.regionPath);
          const client = await editor(home.id, scope);
          const response = await client.post('/admin/items', {
            basicItemId: basic.id,
            departmentId: target.id,
            guide: aGuide(),
          });
          expect(response.statusCode, response.body).toBe(expected ? 201 : 404);
        },
      ),
      { numRuns: 25 },
    );
  });
});
