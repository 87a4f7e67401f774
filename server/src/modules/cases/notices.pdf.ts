import QRCode from 'qrcode';
import { shanghaiDate } from '../../platform/calendar/working-days.js';
import { formatChineseDate, type PdfBlock, renderPdf } from '../../platform/pdf/index.js';
import type { LoadedCase } from './service.js';

/** 文书 a case can produce: 受理通知书, 不予受理决定书, 补正材料通知书 (一次性告知), 准予 / 不予行政许可决定书. */
export const NOTICE_KINDS = ['acceptance', 'rejection', 'supplement', 'decision'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The notices a case has reached, in the order they arise. */
export function availableNotices(loaded: Pick<LoadedCase, 'state' | 'history'>): NoticeKind[] {
  const { state, history } = loaded;
  const out: NoticeKind[] = [];
  if (
    history.some(
      (h) =>
        h.action.type === 'requestSupplement' ||
        (h.action.type === 'sendBack' && h.action.payload.toStep === 'applicant'),
    )
  )
    out.push('supplement');
  if (state.status === 'notAccepted') out.push('rejection');
  if (state.acceptedAt && history.some((h) => h.action.type === 'accept')) out.push('acceptance');
  if (state.decision === 'approved' || state.decision === 'denied') out.push('decision');
  return out;
}

const REVIEW_RIGHTS =
  '如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。';

/** The text of a notice: title and body paragraphs with the legal wording of the 行政许可法. */
function wording(kind: NoticeKind, loaded: LoadedCase, applicantName: string) {
  const { row, state, history, guide } = loaded;
  const item = row.item_name;
  const date = (iso: string | null) => (iso ? formatChineseDate(shanghaiDate(new Date(iso))) : '—');
  const to = `${applicantName}：`;
  const applied = `你（单位）于${date(state.submittedAt)}提出的“${item}”申请`;
  const last = <T extends string>(type: T) => [...history].reverse().find((h) => h.action.type === type);
  switch (kind) {
    case 'acceptance': {
      const days = guide.committedDays ?? guide.statutoryDays;
      return {
        title: '受理通知书',
        at: state.acceptedAt,
        paragraphs: [
          to,
          `${applied}，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。`,
          days != null
            ? `本机关将自受理之日起${days}个工作日内作出决定（承诺办结日期：${row.due_date ? formatChineseDate(row.due_date) : '—'}）。依法需要听证、检验、检测、检疫、鉴定、专家评审和现场核查的，所需时间不计算在上述期限内，本机关将另行告知。`
            : '本机关将在法定期限内作出决定。',
        ],
      };
    }
    case 'rejection': {
      const reason = (last('reject')?.action.payload as { reason?: string } | undefined)?.reason ?? '';
      return {
        title: '不予受理决定书',
        at: state.decidedAt,
        paragraphs: [
          to,
          `${applied}，经审查，${reason.replace(/[。.]$/, '')}。根据《中华人民共和国行政许可法》第三十二条第一款的规定，决定不予受理。`,
          REVIEW_RIGHTS,
        ],
      };
    }
    case 'supplement': {
      const request = [...history]
        .reverse()
        .find(
          (h) =>
            h.action.type === 'requestSupplement' ||
            (h.action.type === 'sendBack' && h.action.payload.toStep === 'applicant'),
        );
      const payload = (request?.action.payload ?? {}) as {
        items?: { label: string; reason?: string }[];
        deadline?: string;
      };
      return {
        title: '补正材料通知书',
        at: request?.action.at ?? null,
        paragraphs: [
          to,
          `${applied}，经审查，申请材料不齐全或者不符合法定形式，根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容：`,
          ...(payload.items ?? []).map(
            (item, i) => `${i + 1}. ${item.label}${item.reason ? `：${item.reason}` : ''}`,
          ),
          `请于${payload.deadline ? formatChineseDate(payload.deadline) : '—'}前补正。逾期未补正的，本申请作废（补正告知超时作废）；补正期间不计入办理时限。`,
        ],
      };
    }
    case 'decision': {
      const approved = state.decision === 'approved';
      const reason = (last('deny')?.action.payload as { comment?: string } | undefined)?.comment ?? '';
      return {
        title: approved ? '准予行政许可决定书' : '不予行政许可决定书',
        at: state.decidedAt,
        paragraphs: [
          to,
          approved
            ? `${applied}，本机关已于${date(state.acceptedAt)}受理。经审查，该申请符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。`
            : `${applied}，本机关已于${date(state.acceptedAt)}受理。经审查，${reason.replace(/[。.]$/, '')}。根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。`,
          ...(approved ? [] : [REVIEW_RIGHTS]),
        ],
      };
    }
  }
}

/**
 * A notice as PDF: the wording above, a table of the case's particulars, the department and date, and a QR
 * code of the public progress page for this case number.
 */
export async function renderNotice(
  kind: NoticeKind,
  loaded: LoadedCase,
  applicant: { name: string; idNumberMasked: string | null },
  publicUrl: string,
): Promise<Uint8Array> {
  const { row } = loaded;
  const text = wording(kind, loaded, applicant.name);
  const at = text.at ?? new Date().toISOString();
  const year = shanghaiDate(new Date(at)).slice(0, 4);
  const progressUrl = `${publicUrl}/progress?number=${encodeURIComponent(row.number ?? '')}`;
  const qr = await QRCode.toBuffer(progressUrl, {
    type: 'png',
    margin: 1,
    width: 240,
    errorCorrectionLevel: 'M',
  });
  const blocks: PdfBlock[] = [
    { type: 'title', text: text.title },
    { type: 'docNumber', text: `〔${year}〕第 ${row.number ?? '—'} 号` },
    ...text.paragraphs.map((p, i): PdfBlock => ({ type: 'paragraph', text: p, indent: i > 0 })),
    {
      type: 'keyValue',
      rows: [
        { key: '办件编号', value: row.number ?? '—' },
        { key: '事项名称', value: row.item_name },
        { key: '事项编码', value: row.item_code },
        { key: '申请人', value: applicant.name },
        { key: '证件号码', value: applicant.idNumberMasked ?? '—' },
        { key: '办理部门', value: row.department_name },
      ],
    },
    { type: 'signature', department: row.department_name, date: shanghaiDate(new Date(at)) },
    { type: 'image', png: qr, width: 90, align: 'left', caption: '扫码查询办理进度' },
  ];
  const rendered = await renderPdf({
    meta: { title: `${text.title} ${row.number ?? ''}`, subject: row.item_name, createdAt: new Date(at) },
    blocks,
  });
  return rendered.bytes;
}
