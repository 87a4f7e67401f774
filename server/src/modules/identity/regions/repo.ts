import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import type { Trx } from '../../../platform/db/transaction.js';

type Conn = Db | Trx;

export interface ChildrenQuery {
  parentCode: string | null;
  q: string | undefined;
  limit: number;
  after: { sort: number; code: string } | null;
}

/** The children of a region (or the provinces), in `sort` order, one more than `limit` to see if more follow. */
export function listChildren(db: Conn, query: ChildrenQuery) {
  let qb = db
    .selectFrom('regions as r')
    .select([
      'r.code',
      'r.name',
      'r.level',
      'r.parent_code',
      'r.sort',
      sql<boolean>`exists (select 1 from regions c where c.parent_code = r.code)`.as('has_children'),
    ])
    .orderBy('r.sort')
    .orderBy('r.code')
    .limit(query.limit + 1);
  qb = query.parentCode
    ? qb.where('r.parent_code', '=', query.parentCode)
    : qb.where('r.parent_code', 'is', null);
  // strpos, not LIKE: the text is matched literally, % and _ included
  if (query.q) qb = qb.where(sql<boolean>`strpos(r.name, ${query.q}) > 0`);
  const after = query.after;
  if (after)
    qb = qb.where((eb) =>
      eb.or([
        eb('r.sort', '>', after.sort),
        eb.and([eb('r.sort', '=', after.sort), eb('r.code', '>', after.code)]),
      ]),
    );
  return qb.execute();
}

export function findRegion(db: Conn, code: string) {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The regions a path passes through above its last code, the province first. */
export function ancestorsOf(db: Conn, path: string) {
  const codes = path.split('.').slice(0, -1);
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regions')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .orderBy(sql`length(path)`)
    .execute();
}

export async function childCount(db: Conn, code: string): Promise<number> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRegions(db: Conn): Promise<number> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
