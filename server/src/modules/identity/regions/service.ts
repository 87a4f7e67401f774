import { appendAudit } from '../../../platform/audit/ledger.js';
import type { Db } from '../../../platform/db/database.js';
import { type Trx, withTransaction } from '../../../platform/db/transaction.js';
import type { RequestContext } from '../../../platform/http/context.js';
import { DomainError } from '../../../platform/http/errors.js';
import './errors.js';
import { divisionProvinceCodes, type ImportOptions, importRegions } from './import.js';
import * as repo from './repo.js';
import type { ListRegionsQuery, RegionDetail, RegionView } from './schema.js';

const CURSOR = /^(\d{1,9})_(\d{6}(?:\d{3}(?:\d{3})?)?)$/;

/**
 * 行政区划: the region tree, read by anyone (names and codes are public reference data) and loaded from
 * the national division data by the system administrator.
 */
export class RegionService {
  constructor(private readonly db: Db) {}

  async list(query: ListRegionsQuery): Promise<{ items: RegionView[]; nextCursor: string | null }> {
    const rows = await repo.listChildren(this.db, {
      parentCode: query.parentCode ?? null,
      q: query.q,
      limit: query.limit,
      after: parseCursor(query.cursor),
    });
    if (rows.length === 0 && query.parentCode && !(await repo.findRegion(this.db, query.parentCode)))
      throw new DomainError('REGION_NOT_FOUND', { code: query.parentCode });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        code: row.code,
        name: row.name,
        level: row.level,
        parentCode: row.parent_code,
        hasChildren: row.has_children,
      })),
      nextCursor: rows.length > query.limit && last ? `${last.sort}_${last.code}` : null,
    };
  }

  async get(code: string): Promise<RegionDetail> {
    const region = await repo.findRegion(this.db, code);
    if (!region) throw new DomainError('REGION_NOT_FOUND', { code });
    const [ancestors, childCount] = await Promise.all([
      repo.ancestorsOf(this.db, region.path),
      repo.childCount(this.db, code),
    ]);
    return {
      code: region.code,
      name: region.name,
      level: region.level,
      parentCode: region.parent_code,
      path: region.path,
      ancestors,
      childCount,
    };
  }

  /** Imports the division data in one transaction, audited (`identity.importRegions`). */
  import(ctx: RequestContext, options: ImportOptions) {
    const known = divisionProvinceCodes();
    const unknown = options.provinceCodes
      .map((code, i) => ({ code, field: `body.provinceCodes.${i}` }))
      .filter(({ code }) => !known.has(code));
    if (unknown.length) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {},
        `no such province: ${unknown.map((u) => u.code).join(', ')}`,
        unknown.map(({ field }) => ({ field, message: 'no such province in the division data' })),
      );
    }
    return withTransaction(this.db, (trx) => this.importWithin(trx, ctx, options));
  }

  /** The import inside the caller's transaction (the demo data uses it); appends the audit record last. */
  async importWithin(trx: Trx, ctx: RequestContext, options: ImportOptions) {
    const { inserted, updated } = await importRegions(trx, options);
    const total = await repo.countRegions(trx);
    await appendAudit(trx, ctx, {
      action: 'identity.importRegions',
      target: { type: 'regions', id: options.provinceCodes.join(',') || 'all' },
      details: { provinceCodes: options.provinceCodes, depth: options.depth, inserted, updated, total },
    });
    return { inserted, updated, total };
  }
}

function parseCursor(cursor: string | undefined): { sort: number; code: string } | null {
  if (!cursor) return null;
  const match = CURSOR.exec(cursor);
  if (!match)
    throw new DomainError('VALIDATION_FAILED', {}, 'malformed cursor', [
      { field: 'query.cursor', message: 'not a nextCursor of this list' },
    ]);
  return { sort: Number(match[1]), code: match[2]! };
}
