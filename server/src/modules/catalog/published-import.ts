import { appendAudit } from '../../platform/audit/ledger.js';
import type { Trx } from '../../platform/db/transaction.js';
import type { RequestContext } from '../../platform/http/context.js';
import { checkGuide } from './guide-rules.js';
import type { ItemDraftService } from './item-service.js';
import * as repo from './repo.js';
import type { CreateItemDraftRequest } from './schema.js';
import { refreshSearchEntry } from './search-repo.js';
import { refuse } from './support.js';

/**
 * 导入 — an implementation list that was already reviewed elsewhere (the national or provincial item
 * library, the demo data) enters as version 1, published at once. The guide passes the same checks as
 * submit and publish; a bad one is refused with every problem. The caller holds the transaction and
 * decides who may import (the demo loader; later the Excel import, inside an import permission).
 */
export async function importPublishedItem(
  trx: Trx,
  ctx: RequestContext,
  drafts: ItemDraftService,
  input: CreateItemDraftRequest,
): Promise<{ itemId: string; versionId: string; code: string }> {
  const created = await drafts.insertItem(trx, ctx, null, input);
  // checked as stored (with the defaults filled in); a refusal rolls the caller's transaction back
  const stored = (await repo.findVersion(trx, created.versionId))!;
  const problems = checkGuide(stored.guide);
  if (problems.length) refuse('CATALOG_VERSION_INVALID', problems, 'body.guide');
  const now = new Date();
  const user = repo.realUser(ctx);
  await trx
    .updateTable('catalog_item_versions')
    .set({
      status: 'published',
      submitted_by: user,
      submitted_at: now,
      reviewed_by: user,
      reviewed_at: now,
      review_comment: 'imported',
      published_by: user,
      published_at: now,
    })
    .where('id', '=', created.versionId)
    .execute();
  await repo.recordEvent(trx, ctx, { id: created.versionId, item_id: created.itemId }, 'import');
  await refreshSearchEntry(trx, created.itemId);
  await appendAudit(trx, ctx, {
    action: 'catalog.importItem',
    target: { type: 'catalogItem', id: created.itemId },
    details: { code: created.code, versionId: created.versionId, departmentId: input.departmentId },
    change: input.guide,
  });
  return created;
}
