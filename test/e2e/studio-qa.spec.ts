import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServe, type ServeHandle } from '../helpers/serve';

/**
 * QA on the stage without code: Expire now, faults on the login server (each one ends in the verdict a
 * tester needs), point the account back, the API reference, journal export. Every check is what a user
 * sees: the page's state, the phone, the inspector's verdict, a downloaded file.
 */

const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

async function openStage(page: Page, studio: ServeHandle): Promise<void> {
  await page.goto(studio.ui);
  await page.getByTestId('stream-status').and(page.locator('[data-state="open"]')).waitFor();
  await page.frameLocator('iframe').first().locator('body[data-login-status="PENDING"]').waitFor();
}

/** The phone scans the PC page's QR code and follows the account. */
async function scanAndFollow(page: Page): Promise<void> {
  await page.locator('.wx-cell').first().click();
  await page.locator('.wx-profile').waitFor();
  await page.locator('.wx-actions .weui-btn-primary').click();
}

async function openTools(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await page.getByTestId('stage-tools').click();
  const panel = page.getByRole('dialog', { name: 'Test tools' });
  await expect(panel).toBeVisible();
  return panel;
}

/** Injects a fault from the stage's test tools. */
async function inject(page: Page, fault: { delay?: string; answer: string }): Promise<void> {
  const panel = await openTools(page);
  const form = panel.getByRole('form', { name: 'Login server faults' });
  if (fault.delay) await form.getByLabel('Delay (ms)').fill(fault.delay);
  await form.getByLabel('Then').selectOption({ label: fault.answer });
  await form.getByRole('button', { name: 'Inject' }).click();
  await expect(form.getByTestId('fault-state')).toContainText('Active:');
  await panel.getByRole('button', { name: 'Close the test tools' }).click();
  await expect(page.getByTestId('stage-tools')).toHaveText('Fault injected');
}

/** After the follow failed: the phone says so, and its "Inspect this push" opens the verdict. */
async function failedVerdict(page: Page): Promise<ReturnType<Page['getByTestId']>> {
  await expect(page.locator('.phone')).toContainText(UNAVAILABLE, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Inspect this push' }).click();
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  return verdict;
}

test('Expire now: the page shows its QR code expired at once', async ({ page, studio }) => {
  await openStage(page, studio);
  await page.getByTestId('expire-now').click();
  await expect(page.frameLocator('iframe').first().locator('body')).toHaveAttribute('data-login-status', 'EXPIRED');
  await expect(page.getByTestId('expire-now')).toBeHidden();
});

test('the QR lifetime is set on the identity source and shown on its card', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Login console' }).click();
  await page.getByRole('tab', { name: /Identity sources/ }).click();
  await page.getByRole('button', { name: /^Edit/ }).first().click();
  const form = page.locator('form.card').first();
  const lifetime = form.getByLabel('QR code lifetime');
  await lifetime.fill('1');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'QR code lifetime must be a whole number of seconds from 2' })).toBeVisible();
  await lifetime.fill('300');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.source-card, .card').filter({ hasText: '300 s' }).first()).toBeVisible();
});

test('fault HTTP 500: every attempt fails, the verdict quotes status and body, "all 3 attempts failed", a fix hint, the login server\'s entry', async ({ page, studio }) => {
  await openStage(page, studio);
  await inject(page, { answer: 'Answer HTTP 500' });
  await scanAndFollow(page);
  const verdict = await failedVerdict(page);
  await expect(verdict.locator('strong').first()).toHaveText('All 3 attempts failed');
  await expect(verdict).toContainText('HTTP 500 from the server (attempt 3 of 3): "Internal Server Error"');
  await expect(verdict.getByTestId('fix-hint')).toContainText('the server failed while handling the push');
  // The login server's own entry says why: the fault answered.
  await verdict.getByTestId('related').getByRole('button').first().click();
  await expect(page.getByTestId('verdict')).toContainText('fault injected on connection');
  await expect(page.getByTestId('verdict')).toContainText('answered HTTP 500');
});

test('fault garbage: the 200 with a garbled body is an invalid reply (WeChat does not retry a 200)', async ({ page, studio }) => {
  await openStage(page, studio);
  await inject(page, { answer: 'Answer garbage (200 with a garbled body)' });
  await scanAndFollow(page);
  const verdict = await failedVerdict(page);
  await expect(verdict.locator('strong').first()).toHaveText('Failed');
  await expect(verdict).toContainText('reply');
  await verdict.getByTestId('related').getByRole('button').first().click();
  await expect(page.getByTestId('verdict')).toContainText('answered 200 with a garbled body');
});

test('fault drop: no answer at all, the fix hint says to make the server reachable', async ({ page, studio }) => {
  await openStage(page, studio);
  await inject(page, { answer: 'Drop the connection (no answer at all)' });
  await scanAndFollow(page);
  const verdict = await failedVerdict(page);
  await expect(verdict).toContainText('closed the connection without answering');
  await expect(verdict).toContainText('(attempt 3 of 3)');
  await expect(verdict.getByTestId('fix-hint')).toContainText('make the server reachable');
});

test.describe('fault delay', () => {
  let slow: ServeHandle;
  // WeChat's 5 s per attempt, shortened so three timeouts take a few seconds.
  test.beforeAll(async () => (slow = await startServe(['--memory', '--push-timeout', '800'])));
  test.afterAll(async () => void (await slow?.stop()));

  test('a delay past the push timeout: each attempt times out, the fix hint says to answer at once', async ({ page }) => {
    await openStage(page, slow);
    await inject(page, { delay: '2000', answer: 'Process the push as usual' });
    await scanAndFollow(page);
    const verdict = await failedVerdict(page);
    await expect(verdict.locator('strong').first()).toHaveText('All 3 attempts failed');
    await expect(verdict).toContainText('timed out');
    await expect(verdict.getByTestId('fix-hint')).toContainText('reply "success" (or the passive reply) at once');
  });
});

test('point back: an account whose server configuration was cleared points at the login server again in one click, and signs in', async ({ page, studio }) => {
  const appId = (await studio.api<{ accounts: Array<{ appId: string }> }>('GET', '/api/wechat/accounts')).body.accounts[0]!.appId;
  const cleared = { url: '', token: '', encodingAesKey: '', mode: 'plaintext', enabled: false };
  expect((await studio.api('PUT', `/api/wechat/accounts/${appId}/server`, cleared)).status).toBe(200);
  await openStage(page, studio);
  const panel = await openTools(page);
  await expect(panel.getByTestId('point-state')).toContainText('has its server configuration switched off');
  await expect(panel.getByTestId('point-state')).toHaveAttribute('data-here', 'false');
  await panel.getByRole('button', { name: 'Point the account back at the login server' }).click();
  await expect(panel.getByTestId('point-state')).toHaveAttribute('data-here', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'points at the login server again' }).first()).toBeVisible();
  await panel.getByRole('button', { name: 'Close the test tools' }).click();
  await scanAndFollow(page);
  await expect(page.frameLocator('iframe').first().locator('body')).toHaveAttribute('data-login-status', 'AUTHORIZED');
});

test('the stage shows the demo\'s password account and what each persona is for', async ({ page, studio }) => {
  await openStage(page, studio);
  await expect(page.getByTestId('persona-role')).toBeVisible();
  const panel = await openTools(page);
  await expect(panel.getByTestId('demo-credentials')).toHaveText(/\S+ \/ \S+/);
  await expect(panel.getByText('New user: the first follow signs up a new user')).toBeVisible();
});

test('API reference: the OpenAPI document rendered by the bundled Swagger UI', async ({ page, studio }) => {
  const outside: string[] = [];
  page.on('request', (r) => {
    // Nothing leaves the machine (the stage's own servers are on loopback).
    const u = new URL(r.url());
    if (u.protocol.startsWith('http') && !['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) outside.push(r.url());
  });
  await page.goto(studio.ui);
  await page.getByRole('button', { name: 'API reference' }).click();
  const frame = page.frameLocator('iframe[title="Control API reference"]');
  await expect(frame.locator('.swagger-ui .info .title')).toBeVisible();
  await expect(frame.locator('.opblock-summary-path').filter({ hasText: '/api/journal/export' }).first()).toBeVisible();
  expect(outside).toEqual([]);
});

test('journal export: HAR and NDJSON downloads of the redacted journal', async ({ page, studio }) => {
  await openStage(page, studio);
  await scanAndFollow(page);
  await expect(page.frameLocator('iframe').first().locator('body')).toHaveAttribute('data-login-status', 'AUTHORIZED');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspector' }).click();

  const [har] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-har').click()]);
  expect(har.suggestedFilename()).toMatch(/^follow-studio-journal-.*\.har$/);
  const log = JSON.parse(fs.readFileSync((await har.path())!, 'utf8')) as { log: { version: string; entries: Array<{ request: { url: string } }> } };
  expect(log.log.version).toBe('1.2');
  expect(log.log.entries.some((e) => e.request.url.includes('/events'))).toBe(true);

  const [nd] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()]);
  expect(nd.suggestedFilename()).toMatch(/\.ndjson$/);
  const lines = fs.readFileSync((await nd.path())!, 'utf8').trim().split('\n');
  const kinds = lines.map((l) => (JSON.parse(l) as { kind: string }).kind);
  expect(kinds).toContain('push');
  // The inspector's filter goes along: pushes only.
  await page.getByRole('combobox', { name: 'Kind' }).selectOption('push');
  const [pushes] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ndjson').click()]);
  const only = fs.readFileSync((await pushes.path())!, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { kind: string }).kind);
  expect(new Set(only)).toEqual(new Set(['push']));
});

test('a follow that did not come from a login QR code: the phone says why nobody signed in, and its clock shows the chat\'s time', async ({ page, studio }) => {
  await openStage(page, studio);
  await scanAndFollow(page);
  const pc = page.frameLocator('iframe').first();
  await pc.locator('body[data-login-status="AUTHORIZED"]').waitFor();
  const chat = page.getByRole('region', { name: 'Phone' }).getByRole('log');
  await expect(chat.locator('[data-from="account"]').last()).toContainText('Signed in to');

  // Unfollow from the account's menu, then follow again from its profile: a follow without a scene.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menu', { name: 'Account menu' }).getByRole('menuitem', { name: /Unfollow/ }).click();
  await page.locator('.wx-profile').waitFor();
  const sessionsBefore = (await studio.api<{ sessions: unknown[] }>('GET', '/api/login/sessions')).body.sessions.length;
  await page.locator('.wx-actions .weui-btn-primary').click();
  const reply = chat.locator('[data-from="account"]').last();
  await expect(reply).toContainText('本次关注不是通过网页上的登录二维码，因此没有登录');
  await expect(reply).toContainText('This follow did not come from a login QR code, so nobody was signed in');
  expect((await studio.api<{ sessions: unknown[] }>('GET', '/api/login/sessions')).body.sessions.length).toBe(sessionsBefore);

  // The status bar's clock is the time of the chat's last message, not the time the screen is looked at.
  const personaId = await page.locator('#stage-persona').inputValue();
  const state = (await studio.api<{ screen: { messages?: Array<{ at?: number }> } | null }>('GET', `/api/phone/${personaId}`)).body;
  const lastAt = state.screen?.messages?.at(-1)?.at;
  expect(lastAt).toBeGreaterThan(0);
  await expect(page.getByTestId('phone-clock')).toHaveAttribute('data-at', String(lastAt));
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('a failed push\'s verdict, its fix hint and the login server\'s entry read in Chinese, with the server\'s words quoted as they were', async ({ page, studio }) => {
    const pools = (await studio.api<{ pools: Array<{ id: string; connections: Array<{ identifier: string }> }> }>('GET', '/api/login/pools')).body.pools;
    const pool = pools[0]!;
    await studio.api('PUT', `/api/login/pools/${pool.id}/connections/${pool.connections[0]!.identifier}/fault`, { answer: 'http500' });
    await openStage(page, studio);
    await scanAndFollow(page);
    await expect(page.locator('.phone')).toContainText(UNAVAILABLE, { timeout: 30_000 });
    await page.getByRole('button', { name: '查看这次推送' }).click();
    const verdict = page.getByTestId('verdict');
    await expect(verdict).toHaveAttribute('data-ok', 'false');
    await expect(verdict).toContainText('服务器返回 HTTP 500（第 3 次尝试，共 3 次）："Internal Server Error"');
    await expect(verdict.getByTestId('fix-hint')).toContainText('服务器处理推送时出错');
    await expect(verdict).toContainText('用户看到「该公众号暂时无法提供服务，请稍后再试」');
    await expect(verdict).not.toContainText('from the server');
    await page.screenshot({ path: test.info().outputPath('verdict-zh.png') });
    await verdict.getByTestId('related').getByRole('button').first().click();
    await expect(page.getByTestId('verdict')).toContainText('在身份源 "wechat-follow" 上注入了故障：返回 HTTP 500');
    await expect(page.getByTestId('verdict')).not.toContainText('fault injected');
  });
});
