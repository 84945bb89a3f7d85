import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServe, type ServeHandle } from '../helpers/serve';

/**
 * The studio UI driven as a person would: consoles to configure, the stage to scan and follow, the
 * inspector to read what went over the wire. Every test has its own `serve --memory` (or --data DIR).
 */

type Mode = 'plaintext' | 'compatible' | 'safe';
// WeChat's console names, which the radio cards show in both languages.
const MODE_RADIO: Record<Mode, RegExp> = { plaintext: /明文模式/, compatible: /兼容模式/, safe: /安全模式/ };
const NEW_USER = 'Lin (new user)';

async function openStudio(page: Page, studio: Pick<ServeHandle, 'ui' | 'auth'>): Promise<void> {
  await page.goto(studio.ui);
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
}

async function go(page: Page, where: 'Stage' | 'WeChat console' | 'Login console' | 'Inspector' | 'Workbench'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: where }).click();
}

/** WeChat console → the demo account → Server configuration: mode (and optionally Token), Submit. */
async function submitServerConfig(page: Page, change: { mode?: Mode; token?: string }): Promise<ReturnType<Page['getByRole']>> {
  await go(page, 'WeChat console');
  await page.getByRole('tab', { name: 'Server configuration' }).click();
  const form = page.getByRole('form', { name: 'Server configuration' });
  if (change.mode) await form.getByRole('radio', { name: MODE_RADIO[change.mode] }).check();
  if (change.token !== undefined) await form.getByLabel('Token', { exact: true }).fill(change.token);
  await form.getByRole('button', { name: 'Submit' }).click();
  return form;
}

/** Login console → Identity sources → Edit the demo connection. */
async function editConnection(page: Page, change: { mode?: Mode; token?: string; loginOnly?: boolean }): Promise<void> {
  await go(page, 'Login console');
  await page.getByRole('tab', { name: 'Identity sources' }).click();
  await page.getByRole('button', { name: 'Edit wechat-follow' }).click();
  const form = page.getByRole('form', { name: 'Edit wechat-follow' });
  // The stored Token is fetched (revealed) into the form before it can be saved.
  await expect(form.getByLabel('Token', { exact: true })).not.toHaveValue('');
  if (change.mode) await form.getByRole('radio', { name: MODE_RADIO[change.mode] }).check();
  if (change.token !== undefined) await form.getByLabel('Token', { exact: true }).fill(change.token);
  if (change.loginOnly) await form.getByRole('radio', { name: /Login only/ }).check();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

async function setMode(page: Page, mode: Mode): Promise<void> {
  const form = await submitServerConfig(page, { mode });
  await expect(form.getByText(/URL verification passed/)).toBeVisible();
  await editConnection(page, { mode });
  // The card names the mode as the console does (Safe, Compatible, Plaintext).
  await expect(page.getByRole('article', { name: 'Identity source wechat-follow' })).toContainText(new RegExp(mode, 'i'));
}

const pcPage = (page: Page) => page.frameLocator('iframe[title="PC login page"]');
const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });

/** On the stage: hold the phone as a persona, scan the PC page's QR (decoded from its pixels), follow. */
async function scanAndFollow(page: Page, persona: string): Promise<void> {
  await go(page, 'Stage');
  await page.getByLabel('Persona').selectOption({ label: persona });
  await expect(pcPage(page).locator('body')).toHaveAttribute('data-login-status', 'PENDING');
  await expect(page.getByText('The page shows a login QR code')).toBeVisible();
  await phone(page).getByRole('button', { name: /Scan/ }).click();
  await expect(phone(page).getByTestId('decoded-content')).toContainText('http://weixin.qq.com/q/');
  await phone(page).getByRole('button', { name: /Follow/ }).click();
}

async function openPushInInspector(page: Page): Promise<ReturnType<Page['getByRole']>> {
  await page.getByRole('button', { name: 'Inspect this push' }).click();
  await expect(page.getByRole('heading', { name: 'Inspector', level: 1 })).toBeVisible();
  const detail = page.getByRole('article', { name: 'Journal entry' });
  await expect(detail).toContainText('subscribe qrscene_');
  return detail;
}

for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
  test(`${mode} mode: scan, follow, signed in on the PC, reply in the chat, push inspected`, async ({ page, studio }) => {
    await openStudio(page, studio);
    await setMode(page, mode);

    await scanAndFollow(page, NEW_USER);
    await expect(pcPage(page).locator('body')).toHaveAttribute('data-login-status', 'AUTHORIZED');
    await expect(pcPage(page).getByText('Signed in with WeChat Official Account Follow')).toBeVisible();
    const chat = phone(page).getByRole('log');
    await expect(chat.locator('[data-from="account"]').last()).toContainText('Signed in to Demo Website');
    await expect(page.getByRole('region', { name: 'PC browser' }).getByText('AUTHORIZED', { exact: true })).toBeVisible();

    const detail = await openPushInInspector(page);
    await expect(detail.getByTestId('verdict')).toHaveAttribute('data-ok', 'true');
    await expect(detail.getByTestId('verdict')).toContainText('Passed');
    await expect(detail.getByRole('region', { name: 'Decrypted' }).getByLabel('Decrypted request', { exact: true })).toContainText('<Event><![CDATA[subscribe]]></Event>');
    const query = detail.getByLabel('Query parameters');
    if (mode === 'plaintext') {
      await expect(query).not.toContainText('msg_signature');
      await expect(detail.getByLabel('Request body', { exact: true })).toContainText('<Event><![CDATA[subscribe]]></Event>');
    } else {
      await expect(query).toContainText('msg_signature');
      const decryption = detail.getByRole('region', { name: 'Decryption' });
      await expect(decryption.getByLabel('Decryption: push Encrypt')).toContainText('<Event><![CDATA[subscribe]]></Event>');
      await expect(decryption).toContainText('AES key');
      await expect(detail.getByRole('region', { name: 'Signature' })).toContainText('msg_signature');
    }
    if (mode === 'safe') await expect(detail.getByLabel('Request body', { exact: true })).not.toContainText('<Event>');
  });
}

test('a wrong Token: URL verification refuses it in the WeChat console; in the login console it fails the push on the signature', async ({ page, studio }) => {
  await openStudio(page, studio);

  // WeChat console: WeChat verifies the URL on submit; the login server does not echo, nothing is saved.
  const form = await submitServerConfig(page, { token: 'WrongToken999' });
  await expect(form.getByText(/URL verification failed/).first()).toBeVisible();
  await expect(form.getByRole('alert').filter({ hasText: 'WeChat could not verify the URL' })).toBeVisible();
  const accounts = await studio.api<{ accounts: Array<{ server: { token: string } }> }>('GET', '/api/wechat/accounts');
  expect(accounts.body.accounts[0]!.server.token).not.toBe('WrongToken999');

  // Login console: the login server now checks pushes with another Token than WeChat signs with.
  await editConnection(page, { token: 'WrongToken999' });
  await scanAndFollow(page, NEW_USER);
  await expect(phone(page).getByRole('log')).toContainText('该公众号暂时无法提供服务，请稍后再试');
  await expect(pcPage(page).locator('body')).not.toHaveAttribute('data-login-status', 'AUTHORIZED');

  const detail = await openPushInInspector(page);
  await expect(detail.getByTestId('verdict')).toHaveAttribute('data-ok', 'false');
  await expect(detail.getByTestId('verdict')).toContainText('All 3 attempts failed');
  await expect(detail.getByTestId('verdict')).toContainText('HTTP 401 from the server (attempt 3 of 3): "invalid signature"');

  // The login server's side of the same exchange names the signature.
  await page.getByLabel('Filter journal').fill('signature mismatch');
  await page.getByRole('radiogroup', { name: 'Verdict' }).getByText('Failed').click();
  const row = page.getByRole('listbox', { name: 'Journal' }).getByRole('option').first();
  await expect(row).toContainText('signature mismatch');
  await row.click();
  await expect(detail.getByTestId('verdict')).toHaveAttribute('data-ok', 'false');
  // Why, without the signature the server expected (that would let anyone forge a push).
  await expect(detail.getByTestId('verdict')).toContainText('signature mismatch');
  await expect(detail.getByTestId('verdict')).toContainText('the same Token');
  await expect(detail.getByTestId('verdict')).not.toContainText(/expected [0-9a-f]{40}/);
});

test('login-only: a new WeChat user is rejected, on the PC page and on the phone', async ({ page, studio }) => {
  await openStudio(page, studio);
  await editConnection(page, { loginOnly: true });
  await expect(page.getByRole('article', { name: 'Identity source wechat-follow' })).toContainText('Login only');

  await scanAndFollow(page, NEW_USER);
  await expect(pcPage(page).locator('body')).toHaveAttribute('data-login-status', 'ERROR');
  await expect(pcPage(page).getByText(/login-only/).first()).toBeVisible();
  await expect(phone(page).getByRole('log')).toContainText('仅允许已有账号登录');
  await expect(page.getByRole('region', { name: 'PC browser' }).getByText(/Sign-in failed: .*login-only/)).toBeVisible();
});

test('identity source form: every invalid field says why, and nothing is saved', async ({ page, studio }) => {
  await openStudio(page, studio);
  await go(page, 'Login console');
  await page.getByRole('button', { name: 'Create identity source' }).click();
  const form = page.getByRole('form', { name: 'New identity source' });
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/connections')) posts++;
  });

  await form.getByLabel('Unique ID').fill('Bad_ID');
  await form.getByLabel('Display Name').fill('');
  await form.getByLabel('Developer ID (AppID)').fill('wx123');
  await form.getByLabel('Developer Password (AppSecret)', { exact: true }).fill('short');
  await form.getByLabel('Token', { exact: true }).fill('x!');
  await form.getByLabel('EncodingAESKey', { exact: true }).fill('tooShort');
  await form.getByRole('button', { name: 'Create' }).click();

  const errorOf = (label: string, exact = false) => form.getByLabel(label, { exact });
  await expect(errorOf('Unique ID')).toHaveAttribute('aria-invalid', 'true');
  await expect(errorOf('Unique ID')).toHaveAccessibleDescription(/lower-case letters, digits and '-'/);
  await expect(errorOf('Display Name')).toHaveAccessibleDescription(/Display Name is required/);
  await expect(errorOf('Developer ID (AppID)')).toHaveAccessibleDescription(/"wx" followed by 16/);
  await expect(errorOf('Developer Password (AppSecret)', true)).toHaveAccessibleDescription(/32 English letters or digits/);
  await expect(errorOf('Token', true)).toHaveAccessibleDescription(/3–32/);
  await expect(errorOf('EncodingAESKey', true)).toHaveAccessibleDescription(/43 characters/);
  await expect(form.getByRole('alert').filter({ hasText: 'nothing was saved' })).toBeVisible();

  // Fixing one field clears its error only.
  await form.getByLabel('Unique ID').fill('good-id');
  await expect(errorOf('Unique ID')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(errorOf('Token', true)).toHaveAttribute('aria-invalid', 'true');

  expect(posts).toBe(0);
  const pools = await studio.api<{ pools: Array<{ connections: unknown[] }> }>('GET', '/api/login/pools');
  expect(pools.body.pools[0]!.connections).toHaveLength(1);
});

test('state survives a restart of serve --data DIR, and the UI shows it', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-studio-e2e-'));
  try {
    const first = await startServe(['--data', dir]);
    try {
      await openStudio(page, first);
      await go(page, 'WeChat console');
      await page.getByRole('button', { name: /Personas/ }).click();
      const form = page.getByRole('form', { name: 'New persona' });
      await form.getByLabel('Name').fill('Zhao (after restart)');
      await form.getByRole('button', { name: 'Add persona' }).click();
      await expect(page.getByRole('table', { name: 'Personas' })).toContainText('Zhao (after restart)');
      await editConnection(page, { loginOnly: true });
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startServe(['--data', dir]);
    try {
      await openStudio(page, second);
      await expect(page.getByLabel('Persona').locator('option', { hasText: 'Zhao (after restart)' })).toHaveCount(1);
      await go(page, 'Login console');
      await expect(page.getByRole('article', { name: 'Identity source wechat-follow' })).toContainText('Login only');
      await go(page, 'WeChat console');
      await page.getByRole('button', { name: /Personas/ }).click();
      await expect(page.getByRole('table', { name: 'Personas' })).toContainText('Zhao (after restart)');
    } finally {
      await second.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
