import type { Services } from '../app.js';
import { rolesAndPermissions } from '../modules/identity/repo.js';
import type { Db } from '../platform/db/database.js';
import type { Trx } from '../platform/db/transaction.js';
import type { RequestContext } from '../platform/http/context.js';
import { renderPdf } from '../platform/pdf/index.js';
import { DEMO_PASSWORD, demoCitizens } from './demo-data.js';

/** Demo staff of 海口市卫生健康委员会 who examine and decide its cases (listed in the README). */
export const caseDemoStaff = [
  { username: 'reviewer', name: '钱审查', post: '审查员', role: 'case_reviewer' },
  { username: 'approver', name: '吴主任', post: '分管负责人', role: 'dept_head' },
] as const;

/** The department's reviewer and approver (the window clerk is the demo `clerk` of the 海口 hall). */
export async function loadCaseDemoStaff(trx: Trx, ctx: RequestContext, services: Services): Promise<void> {
  const department = await trx
    .selectFrom('departments')
    .select('id')
    .where('code', '=', 'HK-WJW')
    .executeTakeFirst();
  if (!department) return;
  for (const s of caseDemoStaff) {
    await services.organisations.staff.createStaffIfMissing(trx, ctx, {
      username: s.username,
      name: s.name,
      password: DEMO_PASSWORD,
      departmentId: department.id,
      postId: null,
      roleCodes: [s.role],
    });
  }
}

async function contextOf(db: Db, username: string): Promise<RequestContext> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const { roles, permissions } = await rolesAndPermissions(db, user.id);
  return {
    requestId: `demo:${username}`,
    ip: null,
    locale: 'zh-CN',
    actor: { userId: user.id, username, displayName: user.display_name, roles, permissions, sessionId: null },
  };
}

const DAY = 86_400_000;

/**
 * A living workbench: cases of 母婴保健服务人员资格认定 (海口市卫健委) in every state, applied for by the demo
 * citizens, some accepted weeks ago so that clocks show near-due and overdue cases. Runs the real service
 * (every rule, hash chain, notice and timer), with the service clock set back while each case is made.
 */
export async function loadCaseDemoCases(db: Db, services: Services): Promise<void> {
  const { cases: service } = services.cases;
  const item = await db
    .selectFrom('catalog_items as i')
    .innerJoin('catalog_basic_items as b', 'b.id', 'i.basic_item_id')
    .innerJoin('departments as d', 'd.id', 'i.department_id')
    .select('i.id')
    .where('b.name', '=', '母婴保健服务人员资格认定')
    .where('d.code', '=', 'HK-WJW')
    .executeTakeFirst();
  if (!item) return;
  const [zhang, li] = await Promise.all(demoCitizens.map((c) => contextOf(db, c.phone)));
  const clerk = await contextOf(db, 'clerk');
  const reviewer = await contextOf(db, 'reviewer');
  const approver = await contextOf(db, 'approver');
  const certificate = await renderPdf({
    meta: { title: '培训考核合格证明', createdAt: new Date('2026-06-30T02:00:00Z') },
    blocks: [
      { type: 'title', text: '培训考核合格证明' },
      { type: 'paragraph', text: '兹证明该同志参加母婴保健技术服务培训，考核合格。' },
      { type: 'signature', department: '海口市妇幼保健院', date: '2026-06-30' },
    ],
  });
  const realNow = service.clock.now;
  const apply = async (who: RequestContext, daysAgo: number, applicant: { name: string; phone: string }) => {
    service.clock.now = () => new Date(Date.now() - daysAgo * DAY);
    const file = await services.files.upload(who, {
      name: '培训考核合格证明.pdf',
      bytes: certificate.bytes,
      purpose: 'case-material',
    });
    return service.submit(who, {
      itemId: item.id,
      formData: {
        applicantName: applicant.name,
        applicantIdNumber: demoCitizens.find((c) => c.phone === applicant.phone)!.idNumber,
        applicantPhone: applicant.phone,
        institution: '海口市妇幼保健院',
      },
      situationAnswers: {},
      materials: [{ materialId: 'training', fileId: file.id }],
    });
  };
  const act = async (
    who: RequestContext,
    id: string,
    daysAgo: number,
    action: string,
    payload = {},
    comment?: string,
  ) => {
    service.clock.now = () => new Date(Date.now() - daysAgo * DAY);
    await service.act(who, id, { action: action as never, payload, ...(comment ? { comment } : {}) });
  };
  const zhangApplicant = { name: demoCitizens[0].name, phone: demoCitizens[0].phone };
  const liApplicant = { name: demoCitizens[1].name, phone: demoCitizens[1].phone };
  try {
    // 草稿
    service.clock.now = realNow;
    await service.saveDraft(zhang!, { itemId: item.id, formData: { applicantName: zhangApplicant.name } });
    // 待受理
    await apply(zhang!, 0, zhangApplicant);
    const preReviewed = await apply(li!, 1, liApplicant);
    await act(clerk, preReviewed, 0, 'preReview', {}, '预审通过，待核验原件');
    // 受理前补正
    const early = await apply(li!, 2, liApplicant);
    await act(clerk, early, 1, 'requestSupplement', {
      items: [{ key: 'training', label: '培训考核合格证明', reason: '证明未加盖公章' }],
    });
    // 不予受理
    const rejected = await apply(zhang!, 6, zhangApplicant);
    await act(clerk, rejected, 5, 'reject', { reason: '申请人尚未取得执业资格，不符合受理条件' });
    // 审查中（待认领）
    const pooled = await apply(zhang!, 3, zhangApplicant);
    await act(clerk, pooled, 2, 'accept', {}, '材料齐全，予以受理');
    // 审查中，临期
    const nearDue = await apply(li!, 24, liApplicant);
    await act(clerk, nearDue, 23, 'accept');
    await act(reviewer, nearDue, 20, 'claim');
    // 审批中，超期
    const overdue = await apply(zhang!, 40, zhangApplicant);
    await act(clerk, overdue, 39, 'accept');
    await act(reviewer, overdue, 30, 'approve', {}, '经审查，符合条件');
    // 特别程序
    const suspended = await apply(li!, 10, liApplicant);
    await act(clerk, suspended, 9, 'accept');
    await act(
      reviewer,
      suspended,
      5,
      'suspend',
      { procedure: 'inspection', limitDays: 10 },
      '需到执业机构现场核查',
    );
    // 受理后补正
    const supplement = await apply(zhang!, 8, zhangApplicant);
    await act(clerk, supplement, 7, 'accept');
    await act(reviewer, supplement, 1, 'requestSupplement', {
      items: [{ key: 'training', label: '培训考核合格证明', reason: '请提供原件扫描件' }],
    });
    // 准予，待出件
    const approved = await apply(li!, 15, liApplicant);
    await act(clerk, approved, 14, 'accept');
    await act(reviewer, approved, 10, 'approve', {}, '审查通过');
    await act(approver, approved, 1, 'approve', {}, '同意');
    // 不予许可
    const denied = await apply(zhang!, 20, zhangApplicant);
    await act(clerk, denied, 19, 'accept');
    await act(reviewer, denied, 15, 'approve', {}, '材料真实性存疑，建议不予许可');
    await act(approver, denied, 12, 'deny', {}, '培训考核证明与培训机构记录不符');
    // 已出件（邮寄）
    const issued = await apply(li!, 18, liApplicant);
    await act(clerk, issued, 17, 'accept');
    await act(reviewer, issued, 12, 'approve');
    await act(approver, issued, 8, 'approve');
    await act(clerk, issued, 7, 'issue', {
      method: 'mail',
      trackingNumber: 'SF1402889317',
      carrier: '顺丰速运',
    });
    // 办结
    const closed = await apply(zhang!, 30, zhangApplicant);
    await act(clerk, closed, 29, 'accept');
    await act(reviewer, closed, 25, 'approve');
    await act(approver, closed, 22, 'approve');
    await act(clerk, closed, 21, 'issue', { method: 'pickup' });
    await act(zhang!, closed, 20, 'close', {}, '已领取');
    // 撤回
    const withdrawn = await apply(li!, 12, liApplicant);
    await act(clerk, withdrawn, 11, 'accept');
    await act(li!, withdrawn, 9, 'withdraw', { reason: '已调往外地执业' });
    // 补正超时作废
    const voided = await apply(zhang!, 26, zhangApplicant);
    await act(clerk, voided, 25, 'requestSupplement', {
      items: [{ key: 'training', label: '培训考核合格证明' }],
      deadlineDays: 5,
    });
    service.clock.now = () => new Date(Date.now() - 16 * DAY);
    await service.voidExpiredSupplement(voided);
    // 终止
    const terminated = await apply(li!, 35, liApplicant);
    await act(clerk, terminated, 34, 'accept');
    await act(reviewer, terminated, 30, 'approve');
    await act(approver, terminated, 28, 'terminate', { reason: '申请人书面申请终止办理' });
  } finally {
    service.clock.now = realNow;
  }
}
