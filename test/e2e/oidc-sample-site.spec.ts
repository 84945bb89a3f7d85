import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { LoginConnection, LoginPool, LoginUser, Persona, PhoneScreen } from '../../src-main/contracts/api';
import { startServe, type ServeHandle } from '../helpers/serve';

/**
 * The stage's website end to end in headless Chromium: the sample website (openid-client, its own
 * origin) → "Sign in with WeChat" → the hosted login page on the https auth server → the phone scans and
 * follows → back on the website, signed in, showing the id_token's claims and userinfo → sign out. In
 * each of the three message modes (the account and the connection switched together).
 */

const test = base.extend<{ studio: ServeHandle }>({
  studio: async ({}, use) => {
    const handle = await startServe(['--memory', '--https']);
    await use(handle);
    await handle.stop();
  },
});
// The browser has not been told to trust the studio's CA (the README says how); the server side has.
test.use({ ignoreHTTPSErrors: true });

type Mode = 'plaintext' | 'compatible' | 'safe';

async function switchMode(studio: ServeHandle, pool: LoginPool, mode: Mode): Promise<LoginConnection> {
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

async function phone(studio: ServeHandle, personaId: string, action: 'scan' | 'follow', body: unknown): Promise<PhoneScreen> {
  const res = await studio.api<PhoneScreen>('POST', `/api/phone/${personaId}/${action}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function claim(page: Page, name: string): Promise<string> {
  return (await page.locator(`#claims td[data-claim="${name}"]`).textContent()) ?? '';
}

for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
  test(`the sample website signs a new WeChat user in and out, ${mode} mode`, async ({ studio, page }) => {
    expect(studio.auth).toMatch(/^https:/);
    expect(studio.authCa).toMatch(/auth-ca\.pem$/);
    const pool = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
    const conn = await switchMode(studio, pool, mode);
    const lin = (await studio.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas.find((p) => p.name.startsWith('Lin'))!;

    await page.goto(studio.sample!);
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    if (mode === 'safe') await page.screenshot({ path: test.info().outputPath('signed-out.png') });
    await page.getByRole('link', { name: 'Sign in with WeChat' }).click();

    // The hosted login page of the application, on the auth server.
    await expect(page).toHaveURL(new RegExp(`^${studio.auth}/login/[0-9a-f]+\\?interaction=`));
    await expect(page.getByRole('heading', { name: 'Demo Website' })).toBeVisible();
    await expect(page.locator('body')).toHaveAttribute('data-login-status', 'PENDING');
    const content = await page.locator('#qr').getAttribute('data-qr-url');
    expect((await phone(studio, lin.id, 'scan', { content })).screen).toBe('profile');
    const chat = await phone(studio, lin.id, 'follow', { appId: conn.appId });
    expect(chat.messages?.at(-1)?.text).toMatch(/Signed in to Demo Website as lin/);

    // Back on the website, signed in by openid-client.
    await expect(page).toHaveURL(`${studio.sample}/`);
    await expect(page.locator('body')).toHaveAttribute('data-signed-in', 'true');
    await expect(page.getByText('Signed in with WeChat through OpenID Connect')).toBeVisible();
    const user = (await studio.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${pool.id}`)).body.users.find((u) => u.identities[0]?.openId === lin.accounts.find((a) => a.appId === conn.appId)!.openId)!;
    // The new user is named after the persona's WeChat nickname ("Lin (new user)").
    expect(user.username).toBe('lin');
    expect(await claim(page, 'sub')).toBe(user.id);
    expect(await claim(page, 'openid')).toBe(user.identities[0]!.openId);
    expect(await claim(page, 'iss')).toBe(`${studio.auth}/oidc`);
    expect(await claim(page, 'userpool_id')).toBe(pool.id);
    await expect(page.locator('#userinfo')).toContainText(`"sub": "${user.id}"`);
    await expect(page.locator('#has-refresh')).toHaveText('present');
    if (mode === 'safe') await page.screenshot({ path: test.info().outputPath('signed-in.png'), fullPage: true });

    await page.getByRole('button', { name: 'Refresh tokens' }).click();
    await expect(page.getByRole('status')).toHaveText('Tokens refreshed');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${studio.sample}/`);
    await expect(page.locator('body')).toHaveAttribute('data-signed-in', 'false');
    // Signed out at the provider too: signing in again shows the hosted page, not an instant return.
    await page.getByRole('link', { name: 'Sign in with WeChat' }).click();
    await expect(page.locator('body')).toHaveAttribute('data-login-status', 'PENDING');
  });
}

test('the sample website in Chinese, and an unregistered redirect_uri shown as an error page', async ({ studio, page }) => {
  await page.goto(`${studio.sample}/?lang=zh-CN`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.locator('#sign-in')).toBeVisible();
  const pool = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
  await page.goto(`${studio.auth}/oidc/auth?client_id=${pool.apps[0]!.id}&response_type=code&scope=openid&redirect_uri=${encodeURIComponent('https://elsewhere.example/cb')}`);
  await expect(page.getByRole('heading', { name: 'This sign-in request cannot be completed' })).toBeVisible();
  await expect(page.locator('#oidc-error')).toContainText('error: invalid_redirect_uri');
  await page.screenshot({ path: test.info().outputPath('redirect-error.png') });
});
