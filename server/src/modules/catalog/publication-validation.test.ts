import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { toJson } from '../../platform/db/tables.js';
import { signIn, startTestApp } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { aBasicItem, aDraft, catalogClient, departmentId } from './testing/api.js';
import { aGuide } from './testing/builders.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));
const reviewer = catalogClient(app, await signIn(app, 'itemreviewer', DEMO_PASSWORD));
const health = await departmentId(db, 'HK-WJW');

const rows = async () =>
  Promise.all(
    (
      ['catalog_item_versions', 'catalog_version_events', 'catalog_search_entries', 'audit_ledger'] as const
    ).map((table) => countRows(db, table)),
  );

/** A guide with one of each kind of problem the brief names, and a few more. */
function brokenGuide() {
  const good = aGuide();
  const { conditions: _dropped, ...withoutConditions } = good;
  return {
    ...withoutConditions,
    handlingType: 'promised' as const,
    statutoryDays: 0,
    committedDays: 0,
    materials: [{ ...good.materials![0]!, licenceTypeCode: undefined }, good.materials![1]!],
    fees: [good.fees![0]!, { ...good.fees![0]! }],
    form: { type: 'object', properties: { name: { title: '姓名', 'x-kind': 'bogus', type: 'string' } } },
    situations: {
      start: 'q1',
      questions: [
        {
          id: 'q1',
          text: '一',
          next: 'q2',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        },
        {
          id: 'q2',
          text: '二',
          next: 'q1',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        },
        {
          id: 'q3',
          text: '三',
          options: [
            { value: 'a', label: 'A' },
            { value: 'b', label: 'B' },
          ],
        },
      ],
    },
    mode: {
      kind: 'instant' as const,
      autonomy: 'auto' as const,
      rules: { and: [{ log: 1 }, { var: 'secret' }] },
    },
  };
}

describe('submit and publish validate everything', () => {
  it('refuses a bad draft with 422 naming every problem, writing nothing', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    const saved = await author.put(`/admin/versions/${draft.id}`, brokenGuide());
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await rows();
    const response = await author.post(`/admin/versions/${draft.id}/submit`);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.code).toBe('CATALOG_VERSION_INVALID');
    const fields = problem.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'body.conditions',
        'body.statutoryDays',
        'body.committedDays',
        'body.materials.0.licenceTypeCode',
        'body.fees.1.key',
        'body.mode.rules.and.0.log',
        'body.mode.rules.and.1.var',
      ]),
    );
    expect(fields.some((f: string) => f.startsWith('body.form.'))).toBe(true);
    const situationCodes = (await author.get(`/admin/versions/${draft.id}/validation`))
      .json()
      .errors.filter((e: { field: string }) => e.field.startsWith('body.situations'))
      .map((e: { code: string }) => e.code);
    expect(situationCodes).toEqual(
      expect.arrayContaining(['SITUATION_LOOP', 'SITUATION_UNREACHABLE_QUESTION']),
    );
    expect(await rows()).toEqual(before);
    expect((await author.get(`/admin/versions/${draft.id}`)).json().status).toBe('draft');
  });

  it('previews the same problems without changing anything, and passes a good guide', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    expect((await author.get(`/admin/versions/${draft.id}/validation`)).json()).toEqual({
      valid: true,
      errors: [],
    });
    await author.put(`/admin/versions/${draft.id}`, brokenGuide());
    const preview = (await author.get(`/admin/versions/${draft.id}/validation`)).json();
    const submit = (await author.post(`/admin/versions/${draft.id}/submit`)).json();
    expect(preview.valid).toBe(false);
    expect(preview.errors.map((e: { field: string }) => e.field)).toEqual(
      submit.errors.map((e: { field: string }) => e.field),
    );
  });

  it('names 承诺件 time limits: committed 0 or above the statutory limit', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    await author.put(`/admin/versions/${draft.id}`, aGuide({ statutoryDays: 5, committedDays: 0 }));
    expect((await author.post(`/admin/versions/${draft.id}/submit`)).json().errors).toEqual([
      { field: 'body.committedDays', message: '承诺件 needs a committed time limit of at least 1 day' },
    ]);
    await author.put(`/admin/versions/${draft.id}`, aGuide({ statutoryDays: 5, committedDays: 6 }));
    expect((await author.post(`/admin/versions/${draft.id}/submit`)).json().errors).toEqual([
      { field: 'body.committedDays', message: 'the committed time limit cannot exceed the statutory one' },
    ]);
  });

  it('validates again at publish: a reviewed version that no longer passes is refused and stays reviewed', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    await author.post(`/admin/versions/${draft.id}/submit`);
    await reviewer.post(`/admin/versions/${draft.id}/review`, { decision: 'approve' });
    // as if the rules had tightened since the review: the stored guide no longer passes
    await db
      .updateTable('catalog_item_versions')
      .set({ guide: toJson({ ...aGuide(), consultation: [] }) })
      .where('id', '=', draft.id)
      .execute();
    const before = await rows();
    const response = await reviewer.post(`/admin/versions/${draft.id}/publish`);
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { field: 'body.consultation', message: '咨询方式 consultation: at least one' },
    ]);
    expect(await rows()).toEqual(before);
    expect((await reviewer.get(`/admin/versions/${draft.id}`)).json().status).toBe('reviewed');
  });

  it('rejects malformed drafts at the door (400) before any rule runs', async () => {
    const basic = await aBasicItem(author);
    const before = await countRows(db, 'catalog_items');
    const bad = await author.post('/admin/items', {
      basicItemId: basic.id,
      departmentId: health,
      guide: { ...aGuide(), onlineDepth: 9, surprise: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['body.guide.onlineDepth', 'body.guide.surprise']),
    );
    expect(await countRows(db, 'catalog_items')).toBe(before);
  });
});
