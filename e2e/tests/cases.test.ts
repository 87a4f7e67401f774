import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifacts,
  DEMO_PASSWORD,
  launchBrowser,
  type RunningServer,
  screenshot,
  startServer,
} from '../harness.js';

/**
 * A case from application to completion, as the people involved meet it: 张三 applies online for
 * 母婴保健服务人员资格认定 (海口市卫生健康委员会) with his training certificate, the window clerk of the 海口
 * hall accepts it, 钱审查 examines it, 吴主任 approves it, the clerk mails the result, and 张三 reads the
 * result, downloads the decision and confirms receipt; anyone with the number and his name sees it done.
 * Demo data: server/src/demo/case-demo.ts (the staff) and catalog-demo-health-local.ts (the item).
 */
const ITEM = '母婴保健服务人员资格认定';
const CITIZEN_PHONE = '13800000001';
const CITIZEN_NAME = '张三';
const CITIZEN_ID = '460106199001010017';
const INSTITUTION = '海口市妇幼保健院';
const CARRIER = '中国邮政 EMS';
const TRACKING = 'EMS1100234567';
const PC = { width: 1440, height: 900 };

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Opened {
  page: Page;
  errors: string[];
}

/** A page in a context of its own: sessions live in the tab's sessionStorage, one person per context. */
async function open(path: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: PC, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'networkidle' });
  return { page, errors };
}

async function staffSignIn(username: string): Promise<Opened> {
  const opened = await open('/admin/login');
  await opened.page.getByPlaceholder('请输入用户名').fill(username);
  await opened.page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await opened.page.getByRole('button', { name: '登录' }).click();
  await opened.page.waitForURL(/\/admin(\/)?$/);
  return opened;
}

/** A one-page PDF (what a scanned certificate would be), built like the server's test samples. */
function aPdf(marker: string): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (${marker}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The input of the application form's field `key` (SchemaForm marks each form item with data-field). */
function formInput(scope: Page | Locator, key: string): Locator {
  return scope.locator(`.el-form-item[data-field="${key}"] input`).first();
}

async function successMessage(page: Page, text: string | RegExp): Promise<void> {
  await expect
    .poll(() => page.locator('.el-message--success').allInnerTexts())
    .toContainEqual(expect.stringMatching(text));
}

async function settledScreenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0);
  await page.mouse.move(0, 0); // no hover colours on the last button clicked
  await screenshot(page, name);
}

/** 工作台 → 待办, searched by the case number → the case page. */
async function openFromWorkbench(page: Page, number: string): Promise<void> {
  await page.locator('.aside-menu').getByRole('menuitem', { name: '工作台', exact: true }).click();
  await page.waitForURL(/\/admin\/cases$/);
  await page.waitForLoadState('networkidle');
  expect(await page.locator('.el-tabs__item.is-active').innerText()).toContain('待办');
  await page.getByPlaceholder('办件编号（支持前缀）').fill(number);
  await page.getByRole('button', { name: '查询' }).click();
  const rows = page.locator('.case-table .el-table__row');
  await expect.poll(() => rows.allInnerTexts()).toEqual([expect.stringContaining(number)]);
  const row = rows.first();
  expect(await row.innerText()).toContain(ITEM);
  expect(await row.innerText()).toContain('张*'); // lists mask the applicant's name; the case page shows it
  await row.getByRole('link', { name: number }).click();
  await page.waitForURL(/\/admin\/cases\/[0-9a-f-]{36}$/);
  await expect.poll(() => page.locator('.case-header .number').innerText()).toBe(number);
}

/** The status tag in the case page's title. */
function caseStatus(page: Page): Promise<string> {
  return page.locator('.case-header .title .el-tag').first().innerText();
}

/** Clicks the action `action` (its button reads `label`), writes the opinion and confirms the dialog. */
async function act(
  page: Page,
  action: string,
  label: string,
  comment: string,
  fill?: (dialog: Locator) => Promise<void>,
): Promise<void> {
  const button = page.locator(`.bar .actions button[data-action="${action}"]`);
  expect((await button.innerText()).trim()).toBe(label);
  await button.click();
  const dialog = page.locator(`.el-dialog.action-dialog[data-action="${action}"]`);
  await dialog.waitFor();
  expect(await dialog.locator('.el-dialog__title').innerText()).toBe(label);
  if (fill) await fill(dialog);
  await dialog.locator('.el-form-item', { hasText: '办理意见' }).locator('textarea').fill(comment);
  const confirm = dialog.getByTestId('action-confirm');
  expect((await confirm.innerText()).trim()).toBe(`确认${label}`);
  await confirm.click();
  await successMessage(page, `“${label}”已办理`);
  await dialog.waitFor({ state: 'hidden' });
}

/** The entries of the case page's 办理轨迹, newest first: their heading (action · step) and words. */
function historyEntries(page: Page): Promise<string[]> {
  return page.locator('.history .entry').allInnerTexts();
}

describe('a case from online application to completion', () => {
  it('张三 applies, the clerk accepts, the reviewer and approver decide, the clerk mails the result, and 张三 confirms it', {
    timeout: 180_000,
  }, async () => {
    const found = (await (
      await fetch(
        `${server.baseUrl}/api/v1/catalog/items?q=${encodeURIComponent('母婴保健')}&regionCode=460100`,
      )
    ).json()) as { items: { code: string; name: string }[] };
    const code = found.items.find((i) => i.name === ITEM)?.code;
    expect(code).toMatch(/-460100-HKWJW-/);

    // —— 张三: the guide → 在线申报 → sign in → the four steps → 提交申请 ——————————————————————————————
    const citizen = await open(`/services/${code}`);
    const portal = citizen.page;
    await expect.poll(() => portal.locator('[data-testid="guide-head"] h1').innerText()).toBe(ITEM);
    await portal.getByTestId('apply').click();
    // not signed in: the portal login, which brings him back to the application
    await portal.waitForURL(/\/login\?redirect=/);
    await portal.getByPlaceholder('请输入手机号').fill(CITIZEN_PHONE);
    await portal.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await portal.locator('form').getByRole('button', { name: '登录' }).click();
    await portal.waitForURL(new RegExp(`/apply/${code}$`));
    const head = portal.getByTestId('apply-head');
    await expect.poll(() => head.locator('h1').innerText()).toBe(ITEM);
    expect(await head.innerText()).toContain('海口市卫生健康委员会');
    const body = portal.locator('section.body');

    // 申报须知: the conditions and the materials to prepare
    await expect.poll(() => body.getAttribute('data-step')).toBe('situation');
    expect(await body.locator('h2').innerText()).toBe('申报须知');
    const needs = await body.innerText();
    for (const material of ['居民身份证', '医师或护士执业证书', '培训考核合格证明'])
      expect(needs).toContain(material);
    await portal.getByTestId('next').click();

    // 填写表单: name and phone prefilled from his account; his ID number and the institution typed in
    await expect.poll(() => body.getAttribute('data-step')).toBe('form');
    expect(await body.locator('.hint').innerText()).toContain('已根据您的账号信息预填');
    await expect.poll(() => formInput(portal, 'applicantName').inputValue()).toBe(CITIZEN_NAME);
    expect(await formInput(portal, 'applicantPhone').inputValue()).toBe(CITIZEN_PHONE);
    await formInput(portal, 'applicantIdNumber').fill(CITIZEN_ID);
    await formInput(portal, 'institution').fill(INSTITUTION);
    await portal.getByTestId('next').click();

    // 上传材料: the training certificate is required; the two licences are 电子证照, exempt
    await expect.poll(() => body.getAttribute('data-step')).toBe('materials');
    const materials = portal.getByTestId('apply-materials');
    const training = materials.locator('[data-material="training"]');
    expect(await training.innerText()).toContain('必须上传');
    expect(await training.innerText()).toContain('pdf');
    expect(await materials.locator('.material', { hasText: '医师或护士执业证书' }).innerText()).toContain(
      '电子证照',
    );
    // the upload button opens the file picker of the (hidden) file input for this material
    const chooser = portal.waitForEvent('filechooser');
    await training.getByRole('button', { name: '上传文件' }).click();
    await (await chooser).setFiles({
      name: '培训考核合格证明.pdf',
      mimeType: 'application/pdf',
      buffer: aPdf('Training certificate of Zhang San'),
    });
    const uploaded = training.locator('.m-file');
    await expect.poll(() => uploaded.innerText()).toMatch(/培训考核合格证明\.pdf\s+1 KB/);
    expect(await training.locator('.m-error').count()).toBe(0);
    await settledScreenshot(portal, 'case-apply-materials');
    await portal.getByTestId('next').click();

    // 确认提交: the application as it will be sent, the 承诺, then 提交申请
    await expect.poll(() => body.getAttribute('data-step')).toBe('confirm');
    const confirmation = portal.getByTestId('apply-confirm');
    // the form as sent, read-only
    expect(await formInput(confirmation, 'institution').inputValue()).toBe(INSTITUTION);
    expect(await formInput(confirmation, 'applicantIdNumber').isDisabled()).toBe(true);
    const summary = await confirmation.innerText();
    expect(summary).toContain('培训考核合格证明.pdf');
    expect(summary).toContain('免提交');
    await portal.getByTestId('agree').click();
    await portal.getByTestId('submit').click();
    const result = portal.getByTestId('apply-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('申请已提交');
    const number = (await result.getByTestId('case-number').innerText()).trim();
    expect(number).toMatch(/^460100-\d{8}-HKWJW-\d{6}$/);
    expect(await result.innerText()).toContain('待受理');
    await settledScreenshot(portal, 'case-apply-result');

    // —— 王窗口 (window clerk of the 海口 hall): 工作台 → 待办 → 受理 ——————————————————————————————————————
    const clerk = await staffSignIn('clerk');
    await openFromWorkbench(clerk.page, number);
    expect(await caseStatus(clerk.page)).toBe('待受理');
    // the header masks the applicant's identity; the form he filled in is there in full
    const header = await clerk.page.locator('.case-header').innerText();
    expect(header).toContain('张*');
    expect(header).toContain('4601**********0017');
    expect(await formInput(clerk.page, 'institution').inputValue()).toBe(INSTITUTION);
    // the certificate he uploaded is among the materials
    expect(await clerk.page.locator('.materials li[data-material="training"]').innerText()).toContain(
      '培训考核合格证明.pdf',
    );
    await act(clerk.page, 'accept', '受理', '材料齐全，符合法定形式，予以受理');
    await expect.poll(() => caseStatus(clerk.page)).toBe('办理中');
    expect((await historyEntries(clerk.page))[0]).toContain('材料齐全，符合法定形式，予以受理');
    expect((await historyEntries(clerk.page))[0]).toMatch(/^受理/);
    // the acceptance notice is there to download
    expect(await clerk.page.locator('.bar').innerText()).toContain('文书 (1)');
    await settledScreenshot(clerk.page, 'case-clerk-accepted');

    // —— 钱审查 (reviewer): the case waits in his 待办 for 审查 → 通过 ——————————————————————————————————
    const reviewer = await staffSignIn('reviewer');
    await openFromWorkbench(reviewer.page, number);
    expect(await reviewer.page.locator('.bar .step').innerText()).toContain('审查');
    await act(reviewer.page, 'approve', '通过', '经审查，申请人符合母婴保健服务人员资格条件');
    await expect
      .poll(async () => (await historyEntries(reviewer.page))[0])
      .toContain('经审查，申请人符合母婴保健服务人员资格条件');
    expect((await historyEntries(reviewer.page))[0]).toMatch(/^通过/);
    expect(await caseStatus(reviewer.page)).toBe('办理中');

    // —— 吴主任 (approver): 审批 → 准予 ————————————————————————————————————————————————————————————
    const approver = await staffSignIn('approver');
    await openFromWorkbench(approver.page, number);
    await act(approver.page, 'approve', '准予', '同意，准予认定');
    await expect.poll(() => caseStatus(approver.page)).toBe('准予许可');
    await expect.poll(() => approver.page.locator('.alerts').innerText()).toContain('办理结果：准予许可');
    const decided = await historyEntries(approver.page);
    expect(decided[0]).toMatch(/^准予/);
    expect(decided[0]).toContain('同意，准予认定');
    expect(decided[0]).toContain('吴主任');
    expect(decided[1]).toContain('钱审查');
    expect(decided[2]).toContain('王窗口');
    await settledScreenshot(approver.page, 'case-approver-approved');

    // —— 王窗口: 制证出件 → 出件 by mail with the tracking number ————————————————————————————————————
    await openFromWorkbench(clerk.page, number);
    expect(await caseStatus(clerk.page)).toBe('准予许可');
    await act(clerk.page, 'issue', '出件', '证书已制作，交邮寄送', async (dialog) => {
      await dialog.getByText('邮寄送达').click();
      await dialog.locator('.el-form-item', { hasText: '寄递企业' }).locator('input').fill(CARRIER);
      await dialog.locator('.el-form-item', { hasText: '运单号' }).locator('input').fill(TRACKING);
    });
    await expect.poll(() => caseStatus(clerk.page)).toBe('已出件');
    expect(await clerk.page.locator('.alerts').innerText()).toContain(`邮寄送达 · ${CARRIER} · ${TRACKING}`);
    expect((await historyEntries(clerk.page))[0]).toContain(`运单号 ${TRACKING}`);
    await settledScreenshot(clerk.page, 'case-clerk-issued');

    // —— 张三: 我的办件 → the case: the result, the decision as PDF, 确认收到 ——————————————————————————————
    await portal.goto(`${server.baseUrl}/my/cases`, { waitUntil: 'networkidle' });
    const entry = portal.getByTestId('my-cases').locator('li.case', { hasText: number });
    await expect.poll(() => entry.getAttribute('data-status')).toBe('resultIssued');
    expect(await entry.innerText()).toContain('已出件');
    await entry.getByRole('button', { name: '确认收到' }).click();
    await portal.waitForURL(/\/my\/cases\/[0-9a-f-]{36}$/);
    const caseHead = portal.getByTestId('case-head');
    await expect.poll(() => caseHead.getByTestId('case-number').innerText()).toBe(number);
    expect(await caseHead.locator('.el-tag').first().innerText()).toBe('已出件');
    const outcome = portal.getByTestId('case-result');
    const outcomeText = await outcome.innerText();
    expect(outcomeText).toContain('准予许可');
    expect(outcomeText).toContain('邮寄送达');
    expect(outcomeText).toContain(CARRIER);
    expect(outcomeText).toContain(TRACKING);
    const timeline = await portal.getByTestId('case-timeline').locator('.entry').allInnerTexts();
    expect(timeline.map((t) => t.split('\n')[0]?.trim())).toEqual([
      '出件',
      '准予许可',
      '审核通过',
      '受理',
      '提交申请',
      '创建申请',
    ]);
    // the office acts under its name; its internal opinions stay inside, the words on the result are his
    expect(timeline[0]).toContain('证书已制作，交邮寄送');
    expect(timeline[2]).toContain('海口市卫生健康委员会 · 审查');
    expect(timeline.join('\n')).not.toContain('经审查，申请人符合母婴保健服务人员资格条件');
    expect(timeline.join('\n')).not.toContain('钱审查');

    // the notices as PDF files: the acceptance notice and the decision
    const notices = portal.getByTestId('notices');
    expect(await notices.locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('受理通知书'),
      expect.stringContaining('准予许可决定书'),
    ]);
    for (const [notice, file] of [
      ['准予许可决定书', 'case-decision.pdf'],
      ['受理通知书', 'case-acceptance.pdf'],
    ] as const) {
      const downloading = portal.waitForEvent('download');
      await notices.locator('li', { hasText: notice }).getByRole('button').click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/\.pdf$/);
      const saved = path.join(artifacts, file);
      await download.saveAs(saved);
      const bytes = await readFile(saved);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.length).toBeGreaterThan(5_000);
    }

    await portal.getByTestId('close').click();
    const box = portal.locator('.el-message-box:visible');
    await box.waitFor();
    expect(await box.innerText()).toContain('确认已收到办理结果');
    await box.getByRole('button', { name: '确认收到' }).click();
    await successMessage(portal, '确认收到成功');
    await expect.poll(() => caseHead.locator('.el-tag').first().innerText()).toBe('已办结');
    expect(await caseHead.innerText()).toContain('办件已办结');
    expect(await portal.getByTestId('close').count()).toBe(0);
    await expect
      .poll(async () =>
        (await portal.getByTestId('case-timeline').locator('.entry').first().innerText()).trim(),
      )
      .toMatch(/^办结/);
    await portal.evaluate(() => window.scrollTo(0, 0));
    await settledScreenshot(portal, 'case-citizen-completed');

    // —— anyone: 办件进度查询 by number and name, without signing in ————————————————————————————————
    const visitor = await open(`/progress?number=${encodeURIComponent(number)}`);
    const query = visitor.page.getByTestId('progress-form');
    expect(await query.locator('#progress-number').inputValue()).toBe(number);
    await query.locator('#progress-name').fill(CITIZEN_NAME);
    await query.getByRole('button', { name: '查询' }).click();
    const progress = visitor.page.getByTestId('progress-result');
    await progress.waitFor();
    const progressText = await progress.innerText();
    expect(progressText).toContain(number);
    expect(progressText).toContain(ITEM);
    expect(progressText).toContain('已办结');
    expect(progressText).not.toContain(INSTITUTION); // no application content in public
    // every milestone reached, 办结 included
    expect(await progress.locator('.milestones .el-step__head.is-success').count()).toBe(4);
    await settledScreenshot(visitor.page, 'case-progress-public');

    const people = { citizen, clerk, reviewer, approver, visitor };
    for (const [who, { errors }] of Object.entries(people))
      expect({ who, errors }).toEqual({ who, errors: [] });
    for (const { page } of Object.values(people)) await page.context().close();
  });
});
