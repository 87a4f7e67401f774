import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, screenshot, startServer } from '../harness.js';

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

async function apiLogin(username: string, password: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/identity/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

/** The security administrator shortens the password lifetime so that new sessions are inside the warning period. */
async function shortenPasswordLifetime(): Promise<void> {
  const token = await apiLogin('secadmin', DEMO_PASSWORD);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const policy = await (await fetch(`${server.baseUrl}/api/v1/identity/security-policy`, { headers })).json();
  const update = await fetch(`${server.baseUrl}/api/v1/identity/security-policy`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ ...policy, passwordExpiryDays: 30, passwordExpiryWarningDays: 30 }),
  });
  expect(update.status).toBe(200);
}

async function staffSignIn(username: string, password: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  await page.goto(`${server.baseUrl}/admin/login`, { waitUntil: 'networkidle' });
  await page.getByPlaceholder('请输入用户名').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/admin(\/)?$/);
  return page;
}

describe('password expiry and change, as staff see it', () => {
  it('warns before expiry, and the user changes the password on my account', async () => {
    await shortenPasswordLifetime();
    const page = await staffSignIn('clerk', DEMO_PASSWORD);
    const banner = page.locator('.password-banner');
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.innerText()).toContain('过期');
    await screenshot(page, 'admin-password-warning');

    await banner.getByRole('link', { name: '立即修改' }).click();
    await page.waitForURL(/\/admin\/account$/);
    const form = page.locator('form.change-password');
    await form.locator('input[name="currentPassword"]').fill('Wrong-Pass-2026');
    await form.locator('input[name="newPassword"]').fill('Clerk@New-2026');
    await form.locator('input[name="confirm"]').fill('Clerk@New-2026');
    await form.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => form.innerText()).toContain('当前密码不正确');
    await screenshot(page, 'admin-password-wrong-current');

    await form.locator('input[name="currentPassword"]').fill(DEMO_PASSWORD);
    await form.getByRole('button', { name: '修改密码' }).click();
    await expect.poll(() => page.locator('.el-message--success').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-password-changed');
    await page.close();

    // the old password no longer works; the new one does
    const old = await fetch(`${server.baseUrl}/api/v1/identity/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk', password: DEMO_PASSWORD }),
    });
    expect(old.status).toBe(401);
    await apiLogin('clerk', 'Clerk@New-2026');
  });
});
