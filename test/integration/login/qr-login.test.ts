import { sseParser } from '../../helpers/sse';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginConnection, LoginUser, QrSessionView } from '../../../src-main/contracts/api';
import { verifyLoginToken } from '../../../src-main/core/login/jwt';
import { createVirtualClock } from '../../../src-main/core/clock';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { count, newSession, push, sessionView, startWorld, waitFor, xml, type World } from './helpers';

async function users(w: World): Promise<LoginUser[]> {
  return (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users;
}

async function patchConnection(w: World, patch: Record<string, unknown>): Promise<LoginConnection> {
  const res = await w.api<LoginConnection>('PATCH', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`, patch);
  expect(res.status).toBe(200);
  return res.body;
}

/** Reads the page's SSE stream and collects the session states it announces. */
function follow(w: World, id: string): { states: QrSessionView[]; close(): void; until(status: string): Promise<QrSessionView> } {
  const states: QrSessionView[] = [];
  const waiters: Array<() => void> = [];
  const req = http.get(`${w.rt.urls.auth}/api/qr/sessions/${id}/events`, (res) => {
    res.setEncoding('utf8');
    res.on(
      'data',
      sseParser((m) => {
        if (!m.data) return;
        states.push(JSON.parse(m.data) as QrSessionView);
        waiters.splice(0).forEach((f) => f());
      }),
    );
  });
  req.on('error', () => {});
  return {
    states,
    close: () => req.destroy(),
    until: (status) => waitFor(() => states.find((s) => s.status === status), `SSE ${status}`),
  };
}

describe('QR login through the mock platform (demo seed, safe mode)', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  it('a new persona scans and follows: SCANNED then AUTHORIZED, a user is created, the page hears it at once', async () => {
    const s = await newSession(w);
    expect(s.status).toBe('PENDING');
    expect(s.qrUrl).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    expect(s.qrImage).toMatch(/^data:image\/png;base64,/);
    expect(s.id).not.toBe(s.scene);
    expect(s.expiresAt - s.createdAt).toBe(120_000);
    const stream = follow(w, s.id);
    await stream.until('PENDING');
    const before = (await users(w)).length;
    const profile = await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    expect(profile.screen).toBe('profile');
    const chat = await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    expect(chat.messages?.at(-1)?.text).toMatch(/登录成功.*\nSigned in to Demo Website as lin\.$/);
    const done = await stream.until('AUTHORIZED');
    stream.close();
    expect(stream.states.map((x) => x.status)).toEqual(['PENDING', 'SCANNED', 'AUTHORIZED']);
    expect(done.user).toMatchObject({ username: 'lin', nickname: 'Lin (new user)' });
    const all = await users(w);
    expect(all).toHaveLength(before + 1);
    const created = all.find((u) => u.id === done.user?.id)!;
    expect(created.identities).toEqual([expect.objectContaining({ appId: w.conn.appId, openId: w.rt.platform.service.openId(w.personas.lin, w.conn.appId) })]);
    expect(created.logins).toEqual([expect.objectContaining({ appId: w.appId, connection: 'wechat-follow', sessionId: s.id })]);
    const pool = w.rt.ctx.db.prepare('SELECT jwt_secret AS k FROM login_pools').get() as { k: string };
    const claims = await verifyLoginToken(pool.k, done.token!);
    expect(claims).toMatchObject({ sub: created.id, aud: w.appId, username: created.username });
    const sessions = await w.api<{ sessions: Array<Record<string, unknown>> }>('GET', `/api/login/sessions?poolId=${w.pool.id}`);
    expect(sessions.body.sessions[0]).toMatchObject({ id: s.id, status: 'AUTHORIZED', userId: created.id });
    expect(JSON.stringify(sessions.body)).not.toContain(done.token!);
  });

  it('the access token is fetched once for many QR codes', async () => {
    const before = w.rt.login.service.wechatStats.tokenRequests;
    await Promise.all([newSession(w), newSession(w), newSession(w)]);
    await newSession(w);
    expect(w.rt.login.service.wechatStats.tokenRequests - before).toBeLessThanOrEqual(1);
  });

  it('the existing follower scans (SCAN) and logs in to the same user', async () => {
    const chen = (await users(w)).find((u) => u.username === 'chen')!;
    for (let i = 0; i < 2; i++) {
      const s = await newSession(w);
      const screen = await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
      expect(screen.screen).toBe('chat');
      const v = await waitFor(async () => {
        const x = await sessionView(w, s.id);
        return x.status === 'AUTHORIZED' ? x : null;
      }, 'AUTHORIZED');
      expect(v.user).toMatchObject({ id: chen.id, username: 'chen' });
    }
    const after = (await users(w)).find((u) => u.username === 'chen')!;
    expect(after.logins).toHaveLength(2);
    expect(after.identities).toHaveLength(1);
  });

  it('login-only rejects an unknown persona with a clear message and creates nothing', async () => {
    await patchConnection(w, { loginMode: 'login-only', association: 'off' });
    const s = await newSession(w);
    const before = { users: count(w, 'login_users'), identities: count(w, 'login_identities'), logins: count(w, 'login_logins') };
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    const chat = await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    expect(chat.messages?.at(-1)?.text).toMatch(/该微信未绑定账号，无法登录/);
    const v = await sessionView(w, s.id);
    expect(v.status).toBe('ERROR');
    expect(v.error).toBe('This WeChat account is not registered. Sign-up is disabled for this application (login-only).');
    expect({ users: count(w, 'login_users'), identities: count(w, 'login_identities'), logins: count(w, 'login_logins') }).toEqual(before);
    // A known user still gets in.
    const s2 = await newSession(w);
    await w.rt.platform.service.scan(w.personas.chen, s2.qrUrl);
    expect((await sessionView(w, s2.id)).status).toBe('AUTHORIZED');
  });

  it('query binding: the page binds the WeChat identity to an existing account once, then logs straight in', async () => {
    await patchConnection(w, { association: 'query-binding' });
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    const chat = await w.rt.platform.service.follow(w.personas.lin, w.conn.appId);
    expect(chat.messages?.at(-1)?.text).toMatch(/Sign in to your existing Demo Website account on the web page/);
    const waiting = await sessionView(w, s.id);
    expect(waiting).toMatchObject({ status: 'SCANNED', needsBinding: true });
    const bind = (body: unknown) =>
      fetch(`${w.rt.urls.auth}/api/qr/sessions/${s.id}/bind`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const wrong = await bind({ username: 'demo', password: 'nope-nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { message: 'Wrong username or password.', field: 'password' } });
    const ok = await bind({ username: 'demo', password: 'demo1234' });
    expect(ok.status).toBe(200);
    const bound = (await ok.json()) as QrSessionView;
    expect(bound).toMatchObject({ status: 'AUTHORIZED', user: { username: 'demo' } });
    const demo = (await users(w)).find((u) => u.username === 'demo')!;
    expect(demo.identities.map((i) => i.openId)).toEqual([w.rt.platform.service.openId(w.personas.lin, w.conn.appId)]);
    // Next time the SCAN goes straight through.
    const s2 = await newSession(w);
    await w.rt.platform.service.scan(w.personas.lin, s2.qrUrl);
    expect(await sessionView(w, s2.id)).toMatchObject({ status: 'AUTHORIZED', needsBinding: false, user: { username: 'demo' } });
  });

  it('a UnionID persona is matched to the user with that UnionID by field matching', async () => {
    const wang = (await users(w)).find((u) => u.username === 'wang')!;
    expect(wang.unionId).toBeTruthy();
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.wang, s.qrUrl);
    await w.rt.platform.service.follow(w.personas.wang, w.conn.appId);
    const v = await sessionView(w, s.id);
    expect(v).toMatchObject({ status: 'AUTHORIZED', user: { id: wang.id, username: 'wang' } });
    const after = (await users(w)).find((u) => u.username === 'wang')!;
    expect(after.identities).toEqual([expect.objectContaining({ unionId: wang.unionId })]);
  });

  it('with association off, the UnionID persona gets a new user', async () => {
    await patchConnection(w, { association: 'off' });
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.wang, s.qrUrl);
    await w.rt.platform.service.follow(w.personas.wang, w.conn.appId);
    const v = await sessionView(w, s.id);
    expect(v.status).toBe('AUTHORIZED');
    expect(v.user?.username).not.toBe('wang');
  });

  it('an expired QR code shows EXPIRED on the stream and a scan of it changes nothing', async () => {
    // The two seconds pass on the studio's clock, moved by the test.
    await w.stop();
    const clock = createVirtualClock(Date.now());
    w = await startWorld({}, { clock });
    await w.api('POST', `/api/login/pools/${w.pool.id}/apps`, { name: 'Quick', qrExpireSeconds: 2 });
    const quick = w.rt.login.service.listApps(w.pool.id).find((a) => a.name === 'Quick')!;
    const s = await newSession(w, { appId: quick.id });
    expect(s.expiresAt - s.createdAt).toBe(2000);
    const stream = follow(w, s.id);
    await stream.until('PENDING');
    await clock.advance(1999);
    expect((await sessionView(w, s.id)).status).toBe('PENDING');
    await clock.advance(1);
    const expired = await stream.until('EXPIRED');
    stream.close();
    expect(expired.error).toBe('QR code expired — click to refresh');
    const before = count(w, 'login_users');
    const screen = await w.rt.platform.service.scan(w.personas.lin, s.qrUrl);
    expect(screen.screen).toBe('error');
    expect(count(w, 'login_users')).toBe(before);
    // Refreshing gives a new, working code.
    const fresh = await newSession(w, { appId: quick.id });
    expect(fresh.qrUrl).not.toBe(s.qrUrl);
    expect(fresh.status).toBe('PENDING');
  });

  it('a cancelled session refuses a later scan', async () => {
    const s = await newSession(w);
    const res = await fetch(`${w.rt.urls.auth}/api/qr/sessions/${s.id}/cancel`, { method: 'POST' });
    expect(((await res.json()) as QrSessionView).status).toBe('CANCELLED');
    const chat = await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
    expect(chat.messages?.at(-1)?.text).toMatch(/cancelled/);
    expect((await sessionView(w, s.id)).status).toBe('CANCELLED');
    expect(count(w, 'login_logins')).toBe(0);
  });

  it('the page API refuses bad input with a clear error and unknown sessions with 404', async () => {
    const bad = await fetch(`${w.rt.urls.auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'appId' } });
    const missing = await fetch(`${w.rt.urls.auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: 'nope' }) });
    expect(missing.status).toBe(404);
    expect((await fetch(`${w.rt.urls.auth}/api/qr/sessions/unknown`)).status).toBe(404);
    expect((await fetch(`${w.rt.urls.auth}/api/qr/sessions/unknown/events`)).status).toBe(404);
  });

  it('the hosted page: app name, connection button, CSP that allows the studio frame, no X-Frame-Options', async () => {
    const res = await fetch(`${w.rt.urls.auth}/login/${w.appId}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/frame-ancestors 'self' http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*/);
    expect(csp).toMatch(/script-src 'self'/);
    expect(res.headers.get('x-frame-options')).toBeNull();
    const html = await res.text();
    expect(html).toContain('<h1 id="app-name">Demo Website</h1>');
    expect(html).toContain('Follow Studio Demo');
    expect(html).toContain('WeChat Official Account Follow');
    const unknown = await fetch(`${w.rt.urls.auth}/login/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no application with the ID &quot;nope&quot;');
  });
});

describe('the login server across a restart', () => {
  it('a retry after a restart is still deduplicated, and open sessions keep working', async () => {
    const tmp = makeTempDir();
    try {
      let w = await startWorld({ dataDir: tmp.dir, memory: false });
      const s = await newSession(w);
      const openId = 'oRestart000000000000000000000';
      const secrets = w.secrets;
      const opts = { mode: 'safe' as const, token: secrets.token, encodingAesKey: secrets.encodingAesKey, appId: secrets.appId, openId, messageXml: xml.subscribe(openId, s.scene) };
      expect((await push(secrets.eventsUrl, opts)).status).toBe(200);
      const usersBefore = count(w, 'login_users');
      await w.stop();
      w = await startWorld({ dataDir: tmp.dir, memory: false });
      const url = w.rt.login.service.getConnection(secrets.poolId, secrets.identifier).eventsUrl;
      const again = await push(url, opts);
      expect(again.status).toBe(200);
      expect(again.body).toMatch(/<Encrypt>/);
      expect(count(w, 'login_users')).toBe(usersBefore);
      expect(count(w, 'login_logins')).toBe(1);
      expect((await sessionView(w, s.id)).status).toBe('AUTHORIZED');
      await w.stop();
    } finally {
      tmp.remove();
    }
  });
});
