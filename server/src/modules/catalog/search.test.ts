import { describe, expect, it } from 'vitest';
import { loadCatalogDemoNow } from '../../demo/catalog-demo.js';
import { startTestApp } from '../../test/test-app.js';

const { app, db, services } = await startTestApp();
await loadCatalogDemoNow(db, services);

interface Hit {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  departmentName: string;
  score?: number;
  views?: number;
}

async function search(query: string): Promise<{ items: Hit[]; nextCursor: string | null }> {
  const response = await app.inject({ method: 'GET', url: `/api/v1/catalog/items?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}
const names = (hits: Hit[]) => hits.map((h) => h.name);

describe('catalogue search (public, no sign-in)', () => {
  it('ranks 护士执业注册 first for 护士', async () => {
    const { items } = await search(`q=${encodeURIComponent('护士')}`);
    expect(items[0]?.name).toBe('护士执业注册');
  });

  it('finds 结婚登记 for 结婚, and Chinese phrasing with stop words', async () => {
    expect(names((await search(`q=${encodeURIComponent('结婚')}`)).items)).toContain('结婚登记');
    const { items } = await search(`q=${encodeURIComponent('我要办理结婚登记')}&regionCode=460105`);
    expect(items[0]?.name).toBe('结婚登记');
  });

  it('finds items by alias and by material name', async () => {
    expect(names((await search(`q=${encodeURIComponent('开饭店')}`)).items)[0]).toBe('食品经营许可');
    expect(names((await search(`q=${encodeURIComponent('身份证补办')}`)).items)[0]).toBe(
      '居民身份证换领、补领',
    );
    const byMaterial = names((await search(`q=${encodeURIComponent('分娩记录')}`)).items);
    expect(byMaterial).toContain('出生医学证明办理');
  });

  it('shows a province item in every county and a county item only in its own county', async () => {
    const xiuying = await search(`q=${encodeURIComponent('结婚登记')}&regionCode=460105`);
    expect(xiuying.items.map((h) => h.regionCode)).toEqual(['460105']);
    const longhua = await search(`q=${encodeURIComponent('结婚登记')}&regionCode=460106`);
    expect(longhua.items.map((h) => h.regionCode)).toEqual(['460106']);
    const haikou = await search(`q=${encodeURIComponent('结婚登记')}&regionCode=460100`);
    expect(haikou.items).toEqual([]);
    const nurse = await search(`q=${encodeURIComponent('护士')}&regionCode=460106`);
    expect(nurse.items[0]).toMatchObject({ name: '护士执业注册', regionCode: '460000' });
    const sanya = await search(`q=${encodeURIComponent('诊所备案')}&regionCode=460200`);
    expect(names(sanya.items)).not.toContain('诊所备案');
  });

  it('filters by service object, theme, online depth and 通办 scope, and pages', async () => {
    const enterprise = await search('objectType=enterprise&limit=100');
    expect(enterprise.items.length).toBeGreaterThan(10);
    expect(names(enterprise.items)).not.toContain('结婚登记');
    expect(names(enterprise.items)).toContain('个体工商户设立登记');
    const birth = await search('theme=birth&limit=100');
    expect(names(birth.items)).toEqual(
      expect.arrayContaining(['出生医学证明办理', '出生登记', '社会保障卡申领']),
    );
    const national = await search('scope=national&limit=100');
    expect(names(national.items)).toEqual(expect.arrayContaining(['无犯罪记录证明', '失业登记']));
    const first = await search('limit=5');
    expect(first.items).toHaveLength(5);
    const second = await search(`limit=5&cursor=${first.nextCursor}`);
    expect(second.items.map((h) => h.id)).not.toContain(first.items[0]!.id);
  });

  it('tolerates one stray word in three, not more, and rejects a bad cursor', async () => {
    expect(names((await search(`q=${encodeURIComponent('海口护士执业注册')}`)).items)[0]).toBe(
      '护士执业注册',
    );
    expect((await search(`q=${encodeURIComponent('火星移民许可')}`)).items).toEqual([]);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/catalog/items?cursor=zzz' });
    expect(bad.statusCode).toBe(400);
    const unknownRegion = await app.inject({ method: 'GET', url: '/api/v1/catalog/items?regionCode=110101' });
    expect(unknownRegion.json().code).toBe('REGION_NOT_FOUND');
  });

  it('reads a guide by id or code, counts views, and lists hot items and categories', async () => {
    const nurse = (await search(`q=${encodeURIComponent('护士执业注册')}`)).items[0]!;
    for (const key of [nurse.id, nurse.code, nurse.code]) {
      const guide = await app.inject({ method: 'GET', url: `/api/v1/catalog/items/${key}` });
      expect(guide.statusCode, guide.body).toBe(200);
      expect(guide.json()).toMatchObject({
        code: nurse.code,
        acceptingApplications: true,
        status: 'published',
      });
    }
    const hot = (await app.inject({ method: 'GET', url: '/api/v1/catalog/hot-items?limit=3' })).json();
    expect(hot.items[0]).toMatchObject({ id: nurse.id, views: 3 });
    const categories = (
      await app.inject({ method: 'GET', url: '/api/v1/catalog/categories?regionCode=460105' })
    ).json();
    const marriage = categories.themes.find((t: { code: string }) => t.code === 'marriage');
    expect(marriage.count).toBe(2);
    expect(categories.departments.map((d: { name: string }) => d.name)).not.toContain('龙华区民政局');
    const missing = await app.inject({ method: 'GET', url: '/api/v1/catalog/items/NOPE-1' });
    expect(missing.json().code).toBe('CATALOG_ITEM_NOT_FOUND');
  });
});
