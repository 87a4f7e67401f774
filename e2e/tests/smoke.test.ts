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

async function open(path: string, viewport = { width: 1440, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'networkidle' });
  expect(errors).toEqual([]);
  return page;
}

async function signIn(page: Page, username: string, password: string) {
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin(\/)?$/);
}

describe('the three areas render', () => {
  it('portal at / shows the product title and the service search', async () => {
    const page = await open('/');
    expect(await page.title()).toContain('通办');
    await expect.poll(() => page.locator('h1').first().innerText()).toContain('通办');
    expect(await page.getByPlaceholder(/搜索服务事项/).count()).toBe(1);
    await screenshot(page, 'portal');
    await page.close();
  });

  it('portal switches to English and remembers it', async () => {
    const page = await open('/');
    await page
      .getByRole('button', { name: /语言|Language/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await screenshot(page, 'portal-en-US');
    await page.close();
  });

  it('mobile H5 at /m renders with its tab bar', async () => {
    const page = await open('/m', { width: 390, height: 844 });
    expect(await page.title()).toContain('通办');
    expect(await page.locator('.van-nav-bar').innerText()).toContain('通办');
    expect(await page.locator('.van-tabbar-item').count()).toBe(4);
    await screenshot(page, 'mobile');
    await page.close();
  });

  it('admin at /admin asks for a login first', async () => {
    const page = await open('/admin');
    await page.waitForURL(/\/admin\/login/);
    expect(await page.title()).toContain('通办');
    await screenshot(page, 'admin-login');
    await page.close();
  });
});

describe('API documentation', () => {
  it('renders the OpenAPI document in Swagger UI at /api/docs under the security headers', async () => {
    const page = await open('/api/docs');
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 15_000 }).toBeGreaterThan(5);
    expect(await page.locator('.info .title').innerText()).toContain('通办 Tongban API');
    await screenshot(page, 'api-docs');
    await page.close();
  });
});

describe('the admin menu follows permissions (三员分立)', () => {
  it('shows the audit administrator the audit ledger, whose chain verifies', async () => {
    const page = await open('/admin/login');
    await signIn(page, 'auditor', DEMO_PASSWORD);
    const menu = page.locator('.aside-menu');
    await expect.poll(() => menu.innerText()).toContain('审计日志');
    expect(await menu.innerText()).not.toContain('开发发件箱');
    await expect.poll(() => page.locator('.el-descriptions').innerText()).toContain('PGlite');
    await screenshot(page, 'admin-dashboard-auditor');
    await menu.getByText('审计日志').click();
    await page.waitForURL(/\/admin\/audit/);
    await expect.poll(() => page.locator('.el-table__row').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await expect
      .poll(() => page.locator('.verify-result').innerText())
      .toMatch(/哈希链完整，已校验 \d+ 条记录/);
    await screenshot(page, 'admin-audit');
    await page.close();
  });

  it('hides the audit ledger from the system administrator, even by URL', async () => {
    const page = await open('/admin/login');
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const menu = page.locator('.aside-menu');
    await expect.poll(() => menu.innerText()).toContain('开发发件箱');
    expect(await menu.innerText()).not.toContain('审计日志');
    await page.goto(`${server.baseUrl}/admin/audit`, { waitUntil: 'networkidle' });
    await page.waitForURL(/\/admin\/forbidden/);
    await screenshot(page, 'admin-forbidden');
    await page.close();
  });
});
