// EXPLAIN (ANALYZE, BUFFERS) of the exact SQL a workbench list runs: the server's own `CaseQueries.list`
// is called in this process on a Kysely instance that logs what it executes, for the same user and query
// as the HTTP request; the list query it ran (the one over `cases as c`) is then explained with the same
// parameters.
import { type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
// every table's declaration (the migration files augment `Tables`), for the server modules used below
import '../../server/src/migrations.js';
import { CaseQueries } from '../../server/src/modules/cases/queries.js';
import type { ListCasesQuery } from '../../server/src/modules/cases/schema.js';
import { rolesAndPermissions } from '../../server/src/modules/identity/repo.js';
import type { SharedStore } from '../../server/src/platform/cache/shared-store.js';
import type { Tables } from '../../server/src/platform/db/tables.js';
import type { Keyring } from '../../server/src/platform/keys/keyring.js';

export interface ListPlan {
  view: string;
  username: string;
  query: ListCasesQuery;
  /** Rows the list returned (a page is 20; 21 are read to know whether there is a next page). */
  rows: number;
  /** The indexes the plan reads, in plan order. */
  indexes: string[];
  planningMs: number;
  executionMs: number;
  sql: string;
  parameters: unknown[];
  plan: string[];
}

const DATE_OID = 1082;
const INT8_OID = 20;

/**
 * Explains the list `query` of `username`, twice (the first warms the cache); returns the second.
 * `rewrite`, when given, changes the SQL before it is explained (a proposed form of the same query).
 */
export async function explainList(
  databaseUrl: string,
  view: string,
  username: string,
  query: ListCasesQuery,
  rewrite: (sql: string) => string = (sql) => sql,
): Promise<ListPlan> {
  const seen: CompiledQuery[] = [];
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    // the server's parsers: dates as 'YYYY-MM-DD', bigints as numbers
    types: {
      getTypeParser: (oid, format) =>
        oid === INT8_OID
          ? Number
          : oid === DATE_OID
            ? (value: string) => value
            : pg.types.getTypeParser(oid, format),
    },
  });
  const db = new Kysely<Tables>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  try {
    const user = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    const { roles, permissions } = await rolesAndPermissions(db, user.id);
    const ctx = {
      requestId: 'bench:explain',
      ip: null,
      locale: 'zh-CN' as const,
      actor: {
        userId: user.id,
        username,
        displayName: user.display_name,
        roles,
        permissions,
        sessionId: null,
      },
    };
    // the keyring is only read for the applicant filter and the store for the progress query's rate
    // limit, neither of which these lists use
    const queries = new CaseQueries(db, {} as Keyring, {} as SharedStore);
    seen.length = 0;
    const page = await queries.list(ctx, query);
    const list = seen.find((q) => /from "cases" as "c"/.test(q.sql));
    if (!list) throw new Error(`no query over cases among the ${seen.length} ${view} ran`);
    const sql = rewrite(list.sql);
    let plan: string[] = [];
    for (let i = 0; i < 2; i++) {
      const result = await pool.query<{ 'QUERY PLAN': string }>(
        `explain (analyze, buffers) ${sql}`,
        list.parameters as unknown[],
      );
      plan = result.rows.map((row) => row['QUERY PLAN']);
    }
    const time = (label: string) =>
      Number(
        plan.map((line) => new RegExp(`${label}: ([\\d.]+) ms`).exec(line)).find(Boolean)?.[1] ?? Number.NaN,
      );
    const indexes = plan.flatMap((line) => {
      const match = /(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)/.exec(
        line,
      );
      return match ? [match[1]!] : [];
    });
    return {
      view,
      username,
      query,
      rows: page.items.length,
      indexes,
      planningMs: time('Planning Time'),
      executionMs: time('Execution Time'),
      sql,
      parameters: list.parameters as unknown[],
      plan,
    };
  } finally {
    await db.destroy();
  }
}

export function describeListPlan(plan: ListPlan): string {
  return `EXPLAIN ${plan.view}: ${plan.rows} rows; ${plan.indexes.join(', ') || 'no index'}; planning ${plan.planningMs.toFixed(2)} ms, execution ${plan.executionMs.toFixed(2)} ms`;
}

/**
 * The department-tree condition of `whereInScope` (`path = $1 or path like $1 || '.%'`) as one range of
 * the path's byte order: `$1` itself and every path below it, and nothing else, because paths are
 * dot-joined UUIDs of fixed length and '/' is the character after '.'. The planner estimates a range
 * from the histogram (a subtree without cases: about one row) where it gave the equality 1/ndistinct of
 * the table whatever the value. `$2` (the LIKE pattern) stays referenced so the parameters still fit.
 */
export function departmentRange(sql: string): string {
  return sql.replace(
    /\("c"\."department_path" = \$(\d+) or "c"\."department_path" like \$(\d+)\)/,
    (_, path: string, pattern: string) =>
      `("c"."department_path" ~>=~ $${path} and "c"."department_path" ~<~ ($${path} || '/') and $${pattern}::text is not null)`,
  );
}
