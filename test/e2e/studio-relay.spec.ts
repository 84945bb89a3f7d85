import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Mode 2 from the WeChat console: a relay in front of the login server, then a login through it. */

const pcPage = (page: Page) => page.frameLocator('iframe[title="PC login page"]');
const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const nav = (page: Page, where: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: where }).click();

test('mode 2: start a relay from the WeChat console, log in through it, see what it forwarded', async ({ page, studio }) => {
  await page.goto(studio.ui);
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();

  await nav(page, 'WeChat console');
  await page.getByRole('tab', { name: 'Relay' }).click();
  const relays = page.getByRole('table', { name: 'Relays' });
  await expect(relays).toContainText('No relay runs for this account.');
  await page.getByRole('button', { name: 'Start a relay and point this account at it' }).click();
  await expect(relays.getByText('account points here')).toBeVisible();
  const relayUrl = (await relays.locator('tbody tr').first().locator('.mono').first().textContent())!;
  expect(relayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wechat\/events$/);

  // The account's server configuration now names the relay (WeChat verified the URL on the way).
  await page.getByRole('tab', { name: 'Server configuration' }).click();
  await expect(page.getByRole('form', { name: 'Server configuration' }).getByLabel('URL')).toHaveValue(relayUrl);

  await nav(page, 'Stage');
  await page.getByLabel('Persona').selectOption({ label: 'Lin (new user)' });
  await expect(page.getByText('The page shows a login QR code')).toBeVisible();
  await phone(page).getByRole('button', { name: /Scan/ }).click();
  await phone(page).getByRole('button', { name: /Follow/ }).click();
  await expect(pcPage(page).locator('body')).toHaveAttribute('data-login-status', 'AUTHORIZED');
  await expect(phone(page).getByRole('log').locator('[data-from="account"]').last()).toContainText('Signed in to Demo Website');

  // A text is the relay's own business: it answers without the login server.
  await phone(page).getByRole('textbox').fill('hello relay');
  await phone(page).getByRole('button', { name: '发送' }).click();
  await expect(phone(page).getByRole('log').locator('[data-from="account"]').last()).toContainText('hello relay');

  await nav(page, 'WeChat console');
  await page.getByRole('tab', { name: 'Relay' }).click();
  await page.getByRole('button', { name: 'Refresh counts' }).click();
  const row = relays.locator('tbody tr').first();
  await expect(row.locator('td').nth(2)).toHaveText('2'); // received: the follow and the text
  await expect(row.locator('td').nth(3)).toHaveText('1'); // forwarded: the follow
  await expect(row.locator('td').nth(4)).toHaveText('1'); // answered by the relay itself: the text

  await row.getByRole('button', { name: 'Stop' }).click();
  await expect(relays).toContainText('No relay runs for this account.');
});
