import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, screenshot, startServer } from '../harness.js';

/**
 * 事项管理 in the back office: 事项管理员 drafts a new implementation list with a material, a form and a
 * situation tree, checks and submits it; 事项审核员 approves and publishes it from the review queue; the
 * item is then found by the public search; a revision shows its changes in the version diff.
 */
const ITEM_NAME = '乙类大型医用设备配置许可（海口）';
const BASIC_CODE = '010000106';
const DEPARTMENT = '海口市卫生健康委员会';

const FORM = {
  type: 'object',
  title: '乙类大型医用设备配置申请表',
  'x-sections': [{ key: 'renewal', title: '换证信息' }],
  required: ['institution', 'uscc', 'equipment'],
  properties: {
    institution: { type: 'string', title: '医疗机构名称', 'x-kind': 'text', maxLength: 200 },
    uscc: { type: 'string', title: '统一社会信用代码', 'x-kind': 'uscc' },
    equipment: {
      type: 'string',
      title: '设备类别',
      'x-kind': 'select',
      enum: ['ct', 'mri', 'dsa'],
      'x-enum-labels': ['X 线电子计算机断层扫描装置（CT）', '磁共振成像设备（MR）', '血管造影机（DSA）'],
    },
    quantity: { type: 'integer', title: '配置数量', 'x-kind': 'number', minimum: 1, maximum: 10 },
    previousNumber: { type: 'string', title: '原配置许可证编号', 'x-kind': 'text', 'x-section': 'renewal' },
  },
};

/** Two mistakes the live check names: an unknown material, and a question nothing leads to. */
const BROKEN_SITUATIONS = {
  start: 'kind',
  questions: [
    {
      id: 'kind',
      text: '您申请的是哪种配置许可？',
      options: [
        { value: 'new', label: '新增配置' },
        { value: 'renew', label: '换证', effects: { materials: ['oldLicence'] } },
      ],
    },
    {
      id: 'orphan',
      text: '无法到达的问题',
      options: [
        { value: 'a', label: '甲' },
        { value: 'b', label: '乙' },
      ],
    },
  ],
};

const SITUATIONS = {
  start: 'kind',
  questions: [
    {
      id: 'kind',
      text: '您申请的是哪种配置许可？',
      options: [
        { value: 'new', label: '新增配置' },
        { value: 'renew', label: '换证', effects: { formSections: ['renewal'] } },
      ],
    },
  ],
};

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

async function signIn(username: string, height = 900): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}/admin/login`, { waitUntil: 'networkidle' });
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin(\/)?$/);
  return { page, errors };
}

async function openMenu(page: Page, title: string, url: RegExp): Promise<void> {
  await page.locator('.aside-menu .el-menu-item', { hasText: title }).click();
  await page.waitForURL(url);
  await page.waitForLoadState('networkidle');
}

function dialog(page: Page, title: string | RegExp): Locator {
  return page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: title }) });
}

/** Picks an option of the select that is open (its options are teleported to the body). */
async function pick(page: Page, select: Locator, option: string | RegExp, search?: string): Promise<void> {
  await select.click();
  if (search) await page.keyboard.type(search);
  await page
    .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: option })
    .first()
    .click();
}

/** Confirms the message box that is open (a confirmation before an irreversible action). */
async function confirm(page: Page): Promise<void> {
  const box = page.locator('.el-message-box:visible');
  await box.waitFor();
  await box.locator('.el-button--primary').click();
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

async function openTab(page: Page, name: string): Promise<void> {
  await page.locator('.el-tabs__item', { hasText: name }).first().click();
}

const field = (page: Page, path: string) => page.locator(`.item-editor [data-path="${path}"]`);

describe('catalogue administration', () => {
  it('an item admin drafts an implementation list with a form and situations, a reviewer publishes it, and citizens find it', async () => {
    // —— 事项管理员: a new implementation list ————————————————————————————————————————————————
    const admin = await signIn('itemadmin', 1300);
    const page = admin.page;
    await openMenu(page, '实施清单', /\/admin\/catalog\/items$/);
    await expect.poll(() => page.locator('.items-table .el-table__row').count()).toBeGreaterThan(10);
    await settledScreenshot(page, 'admin-catalog-items');

    await page.getByRole('button', { name: '新建实施清单' }).click();
    const create = dialog(page, '新建实施清单');
    await pick(page, create.locator('.basic-select'), BASIC_CODE, BASIC_CODE);
    await pick(page, create.locator('.department-select'), DEPARTMENT);
    await create.getByPlaceholder('大型医用设备配置许可').fill(ITEM_NAME);
    await create.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForURL(/\/admin\/catalog\/items\/[0-9a-f-]{36}$/);
    await page.waitForLoadState('networkidle');
    await expect
      .poll(() => page.locator('.item-header').innerText())
      .toContain(`${BASIC_CODE}-460100-HKWJW-`);

    // 校验 at once: every missing element, grouped by tab; a click opens the tab
    await page.getByRole('button', { name: '校验' }).click();
    const panel = page.locator('[data-test="problems-panel"]');
    await expect.poll(() => panel.innerText()).toContain('发现');
    const panelText = await panel.innerText();
    for (const expected of [
      '基本信息',
      '办件类型',
      '申请材料',
      '至少添加一项申请材料',
      '办理流程',
      '咨询方式',
    ])
      expect(panelText).toContain(expected);
    await settledScreenshot(page, 'admin-catalog-problems');
    await panel.locator('.problem', { hasText: '至少添加一项申请材料' }).click();
    await expect.poll(() => page.locator('.el-tabs__item.is-active').innerText()).toContain('申请材料');

    // 基本信息: the mandatory guide elements
    await openTab(page, '基本信息');
    await field(page, 'handlingType').getByText('承诺件').click();
    await field(page, 'statutoryDays').locator('input').fill('20');
    await field(page, 'committedDays').locator('input').fill('10');
    await field(page, 'conditions')
      .locator('textarea')
      .fill('医疗机构已取得执业许可，具备与所申请设备相适应的技术条件、配套设施和专业技术人员。');
    await field(page, 'charged').getByText('不收费').click();
    await field(page, 'visits').locator('input').fill('0');
    await field(page, 'hallRequired').getByText('否').click();
    await field(page, 'appointment').getByText('是').click();
    await field(page, 'delivery').getByText('是').click();
    await field(page, 'onlineDepth').getByText('四级').click();
    await field(page, 'result').getByText('批文').click();
    await field(page, 'result.name').locator('input').fill('乙类大型医用设备配置许可决定书');
    for (const [path, value] of [
      ['consultation', '0898-68723456（市卫生健康委政务服务窗口）'],
      ['complaint', '12345 政务服务便民热线'],
    ] as const) {
      await field(page, path).getByRole('button', { name: '添加方式' }).click();
      await field(page, path).locator('.row input.el-input__inner').last().fill(value);
    }
    await field(page, 'mode').getByText('一般办理').click();
    // the problems of the elements filled in are gone; materials and steps are still missing
    await expect.poll(() => panel.innerText()).not.toContain('办件类型');
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await settledScreenshot(page, 'admin-catalog-editor');

    // 申请材料: one material, every element in its dialog
    await openTab(page, '申请材料');
    await page.getByRole('button', { name: '添加材料' }).click();
    const material = dialog(page, '添加申请材料');
    await material.getByPlaceholder('如：居民身份证').fill('乙类大型医用设备配置申请表');
    await material.getByText('原件和复印件').click();
    await material.getByRole('button', { name: '确定' }).click();
    await expect
      .poll(() => page.locator('.materials-table').innerText())
      .toContain('乙类大型医用设备配置申请表');

    // 办理流程
    await openTab(page, '办理流程');
    await page.getByRole('button', { name: '添加环节' }).click();
    await page.getByPlaceholder('环节名称，如：受理').fill('受理');
    await page
      .getByPlaceholder('办理内容与标准')
      .fill('材料齐全、符合法定形式的当场受理；不齐全的一次性告知需补正的全部内容。');

    // 表单: paste the definition, see it checked and drawn
    await openTab(page, '表单');
    await page.locator('#pane-form .json-editor textarea').fill(JSON.stringify(FORM, null, 2));
    await expect
      .poll(() => page.locator('#pane-form .rule-problems').innerText())
      .toContain('表单定义校验通过');
    const preview = page.locator('#pane-form .preview');
    await expect.poll(() => preview.innerText()).toContain('统一社会信用代码');
    expect(await preview.innerText()).toContain('换证信息');
    await settledScreenshot(page, 'admin-catalog-form-preview');

    // 情形引导: a broken tree is named problem by problem, a correct one is tried out
    await openTab(page, '情形引导');
    const situations = page.locator('#pane-situations');
    await situations.locator('.json-editor textarea').fill(JSON.stringify(BROKEN_SITUATIONS, null, 2));
    await expect
      .poll(() => situations.locator('.rule-problems').innerText())
      .toContain('选项引用了不存在的材料');
    expect(await situations.locator('.rule-problems').innerText()).toContain('从起始问题无法到达该问题');
    await settledScreenshot(page, 'admin-catalog-situations-problems');
    await situations.locator('.json-editor textarea').fill(JSON.stringify(SITUATIONS, null, 2));
    await expect.poll(() => situations.locator('.rule-problems').innerText()).toContain('情形树校验通过');
    await situations.locator('.try').getByText('换证').click();
    await expect.poll(() => situations.locator('.try').innerText()).toContain('问卷已完成');
    expect(await situations.locator('.try').innerText()).toContain('换证信息');
    await settledScreenshot(page, 'admin-catalog-situations');

    // save, check, submit
    await page.getByRole('button', { name: '保存草稿' }).click();
    await successMessage(page, '草稿已保存');
    await page.getByRole('button', { name: '校验' }).click();
    await successMessage(page, '校验通过');
    await expect.poll(() => panel.innerText()).toContain('校验通过');
    await page.getByRole('button', { name: '提交审核' }).click();
    await confirm(page);
    await successMessage(page, '已提交审核');
    await expect.poll(() => page.locator('.notice').innerText()).toContain('已提交审核');
    const itemUrl = page.url();
    expect(admin.errors).toEqual([]);

    // —— 事项审核员: review queue → approve → publish ——————————————————————————————————————————
    const reviewer = await signIn('itemreviewer', 1100);
    const review = reviewer.page;
    await openMenu(review, '审核队列', /\/admin\/catalog\/review$/);
    await review
      .locator('.el-table__row', { hasText: ITEM_NAME })
      .getByRole('button', { name: '审核' })
      .click();
    await review.waitForURL(/\/admin\/catalog\/review\/[0-9a-f-]{36}$/);
    await review.waitForLoadState('networkidle');
    await expect.poll(() => review.locator('.review-page').innerText()).toContain('首次发布');
    await openTab(review, '申请材料');
    await expect
      .poll(() => review.locator('.materials-table').innerText())
      .toContain('乙类大型医用设备配置申请表');
    await openTab(review, '基本信息');
    await expect.poll(() => review.locator('.guide-form input').first().inputValue()).toBe(ITEM_NAME);
    await settledScreenshot(review, 'admin-catalog-review');
    await review.getByRole('button', { name: '审核通过' }).click();
    await confirm(review);
    await successMessage(review, '已审核通过');
    await review.getByRole('button', { name: '发布' }).click();
    await confirm(review);
    await successMessage(review, '已发布');
    await expect.poll(() => review.locator('.notice').innerText()).toContain('已发布');
    expect(reviewer.errors).toEqual([]);

    // —— citizens: the public search finds it ——————————————————————————————————————————————————
    const found = (await (
      await fetch(`${server.baseUrl}/api/v1/catalog/items?q=${encodeURIComponent('乙类大型医用设备')}`)
    ).json()) as { items: { code: string; name: string }[] };
    expect(found.items.map((i) => i.name)).toContain(ITEM_NAME);

    // —— 修订: a new draft; the diff names what changed ———————————————————————————————————————————
    await page.goto(itemUrl, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: '修订' }).click();
    await confirm(page);
    await successMessage(page, '已生成新的草稿版本');
    await openTab(page, '基本信息');
    await field(page, 'committedDays').locator('input').fill('8');
    await field(page, 'committedDays').locator('input').blur();
    await openTab(page, '申请材料');
    await page.getByRole('button', { name: '添加材料' }).click();
    await dialog(page, '添加申请材料').getByPlaceholder('如：居民身份证').fill('设备购置可行性论证报告');
    await dialog(page, '添加申请材料').getByRole('button', { name: '确定' }).click();
    await page
      .locator('.materials-table .el-table__row')
      .first()
      .getByRole('button', { name: '编辑' })
      .click();
    const edit = dialog(page, /申请材料：/);
    await edit.locator('.el-input-number input').first().fill('2');
    await edit.getByRole('button', { name: '确定' }).click();
    await openTab(page, '表单');
    const revised = {
      ...FORM,
      properties: {
        ...FORM.properties,
        purpose: { type: 'string', title: '配置用途', 'x-kind': 'textarea' },
      },
    };
    await page.locator('#pane-form .json-editor textarea').fill(JSON.stringify(revised, null, 2));
    await expect.poll(() => page.locator('#pane-form .preview').innerText()).toContain('配置用途');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await successMessage(page, '草稿已保存');
    await openTab(page, '版本');
    await page.getByRole('button', { name: '比对' }).click();
    const diff = page.locator('.version-diff');
    await expect.poll(() => diff.innerText()).toContain('承诺办结时限');
    const diffText = await diff.innerText();
    expect(diffText).toContain('10 个工作日');
    expect(diffText).toContain('8 个工作日');
    expect(diffText).toContain('设备购置可行性论证报告');
    expect(diffText).toContain('配置用途');
    expect(diffText).toMatch(/份数\s*1\s*→\s*2/);
    await settledScreenshot(page, 'admin-catalog-diff');
    expect(admin.errors).toEqual([]);
  });

  it('a bundle editor shows members in dispatch order and the server refuses a mapping to a field the member lacks', async () => {
    const { page, errors } = await signIn('itemadmin', 1100);
    await openMenu(page, '一件事', /\/admin\/catalog\/bundles$/);
    await page.locator('.name-link', { hasText: '新生儿出生一件事' }).click();
    await page.waitForURL(/\/admin\/catalog\/bundles\/[0-9a-f-]{36}$/);
    const members = page.locator('.bundle-members .member');
    await expect.poll(() => members.count()).toBe(4);
    expect(await members.first().innerText()).toContain('出生医学证明');
    // every demo mapping checks out against both forms
    await expect.poll(() => members.nth(1).locator('.ok').count()).toBeGreaterThan(3);

    const second = members.nth(1);
    await second.getByRole('button', { name: '添加映射' }).click();
    const row = second.locator('.mappings .el-table__row').last();
    await pick(page, row.locator('.el-select').first(), 'hospital');
    await row.locator('.el-select').nth(1).click();
    await page.keyboard.type('notAField');
    await page
      .locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: 'notAField' })
      .first()
      .click();
    await expect.poll(() => row.innerText()).toContain('该事项表单中没有该字段');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => row.locator('.error').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
