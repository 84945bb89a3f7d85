import type { Frame, Locator, Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expect, test } from './fixtures';

/**
 * The bundled CJK font on a machine without any CJK font (this one): Chinese is drawn with real glyphs, not
 * the boxes of a missing glyph, in the studio, on the phone and on the hosted login page; the font comes
 * from the studio's and the login server's own origins, in unicode-range subsets (only those needed).
 */
test.use({ locale: 'zh-CN' });

/** Glyph pixels: each probe character drawn big, in the UI's font stack, into its own box. */
async function glyphs(target: Page | Frame, chars: string[]): Promise<Locator[]> {
  await target.evaluate(async (cs) => {
    const family = getComputedStyle(document.body).fontFamily;
    // Load first, then draw: the subsets of these characters are in before they are laid out.
    await document.fonts.load(`48px ${family}`, cs.join(''));
    const box = document.createElement('div');
    box.id = 'glyph-probe';
    box.style.cssText = `position:fixed;left:0;top:0;z-index:2147483647;display:flex;gap:8px;background:#fff;padding:8px;font:48px/1 ${family};color:#000`;
    for (const [i, c] of cs.entries()) {
      const s = document.createElement('span');
      s.id = `glyph-${i}`;
      s.style.cssText = 'display:inline-block;width:64px;height:64px;text-align:center';
      s.textContent = c;
      box.appendChild(s);
    }
    document.body.appendChild(box);
  }, chars);
  return chars.map((_, i) => target.locator(`#glyph-${i}`));
}

interface Pixels {
  ink: number;
  data: Buffer;
}

async function pixels(l: Locator): Promise<Pixels> {
  const png = PNG.sync.read(await l.screenshot());
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) ink++;
  return { ink, data: png.data };
}

const same = (a: Pixels, b: Pixels): boolean => a.data.equals(b.data);

/** A missing glyph (tofu) looks the same for every character that has none; real glyphs differ from it and from each other. */
async function expectRealGlyphs(target: Page | Frame, cjk: [string, string]): Promise<void> {
  // U+0378 and U+0379 are unassigned: no font has them, so they show the missing-glyph box.
  const [a, b, missing1, missing2] = await Promise.all((await glyphs(target, [...cjk, '\u0378', '\u0379'])).map(pixels));
  expect(same(missing1!, missing2!), 'two missing glyphs draw the same box').toBe(true);
  expect(same(a!, missing1!), `${cjk[0]} is drawn, not a box`).toBe(false);
  expect(same(b!, missing1!), `${cjk[1]} is drawn, not a box`).toBe(false);
  expect(same(a!, b!), `${cjk[0]} and ${cjk[1]} are different glyphs`).toBe(false);
  // A CJK glyph at 48 px puts far more ink on the page than the outline of a box.
  expect(a!.ink).toBeGreaterThan(missing1!.ink * 1.5);
}

/** Text of an element is drawn full-width (a CJK glyph is about one em wide; a missing-glyph box is narrower). */
async function expectFullWidth(l: Locator): Promise<void> {
  const { width, chars, size } = await l.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = (el.textContent ?? '').trim();
    return { width: range.getBoundingClientRect().width, chars: [...text].filter((c) => /[\u3400-\u9fff]/.test(c)).length, size: parseFloat(getComputedStyle(el).fontSize) };
  });
  expect(chars).toBeGreaterThan(0);
  expect(width / chars).toBeGreaterThan(size * 0.9);
}

test('Chinese is drawn with the bundled font: studio, phone and hosted page, nothing from the internet', async ({ page, studio }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(studio.ui);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('演示台');
  const pc = (await (await page.locator('iframe').first().elementHandle())!.contentFrame())!;
  await pc.locator('body[data-login-status="PENDING"]').waitFor();

  // The studio: glyph pixels, and its own words full-width.
  await expectRealGlyphs(page, ['演', '示']);
  await expectFullWidth(page.getByRole('heading', { level: 1 }));
  await expectFullWidth(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '登录控制台' }));
  // The phone: WeChat's own labels.
  await expectFullWidth(page.getByRole('region', { name: '手机' }).locator('.wx-nav-title').first());
  await expectFullWidth(page.getByRole('region', { name: '手机' }).getByRole('button', { name: '扫一扫' }).locator('.wx-cell-label'));
  // The hosted page, in its own document on the login server.
  await expectRealGlyphs(pc, ['登', '录']);
  await expectFullWidth(pc.getByRole('status'));
  await page.screenshot({ path: test.info().outputPath('zh-CN-stage.png') });

  // Offline: every request went to the studio's or the login server's loopback origin.
  const origins = new Set(requests.filter((u) => /^https?:/.test(u)).map((u) => new URL(u).origin));
  expect([...origins].sort()).toEqual([new URL(studio.studio).origin, new URL(studio.auth).origin].sort());
  // The font came in subsets, from both servers, and only some of the ~100 subsets were needed.
  const fonts = requests.filter((u) => u.endsWith('.woff2'));
  expect(fonts.some((u) => u.startsWith(studio.studio))).toBe(true);
  expect(fonts.some((u) => u.startsWith(`${studio.auth}/login-assets/`))).toBe(true);
  expect(new Set(fonts.map((u) => u.split('/').pop())).size).toBeLessThan(60);
});
