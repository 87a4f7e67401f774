import { useI18n } from 'vue-i18n';

/** Element Plus tag types the workbench colours statuses and clocks with. */
export type CaseTagType = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/** Blue while the case is with staff, orange while it waits for the applicant, green granted, red refused. */
const STATUS_TAGS: Record<string, CaseTagType> = {
  draft: 'warning',
  submitted: 'primary',
  preReviewed: 'primary',
  supplementPending: 'warning',
  notAccepted: 'danger',
  withdrawn: 'info',
  voided: 'danger',
  inReview: 'primary',
  suspended: 'primary',
  approved: 'success',
  denied: 'danger',
  terminated: 'danger',
  resultIssued: 'success',
  closed: 'success',
};

/** Only a clock that needs attention gets a tag: 超期 red, 临期 orange, 暂停计时 grey. */
const CLOCK_TAGS: Record<string, CaseTagType> = {
  overdue: 'danger',
  nearDue: 'warning',
  paused: 'info',
};

/**
 * Labels of the workbench's vocabularies (`admin.cases.*`) in the UI language: statuses, clocks, actions (an
 * approve at the decision step reads 准予), history entries, roles, step kinds, signing modes, scopes,
 * special procedures, result methods, channels and notices; plus times to the minute and file sizes. A
 * code the UI does not know shows as itself.
 */
export function useCaseLabels() {
  const { t, te, locale } = useI18n();

  function label(group: string, code: string | null | undefined): string {
    if (code === null || code === undefined || code === '') return t('common.none');
    const key = `admin.cases.${group}.${code}`;
    return te(key) ? t(key) : code;
  }

  return {
    status: (status: string | null | undefined) => label('status', status),
    statusTag: (status: string | null | undefined): CaseTagType => STATUS_TAGS[status ?? ''] ?? 'info',
    clock: (clock: string) => label('clock', clock),
    clockTag: (clock: string): CaseTagType | null => CLOCK_TAGS[clock] ?? null,
    action: (action: string, stepKind?: string | null) =>
      action === 'approve' && stepKind === 'decision'
        ? t('admin.cases.actions.approveDecision')
        : label('actions', action),
    history: (type: string) => label('history', type),
    role: (role: string) => label('roles', role),
    kind: (kind: string) => label('kind', kind),
    scope: (scope: string) => label('scope', scope),
    signing: (signing: string) => label('signing', signing),
    procedure: (procedure: string) => label('procedure', procedure),
    method: (method: string) => label('method', method),
    channel: (channel: string) => label('channel', channel),
    notice: (kind: string) => label('notice', kind),
    /** `2026-11-23 16:58`, or 无 without a time. */
    minute(iso: string | null | undefined): string {
      if (!iso) return t('common.none');
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      return new Intl.DateTimeFormat(locale.value, {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(date);
    },
    size(bytes: number): string {
      if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
      return `${Math.max(1, Math.round(bytes / 1024))} KB`;
    },
  };
}
