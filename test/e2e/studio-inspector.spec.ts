import type { Page, Route } from '@playwright/test';
import type { JournalEntry } from '../../src-main/contracts/api';
import { test, expect } from './fixtures';

/**
 * The inspector with a journal far bigger than a demo produces: the event stream and /api/journal are
 * answered by the test (page.route), so the UI sees exactly 100,000 entries, and behaviour (what is in the
 * DOM, what a filter shows, which pages are asked for) is asserted — never timings.
 */

function entry(n: number): JournalEntry & { seq: number } {
  const fail = n % 10 === 0;
  return {
    id: `e${n}`,
    seq: n,
    at: 1_700_000_000_000 + n * 1000,
    kind: n % 3 === 0 ? 'api' : 'push',
    source: 'wechat',
    url: `http://127.0.0.1:9/events?n=${n}`,
    summary: `entry ${String(n).padStart(6, '0')} ${fail ? 'failed' : 'delivered'}`,
    // Small on purpose: 100,000 of them go through one event stream.
    attempts: [{ request: { method: 'POST', url: `http://127.0.0.1:9/events?n=${n}`, headers: {}, body: `<xml>${n}</xml>` }, response: { status: fail ? 500 : 200, headers: {}, body: '' }, ms: 3 }],
    verdict: { ok: !fail, reasons: [] },
  };
}

function sse(entries: JournalEntry[]): string {
  const parts = ['retry: 600000\n\n'];
  entries.forEach((e, i) => parts.push(`id: ${i + 1}\nevent: journal\ndata: ${JSON.stringify({ type: 'journal', entry: e, seq: i + 1, at: e.at })}\n\n`));
  parts.push('event: ready\ndata: {}\n\n');
  return parts.join('');
}

/** The first stream connection gets `entries` (then the stream ends); later reconnects get nothing new. */
async function serveStream(page: Page, entries: JournalEntry[]): Promise<void> {
  let first = true;
  await page.route('**/api/events', (route: Route) => {
    const body = first ? sse(entries) : 'retry: 600000\n\n';
    first = false;
    return route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' }, body });
  });
}

test('100,000 journal entries: only visible rows are rendered, scrolling and filtering work', async ({ page, studio }) => {
  // Delivering ~30 MB through page.route takes a while on a loaded machine; what is asserted is behaviour.
  test.setTimeout(120_000);
  const all = Array.from({ length: 100_000 }, (_, i) => entry(i + 1));
  await serveStream(page, all);
  await page.route('**/api/journal?*', (route) => route.fulfill({ json: { entries: [], total: 0 } }));
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspector' }).click();

  const count = page.getByTestId('journal-count');
  await expect(count).toHaveText('100,000 entries', { timeout: 90_000 });
  const list = page.getByRole('listbox', { name: 'Journal' });
  const rows = list.getByRole('option');
  // Newest first; only a window of rows exists in the DOM.
  await expect(rows.first()).toContainText('entry 100000');
  expect(await rows.count()).toBeLessThan(80);

  // Scroll to the middle: the rows there are rendered, still only a window of them.
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await expect(list.getByRole('option', { name: /entry 050\d{3}/ }).first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(80);

  // Keyboard: End selects the oldest entry, which opens on the right.
  await list.focus();
  await list.press('End');
  const oldest = list.getByRole('option', { name: /entry 000001/ });
  await expect(oldest).toBeVisible();
  await expect(oldest).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('article', { name: 'Journal entry' })).toContainText('entry 000001');

  // Filters: failing verdicts only, then text.
  await page.getByRole('radiogroup', { name: 'Verdict' }).getByText('Failed').click();
  await expect(count).toHaveText('10,000 of 100,000 entries');
  await expect(rows.first()).toContainText('entry 100000 failed');
  await page.getByLabel('Filter journal').fill('entry 09999');
  await expect(count).toHaveText('1 of 100,000 entries');
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Filter journal').fill('');
  await page.getByRole('radiogroup', { name: 'Verdict' }).getByText('All').click();
  await expect(count).toHaveText('100,000 entries');
});

test('older pages are fetched with beforeSeq when the timeline scrolls to its end', async ({ page, studio }) => {
  const asked: string[] = [];
  await serveStream(page, []);
  await page.route('**/api/journal?*', (route) => {
    const url = new URL(route.request().url());
    asked.push(url.search);
    const before = Number(url.searchParams.get('beforeSeq') ?? 1501);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const entries: JournalEntry[] = [];
    for (let n = before - 1; n >= 1 && entries.length < limit; n--) entries.push(entry(n));
    return route.fulfill({ json: { entries, total: 1500 } });
  });
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspector' }).click();
  const count = page.getByTestId('journal-count');
  await expect(count).toContainText('500 entries');

  const list = page.getByRole('listbox', { name: 'Journal' });
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(count).toHaveText('1,500 entries');
  expect(asked.some((q) => q.includes('beforeSeq=1001'))).toBe(true);
  await list.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(list.getByRole('option', { name: /entry 000001/ })).toBeVisible();
  await expect(page.getByText('Start of the journal')).toBeVisible();
});

test('an entry opens to its raw exchange, signature and decryption, with copy buttons', async ({ page, studio }) => {
  const e: JournalEntry = {
    ...entry(7),
    summary: 'subscribe qrscene_abc → success',
    signatures: [{ label: 'msg_signature', sorted: ['1514711492', '1714036504', 'AAAAA', 'ENC'], joined: '15147114921714036504AAAAAENC', sha1: 'f'.repeat(40) }],
    decryptions: [
      { label: 'push Encrypt', aesKeyHex: '00'.repeat(32), ivHex: '00'.repeat(16), randomHex: 'ab'.repeat(16), length: 12, message: '<xml>hi</xml>', appId: 'wx0123456789abcdef', ok: true },
    ],
    decrypted: { request: '<xml><Event><![CDATA[subscribe]]></Event></xml>', reply: 'success' },
  };
  await serveStream(page, [e]);
  await page.route('**/api/journal?*', (route) => route.fulfill({ json: { entries: [], total: 0 } }));
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: studio.studio });
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspector' }).click();
  await page.getByRole('option', { name: /subscribe qrscene_abc/ }).click();
  const detail = page.getByRole('article', { name: 'Journal entry' });
  const signature = detail.getByRole('region', { name: 'Signature' });
  await expect(signature.getByRole('list', { name: 'Sorted inputs' }).getByRole('listitem')).toHaveText(['1514711492', '1714036504', 'AAAAA', 'ENC']);
  await expect(signature).toContainText('f'.repeat(40));
  const decryption = detail.getByRole('region', { name: 'Decryption' });
  for (const label of ['AES key', 'IV', 'Random', 'Length', 'AppID']) await expect(decryption).toContainText(label);
  await expect(decryption).toContainText('<xml>hi</xml>');
  await expect(detail.getByLabel('Decrypted reply', { exact: true })).toHaveText('success');

  await detail.getByRole('button', { name: 'Copy request body' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('<xml>7</xml>');
  await detail.getByRole('button', { name: 'Copy raw request' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^POST \/events\?n=7 HTTP\/1\.1\n/);
});
