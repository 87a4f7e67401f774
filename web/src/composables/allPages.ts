import type { CursorPage } from '../api/types';

/** The largest page the API serves. */
export const MAX_PAGE = 200;

/** Every item of a cursor-paginated list, for the small lists shown whole (trees, pickers). */
export async function allPages<T>(
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
