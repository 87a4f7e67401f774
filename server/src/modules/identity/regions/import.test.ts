import { describe, expect, it } from 'vitest';
import { withTransaction } from '../../../platform/db/transaction.js';
import { countRows, freshDatabase } from '../../../test/test-database.js';
import { divisionRows, importRegions, loadDivisionData } from './import.js';

const county = loadDivisionData('county');
const town = loadDivisionData('town');

describe('division rows', () => {
  it('puts every parent before its children, and every row in one place', () => {
    const rows = divisionRows(town, { provinceCodes: [], depth: 'town' });
    const seen = new Set<string>();
    for (const row of rows) {
      if (row.parent_code) expect(seen.has(row.parent_code), row.code).toBe(true);
      expect(seen.has(row.code)).toBe(false);
      seen.add(row.code);
    }
    expect(new Set(rows.map((r) => r.path)).size).toBe(rows.length);
  });

  it('keeps 省直辖县级行政区划 as a city-level grouping and hangs 儋州 towns under the city', () => {
    const rows = divisionRows(town, { provinceCodes: ['46'], depth: 'town' });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('469000')).toMatchObject({
      name: '省直辖县级行政区划',
      level: 'city',
      parent_code: '460000',
    });
    expect(byCode.get('469002')).toMatchObject({ name: '琼海市', level: 'county', parent_code: '469000' });
    expect(byCode.get('460400')).toMatchObject({ name: '儋州市', level: 'city' });
    expect(byCode.get('460400100')).toMatchObject({
      name: '那大镇',
      level: 'town',
      parent_code: '460400',
      path: '460000.460400.460400100',
    });
    expect(rows.filter((r) => r.code === '460400')).toHaveLength(1);
    expect(rows.every((r) => r.path.startsWith('460000'))).toBe(true);
  });

  it('imports all of China to county level in about 3,300 rows', () => {
    const rows = divisionRows(county, { provinceCodes: [], depth: 'county' });
    expect(rows.filter((r) => r.level === 'province')).toHaveLength(31);
    expect(rows.length).toBeGreaterThan(3000);
    expect(rows.length).toBeLessThan(3500);
    expect(rows.some((r) => r.level === 'town')).toBe(false);
  });

  it('numbers siblings by their place in the whole data set', () => {
    const hainan = divisionRows(county, { provinceCodes: ['46'], depth: 'county' });
    const all = divisionRows(county, { provinceCodes: [], depth: 'county' });
    const sortInAll = new Map(all.map((r) => [r.code, r.sort]));
    for (const row of hainan) expect(row.sort).toBe(sortInAll.get(row.code));
  });
});

describe('importRegions', () => {
  it('upserts idempotently, and updates only what changed', async () => {
    const { db, close } = await freshDatabase();
    try {
      const options = { provinceCodes: ['46', '11'], depth: 'town' as const };
      const first = await withTransaction(db, (trx) => importRegions(trx, options, town));
      const rows = await countRows(db, 'regions');
      expect(first).toEqual({ inserted: rows, updated: 0 });
      expect(rows).toBeGreaterThan(400); // Hainan has ~275, Beijing ~370
      expect(await withTransaction(db, (trx) => importRegions(trx, options, town))).toEqual({
        inserted: 0,
        updated: 0,
      });
      const renamed = {
        ...town,
        cities: town.cities.map((c) => (c.code === '4601' ? { ...c, name: '海口' } : c)),
      };
      expect(await withTransaction(db, (trx) => importRegions(trx, options, renamed))).toEqual({
        inserted: 0,
        updated: 1,
      });
      expect(await countRows(db, 'regions')).toBe(rows);
    } finally {
      await close();
    }
  });
});
