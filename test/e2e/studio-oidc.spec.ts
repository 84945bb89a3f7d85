import type { Page, Request } from '@playwright/test';
import { test, expect } from './fixtures';
import { startServe, type ServeHandle } from '../helpers/serve';
import type { LoginConnection, LoginPool, LoginUser, Persona } from '../../src-main/contracts/api';
import type { OidcClientSettings, OidcSigningKey } from '../../src-main/contracts/oidc';

/**
 * The studio's side of OpenID Connect, driven as a person would: the stage's PC browser shows the sample
 * website, which signs in through the hosted login page in the same frame while the studio's phone decodes
 * and follows; the inspector shows the exchange's decoded tokens; the login console edits an application's
 * settings, resets its secret and rotates the signing keys.
 */

type Mode = 'plaintext' | 'compatible' | 'safe';

/** The demo account and its identity source switched together, through the control API. */
async function switchMode(studio: ServeHandle, mode: Mode): Promise<LoginConnection> {
  const pool = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
  const path = `/api/login/pools/${pool.id}/connections/wechat-follow`;
  let conn = (await studio.api<LoginConnection>('GET', `${path}?reveal=true`)).body;
  if (mode !== 'safe') {
    expect((await studio.api('PATCH', path, { mode })).status).toBe(200);
    const server = await studio.api('PUT', `/api/wechat/accounts/${conn.appId}/server`, { url: conn.eventsUrl, token: conn.token, encodingAesKey: conn.encodingAesKey, mode, enabled: true });
    expect(server.status, JSON.stringify(server.body)).toBe(200);
    conn = (await studio.api<LoginConnection>('GET', `${path}?reveal=true`)).body;
  }
  expect(conn.mode).toBe(mode);
  return conn;
}

async function openStudio(page: Page, studio: ServeHandle): Promise<void> {
  await page.goto(studio.ui);
  await expect(page.getByRole('status', { name: /event stream: Live/ })).toBeVisible();
}

const go = (page: Page, where: 'Stage' | 'Login console' | 'Inspector') => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: where }).click();
const pc = (page: Page) => page.frameLocator('iframe[title="PC login page"]');
const phone = (page: Page) => page.getByRole('region', { name: 'Phone' });
const claim = (page: Page, name: string) => pc(page).locator(`#claims td[data-claim="${name}"]`);

/**
 * On the stage: the sample website → "Sign in with WeChat" → the hosted page in the same frame → the phone
 * scans the QR code it decodes from the page's pixels and follows → back on the website, signed in.
 */
async function signInOnSampleSite(page: Page, persona: string, follows = true): Promise<void> {
  await go(page, 'Stage');
  await page.getByLabel('Persona').selectOption({ label: persona });
  await page.getByRole('radiogroup', { name: 'PC browser shows' }).getByRole('radio', { name: 'Sample website' }).check();
  await expect(pc(page).getByRole('heading', { name: 'Welcome' })).toBeVisible();
  await expect(page.getByText('The website is open')).toBeVisible();
  await pc(page).getByRole('link', { name: 'Sign in with WeChat' }).click();
  await expect(pc(page).locator('body')).toHaveAttribute('data-login-status', 'PENDING');
  await expect(page.getByText('The page shows a login QR code')).toBeVisible();
  await phone(page).getByRole('button', { name: /Scan/ }).click();
  await expect(phone(page).getByTestId('decoded-content')).toContainText('http://weixin.qq.com/q/');
  // A follower's scan signs in at once; a new user follows first.
  if (follows) await phone(page).getByRole('button', { name: /Follow/ }).click();
  await expect(pc(page).locator('body')).toHaveAttribute('data-signed-in', 'true');
}

async function linUser(studio: ServeHandle, appId: string): Promise<{ user: LoginUser; pool: LoginPool }> {
  const pool = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
  const lin = (await studio.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas.find((p) => p.name.startsWith('Lin'))!;
  const openId = lin.accounts.find((a) => a.appId === appId)!.openId;
  const users = (await studio.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${pool.id}`)).body.users;
  return { user: users.find((u) => u.identities.some((i) => i.openId === openId))!, pool };
}

for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
  test(`${mode} mode: the stage's sample website signs a new WeChat user in through the hosted page in its frame, and out`, async ({ page, studio }) => {
    const conn = await switchMode(studio, mode);
    await openStudio(page, studio);
    await signInOnSampleSite(page, 'Lin (new user)');

    const { user, pool } = await linUser(studio, conn.appId);
    await expect(claim(page, 'sub')).toHaveText(user.id);
    await expect(claim(page, 'openid')).toHaveText(user.identities[0]!.openId);
    await expect(claim(page, 'iss')).toHaveText(`${studio.auth}/oidc`);
    await expect(claim(page, 'userpool_id')).toHaveText(pool.id);
    await expect(pc(page).getByText('Signed in with WeChat through OpenID Connect')).toBeVisible();
    await expect(page.getByRole('region', { name: 'PC browser' }).getByText('AUTHORIZED', { exact: true })).toBeVisible();
    await expect(page.getByTestId('pc-status')).toContainText('the browser goes back to the website');
    await expect(phone(page).getByRole('log').locator('[data-from="account"]').last()).toContainText('Signed in to Demo Website');

    if (mode === 'safe') {
      // The inspector: the token exchange, found by its kind, with the id_token's claims decoded.
      await go(page, 'Inspector');
      await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'OpenID Connect' });
      const list = page.getByRole('listbox', { name: 'Journal' });
      for (const exchange of ['OIDC authorize', 'OIDC login finished', 'OIDC token (authorization_code)', 'OIDC userinfo']) {
        await expect(list.getByRole('option').filter({ hasText: exchange }).first()).toBeVisible();
      }
      await expect(list.getByRole('option').filter({ hasText: 'subscribe' })).toHaveCount(0);
      await list.getByRole('option').filter({ hasText: 'OIDC token (authorization_code)' }).click();
      const detail = page.getByRole('article', { name: 'Journal entry' });
      const tokens = detail.getByRole('region', { name: 'Tokens' });
      const idToken = tokens.getByRole('group', { name: 'response.id_token' });
      await expect(idToken.getByRole('table', { name: 'Header' })).toContainText('HS256');
      const claims = idToken.getByRole('table', { name: 'Claims' });
      await expect(claims.locator('tr[data-claim="sub"] td')).toHaveText(user.id);
      await expect(claims.locator('tr[data-claim="openid"] td')).toHaveText(user.identities[0]!.openId);
      // The token itself is masked in the raw exchange.
      await expect(detail.getByLabel('Response body', { exact: true })).not.toContainText('eyJ');
      await go(page, 'Stage');
    }

    await pc(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(pc(page).locator('body')).toHaveAttribute('data-signed-in', 'false');
    await expect(pc(page).getByRole('link', { name: 'Sign in with WeChat' })).toBeVisible();
  });
}

test.describe('over https', () => {
  const httpsTest = test.extend<{ studio: ServeHandle }>({
    studio: async ({}, use) => {
      const handle = await startServe(['--memory', '--https']);
      await use(handle);
      await handle.stop();
    },
  });
  // The browser has not been told to trust the studio's CA (the README says how).
  httpsTest.use({ ignoreHTTPSErrors: true });

  httpsTest('the frame keeps its cookies: signed in and out on the sample website in the stage; the console says to trust the CA', async ({ page, studio }) => {
    expect(studio.auth).toMatch(/^https:/);
    await openStudio(page, studio);
    await signInOnSampleSite(page, 'Chen (follower)', false);
    const users = (await studio.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${(await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!.id}`)).body.users;
    await expect(claim(page, 'sub')).toHaveText(users.find((u) => u.username === 'chen')!.id);
    await expect(claim(page, 'iss')).toHaveText(`${studio.auth}/oidc`);

    // Signing out posts to the provider's logout confirmation inside the frame: its session cookie goes with it.
    await pc(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(pc(page).locator('body')).toHaveAttribute('data-signed-in', 'false');
    await pc(page).getByRole('link', { name: 'Sign in with WeChat' }).click();
    await expect(pc(page).locator('body')).toHaveAttribute('data-login-status', 'PENDING');

    await go(page, 'Login console');
    await page.getByRole('tab', { name: 'Applications' }).click();
    const hint = page.getByTestId('ca-hint');
    await expect(hint).toContainText(studio.authCa!);
    await expect(hint).toContainText(`NODE_EXTRA_CA_CERTS=${studio.authCa}`);
  });
});

test("the sample website speaks its visitor's language", async ({ browser, studio }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(studio.sample!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('link', { name: '微信登录' })).toBeVisible();
  await context.close();
});

async function openAppSettings(page: Page, studio: ServeHandle): Promise<{ appId: string; form: ReturnType<Page['getByRole']> }> {
  await openStudio(page, studio);
  await go(page, 'Login console');
  await page.getByRole('tab', { name: 'Applications' }).click();
  await page.getByRole('button', { name: 'OpenID Connect settings of Demo Website' }).click();
  const appId = decodeURIComponent(/#\/login\/apps\/([^/]+)$/.exec(page.url())![1]!);
  const form = page.getByRole('form', { name: 'Authentication configuration' });
  await expect(form).toBeVisible();
  return { appId, form };
}

test("an application's OpenID Connect settings: an invalid callback URL is named under its field and nothing is saved; a valid one is", async ({ page, studio }) => {
  const { appId, form } = await openAppSettings(page, studio);
  const before = (await studio.api<OidcClientSettings>('GET', `/api/login/apps/${appId}/oidc`)).body;
  const patches: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/oidc')) patches.push(r);
  });

  const redirect = form.getByLabel('Login callback URLs');
  await redirect.fill('https://shop.example/callback\nhttp://shop.example/callback');
  await form.getByLabel('Logout callback URLs').fill('https://shop.example/#home');
  await form.getByLabel('refresh_token lifetime (seconds)').fill('30');
  await form.getByRole('radio', { name: /RS256/ }).check();
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(redirect).toHaveAttribute('aria-invalid', 'true');
  await expect(redirect).toHaveAccessibleDescription(/"http:\/\/shop\.example\/callback" is not allowed: use an absolute URL, https, or http on a loopback host/);
  await expect(form.getByLabel('Logout callback URLs')).toHaveAccessibleDescription(/"https:\/\/shop\.example\/#home" must not contain a fragment/);
  await expect(form.getByLabel('refresh_token lifetime (seconds)')).toHaveAccessibleDescription(/A whole number of seconds from 60 to 31536000/);
  await expect(form.getByRole('alert').filter({ hasText: 'nothing was saved' })).toBeVisible();
  expect(patches).toHaveLength(0);
  expect((await studio.api<OidcClientSettings>('GET', `/api/login/apps/${appId}/oidc`)).body).toEqual(before);

  // Fixed: saved, and the control API has it.
  await redirect.fill('https://shop.example/callback\nhttp://localhost:3000/callback');
  await form.getByLabel('Logout callback URLs').fill('https://shop.example/');
  await form.getByLabel('refresh_token lifetime (seconds)').fill('86400');
  await expect(form.getByText('= 1 day')).toBeVisible();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved OpenID Connect settings of Demo Website.')).toBeVisible();
  expect(patches).toHaveLength(1);
  const after = (await studio.api<OidcClientSettings>('GET', `/api/login/apps/${appId}/oidc`)).body;
  expect(after).toMatchObject({
    redirectUris: ['https://shop.example/callback', 'http://localhost:3000/callback'],
    postLogoutRedirectUris: ['https://shop.example/'],
    idTokenAlg: 'RS256',
    refreshTokenTtl: 86400,
  });
  // The snippet follows the saved settings.
  await expect(page.getByRole('region', { name: 'Sign in from Node.js with openid-client' })).toContainText("id_token_signed_response_alg: 'RS256'");
  await expect(page.getByRole('region', { name: 'Sign in from Node.js with openid-client' })).toContainText("redirect_uri: 'https://shop.example/callback'");
});

/** The provider's client_credentials grant: it answers 200 only to the application's real secret. */
async function clientCredentials(studio: ServeHandle, appId: string, secret: string): Promise<number> {
  const res = await fetch(`${studio.auth}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: secret }).toString(),
  });
  return res.status;
}

test('the application secret: shown once at creation and once after a confirmed reset, and it is the one the provider accepts', async ({ page, studio }) => {
  const { appId } = await openAppSettings(page, studio);
  const endpoint = page.getByRole('region', { name: 'Endpoint information' });
  const masked = await endpoint.getByLabel('masked secret').textContent();

  await endpoint.getByRole('button', { name: 'Reset secret' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reset the application secret?' });
  await expect(dialog).toContainText('Demo Website');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await endpoint.getByLabel('masked secret').textContent()).toBe(masked);

  await endpoint.getByRole('button', { name: 'Reset secret' }).click();
  await page.getByRole('dialog', { name: 'Reset the application secret?' }).getByRole('button', { name: 'Reset' }).click();
  const shown = page.getByRole('dialog', { name: 'New application secret' });
  await expect(shown).toContainText('shown only this once');
  const secret = (await shown.getByTestId('secret-once').locator('[translate="no"]').textContent())!;
  expect(secret.length).toBeGreaterThanOrEqual(24);
  expect(await clientCredentials(studio, appId, secret)).toBe(200);
  await shown.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(secret)).toHaveCount(0);
  await expect(endpoint.getByLabel('masked secret')).toHaveText(`${secret.slice(0, 4)}••••••••${secret.slice(-4)}`);

  // A new application: its secret once, in the creation dialog.
  await page.getByRole('button', { name: 'All applications' }).click();
  await page.getByRole('form', { name: 'New application' }).getByLabel('Application name').fill('Shop');
  await page.getByRole('button', { name: 'Create application' }).click();
  const created = page.getByRole('dialog', { name: 'Application created' });
  const shopSecret = (await created.getByTestId('secret-once').locator('[translate="no"]').textContent())!;
  const shop = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!.apps.find((a) => a.name === 'Shop')!;
  expect(await clientCredentials(studio, shop.id, shopSecret)).toBe(200);
  expect(await clientCredentials(studio, shop.id, secret)).toBe(401);
  await created.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText(shopSecret)).toHaveCount(0);
});

test('signing keys: Rotate shows a new active kid and keeps the old one as retired; Remove drops it from the JWKS', async ({ page, studio }) => {
  await openStudio(page, studio);
  await go(page, 'Login console');
  await page.getByRole('tab', { name: 'Applications' }).click();
  const table = page.getByRole('table', { name: 'Signing keys' });
  const first = (await studio.api<{ keys: OidcSigningKey[] }>('GET', '/api/oidc/keys')).body.keys;
  expect(first).toHaveLength(1);
  const oldKid = first[0]!.kid;
  await expect(table.locator(`tr[data-kid="${oldKid}"]`)).toContainText('Active');

  await page.getByRole('button', { name: 'Rotate' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(2);
  const keys = (await studio.api<{ keys: OidcSigningKey[] }>('GET', '/api/oidc/keys')).body.keys;
  const active = keys.find((k) => k.active)!;
  expect(active.kid).not.toBe(oldKid);
  await expect(table.locator(`tr[data-kid="${active.kid}"]`)).toContainText('Active');
  await expect(table.locator(`tr[data-kid="${oldKid}"]`)).toContainText('Retired');
  const jwks = async (): Promise<string[]> => ((await (await fetch(`${studio.auth}/oidc/.well-known/jwks.json`)).json()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
  await expect.poll(jwks).toEqual(expect.arrayContaining([active.kid, oldKid]));

  await table.getByRole('button', { name: `Remove key ${oldKid}` }).click();
  await page.getByRole('dialog', { name: 'Remove the retired key?' }).getByRole('button', { name: 'Remove' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(table.locator(`tr[data-kid="${active.kid}"]`)).toBeVisible();
  await expect.poll(jwks).toEqual([active.kid]);
});
