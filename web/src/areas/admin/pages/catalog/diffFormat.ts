import { useI18n } from 'vue-i18n';
import type { Channel, Fee, HandlingMode, Material, Place, Step } from '../../../../api/catalog-admin';
import { formatYuan } from '../../../../composables/catalogAdminGuide';
import { useCatalogLabels } from './labels';

/** One line of a line diff: kept, added or removed. */
export interface DiffLine {
  /** `gap`: unchanged lines left out (`text` says how many). */
  kind: 'same' | 'added' | 'removed' | 'gap';
  text: string;
}

/** A line diff (longest common subsequence) of two texts; fine for documents of a few hundred lines. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) lines.push({ kind: 'removed', text: a[i++]! });
    else lines.push({ kind: 'added', text: b[j++]! });
  }
  while (i < a.length) lines.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) lines.push({ kind: 'added', text: b[j++]! });
  return lines;
}

/** The changed lines with `context` unchanged lines around each change; longer runs become one gap line. */
export function foldLines(lines: readonly DiffLine[], context = 3): DiffLine[] {
  const near = lines.map((_, i) =>
    lines.slice(Math.max(0, i - context), i + context + 1).some((l) => l.kind !== 'same'),
  );
  const folded: DiffLine[] = [];
  let skipped = 0;
  lines.forEach((line, i) => {
    if (near[i]) {
      if (skipped) folded.push({ kind: 'gap', text: String(skipped) });
      skipped = 0;
      folded.push(line);
    } else skipped++;
  });
  if (skipped) folded.push({ kind: 'gap', text: String(skipped) });
  return folded;
}

/** Elements whose values are rule documents, compared line by line as JSON. */
export const JSON_ELEMENTS = new Set(['form', 'situations']);

/** Values of guide elements (and of material and fee fields) as people read them in a diff. */
export function useDiffFormat() {
  const { t, te, locale } = useI18n();
  const labels = useCatalogLabels();
  const known = (key: string, fallback: string) => (te(key) ? t(key) : fallback);
  const empty = () => t('admin.catalog.versions.empty');
  const join = (list: string[]) => list.join(locale.value === 'zh-CN' ? '、' : ', ');

  function mode(value: HandlingMode): string {
    const name = known(`admin.catalog.modes.${value.kind}`, value.kind);
    if (value.kind === 'commitment')
      return `${name}\n${t('admin.catalog.versions.publicationDays', { n: value.publicationDays })}\n${value.commitmentText}`;
    if (value.kind === 'instant')
      return `${name} · ${t(`admin.catalog.mode.${value.autonomy}`)}\n${JSON.stringify(value.rules, null, 2)}`;
    return name;
  }

  /** A top-level guide element. */
  function element(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return empty();
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    switch (field) {
      case 'objectType':
        return labels.objectType(value as string);
      case 'handlingType':
      case 'handlingScope':
        return known(`admin.catalog.${field}s.${value as string}`, String(value));
      case 'onlineDepth':
        return known(`admin.catalog.onlineDepths.d${value as number}`, String(value));
      case 'statutoryDays':
      case 'committedDays':
        return t('admin.catalog.versions.days', { n: value as number });
      case 'themes':
        return join((value as string[]).map((c) => labels.theme(c))) || empty();
      case 'aliases':
        return join(value as string[]) || empty();
      case 'result': {
        const r = value as { type: string; name: string; licenceTypeCode?: string };
        return [known(`admin.catalog.resultTypes.${r.type}`, r.type), r.name, r.licenceTypeCode]
          .filter(Boolean)
          .join(' · ');
      }
      case 'mode':
        return mode(value as HandlingMode);
      case 'places':
        return (value as Place[]).map((p) => `${p.name} · ${p.address} · ${p.hours}`).join('\n') || empty();
      case 'consultation':
      case 'complaint':
        return (
          (value as Channel[])
            .map((c) => `${t(`admin.catalog.channelKinds.${c.kind}`)}：${c.value}`)
            .join('\n') || empty()
        );
      case 'steps':
        return (
          (value as Step[])
            .map(
              (s, i) =>
                `${i + 1}. ${s.name}${s.days ? `（${t('admin.catalog.versions.days', { n: s.days })}）` : ''}\n   ${s.description}`,
            )
            .join('\n') || empty()
        );
      default:
        return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
    }
  }

  /** One field of a material or a fee. */
  function entryField(kind: 'material' | 'fee', field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return empty();
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    const enums: Record<string, string> = {
      source: 'materialSource',
      form: 'materialForm',
      requirement: 'requirement',
      media: 'media',
    };
    if (enums[field]) return known(`admin.catalog.${enums[field]}.${value as string}`, String(value));
    if (kind === 'fee' && field === 'amountFen') return formatYuan(value as number, locale.value);
    if (field === 'fileTypes') return (value as string[]).join(', ') || empty();
    if (field === 'maxSizeKb') return `${value as number} KB`;
    return String(value);
  }

  const entryLabel = (kind: 'material' | 'fee', field: string) =>
    known(`admin.catalog.${kind}Fields.${field}`, field);

  return { element, entryField, entryLabel };
}

export type KeyedEntry = Material | Fee;
