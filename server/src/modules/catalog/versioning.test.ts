import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../demo/demo-data.js';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../test/test-app.js';
import { countRows } from '../../test/test-database.js';
import { aBasicItem, aDraft, catalogClient, departmentId, publish } from './testing/api.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);
const author = catalogClient(app, await signIn(app, 'itemadmin', DEMO_PASSWORD));
const reviewer = catalogClient(app, await signIn(app, 'itemreviewer', DEMO_PASSWORD));
const anonymous = catalogClient(app);
let health: string;
beforeAll(async () => {
  health = await departmentId(db, 'HK-WJW');
});

const rows = async () => [
  await countRows(db, 'catalog_item_versions'),
  await countRows(db, 'catalog_version_events'),
  await countRows(db, 'audit_ledger'),
];
const auditActions = async (targetIds: string[]) =>
  (
    await db
      .selectFrom('audit_ledger')
      .select('action')
      .where('target_id', 'in', targetIds)
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

describe('versioned publication', () => {
  it('drafts, submits, reviews and publishes; the code follows the rule; every step is audited', async () => {
    const basic = await aBasicItem(author);
    expect(basic.code).toMatch(/^01\d{7}$/);
    const draft = await aDraft(author, basic.id, health);
    expect(draft).toMatchObject({
      number: 1,
      status: 'draft',
      actions: expect.arrayContaining(['edit', 'submit']),
    });
    expect(draft.itemCode).toBe(`${basic.code}-460100-HKWJW-01`);
    await publish(author, reviewer, draft.id);
    const published = (await reviewer.get(`/admin/versions/${draft.id}`)).json();
    expect(published).toMatchObject({ status: 'published', actions: ['suspend', 'cancel'] });
    expect(published.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'submit',
      'approve',
      'publish',
    ]);
    expect(await auditActions([draft.itemId, draft.id])).toEqual([
      'catalog.createItemDraft',
      'catalog.submitItemVersion',
      'catalog.approveItemVersion',
      'catalog.publishItemVersion',
    ]);
    const guide = await anonymous.get(`/items/${draft.itemCode}`);
    expect(guide.json()).toMatchObject({ versionNumber: 1, guide: { name: '测试事项' } });
    const second = await aDraft(author, basic.id, health);
    expect(second.itemCode).toBe(`${basic.code}-460100-HKWJW-02`);
  });

  it('refuses to edit a published version (409) and writes nothing', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    await publish(author, reviewer, draft.id);
    const before = await rows();
    const edit = await author.put(`/admin/versions/${draft.id}`, { ...draft.guide, name: '改名' });
    expect(edit.statusCode).toBe(409);
    expect(edit.headers['content-type']).toContain('application/problem+json');
    expect(edit.json().code).toBe('CATALOG_VERSION_NOT_EDITABLE');
    expect(await rows()).toEqual(before);
    expect((await anonymous.get(`/items/${draft.itemId}`)).json().guide.name).toBe('测试事项');
  });

  it('revises into a new draft copied from the latest; publishing it supersedes the old; the diff names the changes', async () => {
    const draft = await aDraft(author, (await aBasicItem(author)).id, health);
    await publish(author, reviewer, draft.id);
    const revision = await author.post(`/admin/items/${draft.itemId}/versions`);
    expect(revision.statusCode, revision.body).toBe(201);
    const v2 = revision.json();
    expect(v2).toMatchObject({ number: 2, status: 'draft', guide: draft.guide });
    const again = await author.post(`/admin/items/${draft.itemId}/versions`);
    expect(again.json().code).toBe('CATALOG_OPEN_VERSION_EXISTS');
    const materials = [
      { ...draft.guide.materials![0]!, copies: 2 },
      { ...draft.guide.materials![1]! },
      { ...draft.guide.materials![0]!, key: 'photo', name: '照片' },
    ];
    const edited = await author.put(`/admin/versions/${v2.id}`, {
      ...draft.guide,
      committedDays: 3,
      materials,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    // the published version still serves citizens while version 2 is in the works
    expect((await anonymous.get(`/items/${draft.itemId}`)).json().versionNumber).toBe(1);
    await publish(author, reviewer, v2.id);
    const versions = (await reviewer.get(`/admin/items/${draft.itemId}/versions`)).json().items;
    expect(versions.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    expect((await anonymous.get(`/items/${draft.itemId}`)).json().versionNumber).toBe(2);
    const diff = (await reviewer.get(`/admin/items/${draft.itemId}/diff?from=1&to=2`)).json();
    expect(diff.changes).toEqual([{ field: 'committedDays', before: 5, after: 3 }]);
    expect(diff.materials).toEqual({
      added: [{ key: 'photo', name: '照片' }],
      removed: [],
      changed: [{ key: 'idCard', name: '居民身份证', fields: ['copies'] }],
    });
    const superseded = await author.put(`/admin/versions/${draft.id}`, draft.guide);
    expect(superseded.json().code).toBe('CATALOG_VERSION_NOT_EDITABLE');
  });

  it('keeps four eyes: an author cannot review or publish their own version, whatever they hold', async () => {
    const admin = catalogClient(app, await signIn(app, 'admin', TEST_ADMIN_PASSWORD));
    const draft = await aDraft(admin, (await aBasicItem(admin)).id, health);
    expect((await admin.post(`/admin/versions/${draft.id}/submit`)).statusCode).toBe(200);
    const before = await rows();
    const own = await admin.post(`/admin/versions/${draft.id}/review`, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('CATALOG_FOUR_EYES');
    expect(await rows()).toEqual(before);
    const forbidden = await author.post(`/admin/versions/${draft.id}/review`, { decision: 'approve' });
    expect(forbidden.json().code).toBe('FORBIDDEN');
    const noComment = await reviewer.post(`/admin/versions/${draft.id}/review`, { decision: 'reject' });
    expect(noComment.json().errors).toEqual([{ field: 'body.comment', message: 'required when rejecting' }]);
    const rejected = await reviewer.post(`/admin/versions/${draft.id}/review`, {
      decision: 'reject',
      comment: '材料清单不完整',
    });
    expect(rejected.json()).toMatchObject({ status: 'draft', reviewComment: '材料清单不完整' });
    const early = await reviewer.post(`/admin/versions/${draft.id}/publish`);
    expect(early.json().code).toBe('CATALOG_ILLEGAL_TRANSITION');
  });

  it('suspends and resumes an item; cancelling keeps versions, hides the item and stops further changes', async () => {
    const draft = await aDraft(author, (await aBasicItem(author, '暂停测试事项')).id, health);
    await publish(author, reviewer, draft.id);
    const search = async () =>
      (await anonymous.get(`/items?q=${encodeURIComponent('暂停测试事项')}`))
        .json()
        .items.some((hit: { id: string }) => hit.id === draft.itemId);
    expect(await search()).toBe(true);
    const suspended = await reviewer.post(`/admin/items/${draft.itemId}/suspend`, { reason: '系统升级' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', actions: ['resume', 'cancel'] });
    expect(await search()).toBe(false);
    expect((await anonymous.get(`/items/${draft.itemId}`)).json()).toMatchObject({
      status: 'suspended',
      acceptingApplications: false,
    });
    expect((await reviewer.post(`/admin/items/${draft.itemId}/resume`)).json().status).toBe('published');
    expect(await search()).toBe(true);
    await author.post(`/admin/items/${draft.itemId}/versions`);
    const cancelled = await reviewer.post(`/admin/items/${draft.itemId}/cancel`, { reason: '事项取消' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', actions: [] });
    expect(await search()).toBe(false);
    expect((await anonymous.get(`/items/${draft.itemId}`)).statusCode).toBe(404);
    const item = (await reviewer.get(`/admin/items/${draft.itemId}`)).json();
    expect(item.cancelledAt).not.toBeNull();
    expect(item.versions.map((v: { status: string }) => v.status)).toEqual(['cancelled', 'cancelled']);
    expect((await author.post(`/admin/items/${draft.itemId}/versions`)).json().code).toBe(
      'CATALOG_ITEM_CANCELLED',
    );
  });

  it('lists items in scope with a status filter (the review queue)', async () => {
    const draft = await aDraft(author, (await aBasicItem(author, '待审核事项')).id, health);
    await author.post(`/admin/versions/${draft.id}/submit`);
    const queue = (await reviewer.get('/admin/items?status=submitted&limit=200')).json().items;
    expect(queue.map((i: { id: string }) => i.id)).toContain(draft.itemId);
    const found = (await reviewer.get(`/admin/items?q=${encodeURIComponent('待审核')}`)).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      open: { status: 'submitted', number: 1 },
      live: null,
      departmentName: '海口市卫生健康委员会',
    });
  });
});
