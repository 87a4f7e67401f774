import { useI18n } from 'vue-i18n';

/**
 * Labels of the catalogue's vocabulary codes (item types, themes, online depths…) in the UI language. The
 * server names them in Chinese only (catalog.listCategories); a code the UI does not know yet shows the
 * server's name, never the raw code.
 */
export type VocabularyGroup =
  | 'itemType'
  | 'objectType'
  | 'handlingType'
  | 'onlineDepth'
  | 'onlineDepthShort'
  | 'scope'
  | 'mode'
  | 'theme'
  | 'materialSource'
  | 'materialForm'
  | 'media'
  | 'requirement'
  | 'resultType'
  | 'channel';

export function useCatalogLabels() {
  const { t, te, locale } = useI18n();

  function label(
    group: VocabularyGroup,
    code: string | number | null | undefined,
    fallback?: string,
  ): string {
    if (code === null || code === undefined || code === '') return fallback ?? t('common.none');
    const key = `catalog.vocab.${group}.${code}`;
    return te(key) ? t(key) : (fallback ?? String(code));
  }

  /** `¥1,234.50` from fen. */
  function money(fen: number): string {
    return new Intl.NumberFormat(locale.value, { style: 'currency', currency: 'CNY' }).format(fen / 100);
  }

  /** `5 个工作日`; `即时办结` for 0. */
  function workingDays(days: number | undefined | null): string {
    if (days === undefined || days === null) return t('common.none');
    return days === 0 ? t('catalog.units.sameDay') : t('catalog.units.workingDays', { n: days });
  }

  function visits(n: number | undefined | null): string {
    if (n === undefined || n === null) return t('common.none');
    return n === 0 ? t('catalog.units.noVisit') : t('catalog.units.visits', { n });
  }

  function date(iso: string): string {
    return new Intl.DateTimeFormat(locale.value, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(iso));
  }

  return { label, money, workingDays, visits, date };
}
