import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  DEMO_PASSWORD,
  launchBrowser,
  type RunningServer,
  screenshot,
  startServer,
} from '../harness.js';

const CITIZEN_PHONE = '13800000001';
const CITIZEN_NAME = '张三';

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

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'networkidle' });
  return { page, errors };
}

async function staffSignIn(username: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await open('/admin/login');
  await opened.page.getByPlaceholder('请输入用户名').fill(username);
  await opened.page.getByPlaceholder('请输入密码').fill(password);
  await opened.page.getByRole('button', { name: '登录' }).click();
  await opened.page.waitForURL(/\/admin(\/)?$/);
  return opened;
}

/** The input of the security-policy form item for `field`. */
function policyInput(page: Page, field: string) {
  return page.locator(`.el-form-item[data-field="${field}"] input`).first();
}

/** The newest SMS sign-in code sent to `phone`, read from the development outbox. */
async function latestCode(phone: string, after: Set<string>): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`${server.baseUrl}/api/v1/dev/outbox?limit=20&recipient=${phone}`);
    const body = (await response.json()) as { items: { id: string; channel: string; body: string }[] };
    const fresh = body.items.find((m) => m.channel === 'sms' && !after.has(m.id));
    const code = fresh?.body.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no SMS code for ${phone}`);
}

async function outboxIds(phone: string): Promise<Set<string>> {
  const response = await fetch(`${server.baseUrl}/api/v1/dev/outbox?limit=50&recipient=${phone}`);
  const body = (await response.json()) as { items: { id: string }[] };
  return new Set(body.items.map((m) => m.id));
}

describe('security administration', () => {
  it('secadmin changes the lockout duration, and the change survives a reload', async () => {
    const { page, errors } = await staffSignIn('secadmin', DEMO_PASSWORD);
    const menu = page.locator('.aside-menu');
    await expect.poll(() => menu.innerText()).toContain('安全策略');
    await menu.getByText('安全策略').click();
    await page.waitForURL(/\/admin\/security\/policy/);
    const minutes = policyInput(page, 'lockoutMinutes');
    await expect.poll(() => minutes.inputValue()).not.toBe('0');
    await minutes.fill('20');
    await minutes.blur();
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => policyInput(page, 'lockoutMinutes').inputValue()).toBe('20');
    await screenshot(page, 'admin-security-policy');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a server validation error next to the offending IP range', async () => {
    const { page } = await staffSignIn('secadmin', DEMO_PASSWORD);
    await page.goto(`${server.baseUrl}/admin/security/policy`, { waitUntil: 'networkidle' });
    const allow = page.locator('.el-form-item[data-field="staffIpAllow"]');
    await allow.locator('input').fill('10.0.0.0/33');
    await allow.locator('input').press('Enter');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => allow.locator('.el-form-item__error').innerText()).toContain('10.0.0.0/33');
    await screenshot(page, 'admin-security-policy-error');
    await page.close();
  });

  it('secadmin sees the sign-in log with coloured outcomes and filters it', async () => {
    const { page, errors } = await staffSignIn('secadmin', DEMO_PASSWORD);
    await page.locator('.aside-menu').getByText('登录日志').click();
    await page.waitForURL(/\/admin\/security\/login-events/);
    await expect.poll(() => page.locator('.el-table__row').count()).toBeGreaterThan(0);
    expect(await page.locator('.el-table__body').innerText()).toContain('secadmin');
    expect(await page.locator('.el-table__body .el-tag--success').count()).toBeGreaterThan(0);
    await page.getByPlaceholder('按用户名筛选').fill('secadmin');
    await page.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(async () => {
        const names = await page.locator('.el-table__row td:nth-child(2)').allInnerTexts();
        return names.length > 0 && names.every((name) => name.trim() === 'secadmin');
      })
      .toBe(true);
    await screenshot(page, 'admin-login-events');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('citizens sign in on the portal', () => {
  it('with a password, and then see their name in the header', async () => {
    const { page, errors } = await open('/');
    await page.locator('.utility-links').getByRole('link', { name: '登录', exact: true }).click();
    await page.waitForURL(/\/login$/);
    await page.getByPlaceholder('请输入手机号').fill(CITIZEN_PHONE);
    await page.getByPlaceholder('请输入密码').fill(DEMO_PASSWORD);
    await screenshot(page, 'portal-login');
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('.utility-links').innerText()).toContain(CITIZEN_NAME);
    expect(await page.locator('.utility-links').innerText()).toContain('退出');
    await screenshot(page, 'portal-signed-in');

    // a citizen is not staff: the workbench sends them to the staff login
    await page.goto(`${server.baseUrl}/admin`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/admin\/login/);
    await expect.poll(() => page.locator('.not-staff').innerText()).toContain(CITIZEN_NAME);
    await screenshot(page, 'admin-citizen-refused');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with an SMS code read from the development outbox', async () => {
    const { page, errors } = await open('/login');
    await page.getByText('法人登录').click();
    await expect.poll(() => page.locator('.note').innerText()).toContain('经办人');
    await page.getByText('短信验证码登录').click();
    await page.getByPlaceholder('请输入手机号').fill(CITIZEN_PHONE);
    const before = await outboxIds(CITIZEN_PHONE);
    await page.getByRole('button', { name: '获取验证码' }).click();
    const code = await latestCode(CITIZEN_PHONE, before);
    await expect.poll(() => page.locator('.send').innerText()).toMatch(/\d+ 秒后重发/);
    await page.getByPlaceholder('请输入短信验证码').fill(code);
    await screenshot(page, 'portal-login-sms');
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.locator('.utility-links').innerText()).toContain(CITIZEN_NAME);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the register page shows the server field errors', async () => {
    const { page, errors } = await open('/register');
    await page.getByPlaceholder('请输入真实姓名').fill('王五');
    await page.getByPlaceholder('请输入 18 位居民身份证号码').fill('460106199001010018');
    await page.getByPlaceholder('请输入本人手机号').fill('13800000009');
    await page.getByPlaceholder('请设置登录密码').fill('Tongban@2026x');
    await page.getByPlaceholder('请再次输入密码').fill('Tongban@2026x');
    await page.getByRole('button', { name: '注册' }).click();
    await expect.poll(() => page.locator('.el-form-item__error').count()).toBeGreaterThan(0);
    await screenshot(page, 'portal-register');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('regions and my account', () => {
  it('admin expands 海南省 to 海口市 and sees its details', async () => {
    const { page, errors } = await staffSignIn('admin', ADMIN_PASSWORD);
    await page.locator('.aside-menu').getByText('行政区划').click();
    await page.waitForURL(/\/admin\/regions/);
    const tree = page.locator('.region-tree');
    const hainan = tree.locator('.el-tree-node__content', { hasText: '海南省' });
    await expect.poll(() => hainan.count()).toBeGreaterThan(0);
    await hainan.locator('.el-tree-node__expand-icon').click();
    const haikou = tree.locator('.el-tree-node__content', { hasText: '海口市' });
    await expect.poll(() => haikou.count()).toBeGreaterThan(0);
    await haikou.locator('.node-name').click();
    await expect.poll(() => page.locator('.detail-card').innerText()).toContain('4601');
    expect(await page.locator('.detail-card .el-breadcrumb').innerText()).toContain('海南省');
    expect(await page.getByRole('button', { name: '导入区划' }).count()).toBe(1);
    await screenshot(page, 'admin-regions');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('my account lists the current session, reachable from the user menu', async () => {
    const { page, errors } = await staffSignIn('auditor', DEMO_PASSWORD);
    expect(await page.locator('.aside-menu').innerText()).not.toContain('安全策略');
    await page.locator('.user-button').click();
    await page.locator('.el-dropdown-menu').getByRole('menuitem', { name: '我的账号' }).click();
    await page.waitForURL(/\/admin\/account/);
    await expect.poll(() => page.locator('.sessions .el-table__row').count()).toBeGreaterThan(0);
    expect(await page.locator('.sessions').innerText()).toContain('当前会话');
    expect(await page.locator('.el-descriptions').first().innerText()).toContain('auditor');
    await screenshot(page, 'admin-account');
    expect(errors).toEqual([]);
    await page.close();
  });
});
