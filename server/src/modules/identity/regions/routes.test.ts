import { describe, expect, it } from 'vitest';
import { signIn, startTestApp, TEST_ADMIN_PASSWORD } from '../../../test/test-app.js';
import { countRows } from '../../../test/test-database.js';

const { app, db } = await startTestApp();
const bare = await startTestApp({ TONGBAN_DEMO: '0' });
const DEMO = 'Tongban@2026';

interface Item {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  hasChildren: boolean;
}

async function list(query: string) {
  const response = await app.inject({ url: `/api/v1/identity/regions${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: Item[]; nextCursor: string | null };
}

function importRegions(headers: Record<string, string>, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/identity/regions/import', headers, payload });
}

describe('region reads (public)', () => {
  it('lists the provinces, then the children of Hainan, without signing in', async () => {
    expect((await list('')).items).toEqual([
      { code: '460000', name: '海南省', level: 'province', parentCode: null, hasChildren: true },
    ]);
    const cities = (await list('?parentCode=460000')).items;
    expect(cities.map((c) => `${c.code} ${c.name}`)).toEqual([
      '460100 海口市',
      '460200 三亚市',
      '460300 三沙市',
      '460400 儋州市',
      '469000 省直辖县级行政区划',
    ]);
    expect(cities.every((c) => c.level === 'city' && c.hasChildren)).toBe(true);
    const towns = (await list('?parentCode=460105')).items;
    expect(towns.map((t) => t.name)).toContain('长流镇');
    expect(towns.every((t) => t.level === 'town' && !t.hasChildren)).toBe(true);
  });

  it('pages with a cursor and filters by name', async () => {
    // 儋州市 has no counties: its 18 towns hang directly under the city
    const first = await list('?parentCode=460400&limit=7');
    const second = await list(`?parentCode=460400&limit=7&cursor=${first.nextCursor}`);
    const rest = await list(`?parentCode=460400&limit=7&cursor=${second.nextCursor}`);
    expect([first, second, rest].map((p) => p.items.length)).toEqual([7, 7, 4]);
    expect(rest.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...rest.items].map((t) => t.code);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual((await list('?parentCode=460400&limit=200')).items.map((t) => t.code));
    expect((await list('?parentCode=469000&q=黎族')).items.map((c) => c.name)).toEqual([
      '白沙黎族自治县',
      '昌江黎族自治县',
      '乐东黎族自治县',
      '陵水黎族自治县',
      '保亭黎族苗族自治县',
      '琼中黎族苗族自治县',
    ]);
    expect((await list('?parentCode=469000&q=%25')).items).toEqual([]);
  });

  it('shows a region with its ancestors, the province first', async () => {
    const response = await app.inject({ url: '/api/v1/identity/regions/460105001' });
    expect(response.json()).toEqual({
      code: '460105001',
      name: '秀英街道',
      level: 'town',
      parentCode: '460105',
      path: '460000.460100.460105.460105001',
      ancestors: [
        { code: '460000', name: '海南省', level: 'province' },
        { code: '460100', name: '海口市', level: 'city' },
        { code: '460105', name: '秀英区', level: 'county' },
      ],
      childCount: 0,
    });
    const hainan = (await app.inject({ url: '/api/v1/identity/regions/460000' })).json();
    expect(hainan).toMatchObject({ ancestors: [], childCount: 5 });
  });

  it('answers 404 for an unknown region and 400 for a malformed code', async () => {
    const unknown = await app.inject({ url: '/api/v1/identity/regions/110101' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'REGION_NOT_FOUND', title: '行政区划不存在' });
    expect((await app.inject({ url: '/api/v1/identity/regions?parentCode=110000' })).statusCode).toBe(404);
    for (const bad of ['46', '4601', '4601050', '46010500', 'abcdef']) {
      const response = await app.inject({ url: `/api/v1/identity/regions/${bad}` });
      expect(response.statusCode, bad).toBe(400);
    }
    expect((await app.inject({ url: '/api/v1/identity/regions?cursor=zz' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/api/v1/identity/regions?level=city' })).statusCode).toBe(400);
  });
});

describe('region import', () => {
  it('loads no regions on a fresh install without the demo data', async () => {
    expect(await countRows(bare.db, 'regions')).toBe(0);
    const response = await bare.app.inject({ url: '/api/v1/identity/regions' });
    expect(response.json()).toEqual({ items: [], nextCursor: null });
  });

  it('is for the system administrator only', async () => {
    const auditor = await signIn(app, 'auditor', DEMO);
    expect((await importRegions(auditor, { provinceCodes: ['46'], depth: 'town' })).statusCode).toBe(403);
    expect((await importRegions({}, { provinceCodes: ['46'], depth: 'town' })).statusCode).toBe(401);
  });

  it('inserts nothing when Hainan is imported again, and audits the run', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const before = await countRows(db, 'regions');
    const response = await importRegions(admin, { provinceCodes: ['46'], depth: 'town' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ inserted: 0, updated: 0, total: before });
    const audits = await db
      .selectFrom('audit_ledger')
      .select(['actor_name', 'details'])
      .where('action', '=', 'identity.importRegions')
      .orderBy('seq')
      .execute();
    expect(audits.map((a) => a.details.inserted)).toEqual([before, 0]); // the demo data, then this run
    expect(audits[1]!.actor_name).toBe('系统管理员');
  });

  it('adds another province to county level', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const before = await countRows(db, 'regions');
    const response = await importRegions(admin, { provinceCodes: ['11'], depth: 'county' });
    expect(response.json()).toEqual({ inserted: 18, updated: 0, total: before + 18 }); // 北京: 1 + 市辖区 + 16
    expect((await list('')).items.map((p) => p.name)).toEqual(['北京市', '海南省']);
  });

  it('refuses an invalid body and writes nothing', async () => {
    const admin = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const regions = await countRows(db, 'regions');
    const ledger = await countRows(db, 'audit_ledger');
    for (const payload of [
      { provinceCodes: ['4'], depth: 'town' },
      { provinceCodes: ['46'], depth: 'town', villages: true },
      { provinceCodes: ['46'], depth: 'village' },
      { provinceCodes: ['99'], depth: 'county' },
      { provinceCodes: Array.from({ length: 35 }, () => '46'), depth: 'county' },
    ]) {
      const response = await importRegions(admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const unknown = await importRegions(admin, { provinceCodes: ['46', '99'], depth: 'county' });
    expect(unknown.json().errors).toEqual([
      { field: 'body.provinceCodes.1', message: 'no such province in the division data' },
    ]);
    expect(await countRows(db, 'regions')).toBe(regions);
    expect(await countRows(db, 'audit_ledger')).toBe(ledger);
  });
});
