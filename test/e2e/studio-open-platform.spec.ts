import type { Page } from '@playwright/test';
import type { Account, Persona, PhoneScreen } from '../../src-main/contracts/api';
import type { AccountAuthorizationDto, AuthorizeStartResult, ComponentLinkDto, OpenPlatformDto, PhoneAuthorizeResult } from '../../src-main/contracts/open-platform';
import type { ServeHandle } from '../helpers/serve';
import { expect, test } from './fixtures';

/**
 * WeChat's third-party platform in the studio, driven as a person would: the stage's one-click story, the
 * WeChat console's platforms and Authorization management, the login console's "Authorize with WeChat"
 * and the admin's phone. Each test has its own `serve --memory`.
 */

async function openStudio(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
}

const go = (page: Page, where: 'Stage' | 'WeChat console' | 'Login console') => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: where }).click();
const pcPage = (page: Page) => page.frameLocator('iframe[title="PC login page"]');
const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });

interface Scene {
  poolId: string;
  account: Account;
  admin: Persona;
}

/** The demo pool registered as a platform, and a second service account ("Shop") administered by a persona. */
async function platformScene(studio: ServeHandle, adminName: string): Promise<Scene> {
  const poolId = (await studio.api<{ pools: Array<{ id: string }> }>('GET', '/api/login/pools')).body.pools[0]!.id;
  expect((await studio.api('POST', `/api/login/pools/${poolId}/component/register`, {})).status).toBe(201);
  const account = (await studio.api<Account>('POST', '/api/wechat/accounts', { name: 'Shop', type: 'service', verified: true })).body;
  const admin = (await studio.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas.find((p) => p.name === adminName)!;
  expect((await studio.api('PUT', `/api/wechat/accounts/${account.appId}/admins`, { personaIds: [admin.id] })).status).toBe(200);
  return { poolId, account, admin };
}

test('the stage story: authorize, log in, cancel; a login console in another window shows connect and unbind without a reload', async ({ page, context, studio }) => {
  test.setTimeout(150_000);
  await openStudio(page, studio.ui);
  const watcher = await context.newPage();
  await openStudio(watcher, `${studio.ui}#/login/sources`);
  await watcher.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  // The PC browser was left on the sample website: the story still signs its user in on the hosted page.
  await page.getByRole('radiogroup', { name: 'PC browser shows' }).getByRole('radio', { name: 'Sample website' }).check();
  await page.getByRole('button', { name: 'Story: authorize' }).click();
  const bar = page.getByRole('region', { name: 'Story: connect with WeChat authorization, then cancel it' });
  await expect(bar).toContainText('1/9 · Set the scene');

  // The other window picks the story's user pool once it exists: its source is not connected.
  const pools = watcher.getByRole('combobox', { name: 'User pool' });
  await expect(pools.getByRole('option', { name: 'Authorization demo pool' })).toHaveCount(1);
  await pools.selectOption({ label: 'Authorization demo pool' });
  const card = watcher.getByRole('article', { name: 'Identity source wechat-authorized' });
  await expect(card).toContainText('Not connected');

  // The PC shows WeChat's authorization page; the admin's phone scans it and confirms.
  await expect(bar).toContainText('3/9 · The admin scans');
  await expect(pcPage(page).locator('img#qr')).toBeVisible();
  await expect(page.locator('#stage-persona option:checked')).toHaveText('Zhao (account admin)');
  await expect(phone(page).getByTestId('phone-authorize')).toBeVisible();
  await expect(phone(page).getByRole('radio', { name: /Follow Studio Authorized/ })).toHaveAttribute('aria-checked', 'true');
  await expect(phone(page).getByTestId('phone-authorize')).toHaveAttribute('data-step', 'funcs');
  await expect(phone(page).getByRole('checkbox', { name: /帐号服务/ })).toBeChecked();
  await expect(phone(page).getByTestId('phone-authorized')).toContainText('授权成功');
  // WeChat sends the PC page to the login server's redirect.
  await expect(pcPage(page).locator('#result')).toHaveText('Connected');

  // The other window's login console: connected, with the account's name, avatar and original ID.
  const account = (await studio.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts')).body.accounts.find((a) => a.name === 'Follow Studio Authorized')!;
  await expect(card).toContainText('Connected');
  await expect(card.getByTestId('authorizer')).toContainText('Follow Studio Authorized');
  await expect(card.getByTestId('authorizer')).toContainText(account.originalId);
  await expect(card.locator('img.authorizer-avatar')).toHaveJSProperty('complete', true);
  expect(await card.locator('img.authorizer-avatar').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // A user logs in through the authorized account.
  await expect(bar).toContainText('6/9 · A user logs in');
  await expect(page.locator('#stage-persona option:checked')).toHaveText('Lin (new user)');
  await expect(phone(page).getByRole('log').locator('[data-from="account"]').last()).toContainText('Authorized Website');

  // The admin cancels on the WeChat console's Authorization management page.
  await expect(page.getByRole('dialog', { name: 'Cancel this authorization?' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Location' })).toContainText('Settings and development');

  // The other window's login console goes back to its state before authorization, without a reload.
  await expect(card).toContainText('Not connected');
  await expect(card.getByTestId('authorizer')).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Authorize with WeChat' })).toBeVisible();
  expect(await watcher.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // The session open on the PC ended; reloaded, the page gets no login QR code.
  await expect(bar).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(bar).toContainText('Story complete');
  await expect(pcPage(page).locator('body')).toHaveAttribute('data-login-status', 'ERROR');
  await expect(pcPage(page).getByText(/Could not get a QR code/)).toBeVisible();
  const storyPool = await poolIdOf(studio, 'Authorization demo pool');
  const link = (await studio.api<ComponentLinkDto>('GET', `/api/login/pools/${storyPool}/connections/wechat-authorized/authorization`)).body;
  expect(link.status).toBe('not_connected');
  // The user's login went through the authorized account; the session open at the cancellation ended.
  const sessions = (await studio.api<{ sessions: Array<{ status: string; error?: string }> }>('GET', `/api/login/sessions?poolId=${storyPool}`)).body.sessions;
  expect(sessions.map((s) => s.status)).toEqual(expect.arrayContaining(['AUTHORIZED', 'ERROR']));
  expect((await studio.api<{ authorizations: unknown[] }>('GET', `/api/wechat/accounts/${account.appId}/authorizations`)).body.authorizations).toEqual([]);

  // The pushes, in the inspector.
  await bar.getByRole('button', { name: 'Inspect the unauthorized push' }).click();
  await expect(page.getByRole('article', { name: 'Journal entry' })).toContainText('unauthorized');
});

async function poolIdOf(studio: ServeHandle, name: string): Promise<string> {
  return (await studio.api<{ pools: Array<{ id: string; name: string }> }>('GET', '/api/login/pools')).body.pools.find((p) => p.name === name)!.id;
}

test('WeChat console: create a third-party platform (its AppSecret shown once) and push a verify ticket now', async ({ page, studio }) => {
  await openStudio(page, studio.ui);
  await go(page, 'WeChat console');
  await page.getByRole('navigation', { name: 'Platform' }).getByRole('button', { name: /Third-party platforms/ }).click();
  await expect(page.getByText('No third-party platforms yet')).toBeVisible();
  await page.getByRole('button', { name: 'Create a third-party platform' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a third-party platform' });
  // Nothing is sent while a field is wrong; each problem shows under its field.
  await dialog.getByRole('button', { name: 'Create a third-party platform' }).click();
  await expect(dialog.getByText('Enter an http(s) URL that contains $APPID$.')).toBeVisible();
  await dialog.getByLabel('Platform name').fill('Shop platform');
  await dialog.getByRole('combobox', { name: 'Fill from the login server' }).selectOption({ label: 'Demo pool' });
  await expect(dialog.getByLabel('Message and event URL')).toHaveValue(/\/component\/\w+\/\$APPID\$\/events$/);
  await dialog.getByRole('button', { name: 'Generate' }).first().click();
  await dialog.getByRole('button', { name: 'Generate' }).last().click();
  await dialog.getByRole('button', { name: 'Create a third-party platform' }).click();

  const created = page.getByRole('dialog', { name: 'Third-party platform created' });
  const secret = (await created.getByTestId('new-component-secret').locator('span').first().innerText()).trim();
  expect(secret).toMatch(/^[A-Za-z0-9]{32}$/);
  await created.getByRole('button', { name: 'Done' }).click();
  const platform = page.getByRole('article', { name: 'Third-party platform Shop platform' });
  await expect(platform).toContainText(`${secret.slice(0, 4)}••••••••${secret.slice(-4)}`);
  // Shown once: not on the page any more, and not in what the API lists.
  await expect(page.getByText(secret)).toHaveCount(0);
  const listed = await studio.api<{ platforms: OpenPlatformDto[] }>('GET', '/api/wechat/platforms');
  expect(JSON.stringify(listed.body)).not.toContain(secret);
  expect(listed.body.platforms[0]!.lastTicketAt).not.toBeNull();

  // The login server has not been given this platform's keys: it does not answer the ticket with success.
  await platform.getByRole('button', { name: 'Push a component_verify_ticket' }).click();
  await expect(platform.getByText('The platform did not answer success')).toBeVisible();
  await platform.getByRole('button', { name: 'Inspect the push' }).click();
  await expect(page.getByRole('article', { name: 'Journal entry' })).toContainText('component_verify_ticket');
});

test('the login console registers its pool on the mock in one click; its ticket arrives and a new one on demand', async ({ page, studio }) => {
  await openStudio(page, studio.ui);
  await go(page, 'Login console');
  await page.getByRole('tab', { name: 'Third-party platform' }).click();
  const panel = page.getByRole('region', { name: 'Third-party platform configuration' });
  await expect(panel).toContainText('Not configured');
  await expect(panel).toContainText('/$APPID$/events');
  await panel.getByRole('button', { name: 'Register on the (mock) Open Platform' }).click();
  await expect(panel).toContainText('Configured');
  await expect(page.getByTestId('component-ticket')).not.toHaveText('None yet');
  const config = (await studio.api<{ componentAppId: string }>('GET', `/api/login/pools/${await poolIdOf(studio, 'Demo pool')}/component`)).body;
  await expect(panel).toContainText(config.componentAppId);

  await go(page, 'WeChat console');
  await page.getByRole('navigation', { name: 'Platform' }).getByRole('button', { name: /Third-party platforms/ }).click();
  const platform = page.getByRole('article', { name: 'Third-party platform Demo pool (login server)' });
  await platform.getByRole('button', { name: 'Push a component_verify_ticket' }).click();
  await expect(platform.getByText('The platform answered success')).toBeVisible();
});

test("Authorization management: view platform details, cancel the authorization; the login console is back to not connected", async ({ page, studio }) => {
  const scene = await platformScene(studio, 'Chen (follower)');
  const started = (await studio.api<AuthorizeStartResult>('POST', `/api/login/pools/${scene.poolId}/connections/authorize`, { identifier: 'wechat-shop', displayName: 'Shop login' })).body;
  // The admin authorizes: the page's QR scanned by their phone, confirmed without the store's set (5).
  const html = await (await fetch(started.authorizationUrl)).text();
  const content = /data-content="([^"]+)"/.exec(html)![1]!.replace(/&amp;/g, '&');
  expect((await studio.api<PhoneScreen>('POST', `/api/phone/${scene.admin.id}/scan`, { content })).body.screen).toBe('authorize');
  const done = (await studio.api<PhoneAuthorizeResult>('POST', `/api/phone/${scene.admin.id}/authorize`, { appId: scene.account.appId, funcIds: [1, 2, 3] })).body;
  expect((await fetch(done.redirect)).status).toBe(200);

  await openStudio(page, studio.ui);
  await go(page, 'WeChat console');
  await page.getByRole('navigation', { name: 'Accounts' }).getByRole('button', { name: /Shop/ }).click();
  await page.getByRole('tab', { name: 'Account settings' }).click();
  await expect(page.getByRole('navigation', { name: 'Location' })).toHaveText(/Settings and development.*Account settings.*Authorization management/);
  const table = page.getByRole('table', { name: 'Authorized third-party platforms' });
  await expect(table).toContainText('Demo pool (login server)');
  await expect(table).toContainText('3 permission sets');
  await table.getByRole('button', { name: 'View platform details: Demo pool (login server)' }).click();
  const details = page.getByRole('region', { name: 'Platform details' });
  const sets = details.getByRole('list', { name: 'Permission sets granted' });
  await expect(sets.getByRole('listitem')).toHaveText(['消息管理', '用户管理', '帐号服务']);
  await details.getByRole('button', { name: 'Cancel authorization' }).click();
  const confirm = page.getByRole('dialog', { name: 'Cancel this authorization?' });
  await expect(confirm).toContainText('Shop');
  await confirm.getByRole('button', { name: 'Cancel authorization' }).click();

  await expect(page.getByText('The authorization of Demo pool (login server) was cancelled')).toBeVisible();
  await expect(page.getByText('The unauthorized notice was pushed and the platform answered.')).toBeVisible();
  await expect(page.getByText('No authorized third-party platform')).toBeVisible();
  const authz = await studio.api<{ authorizations: AccountAuthorizationDto[] }>('GET', `/api/wechat/accounts/${scene.account.appId}/authorizations`);
  expect(authz.body.authorizations).toEqual([]);

  await go(page, 'Login console');
  await page.getByRole('tab', { name: 'Identity sources' }).click();
  const card = page.getByRole('article', { name: 'Identity source wechat-shop' });
  await expect(card).toContainText('Not connected');
  await expect(card).toContainText('The account cancelled the authorization');
});

test("the phone's authorization page: a non-admin is refused with the page's error; the admin picks the account, unticks a set, confirms; the PC goes to the redirect", async ({ page, studio }) => {
  const scene = await platformScene(studio, 'Chen (follower)');
  await openStudio(page, studio.ui);
  await go(page, 'Login console');
  await page.getByRole('button', { name: 'Authorize with WeChat' }).click();
  const form = page.getByRole('form', { name: 'New identity source: Authorize with WeChat' });
  await form.getByLabel('Unique ID').fill('wechat-shop');
  await form.getByRole('button', { name: 'Create and open the authorization page' }).click();
  const card = page.getByRole('article', { name: 'Identity source wechat-shop' });
  await expect(card).toContainText('Not connected');
  await card.getByRole('button', { name: "Open on the stage's PC" }).click();

  // The initiation page on the PC links to WeChat's authorization page (the Referer WeChat checks).
  await pcPage(page).getByRole('link', { name: /Authorize/ }).click();
  await expect(pcPage(page).locator('img#qr')).toBeVisible();
  await expect(page.getByTestId('pc-status')).toHaveText("The authorization page shows its QR code for the account's admin to scan");

  // Lin administers nothing: the page's own error, with its code.
  await page.getByLabel('Persona').selectOption({ label: 'Lin (new user)' });
  await phone(page).getByRole('button', { name: /扫一扫/ }).click();
  await expect(phone(page).getByTestId('phone-error')).toContainText('没有绑定管理员');
  await expect(phone(page).getByTestId('phone-error-detail')).toContainText('错误码 -21');

  // Chen administers Shop: the account (the only one), the sets, confirm.
  await page.getByLabel('Persona').selectOption({ label: 'Chen (follower)' });
  await phone(page).getByRole('button', { name: /扫一扫/ }).click();
  const auth = phone(page).getByTestId('phone-authorize');
  await expect(auth).toContainText('Demo pool (login server)');
  await expect(page.getByTestId('pc-status')).toHaveText('Scanned: confirm on the phone');
  await expect(auth.getByRole('radio', { name: /Shop/ })).toHaveAttribute('aria-checked', 'true');
  await phone(page).getByRole('button', { name: /下一步/ }).click();
  await phone(page).getByRole('checkbox', { name: /微信小店/ }).uncheck();
  await phone(page).getByRole('button', { name: /^授权/ }).click();
  await expect(phone(page).getByTestId('phone-authorized')).toContainText('已将「Shop」授权给「Demo pool (login server)」');
  await expect(pcPage(page).locator('#result')).toHaveText('Connected');
  await expect(pcPage(page).locator('body')).toContainText('Shop');

  await go(page, 'Login console');
  await expect(card).toContainText('Connected');
  await expect(card.getByTestId('authorizer')).toContainText(scene.account.originalId);
  await expect(card).toContainText('帐号服务');
  await expect(card).not.toContainText('微信小店');
  const link = (await studio.api<ComponentLinkDto>('GET', `/api/login/pools/${scene.poolId}/connections/wechat-shop/authorization`)).body;
  expect(link.authorizer?.funcIds).not.toContain(5);
  expect(link.authorizer?.funcIds).toContain(1);
});
