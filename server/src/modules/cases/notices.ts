import type { CaseAction } from './domain/actions.js';
import type { CaseState } from './domain/fold.js';

/**
 * What the applicant is told after an action (通知申请人): acceptance, not accepted, supplement requested,
 * decisions and the result. Plain sentences with the case number; details are on the case page.
 */
export function noticeFor(
  action: CaseAction,
  row: { number: string | null; item_name: string },
  next: CaseState,
): { subject: string; body: string } | null {
  const ref = `您申请的“${row.item_name}”（办件编号 ${row.number ?? '—'}）`;
  switch (action.type) {
    case 'submit':
      return { subject: '申请已提交', body: `${ref}已提交，请留意受理结果。` };
    case 'accept':
      return { subject: '办件已受理', body: `${ref}已受理，正在办理中。` };
    case 'reject':
      return { subject: '不予受理', body: `${ref}不予受理。理由：${action.payload.reason}` };
    case 'requestSupplement':
    case 'sendBack':
      if (next.status !== 'supplementPending' || !next.supplement) return null;
      return {
        subject: '请补正材料',
        body: `${ref}需要补正：${next.supplement.items.map((i) => i.label).join('、')}。请于 ${next.supplement.deadline} 前提交，逾期未补正的申请作废。`,
      };
    case 'void':
      return { subject: '申请已作废', body: `${ref}因补正期限届满未补正，已作废。` };
    case 'instantApprove':
    case 'approve':
      return next.status === 'approved'
        ? { subject: '审批通过', body: `${ref}已准予许可，请留意出件信息。` }
        : null;
    case 'deny':
      return { subject: '不予许可', body: `${ref}不予许可，决定书可在“我的办件”中查看。` };
    case 'terminate':
      return { subject: '办理终止', body: `${ref}已终止办理。` };
    case 'suspend':
      return { subject: '特别程序', body: `${ref}进入特别程序，所需时间不计入办理时限。` };
    case 'issue':
      return {
        subject: '结果已出件',
        body:
          action.payload.method === 'mail'
            ? `${ref}的办理结果已寄出，快递单号 ${action.payload.trackingNumber ?? '—'}。`
            : action.payload.method === 'pickup'
              ? `${ref}的办理结果可到窗口领取。`
              : `${ref}的办理结果已发放，可在“我的办件”或卡包中查看。`,
      };
    default:
      return null;
  }
}
