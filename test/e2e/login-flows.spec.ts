import type { Page } from '@playwright/test';
import jsQR from 'jsqr';
import { test, expect } from './fixtures';
import type { ServeHandle } from '../helpers/serve';
import type { JournalEntry, LoginConnection, LoginPool, LoginUser, Persona, PhoneScreen } from '../../src-main/contracts/api';
import { sealPush } from '../../src-main/core/wechat/envelope';
import { newNonce } from '../../src-main/core/wechat/ids';
import { subscribeXml } from '../../src-main/core/wechat/messages';

/**
 * The login server end to end, as a QA engineer drives it: the built `serve --memory` (demo seed), the
 * hosted login page in headless Chromium, the phone through the control API. Every case runs in each of
 * the three message modes (the account and the connection switched together).
 */

type Mode = 'plaintext' | 'compatible' | 'safe';

interface Setup {
  pool: LoginPool;
  conn: LoginConnection;
  loginUrl: string;
  appId: string;
  personas: { lin: Persona; chen: Persona; wang: Persona };
}

async function setup(studio: ServeHandle, mode: Mode): Promise<Setup> {
  const pool = (await studio.api<{ pools: LoginPool[] }>('GET', '/api/login/pools')).body.pools[0]!;
  let conn = (await studio.api<LoginConnection>('GET', `/api/login/pools/${pool.id}/connections/wechat-follow?reveal=true`)).body;
  if (mode !== 'safe') {
    const patched = await studio.api<LoginConnection>('PATCH', `/api/login/pools/${pool.id}/connections/wechat-follow`, { mode });
    expect(patched.status).toBe(200);
    const server = await studio.api('PUT', `/api/wechat/accounts/${conn.appId}/server`, {
      url: conn.eventsUrl,
      token: conn.token,
      encodingAesKey: conn.encodingAesKey,
      mode,
      enabled: true,
    });
    expect(server.status, JSON.stringify(server.body)).toBe(200);
    conn = (await studio.api<LoginConnection>('GET', `/api/login/pools/${pool.id}/connections/wechat-follow?reveal=true`)).body;
  }
  expect(conn.mode).toBe(mode);
  const personas = (await studio.api<{ personas: Persona[] }>('GET', '/api/wechat/personas')).body.personas;
  const by = (prefix: string): Persona => personas.find((p) => p.name.startsWith(prefix))!;
  return { pool, conn, loginUrl: pool.apps[0]!.loginUrl, appId: conn.appId, personas: { lin: by('Lin'), chen: by('Chen'), wang: by('Wang') } };
}

async function users(studio: ServeHandle, poolId: string): Promise<LoginUser[]> {
  return (await studio.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${poolId}`)).body.users;
}

async function status(page: Page, value: string): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-login-status', value);
}

/** What the phone's camera would read: the QR content, decoded from the image's pixels. */
async function scanQr(page: Page): Promise<string> {
  const img = page.locator('#qr');
  await expect(img).toHaveAttribute('src', /^data:image\/png;base64,/);
  const pixels = await img.evaluate((el: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = el.naturalWidth;
    canvas.height = el.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(el, 0, 0);
    const data = g.getImageData(0, 0, canvas.width, canvas.height);
    return { width: data.width, height: data.height, data: Array.from(data.data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height);
  expect(decoded, 'the QR image decodes').not.toBeNull();
  expect(decoded!.data).toBe(await img.getAttribute('data-qr-url'));
  return decoded!.data;
}

async function phone(studio: ServeHandle, personaId: string, action: 'scan' | 'follow', body: unknown): Promise<PhoneScreen> {
  const res = await studio.api<PhoneScreen>('POST', `/api/phone/${personaId}/${action}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

for (const mode of ['plaintext', 'compatible', 'safe'] as const) {
  test.describe(`login server, ${mode} mode`, () => {
    test('a new persona scans and follows: the page reaches AUTHORIZED and a user is created', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      const before = await users(studio, s.pool.id);
      await page.goto(s.loginUrl);
      await expect(page.getByRole('heading', { name: 'Demo Website' })).toBeVisible();
      await expect(page.getByRole('tab', { name: /Follow Studio Demo.*WeChat Official Account Follow/ })).toBeVisible();
      await status(page, 'PENDING');
      await expect(page.getByText(/Expires in [12]:\d\d/)).toBeVisible();
      const content = await scanQr(page);
      const profile = await phone(studio, s.personas.lin.id, 'scan', { content });
      expect(profile).toMatchObject({ screen: 'profile', following: false });
      const chat = await phone(studio, s.personas.lin.id, 'follow', { appId: s.appId });
      expect(chat.messages?.at(-1)?.text).toMatch(/Signed in to Demo Website as lin/);
      await status(page, 'AUTHORIZED');
      await expect(page.getByText('Signed in with WeChat Official Account Follow')).toBeVisible();
      const username = (await page.locator('#user-username').textContent())!;
      const userId = (await page.locator('#user-id').textContent())!;
      const after = await users(studio, s.pool.id);
      expect(after).toHaveLength(before.length + 1);
      const created = after.find((u) => u.id === userId)!;
      expect(created.username).toBe(username);
      expect(created.identities[0]!.openId).toBe(s.personas.lin.accounts.find((a) => a.appId === s.appId)!.openId);
      expect(created.logins).toHaveLength(1);
    });

    test('the existing follower scans (SCAN) and logs in to the same user', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      const chen = (await users(studio, s.pool.id)).find((u) => u.username === 'chen')!;
      for (let round = 0; round < 2; round++) {
        await page.goto(s.loginUrl);
        await status(page, 'PENDING');
        const screen = await phone(studio, s.personas.chen.id, 'scan', { content: await scanQr(page) });
        expect(screen.screen).toBe('chat');
        await status(page, 'AUTHORIZED');
        await expect(page.locator('#user-id')).toHaveText(chen.id);
        await expect(page.locator('#user-name')).toHaveText('Chen');
      }
      const after = (await users(studio, s.pool.id)).find((u) => u.username === 'chen')!;
      expect(after.logins).toHaveLength(2);
    });

    test('login-only rejects an unknown persona with a clear message and creates nothing', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      await studio.api('PATCH', `/api/login/pools/${s.pool.id}/connections/wechat-follow`, { loginMode: 'login-only', association: 'off' });
      const before = await users(studio, s.pool.id);
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      await phone(studio, s.personas.lin.id, 'scan', { content: await scanQr(page) });
      const chat = await phone(studio, s.personas.lin.id, 'follow', { appId: s.appId });
      expect(chat.messages?.at(-1)?.text).toMatch(/该微信未绑定账号，无法登录/);
      await status(page, 'ERROR');
      await expect(page.getByText('This WeChat account is not registered. Sign-up is disabled for this application (login-only).')).toBeVisible();
      expect(await users(studio, s.pool.id)).toEqual(before);
    });

    test('an expired code shows expiry and refreshes to a working one', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      const oldContent = await scanQr(page);
      // The session's lifetime runs out now (the lifetime itself runs on the engine's clock: tested in
      // test/integration/login on the virtual clock), so this test waits for nothing.
      const sessionId = await page.locator('body').getAttribute('data-session-id');
      expect((await studio.api('POST', `/api/login/sessions/${sessionId}/expire`)).status).toBe(200);
      await status(page, 'EXPIRED');
      const refresh = page.getByRole('button', { name: 'QR code expired — click to refresh' });
      await expect(refresh).toBeVisible();
      // Scanning the expired code signs nobody in: the session stays expired.
      await phone(studio, s.personas.chen.id, 'scan', { content: oldContent });
      const { sessions } = (await studio.api<{ sessions: Array<{ id: string; status: string }> }>('GET', `/api/login/sessions?poolId=${s.pool.id}`)).body;
      expect(sessions.find((x) => x.id === sessionId)?.status).toBe('EXPIRED');
      await expect(refresh).toBeVisible();
      await refresh.click();
      await status(page, 'PENDING');
      const fresh = await scanQr(page);
      expect(fresh).not.toBe(oldContent);
      await phone(studio, s.personas.chen.id, 'scan', { content: fresh });
      await status(page, 'AUTHORIZED');
    });

    test('query binding binds the WeChat identity to an existing account, then logs straight in', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      await studio.api('PATCH', `/api/login/pools/${s.pool.id}/connections/wechat-follow`, { association: 'query-binding' });
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      await phone(studio, s.personas.lin.id, 'scan', { content: await scanQr(page) });
      await phone(studio, s.personas.lin.id, 'follow', { appId: s.appId });
      await status(page, 'SCANNED');
      await expect(page.getByRole('heading', { name: 'Link your WeChat account' })).toBeVisible();
      await page.getByLabel('Username').fill('demo');
      await page.getByLabel('Password').fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in and link WeChat' }).click();
      await expect(page.getByRole('alert').filter({ hasText: 'Wrong username or password.' })).toBeVisible();
      await page.getByLabel('Password').fill('demo1234');
      await page.getByRole('button', { name: 'Sign in and link WeChat' }).click();
      await status(page, 'AUTHORIZED');
      await expect(page.locator('#user-username')).toHaveText('demo');
      // Next time: straight in.
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      await phone(studio, s.personas.lin.id, 'scan', { content: await scanQr(page) });
      await status(page, 'AUTHORIZED');
      await expect(page.locator('#user-username')).toHaveText('demo');
      const demo = (await users(studio, s.pool.id)).find((u) => u.username === 'demo')!;
      expect(demo.identities).toHaveLength(1);
      expect(demo.logins).toHaveLength(2);
    });

    test('a UnionID persona is matched by field matching', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      const wang = (await users(studio, s.pool.id)).find((u) => u.username === 'wang')!;
      expect(wang.unionId).toBe(s.personas.wang.unionId);
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      await phone(studio, s.personas.wang.id, 'scan', { content: await scanQr(page) });
      await phone(studio, s.personas.wang.id, 'follow', { appId: s.appId });
      await status(page, 'AUTHORIZED');
      await expect(page.locator('#user-id')).toHaveText(wang.id);
    });

    test('a retried push is processed once; a bad signature or a wrong appid changes nothing', async ({ studio, page }) => {
      const s = await setup(studio, mode);
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      await phone(studio, s.personas.lin.id, 'scan', { content: await scanQr(page) });
      await phone(studio, s.personas.lin.id, 'follow', { appId: s.appId });
      await status(page, 'AUTHORIZED');
      const journal = (await studio.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=push&limit=20')).body.entries;
      const pushEntry = journal.find((e) => e.source === 'wechat' && /subscribe/.test(e.decrypted?.request ?? ''))!;
      const sent = pushEntry.attempts[0]!;
      const snapshot = async () => ({
        users: await users(studio, s.pool.id),
        sessions: (await studio.api<{ sessions: unknown[] }>('GET', `/api/login/sessions?poolId=${s.pool.id}`)).body.sessions,
      });
      const before = await snapshot();

      // WeChat retries the same push: same answer, nothing processed again.
      const retry = await fetch(sent.request.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sent.request.body });
      expect(retry.status).toBe(200);
      const retryBody = await retry.text();
      expect(retryBody).not.toBe('success');
      if (mode === 'plaintext') expect(retryBody).toContain('Signed in to Demo Website');
      else expect(retryBody).toContain('<MsgSignature>');
      expect(await snapshot()).toEqual(before);

      // A bad signature.
      const tampered = new URL(sent.request.url);
      tampered.searchParams.set('signature', '0'.repeat(40));
      const bad = await fetch(tampered, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sent.request.body });
      expect(bad.status).toBe(401);
      // The answer is short and fixed (a refusal naming the reason would help a forger); the reason is in the journal.
      expect(await bad.text()).toBe('invalid signature');

      // A push for a new session, sealed for another AppID (plaintext mode has no appid inside: a wrong Token stands in).
      await page.goto(s.loginUrl);
      await status(page, 'PENDING');
      const row = await page.locator('body').getAttribute('data-session-id');
      expect(row).toBeTruthy();
      const conn = (await studio.api<LoginConnection>('GET', `/api/login/pools/${s.pool.id}/connections/wechat-follow?reveal=true`)).body;
      const openId = 'oE2eWrongAppid00000000000000';
      const sealed = sealPush({
        mode,
        token: mode === 'plaintext' ? 'SomeOtherToken' : conn.token,
        ...(mode === 'plaintext' ? {} : { encodingAesKey: conn.encodingAesKey }),
        appId: 'wx00000000000000ff',
        messageXml: subscribeXml({ toUserName: 'gh_000000000000', fromUserName: openId, createTime: Math.floor(Date.now() / 1000), scene: 'whatever', ticket: 'T' }),
        toUserName: 'gh_000000000000',
        openId,
        timestamp: Math.floor(Date.now() / 1000),
        nonce: newNonce(),
      });
      const wrong = await fetch(`${conn.eventsUrl}?${new URLSearchParams(sealed.query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body });
      expect(wrong.status).toBe(mode === 'plaintext' ? 401 : 400);
      expect(await wrong.text()).toBe(mode === 'plaintext' ? 'invalid signature' : 'invalid request');
      const after = await snapshot();
      expect(after.users).toEqual(before.users);
      await status(page, 'PENDING');
      const refusals = (await studio.api<{ entries: JournalEntry[] }>('GET', '/api/journal?ok=false&limit=10')).body.entries.filter((e) => e.source === 'auth');
      expect(refusals.length).toBeGreaterThanOrEqual(2);
      const reasons = refusals.flatMap((e) => e.verdict.reasons).join('\n');
      expect(reasons).toMatch(/signature mismatch/);
      if (mode !== 'plaintext') expect(reasons).toMatch(/appid wx00000000000000ff does not match/);
    });
  });
}

test('the hosted page works inside a frame on the studio origin', async ({ studio, page }) => {
  const s = await setup(studio, 'safe');
  // A document on the studio's origin (served from loopback) that frames the login page, as the studio's PC browser does.
  await page.goto(`${studio.studio}/api/health`);
  await page.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.id = 'pc';
    frame.src = src;
    frame.width = '480';
    frame.height = '640';
    document.body.append(frame);
  }, s.loginUrl);
  const frame = page.frameLocator('#pc');
  await expect(frame.locator('body')).toHaveAttribute('data-login-status', 'PENDING');
  const content = await frame.locator('#qr').getAttribute('data-qr-url');
  await phone(studio, s.personas.chen.id, 'scan', { content });
  await expect(frame.locator('body')).toHaveAttribute('data-login-status', 'AUTHORIZED');
  await expect(frame.getByText('Signed in with WeChat Official Account Follow')).toBeVisible();
});
