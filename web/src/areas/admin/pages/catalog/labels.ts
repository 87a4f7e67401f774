import { useI18n } from 'vue-i18n';
import type { VersionStatus } from '../../../../api/catalog-admin';
import type { GuideProblem } from '../../../../composables/catalogAdminGuide';
import { formatDateTime } from '../../../../format';

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger';

/** Tag colour of each version status. */
export const STATUS_TAG: Record<VersionStatus, TagType> = {
  draft: 'info',
  submitted: 'warning',
  reviewed: 'primary',
  published: 'success',
  suspended: 'danger',
  superseded: 'info',
  cancelled: 'danger',
};

/**
 * Labels of the catalogue's codes in the UI language (item types, service objects, statuses, themes,
 * guide elements) and readable problems. A code the messages do not know shows the server's name, or
 * the code itself, never a missing-key path.
 */
export function useCatalogLabels() {
  const { t, te, locale } = useI18n();
  const known = (key: string, fallback: string) => (te(key) ? t(key) : fallback);

  const itemType = (code: string, fallback = code) => known(`admin.catalog.itemTypes.${code}`, fallback);
  const objectType = (code: string | undefined) =>
    code ? known(`admin.catalog.objectTypes.${code}`, code) : t('common.none');
  const levels = (codes: readonly string[]) =>
    codes.length ? codes.map((c) => known(`admin.catalog.levels.${c}`, c)).join(' / ') : t('common.none');
  const status = (code: string) => known(`admin.catalog.versionStatus.${code}`, code);
  const theme = (code: string, fallback = code) => known(`admin.catalog.themes.${code}`, fallback);
  const event = (action: string) => known(`admin.catalog.events.${action}`, action);
  /** Date and time to the minute, for table columns. */
  const minute = (iso: string | null | undefined) =>
    iso ? formatDateTime(iso, locale.value).replace(/:\d{2}$/, '') : t('common.none');
  /** The comments the server writes itself (in English) in the UI language; people's comments as they are. */
  function comment(text: string | null): string {
    if (!text) return '';
    if (text === 'imported') return t('admin.catalog.events.commentImported');
    const copied = /^copied from version (\d+)$/.exec(text);
    return copied ? t('admin.catalog.events.commentCopied', { n: Number(copied[1]) }) : text;
  }
  /** A code of one of the small vocabularies (`media`, `requirement` …); '' for none (table probes). */
  const enumLabel = (group: string, code: string | undefined) =>
    code === undefined ? '' : known(`admin.catalog.${group}.${code}`, code);

  /** `materials.2.copies` → 申请材料 3 · 份数; `form.properties.x` → 表单 · properties.x. */
  function fieldLabel(path: string): string {
    const [head = '', ...rest] = path.split('.');
    const top = known(`admin.catalog.fields.${head}`, head);
    if (rest.length === 0) return top;
    if (['materials', 'fees', 'steps', 'places', 'consultation', 'complaint', 'themes'].includes(head)) {
      const [index, leaf] = rest;
      const n = Number(index);
      const where = Number.isInteger(n) ? t('admin.catalog.problems.nth', { n: n + 1 }) : index;
      const kind = head === 'materials' ? 'material' : head === 'fees' ? 'fee' : 'entry';
      const leafLabel = leaf ? known(`admin.catalog.${kind}Fields.${leaf}`, leaf) : '';
      return [top, where, leafLabel].filter(Boolean).join(' · ');
    }
    if (head === 'result' || head === 'mode') {
      const leaf = rest[0] ?? '';
      return `${top} · ${known(`admin.catalog.fields.${head}_${leaf}`, rest.join('.'))}`;
    }
    return `${top} · ${rest.join('.')}`;
  }

  /**
   * What is wrong, in the UI language where the problem is known: a rule of the guide checks
   * (`materials.*.copies` INVALID), else its code, else the server's message.
   */
  function problemText(problem: GuideProblem): string {
    if (problem.code) {
      const rule = `${problem.path.replace(/\.\d+/g, '').replaceAll('.', '_')}_${problem.code}`;
      if (te(`admin.catalog.problems.rules.${rule}`)) return t(`admin.catalog.problems.rules.${rule}`);
      if (te(`admin.catalog.problems.codes.${problem.code}`))
        return t(`admin.catalog.problems.codes.${problem.code}`);
    }
    return shapeMessage(problem.message);
  }

  /** The request-shape messages of a refused save (JSON Schema wording, no code) that people meet most. */
  function shapeMessage(message: string): string {
    if (/^must have required property/.test(message)) return t('admin.catalog.problems.codes.MISSING');
    if (/^must NOT have fewer than 1 (characters|items)/.test(message))
      return t('admin.catalog.problems.shape.empty');
    if (/^must match pattern/.test(message)) return t('admin.catalog.problems.shape.pattern');
    if (/^must be (integer|number|<=|>=)/.test(message)) return t('admin.catalog.problems.shape.number');
    return message;
  }

  return {
    itemType,
    objectType,
    levels,
    status,
    theme,
    event,
    comment,
    minute,
    enumLabel,
    fieldLabel,
    problemText,
  };
}
