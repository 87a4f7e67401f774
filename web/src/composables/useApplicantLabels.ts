import { useI18n } from 'vue-i18n';
import type { NoticeKind } from '../api/cases';

/** The colour family of a status tag (Element Plus tag types; the mobile pages map them to Vant's). */
export type StatusTone = 'primary' | 'success' | 'warning' | 'danger' | 'info';

/**
 * What the applicant sees of a case's status: the server's `applicantStatus`, except that a decision
 * (`decided`) reads as approved or denied when the case says which.
 */
export function displayStatus(c: {
  applicantStatus: string;
  status?: string;
  decision?: string | null;
}): string {
  if (c.applicantStatus !== 'decided') return c.applicantStatus;
  if (c.status === 'denied' || c.decision === 'denied') return 'denied';
  if (c.status === 'approved' || c.decision === 'approved') return 'approved';
  return 'decided';
}

const TONES: Record<string, StatusTone> = {
  draft: 'info',
  received: 'primary',
  supplementRequired: 'warning',
  notAccepted: 'danger',
  withdrawn: 'info',
  voided: 'info',
  inProgress: 'primary',
  decided: 'success',
  approved: 'success',
  denied: 'danger',
  terminated: 'danger',
  resultIssued: 'success',
  completed: 'success',
};

/** Statuses after which nothing more happens to the case. */
export const ENDED_STATUSES: ReadonlySet<string> = new Set([
  'notAccepted',
  'withdrawn',
  'voided',
  'terminated',
  'completed',
]);

export function statusTone(status: string): StatusTone {
  return TONES[status] ?? 'info';
}

/** History entries (and progress timeline entries) as the applicant reads them. */
export interface TimelineEntry {
  type: string;
  at: string;
}

/**
 * Labels of case statuses, history entries, notices and result methods in the UI language, and the dates
 * of case pages. An `approve` is 准予许可 when it made the decision (it happened at `decidedAt`), 审核通过
 * at the review steps before it.
 */
export function useApplicantLabels() {
  const { t, te, locale } = useI18n();

  function known(key: string, fallback: string): string {
    return te(key) ? t(key) : fallback;
  }

  function statusLabel(status: string): string {
    return known(`cases.status.${status}`, status);
  }

  function historyLabel(entry: TimelineEntry, decidedAt?: string | null): string {
    if (entry.type === 'approve' && decidedAt && entry.at === decidedAt)
      return t('cases.history.approveFinal');
    return known(`cases.history.${entry.type}`, entry.type);
  }

  function noticeLabel(kind: NoticeKind | string, decision?: string | null): string {
    if (kind === 'decision' && decision === 'approved') return t('cases.notices.decisionApproved');
    if (kind === 'decision' && decision === 'denied') return t('cases.notices.decisionDenied');
    return known(`cases.notices.${kind}`, kind);
  }

  function dateTime(iso: string | null | undefined): string {
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
  }

  /** A `YYYY-MM-DD` day (Asia/Shanghai) as the UI writes dates. */
  function day(value: string | null | undefined): string {
    if (!value) return t('common.none');
    const [y, m, d] = value.split('-').map(Number);
    if (!y || !m || !d) return value;
    return new Intl.DateTimeFormat(locale.value, {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date(y, m - 1, d));
  }

  function fileSize(bytes: number): string {
    if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }

  return { t, statusLabel, historyLabel, noticeLabel, dateTime, day, fileSize };
}
