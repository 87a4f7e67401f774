import type { ItemRow, VersionRef, VersionRow } from './repo.js';
import type { ItemSummary, VersionSummary, VersionView } from './schema.js';
import { iso } from './support.js';
import { availableActions } from './version-states.js';

export function versionSummary(row: VersionRow): VersionSummary {
  return {
    id: row.id,
    itemId: row.item_id,
    number: row.number,
    status: row.status,
    createdBy: row.created_by,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    submittedAt: iso(row.submitted_at),
    reviewedBy: row.reviewed_by,
    reviewedAt: iso(row.reviewed_at),
    reviewComment: row.review_comment,
    publishedAt: iso(row.published_at),
    endedAt: iso(row.ended_at),
  };
}

export function versionView(
  row: VersionRow,
  item: Pick<ItemRow, 'code' | 'cancelled_at'>,
  events: readonly { action: string; actor_name: string | null; comment: string | null; at: Date }[],
): VersionView {
  return {
    ...versionSummary(row),
    itemCode: item.code,
    guide: row.guide,
    // a cancelled item's versions allow nothing more
    actions: item.cancelled_at ? [] : availableActions(row.status),
    events: events.map((e) => ({
      action: e.action,
      actorName: e.actor_name,
      comment: e.comment,
      at: iso(e.at)!,
    })),
  };
}

export function itemSummary(
  row: ItemRow,
  versions: { live?: VersionRef; open?: VersionRef; name?: string } | undefined,
): ItemSummary {
  return {
    id: row.id,
    code: row.code,
    name: versions?.name ?? row.basic_name,
    basicItemId: row.basic_item_id,
    basicCode: row.basic_code,
    itemType: row.item_type,
    departmentId: row.department_id,
    departmentName: row.department_name,
    regionCode: row.region_code,
    regionName: row.region_name,
    cancelledAt: iso(row.cancelled_at),
    live: versions?.live ?? null,
    open: versions?.open ?? null,
  };
}
