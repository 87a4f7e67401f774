import type { Db } from '../../platform/db/database.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { loadActorScope, whereInScope } from '../identity/organisations/data-scope.js';
import { Permissions } from '../identity/permissions.js';
import { type ExportRow, writeWorkbook } from './export-workbook.js';
import { visibleRegionCodes } from './guide-service.js';
import * as repo from './repo.js';
import { requireActor } from './support.js';

/** The most implementation lists one export writes; more should be narrowed by department or region. */
export const EXPORT_MAX_ITEMS = 5000;

export interface ExportQuery {
  departmentId?: string | undefined;
  regionCode?: string | undefined;
  version: 'live' | 'latest';
}

/**
 * 导出 — the implementation lists in the caller's `catalog:item:read` scope as the import template
 * (same sheets and columns, so the file imports again: rows with their 实施编码 become new drafts of those
 * lists). `live` writes each item's published (or suspended) version and skips items without one;
 * `latest` the version in the works when there is one. `regionCode` keeps the items an applicant in that
 * region sees (its own region and those above). Cancelled items are never exported.
 */
export class ExportService {
  constructor(private readonly db: Db) {}

  async exportItems(ctx: RequestContext, query: ExportQuery): Promise<{ file: Buffer; count: number }> {
    const actor = await loadActorScope(this.db, requireActor(ctx));
    let qb = whereInScope(
      repo.items(this.db).select('d.code as department_code'),
      { actor, permission: Permissions.catalogItemRead },
      repo.itemScopeColumns,
    ).where('i.cancelled_at', 'is', null);
    if (query.departmentId) qb = qb.where('i.department_id', '=', query.departmentId);
    if (query.regionCode)
      qb = qb.where('i.region_code', 'in', await visibleRegionCodes(this.db, query.regionCode));
    const items = await qb
      .orderBy('i.code')
      .limit(EXPORT_MAX_ITEMS + 1)
      .execute();
    if (items.length > EXPORT_MAX_ITEMS)
      throw new DomainError(
        'CATALOG_EXPORT_TOO_LARGE',
        { max: EXPORT_MAX_ITEMS },
        `at most ${EXPORT_MAX_ITEMS}`,
      );
    const statuses =
      query.version === 'live'
        ? (['published', 'suspended'] as const)
        : (['published', 'suspended', 'draft', 'submitted', 'reviewed'] as const);
    const versions = new Map<string, { number: number; guide: ExportRow['guide'] }>();
    for (let i = 0; i < items.length; i += 1000) {
      const ids = items.slice(i, i + 1000).map((item) => item.id);
      const rows = await this.db
        .selectFrom('catalog_item_versions')
        .select(['item_id', 'number', 'guide'])
        .where('item_id', 'in', ids)
        .where('status', 'in', [...statuses])
        .execute();
      for (const row of rows)
        if ((versions.get(row.item_id)?.number ?? 0) < row.number) versions.set(row.item_id, row);
    }
    const rows: ExportRow[] = items.flatMap((item) => {
      const version = versions.get(item.id);
      if (!version) return [];
      const departmentCode = item.department_code ?? '';
      return [{ code: item.code, basicCode: item.basic_code, departmentCode, guide: version.guide }];
    });
    return { file: await writeWorkbook(rows), count: rows.length };
  }

  /** The empty template: the same workbook without rows. */
  template(): Promise<Buffer> {
    return writeWorkbook([]);
  }
}
