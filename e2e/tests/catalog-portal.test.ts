import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type RunningServer, screenshot, startServer } from '../harness.js';

/**
 * The public service catalogue as a visitor without an account meets it: the 办事大厅 home, search, a
 * complete guide, the situation questionnaire, the printable guide, 一件事, mobile and English. Items come
 * from the demo catalogue (server/src/demo/catalog-demo-*.ts), published by Hainan demo departments.
 */
const NURSE = '010000102-460000-HNWJW-01'; // 护士执业注册 (秒批), 海南省卫生健康委员会
const PHYSICIAN = '010000101-460000-HNWJW-01'; // 医师执业注册: a situation tree (首次 / 变更 / 注销)
const PC = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

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

async function open(
  path: string,
  options: { viewport?: { width: number; height: number }; locale?: string; region?: string } = {},
): Promise<Opened> {
  const locale = options.locale ?? 'zh-CN';
  const page = await browser.newPage({ viewport: options.viewport ?? PC, locale });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(
    ([appLocale, region]) => {
      localStorage.setItem('tongban.locale', appLocale ?? 'zh-CN');
      if (region) localStorage.setItem('tongban.region', region);
    },
    [locale, options.region] as const,
  );
  await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'networkidle' });
  return { page, errors };
}

/** Material rows of the portal guide's materials table. */
function materialRows(page: Page) {
  return page.locator('[data-testid="materials"] tbody tr');
}

/** A full-length picture of a mobile page: the viewport grows to the page, so fixed bars stay at the bottom. */
async function mobileScreenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: PHONE.width, height: Math.max(PHONE.height, height) });
  await page.waitForTimeout(200);
  await screenshot(page, name);
}

describe('a visitor without an account uses the portal 办事大厅', () => {
  it('finds 护士执业注册 from the home search and reads its guide', async () => {
    const { page, errors } = await open('/');
    await expect.poll(() => page.locator('[data-testid="hot-items"] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="current-region"]').innerText()).toBe('海南省');
    expect(await page.locator('[data-testid="browse"]').innerText()).toContain('职业资格');
    await screenshot(page, 'portal-services-home');

    await page.getByPlaceholder(/搜索服务事项/).fill('护士');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/services\?q=/);
    const first = page.locator('[data-testid="item-hit"]').first();
    await expect.poll(() => first.locator('h3').innerText()).toBe('护士执业注册');
    // the search words are marked in the name
    expect(await first.locator('mark').first().innerText()).toBe('护士');
    expect(await first.innerText()).toContain('秒批');
    await screenshot(page, 'portal-search');

    await first.getByRole('link', { name: '护士执业注册' }).click();
    await page.waitForURL(new RegExp(`/services/${NURSE}$`));
    const head = page.locator('[data-testid="guide-head"]');
    await expect.poll(() => head.locator('h1').innerText()).toBe('护士执业注册');
    expect(await head.innerText()).toContain('20 个工作日'); // statutory time limit
    expect(await page.locator('[data-testid="committed-days"]').innerText()).toBe('即时办结');
    expect(await materialRows(page).count()).toBe(4);
    expect(await page.locator('[data-testid="materials"]').innerText()).toContain(
      '护士执业资格考试成绩合格证明',
    );
    expect(await page.locator('#g-materials').innerText()).toContain('免提交');
    expect(await page.locator('#g-mode').innerText()).toContain('秒批');
    expect(await page.title()).toContain('护士执业注册');
    // a published 四级 item takes online applications
    expect(await page.locator('[data-testid="apply"]').isEnabled()).toBe(true);
    await screenshot(page, 'portal-guide');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('narrows the materials to the situation the visitor answers, confirmed by the server', async () => {
    const { page, errors } = await open(`/services/${PHYSICIAN}`);
    const situation = page.locator('[data-testid="situation"]');
    await expect.poll(() => situation.innerText()).toContain('您要办理哪种注册？');
    expect(await materialRows(page).count()).toBe(6);

    await situation.getByText('首次注册').click();
    await expect.poll(() => materialRows(page).count()).toBe(5);
    const materials = page.locator('[data-testid="materials"]');
    expect(await materials.innerText()).toContain('拟执业机构聘用证明');
    expect(await materials.innerText()).not.toContain('原医师执业证书');
    const result = page.locator('[data-testid="situation-result"]');
    await expect.poll(() => result.innerText()).toContain('已由系统核验');
    expect(await result.innerText()).toContain('5 项材料');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'portal-guide-situation');

    // changing the answer brings the former licence back and the form's 变更信息 section with it
    await situation.getByRole('button', { name: '修改' }).click();
    await situation.getByText('变更执业地点或范围').click();
    await expect.poll(() => materialRows(page).count()).toBe(6);
    expect(await materials.innerText()).toContain('原医师执业证书');
    await page.locator('#g-form .el-collapse-item__header').click();
    await expect.poll(() => page.locator('#g-form [data-section="change"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prints the guide without the site chrome', async () => {
    const { page, errors } = await open(`/services/${PHYSICIAN}`);
    await page.evaluate(() => {
      (window as unknown as { printed: boolean }).printed = false;
      window.print = () => {
        (window as unknown as { printed: boolean }).printed = true;
      };
    });
    await page.locator('[data-testid="print"]').click();
    expect(await page.evaluate(() => (window as unknown as { printed: boolean }).printed)).toBe(true);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.masthead').isVisible()).toBe(false);
    expect(await page.locator('.portal-footer').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="print"]').isVisible()).toBe(false);
    expect(await page.locator('#g-materials').isVisible()).toBe(true);
    expect(await page.locator('.print-site').isVisible()).toBe(true);
    await screenshot(page, 'portal-guide-print');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows 新生儿出生一件事 to a visitor in 海口市 with its members in dispatch order', async () => {
    const region = JSON.stringify({ code: '460100', name: '海南省 / 海口市' });
    const { page, errors } = await open('/', { region });
    expect(await page.locator('[data-testid="current-region"]').innerText()).toBe('海口市');
    const bundles = page.locator('[data-testid="bundles"]');
    await expect.poll(() => bundles.innerText()).toContain('新生儿出生一件事');
    await bundles.getByRole('link', { name: /新生儿出生一件事/ }).click();
    await page.waitForURL(/\/bundles\/YJS-460100-XSECS$/);
    const members = page.locator('[data-testid="bundle-members"] li');
    await expect.poll(() => members.count()).toBe(4);
    expect(await members.first().innerText()).toContain('出生医学证明');
    expect(await members.nth(1).innerText()).toContain('出生登记');
    await screenshot(page, 'portal-bundle');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reads the guide in English', async () => {
    const { page, errors } = await open(`/services/${PHYSICIAN}`, { locale: 'en-US' });
    await expect.poll(() => page.locator('#g-basic h2').innerText()).toBe('Basic information');
    expect(await page.locator('#g-materials h2').innerText()).toContain('Documents');
    expect(await page.locator('[data-testid="guide-head"]').innerText()).toContain('20 working days');
    expect(await page.locator('#g-basic').innerText()).toContain('Administrative licence');
    // no i18n key leaks into the page
    expect(await page.locator('body').innerText()).not.toMatch(/catalog\.[a-z]/);
    await screenshot(page, 'portal-guide-en-US');
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the same visitor on a phone (/m)', () => {
  it('searches 护士 and reads the guide with its materials', async () => {
    const { page, errors } = await open('/m', { viewport: PHONE });
    const search = page.locator('.banner-search input');
    await search.fill('护士');
    await search.press('Enter');
    await page.waitForURL(/\/m\/services\?q=/);
    const first = page.locator('[data-testid="mobile-hit"]').first();
    await expect.poll(() => first.locator('h3').innerText()).toBe('护士执业注册');
    await mobileScreenshot(page, 'mobile-search');

    await page.setViewportSize(PHONE);
    await first.click();
    await page.waitForURL(new RegExp(`/m/services/${NURSE}$`));
    const head = page.locator('[data-testid="mobile-guide-head"]');
    await expect.poll(() => head.locator('h1').innerText()).toBe('护士执业注册');
    expect(await head.innerText()).toContain('即时办结');
    expect(await page.locator('[data-testid="mobile-materials"] .van-cell').count()).toBe(4);
    await mobileScreenshot(page, 'mobile-guide');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers the questionnaire with radio cells', async () => {
    const { page, errors } = await open(`/m/services/${PHYSICIAN}`, { viewport: PHONE });
    const materials = page.locator('[data-testid="mobile-materials"] .van-cell');
    await expect.poll(() => materials.count()).toBe(6);
    await page.locator('[data-testid="mobile-situation"]').getByText('注销注册').click();
    await expect.poll(() => materials.count()).toBe(5);
    expect(await page.locator('[data-testid="mobile-materials"]').innerText()).not.toContain(
      '拟执业机构聘用证明',
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
