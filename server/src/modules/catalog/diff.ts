import { canonicalJson } from '../../platform/encoding/canonical-json.js';
import type { ItemGuide } from './guide-schema.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface KeyedChanges {
  added: { key: string; name: string }[];
  removed: { key: string; name: string }[];
  changed: { key: string; name: string; fields: string[] }[];
}

export interface GuideDiff {
  /** Top-level elements that differ (materials and fees are listed by key below instead). */
  changes: FieldChange[];
  materials: KeyedChanges;
  fees: KeyedChanges;
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** Field-level differences between two versions of a guide; materials and fees matched by key. */
export function diffGuides(before: ItemGuide, after: ItemGuide): GuideDiff {
  const fields = new Set([...Object.keys(before), ...Object.keys(after)] as (keyof ItemGuide)[]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (field === 'materials' || field === 'fees') continue;
    if (!same(before[field], after[field]))
      changes.push({ field, before: before[field] ?? null, after: after[field] ?? null });
  }
  return {
    changes,
    materials: diffKeyed(before.materials ?? [], after.materials ?? []),
    fees: diffKeyed(before.fees ?? [], after.fees ?? []),
  };
}

function diffKeyed<T extends { key: string; name: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((entry) => [entry.key, entry]));
  const now = new Map(after.map((entry) => [entry.key, entry]));
  const result: KeyedChanges = { added: [], removed: [], changed: [] };
  for (const [key, entry] of now) {
    const previous = old.get(key);
    if (!previous) {
      result.added.push({ key, name: entry.name });
      continue;
    }
    const names = new Set([...Object.keys(previous), ...Object.keys(entry)] as (keyof T & string)[]);
    const fields = [...names].filter((name) => !same(previous[name], entry[name])).sort();
    if (fields.length) result.changed.push({ key, name: entry.name, fields });
  }
  for (const [key, entry] of old) if (!now.has(key)) result.removed.push({ key, name: entry.name });
  return result;
}
