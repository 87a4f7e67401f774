import { type RawBuilder, type SelectQueryBuilder, type StringReference, sql } from 'kysely';

const PATH = /^\d{6}(\.\d{6}(\d{3}(\d{3})?)?)*$/;

/**
 * 上级可见下级，平级不可见: a viewer responsible for the region at `viewerPath` sees a record of the
 * region at `targetPath` when it is that region or lies below it, never a sibling or an ancestor.
 */
export function regionCovers(viewerPath: string, targetPath: string): boolean {
  return targetPath === viewerPath || targetPath.startsWith(`${viewerPath}.`);
}

function checkedPath(viewerPath: string): string {
  // Paths are digits and dots only, so they are safe inside a LIKE pattern; refuse anything else.
  if (!PATH.test(viewerPath)) throw new Error(`Not a region path: ${viewerPath}`);
  return viewerPath;
}

/**
 * `column` (a region path) is `viewerPath` or below it, as SQL. The one form every `regionTree` data
 * scope uses: `path = $1 or path like $1 || '.%'`, served by the text_pattern_ops index on paths.
 */
export function regionWithin<DB, TB extends keyof DB>(
  column: StringReference<DB, TB>,
  viewerPath: string,
): RawBuilder<boolean> {
  const path = checkedPath(viewerPath);
  const ref = sql.ref(column as string);
  return sql<boolean>`(${ref} = ${path} or ${ref} like ${`${path}.%`})`;
}

/** Keeps the rows whose region path `column` is `viewerPath` or below it (see `regionCovers`). */
export function whereRegionWithin<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  column: StringReference<DB, TB>,
  viewerPath: string,
): SelectQueryBuilder<DB, TB, O> {
  return qb.where(regionWithin<DB, TB>(column, viewerPath));
}
