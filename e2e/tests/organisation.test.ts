import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchBrowser,
  type RunningServer,
  screenshot,
  startServer,
} from '../harness.js';

const DEPARTMENT = '龙华区政务服务中心';
const STAFF = { username: 'lh_clerk', name: '林受理', password: 'Staff@2026x' };

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

async function signIn(username: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}/admin/login`, { waitUntil: 'networkidle' });
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin(\/)?$/);
  return { page, errors };
}

/** Opens a side-menu entry by its title and waits for its page. */
async function openMenu(page: Page, title: string, url: RegExp): Promise<void> {
  await page.locator('.aside-menu .el-menu-item', { hasText: title }).click();
  await page.waitForURL(url);
  await page.waitForLoadState('networkidle');
}

/** A node of the department tree of the page (`.department-tree`), by its name. */
function departmentNode(page: Page, name: string): Locator {
  return page
    .locator('.department-tree .el-tree-node__content')
    .filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
}

/** The open dialog with this title. */
function dialog(page: Page, title: string | RegExp): Locator {
  return page.locator('.el-dialog').filter({ has: page.locator('.el-dialog__title', { hasText: title }) });
}

/** The (teleported) option list of the select that is open. */
function openOptions(page: Page): Locator {
  return page.locator('.el-select-dropdown:visible, .el-tree-select__popper:visible').last();
}

/** A screenshot once the toasts of earlier steps are gone. */
async function settledScreenshot(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator('.el-message').count(), { timeout: 10_000 }).toBe(0);
  await screenshot(page, name);
}

async function successMessage(page: Page, text: string | RegExp): Promise<void> {
  await expect
    .poll(() => page.locator('.el-message--success').allInnerTexts())
    .toContainEqual(expect.stringMatching(text));
}

describe('organisation administration', () => {
  it('admin creates a department and a staff member in it with a role chosen in the UI; the staff member sees only their menu', async () => {
    const { page, errors } = await signIn('admin', ADMIN_PASSWORD);

    // 部门管理: add a child of 海口市政务服务中心 (its region is preset from the parent)
    await openMenu(page, '部门管理', /\/admin\/org\/departments/);
    await expect.poll(() => departmentNode(page, '海口市政务服务中心').count()).toBe(1);
    await departmentNode(page, '海口市政务服务中心').click();
    await expect.poll(() => page.locator('.detail-card').innerText()).toContain('海口市');
    await page.getByRole('button', { name: '新增下级' }).click();
    const create = dialog(page, '新增部门');
    await expect.poll(() => create.locator('.el-cascader input').inputValue()).toContain('海口市');
    // a district of 海口, picked in the lazy region cascader
    await create.locator('.el-cascader').click();
    const district = page.locator('.el-cascader-node', { hasText: /^龙华区$/ });
    await expect.poll(() => district.count()).toBe(1);
    await district.locator('.el-radio').click();
    await expect.poll(() => create.locator('.el-cascader input').inputValue()).toContain('龙华区');
    await create.locator('.el-dialog__title').click();
    await create.getByPlaceholder('如：海口市政务服务中心').fill(DEPARTMENT);
    await create.getByPlaceholder(/统一社会信用代码或内部编码/).fill('HK-LH-ZWFWZX');
    await create.getByRole('button', { name: '确定' }).click();
    await successMessage(page, DEPARTMENT);
    await expect.poll(() => departmentNode(page, DEPARTMENT).count()).toBe(1);
    await expect.poll(() => page.locator('.detail-card').innerText()).toContain('HK-LH-ZWFWZX');
    const details = await page.locator('.detail-card .el-descriptions').innerText();
    expect(details).toContain('海口市政务服务中心');
    expect(details).toContain('龙华区');
    await settledScreenshot(page, 'admin-departments');

    // a department with children and staff cannot be deleted: the server's reason is shown
    await departmentNode(page, '海口市政务服务中心').click();
    await expect.poll(() => page.locator('.detail-card .el-descriptions').innerText()).toContain('HK-ZWFWZX');
    await page.locator('.detail-card').getByRole('button', { name: '删除' }).click();
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click();
    const refusal = page.locator('.el-message-box').filter({ hasText: '不能删除' });
    await expect.poll(() => refusal.innerText()).toContain('该部门还有下级部门，不能删除');
    expect(await refusal.innerText()).toMatch(/现有 \d+ 个下级部门、\d+ 名工作人员/);
    await screenshot(page, 'admin-department-delete-refused');
    await refusal.getByRole('button', { name: '确定' }).click();
    await expect.poll(() => departmentNode(page, '海口市政务服务中心').count()).toBe(1);

    // 大厅与窗口: the demo hall of 海口 with its windows
    await openMenu(page, '大厅与窗口', /\/admin\/org\/halls/);
    await expect.poll(() => departmentNode(page, '海口市政务服务中心').count()).toBe(1);
    await departmentNode(page, '海口市政务服务中心').click();
    await expect.poll(() => page.locator('.halls-table').innerText()).toContain('海口市民游客中心');
    await expect.poll(() => page.locator('.windows-table .el-table__row').count()).toBe(3);
    await settledScreenshot(page, 'admin-halls');

    // 工作人员: the new department has nobody yet; create a window clerk in it
    await openMenu(page, '工作人员', /\/admin\/org\/staff/);
    await expect.poll(() => departmentNode(page, DEPARTMENT).count()).toBe(1);
    await departmentNode(page, DEPARTMENT).click();
    await expect
      .poll(() => page.locator('.list-card .el-table__empty-text').innerText())
      .toContain('暂无工作人员');
    await page.getByRole('button', { name: '新增人员' }).click();
    const form = dialog(page, '新增工作人员');
    await form.getByPlaceholder(/字母开头/).fill(STAFF.username);
    await form.getByPlaceholder('请输入真实姓名').fill(STAFF.name);
    await form.getByPlaceholder(/须符合安全策略/).fill(STAFF.password);
    expect(await form.locator('.el-tree-select, .el-select').first().innerText()).toContain(DEPARTMENT);
    await form.locator('.roles-select').click();
    const roleOption = openOptions(page).locator('.el-select-dropdown__item', { hasText: '窗口受理员' });
    // only roles admin may grant are offered: not the security or audit administrator's
    expect(await openOptions(page).innerText()).not.toContain('安全管理员');
    await roleOption.click();
    await form.locator('.el-dialog__title').click();
    await form.getByRole('button', { name: '确定' }).click();
    await successMessage(page, STAFF.name);
    const row = page.locator('.list-card .el-table__row', { hasText: STAFF.username });
    await expect.poll(() => row.innerText()).toContain('窗口受理员');
    expect(await row.innerText()).toContain(DEPARTMENT);
    await settledScreenshot(page, 'admin-staff');

    // search narrows the list
    await departmentNode(page, DEPARTMENT).click();
    await page.locator('.department-tree').getByText('全部部门').click();
    await page.getByPlaceholder('搜索用户名或姓名').fill('clerk');
    await page.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(async () => {
        const names = await page.locator('.list-card .el-table__row td:first-child').allInnerTexts();
        return names.length > 0 && names.every((name) => name.includes('clerk'));
      })
      .toBe(true);
    expect(errors).toEqual([]);

    await page.locator('.user-button').click();
    await page.locator('.el-dropdown-menu').getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL(/\/admin\/login/);
    await page.close();

    // the new staff member sees exactly the entries their role allows (窗口受理员: identity:staff:read,
    // cases:handle, cases:window)
    const staff = await signIn(STAFF.username, STAFF.password);
    const items = staff.page.locator('.aside-menu .el-menu-item');
    await expect.poll(() => items.count()).toBeGreaterThan(0);
    expect((await items.allInnerTexts()).map((text) => text.trim())).toEqual([
      '工作台首页',
      '工作台',
      '窗口收件',
      '行政区划',
      '工作人员',
      '我的账号',
    ]);
    expect(
      (await staff.page.locator('.aside-menu .el-sub-menu__title').allInnerTexts()).map((text) =>
        text.trim(),
      ),
    ).toEqual(['办件办理', '组织机构']);
    await screenshot(staff.page, 'staff-menu');

    // their own department's staff, without the department tree they may not read
    await openMenu(staff.page, '工作人员', /\/admin\/org\/staff/);
    await expect.poll(() => staff.page.locator('.list-card').innerText()).toContain(STAFF.username);
    expect(await staff.page.locator('.department-tree').count()).toBe(0);
    expect(await staff.page.getByRole('button', { name: '新增人员' }).count()).toBe(0);

    await staff.page.goto(`${server.baseUrl}/admin/audit`, { waitUntil: 'networkidle' });
    await staff.page.waitForURL(/\/admin\/forbidden/);
    expect(await staff.page.locator('.el-result').innerText()).toContain('无权访问');
    await staff.page.goto(`${server.baseUrl}/admin/org/departments`, { waitUntil: 'networkidle' });
    await staff.page.waitForURL(/\/admin\/forbidden/);
    expect(staff.errors).toEqual([]);
    await staff.page.close();
  });

  it('secadmin creates a role in a new group, with its own data scope per permission', async () => {
    const { page, errors } = await signIn('secadmin', DEMO_PASSWORD);
    await openMenu(page, '角色权限', /\/admin\/org\/roles/);
    await expect.poll(() => page.locator('.el-table').innerText()).toContain('窗口受理员');
    expect(await page.locator('.groups').innerText()).toContain('默认');

    await page.getByRole('button', { name: '新建角色组' }).click();
    await page.locator('.el-message-box input').fill('安全类');
    await page.locator('.el-message-box').getByRole('button', { name: '确定' }).click();
    await successMessage(page, '安全类');
    await expect.poll(() => page.locator('.group.active').innerText()).toContain('安全类');

    await page.getByRole('button', { name: '新增角色' }).click();
    const edit = dialog(page, '新增角色');
    await edit.getByPlaceholder('如：窗口受理员').fill('安全巡检员');
    await edit.getByPlaceholder(/小写字母开头/).fill('security_inspector');
    await edit.getByPlaceholder(/角色的职责说明/).fill('查看安全策略与登录日志，修改仅限本人');
    const node = (name: string) =>
      edit
        .locator('.el-tree-node__content')
        .filter({ has: page.locator('.node-name', { hasText: new RegExp(`^${name}$`) }) });
    await node('查看安全策略与登录日志').locator('.el-checkbox').click();
    // the tree opens at its first level (and wherever the role has grants): open 统一身份认证 › 角色与权限
    await node('角色与权限').locator('.el-tree-node__expand-icon').click();
    await node('查看角色与权限').locator('.el-checkbox').click();
    // each granted permission gets its own data scope; the default (本部门) applies unless changed
    await expect.poll(() => edit.locator('.scope-select').count()).toBe(2);
    await node('查看安全策略与登录日志').locator('.scope-select').click();
    await openOptions(page)
      .locator('.el-select-dropdown__item', { hasText: /^全部$/ })
      .click();
    await expect
      .poll(() => node('查看安全策略与登录日志').locator('.scope-select').innerText())
      .toContain('全部');
    expect(await node('查看角色与权限').locator('.scope-select').innerText()).toContain('本部门');
    await node('查看角色与权限').scrollIntoViewIfNeeded();
    await settledScreenshot(page, 'admin-role-edit');
    await edit.getByRole('button', { name: '保存' }).click();
    await successMessage(page, '安全巡检员');
    const row = page.locator('.el-table__row', { hasText: 'security_inspector' });
    await expect.poll(() => row.innerText()).toContain('查看安全策略与登录日志 · 全部');
    expect(await row.innerText()).toContain('查看角色与权限 · 本部门');
    await page.locator('.group', { hasText: '全部角色' }).click();
    await expect.poll(() => page.locator('.el-table__row').count()).toBeGreaterThan(5);
    await settledScreenshot(page, 'admin-roles');

    // the built-in roles open read-only
    const builtin = page.locator('.el-table__row', { hasText: 'auditadmin' });
    await builtin.getByRole('button', { name: '查看' }).click();
    const view = dialog(page, '查看角色');
    await expect.poll(() => view.innerText()).toContain('三员分立的内置角色由系统维护');
    expect(await view.getByRole('button', { name: '保存' }).count()).toBe(0);
    await view.getByRole('button', { name: '关闭', exact: true }).click();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the staff page in English', async () => {
    const { page, errors } = await signIn('admin', ADMIN_PASSWORD);
    await page
      .getByRole('button', { name: /语言|Language/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await openMenu(page, 'Staff', /\/admin\/org\/staff/);
    await expect.poll(() => page.locator('.list-card .el-table__row').count()).toBeGreaterThan(0);
    expect(await page.locator('.page-header').innerText()).toContain('New staff member');
    expect(await page.locator('.aside-menu').innerText()).toContain('Organisation');
    expect(await page.locator('.list-card .el-table__header').innerText()).toContain('Username');
    await screenshot(page, 'admin-staff-en-US');
    expect(errors).toEqual([]);
    await page.close();
  });
});
