import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Small screens: at 1024 px wide and at 1280×720 the whole stage shows without scrolling (the phone is
 * zoomed to the window's height, the sidebar shows icons only below 1280 px), tables wrap instead of
 * scrolling sideways, and a long name is cut with an ellipsis and shown in full on hover.
 */

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 720 },
] as const;

async function box(l: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await l.boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

async function expectInside(l: Locator, view: { width: number; height: number }): Promise<void> {
  const b = await box(l);
  expect(b.x).toBeGreaterThanOrEqual(0);
  expect(b.y).toBeGreaterThanOrEqual(0);
  expect(b.x + b.width).toBeLessThanOrEqual(view.width + 0.5);
  expect(b.y + b.height).toBeLessThanOrEqual(view.height + 0.5);
}

async function noScroll(l: Locator): Promise<void> {
  const { sw, cw, sh, ch } = await l.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight }));
  expect(sw, 'no horizontal scrolling').toBeLessThanOrEqual(cw + 1);
  expect(sh, 'no vertical scrolling').toBeLessThanOrEqual(ch + 1);
}

async function openStage(page: Page, ui: string): Promise<void> {
  await page.goto(ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await page.frameLocator('iframe').first().locator('body[data-login-status="PENDING"]').waitFor();
}

for (const locale of ['zh-CN', 'en-US'] as const) {
  test.describe(locale, () => {
    test.use({ locale });
    for (const size of SIZES) {
      test(`${size.width}×${size.height}: the whole stage shows, PC page beside the phone`, async ({ page, studio }) => {
        await page.setViewportSize(size);
        await openStage(page, studio.ui);
        await noScroll(page.locator('main'));
        await noScroll(page.locator('header.topbar'));
        const pc = page.locator('.browser');
        const phone = page.locator('section.phone');
        await expectInside(pc, size);
        await expectInside(phone, size);
        const [p, f] = [await box(pc), await box(phone)];
        expect(p.x + p.width, 'the phone stands beside the PC page').toBeLessThanOrEqual(f.x);
        expect(p.width).toBeGreaterThan(450);
        // Inside the PC frame, the hosted page's QR code and its status are in view.
        const frame = page.frameLocator('iframe').first();
        const inFrame = async (l: Locator): Promise<boolean> =>
          l.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;
          });
        expect(await inFrame(frame.locator('#qr'))).toBe(true);
        expect(await inFrame(frame.getByRole('status'))).toBe(true);
        // Below 1280 px the sidebar shows icons; each link keeps its name.
        const nav = page.locator('nav.nav');
        if (size.width < 1280) {
          expect((await box(nav)).width).toBeLessThanOrEqual(72);
          await expect(nav.locator('.nav-text').first()).toBeHidden();
        }
        await expect(page.getByRole('navigation').getByRole('link')).toHaveCount(6);
        for (const link of await page.getByRole('navigation').getByRole('link').all()) expect((await link.getAttribute('title'))?.length).toBeGreaterThan(1);
        await page.screenshot({ path: test.info().outputPath(`stage-${size.width}x${size.height}.png`) });
      });
    }
  });
}

test.describe('tables and long names at 1024 px', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });

  test('tables wrap instead of scrolling sideways; a long name is cut and shown in full on hover', async ({ page, studio }) => {
    const long = '一个名字特别特别长的测试公众号（用来检查窄屏布局是否会被撑开）Follow Studio Long Account Name';
    await studio.api('POST', '/api/wechat/accounts', { name: long, type: 'service', verified: true });
    await openStage(page, studio.ui);
    // Sign in once so that followers, sessions and users have rows.
    const pc = page.frameLocator('iframe').first();
    await page.getByRole('button', { name: '扫一扫' }).click();
    await page.getByRole('button', { name: '关注公众号' }).click();
    await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
    const accounts = (await studio.api<{ accounts: Array<{ appId: string; name: string }> }>('GET', '/api/wechat/accounts')).body.accounts;
    const demo = accounts.find((a) => a.name !== long)!;
    for (const hash of [`#/wechat/${demo.appId}/followers`, `#/wechat/${demo.appId}/tickets`, '#/wechat/personas', '#/login/users', '#/login/sessions']) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      const wrap = page.locator('.table-wrap').first();
      await wrap.locator('tbody tr').first().waitFor();
      const { sw, cw } = await wrap.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      expect(sw, `${hash}: the table fits its card`).toBeLessThanOrEqual(cw + 1);
      const main = await page.locator('main').evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      expect(main.sw, `${hash}: the view does not scroll sideways`).toBeLessThanOrEqual(main.cw + 1);
    }
    // The long account name: cut in the list, whole in its tooltip, and the list does not grow sideways.
    await page.evaluate((h) => (window.location.hash = h), `#/wechat/${demo.appId}/basic`);
    const item = page.getByRole('navigation', { name: '公众号' }).locator('.list-item-title .ellipsis', { hasText: '一个名字特别特别长' });
    await expect(item).toHaveAttribute('title', long);
    const { sw, cw } = await item.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
    expect(sw).toBeGreaterThan(cw);
    await noScroll(page.getByRole('navigation', { name: '公众号' }));
  });
});
