import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/test-database.js';
import { levelOf, parentOf, pathOf } from './codes.js';
import { regionCovers, whereRegionWithin } from './scope.js';

// Few digits per level, so generated codes often share ancestors, siblings and cousins.
// County '00' is a city without counties: its towns hang directly under the city.
const province = fc.constantFrom('11', '46');
const city = fc.constantFrom('01', '02', '90');
const county = fc.constantFrom('00', '01', '05');
const town = fc.constantFrom('001', '100');
const village = fc.constantFrom('001', '201');
const code = fc
  .tuple(province, city, county, town, village, fc.integer({ min: 1, max: 5 }))
  .map(([p, c, a, t, v, depth]) => {
    if (depth === 1) return `${p}0000`;
    if (depth === 2) return `${p}${c}00`;
    if (depth === 3) return a === '00' ? `${p}${c}01` : `${p}${c}${a}`;
    return depth === 4 ? `${p}${c}${a}${t}` : `${p}${c}${a}${t}${v}`;
  });

/** The naive definition: walk up from the target, one parent at a time. */
function isSelfOrAncestor(viewer: string, target: string): boolean {
  for (let at: string | null = target; at; at = parentOf(at)) if (at === viewer) return true;
  return false;
}

/** The generated codes with all their ancestors: a tree that can be inserted. */
function closeUnderParents(codes: readonly string[]): string[] {
  const all = new Set<string>();
  for (const c of codes) for (let at: string | null = c; at; at = parentOf(at)) all.add(at);
  return [...all].sort((a, b) => pathOf(a).split('.').length - pathOf(b).split('.').length);
}

describe('regionCovers (上级可见下级，平级不可见)', () => {
  it('agrees with a naive ancestor walk', () => {
    fc.assert(
      fc.property(code, code, (viewer, target) => {
        expect(regionCovers(pathOf(viewer), pathOf(target))).toBe(isSelfOrAncestor(viewer, target));
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets siblings, or a lower region an upper one, see each other', () => {
    fc.assert(
      fc.property(code, code, (a, b) => {
        fc.pre(a !== b);
        const [pa, pb] = [pathOf(a), pathOf(b)];
        if (parentOf(a) === parentOf(b)) {
          expect(regionCovers(pa, pb)).toBe(false);
          expect(regionCovers(pb, pa)).toBe(false);
        }
        expect(regionCovers(pa, pb) && regionCovers(pb, pa)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not mistake a longer code that starts with the same digits for a child', () => {
    expect(regionCovers('460000.460100.460105', '460000.460100.460105001')).toBe(false);
    expect(regionCovers('460000.460100.460105', '460000.460100.460105.460105001')).toBe(true);
    expect(regionCovers('460000.460100', '460000.460200')).toBe(false);
  });
});

const { db, close } = await freshDatabase();
afterAll(close);

describe('whereRegionWithin', () => {
  it('returns exactly the rows regionCovers accepts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(code, { minLength: 1, maxLength: 12 }), async (codes) => {
        const tree = closeUnderParents(codes);
        await db.deleteFrom('regions').execute();
        await db
          .insertInto('regions')
          .values(
            tree.map((c, sort) => ({
              code: c,
              name: `区划${c}`,
              level: levelOf(c),
              parent_code: parentOf(c),
              path: pathOf(c),
              sort,
            })),
          )
          .execute();
        for (const viewer of tree) {
          const viewerPath = pathOf(viewer);
          const rows = await whereRegionWithin(db.selectFrom('regions').select('code'), 'path', viewerPath)
            .orderBy('code')
            .execute();
          const expected = tree.filter((t) => regionCovers(viewerPath, pathOf(t))).sort();
          expect(rows.map((r) => r.code)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('refuses a path that is not one, rather than build a wider LIKE pattern', () => {
    expect(() => whereRegionWithin(db.selectFrom('regions').select('code'), 'path', '46%')).toThrow();
    expect(() => whereRegionWithin(db.selectFrom('regions').select('code'), 'path', '')).toThrow();
  });
});
