import type { Db } from '../../platform/db/database.js';
import { DomainError } from '../../platform/http/errors.js';
import { findRegion } from '../identity/regions/repo.js';
import '../identity/regions/errors.js';
import type {
  CategoriesQuery,
  GuideView,
  HotItemsQuery,
  ItemHit,
  SearchItemsQuery,
} from './public-schema.js';
import * as repo from './repo.js';
import {
  browsePage,
  type EntryFilters,
  type EntryRow,
  entries,
  rankedPage,
  recordView,
  withViews,
} from './search-repo.js';
import { queryWords } from './segment.js';
import { iso } from './support.js';
import { handlingScopes, itemTypeOf, itemTypes, objectTypes, onlineDepths, themes } from './vocabulary.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CURSOR = /^([ab])(\d{1,6})$/;

/**
 * 办事指南 for citizens, no sign-in: search, browse, hot items and the published guide. Only published
 * versions of items that are not cancelled are listed, and only from the applicant's region and the
 * regions above it: a province item is found in every county, a county item only in its own county.
 */
export class GuideService {
  constructor(private readonly db: Db) {}

  /**
   * Every query word must match (as a prefix); when nothing matches that way, two thirds of them may
   * (cursor `b…`, only for three words or more), so one stray word does not empty the list. Ranked;
   * pages by offset, since relevance has no stable key to seek from.
   */
  async search(query: SearchItemsQuery) {
    const filters = await this.filters(query.regionCode, query.objectType, {
      departmentId: query.departmentId,
      theme: query.theme,
      itemType: query.itemType,
      minOnlineDepth: query.onlineDepth,
      handlingScope: query.scope,
    });
    const cursor = parseSearchCursor(query.cursor);
    const phrase = (query.q ?? '').normalize('NFKC').trim();
    const words = phrase ? queryWords(phrase) : [];
    if (phrase && words.length === 0) return { items: [], nextCursor: null };
    const relaxed = Math.ceil((words.length * 2) / 3);
    const page = { offset: cursor.offset, limit: query.limit + 1 };
    const fetch = (mode: 'a' | 'b') => {
      const minMatches = mode === 'a' ? words.length : relaxed;
      return words.length
        ? rankedPage(this.db, filters, { words, minMatches, phrase }, page)
        : browsePage(this.db, filters, page).execute();
    };
    let mode = cursor.mode;
    let rows = await fetch(mode);
    if (rows.length === 0 && mode === 'a' && cursor.offset === 0 && relaxed < words.length) {
      mode = 'b';
      rows = await fetch(mode);
    }
    return {
      items: rows.slice(0, query.limit).map(hitView),
      nextCursor: rows.length > query.limit ? `${mode}${cursor.offset + query.limit}` : null,
    };
  }

  /** 热门事项: most viewed guides of the last 30 days. */
  async hot(query: HotItemsQuery) {
    const filters = await this.filters(query.regionCode, query.objectType, {});
    const rows = await withViews(entries(this.db, filters)).limit(query.limit).execute();
    return { items: rows.map(hitView), nextCursor: null };
  }

  /** 分类浏览: item types, themes and departments with their numbers of visible items. */
  async categories(query: CategoriesQuery) {
    const filters = await this.filters(query.regionCode, query.objectType, {});
    const rows = await entries(this.db, filters).execute();
    const count = <K>(keyOf: (row: EntryRow) => K[]) => {
      const counts = new Map<K, number>();
      for (const row of rows) for (const key of keyOf(row)) counts.set(key, (counts.get(key) ?? 0) + 1);
      return counts;
    };
    const byType = count((row) => [row.item_type]);
    const byTheme = count((row) => row.themes);
    const departments = new Map<
      string,
      { id: string; name: string; regionCode: string; regionName: string }
    >();
    for (const row of rows)
      departments.set(row.department_id, {
        id: row.department_id,
        name: row.department_name,
        regionCode: row.region_code,
        regionName: row.region_name,
      });
    const byDepartment = count((row) => [row.department_id]);
    const wantedThemes = themes.filter((t) => !query.objectType || t.objectType === query.objectType);
    return {
      itemTypes: itemTypes.map((t) => ({ code: t.code, name: t.name, count: byType.get(t.code) ?? 0 })),
      themes: wantedThemes.map((t) => ({ ...t, count: byTheme.get(t.code) ?? 0 })),
      departments: [...departments.values()]
        .map((d) => ({ ...d, count: byDepartment.get(d.id) ?? 0 }))
        .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.name.localeCompare(b.name, 'zh-CN')),
      objectTypes: objectTypes.map((t) => ({ ...t })),
      handlingScopes: handlingScopes.map((t) => ({ ...t })),
      onlineDepths: onlineDepths.map((t) => ({ ...t })),
    };
  }

  /** The published (or suspended) guide of an item, by id or implementation code; counts a view. */
  async get(idOrCode: string): Promise<GuideView> {
    const { item, version } = await this.live(idOrCode);
    await recordView(this.db, item.id);
    return {
      id: item.id,
      code: item.code,
      versionId: version.id,
      versionNumber: version.number,
      status: version.status === 'suspended' ? 'suspended' : 'published',
      acceptingApplications: version.status === 'published',
      publishedAt: iso(version.published_at)!,
      basic: {
        id: item.basic_item_id,
        code: item.basic_code,
        name: item.basic_name,
        itemType: item.item_type,
        itemTypeName: itemTypeOf(item.item_type)?.name ?? item.item_type,
        legalBasis: item.legal_basis,
      },
      departmentId: item.department_id,
      departmentName: item.department_name,
      regionCode: item.region_code,
      regionName: item.region_name,
      guide: version.guide,
    };
  }

  /** The live version of a not-cancelled item (also for the case engine: `acceptingApplications`). */
  async live(idOrCode: string) {
    const qb = repo.items(this.db);
    const item = await (UUID.test(idOrCode)
      ? qb.where('i.id', '=', idOrCode)
      : qb.where('i.code', '=', idOrCode)
    )
      .where('i.cancelled_at', 'is', null)
      .executeTakeFirst();
    const version = item
      ? await this.db
          .selectFrom('catalog_item_versions')
          .selectAll()
          .where('item_id', '=', item.id)
          .where('status', 'in', ['published', 'suspended'])
          .executeTakeFirst()
      : undefined;
    if (!item || !version) throw new DomainError('CATALOG_ITEM_NOT_FOUND');
    return { item, version };
  }

  private async filters(
    regionCode: string | undefined,
    objectType: 'person' | 'enterprise' | undefined,
    rest: Omit<EntryFilters, 'regionCodes' | 'objectType'>,
  ): Promise<EntryFilters> {
    return {
      ...rest,
      objectType,
      regionCodes: regionCode ? await visibleRegionCodes(this.db, regionCode) : null,
    };
  }
}

/**
 * The regions whose items an applicant in `regionCode` sees: that region and its ancestors, i.e. every
 * region r with `regionCovers(r.path, viewer.path)` (identity/regions/scope.ts), read off the viewer's path.
 */
export async function visibleRegionCodes(db: Db, regionCode: string): Promise<string[]> {
  const region = await findRegion(db, regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND', { code: regionCode });
  return region.path.split('.');
}

function parseSearchCursor(cursor: string | undefined): { mode: 'a' | 'b'; offset: number } {
  if (!cursor) return { mode: 'a', offset: 0 };
  const match = CURSOR.exec(cursor);
  if (!match)
    throw new DomainError('VALIDATION_FAILED', {}, 'malformed cursor', [
      { field: 'query.cursor', message: 'not a nextCursor of this list' },
    ]);
  return { mode: match[1] as 'a' | 'b', offset: Number(match[2]) };
}

function hitView(row: EntryRow & { score?: number; views?: number }): ItemHit {
  return {
    id: row.item_id,
    code: row.code,
    name: row.name,
    itemType: row.item_type,
    itemTypeName: itemTypeOf(row.item_type)?.name ?? row.item_type,
    objectType: row.object_type,
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    themes: row.themes,
    onlineDepth: row.online_depth,
    handlingScope: row.handling_scope,
    handlingType: row.handling_type,
    mode: row.mode,
    committedDays: row.committed_days,
    visits: row.visits,
    ...(row.score !== undefined ? { score: Number(row.score) } : {}),
    ...(row.views !== undefined ? { views: Number(row.views) } : {}),
  };
}
