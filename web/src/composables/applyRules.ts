import type { Guide, GuideMaterial } from '../api/catalog-public';
import type { MaterialRef } from './useApplicantUploads';

/** The rules of applying online that pages and the apply flow share (pure; no state). */

/** Whether an item takes applications online now: yes, not now (暂停办理), or only at the window. */
export type ApplyAvailability = 'online' | 'suspended' | 'window';

/**
 * 在线申报 is open when the item accepts applications and is handled online to level 3 (在线预审) or 4 (全程网办);
 * an item whose depth is not recorded is open when it has an application form. Levels 1 and 2 (信息发布,
 * 表格下载) mean the application is made at the window.
 */
export function applyAvailability(guide: Pick<Guide, 'acceptingApplications' | 'guide'>): ApplyAvailability {
  if (!guide.acceptingApplications) return 'suspended';
  const depth = guide.guide.onlineDepth;
  if (typeof depth === 'number') return depth >= 3 ? 'online' : 'window';
  return guide.guide.form ? 'online' : 'window';
}

/**
 * How the applicant provides a material: `upload` (required, electronic, their own: the server refuses the
 * application without it), `licence` (an e-licence, fetched once the licence library is connected; upload
 * optional), `paper` (brought to the window), `government` (issued by an office, checked internally) or
 * `optional`. Only `upload` is required online; the others may be uploaded.
 */
export type MaterialKind = 'upload' | 'licence' | 'paper' | 'government' | 'optional';

export function materialKind(m: Pick<GuideMaterial, 'source' | 'media' | 'requirement'>): MaterialKind {
  if (m.source === 'licence') return 'licence';
  if (m.media === 'paper') return 'paper';
  if (m.requirement === 'optional') return 'optional';
  return m.source === 'applicant' ? 'upload' : 'government';
}

export interface ApplicationMaterial {
  material: GuideMaterial;
  kind: MaterialKind;
}

export const APPLY_STEPS = ['situation', 'form', 'materials', 'confirm'] as const;
export type ApplyStep = (typeof APPLY_STEPS)[number];

/** A draft's materials with those sent: the sent ones replace their material's (as the server merges). */
export function mergeRefs(base: readonly MaterialRef[], patch: readonly MaterialRef[]): MaterialRef[] {
  const keys = new Set(patch.map((m) => m.materialId));
  return [...base.filter((m) => !keys.has(m.materialId)), ...patch];
}
