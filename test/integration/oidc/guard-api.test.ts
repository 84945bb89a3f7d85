import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry, LoginUser } from '../../../src-main/contracts/api';
import { verifyLoginToken } from '../../../src-main/core/login/jwt';
import { createVirtualClock } from '../../../src-main/core/clock';
import { decodeQrPng } from '../platform/png';
import { startWorld, waitFor, type World } from '../login/helpers';

/**
 * A script (or Guard, or authing-js-sdk) polling GenAuth's QR API: gene → check (0 → 1 → 2) → userinfo,
 * on the same login sessions the hosted page uses. Query binding keeps the session SCANNED (status 1)
 * until the user proves an existing account, so every state is seen without racing the phone.
 */

interface Wrapped<T> {
  code: number;
  message: string;
  data: T;
}

describe('Guard-compatible QR API (/api/v2/qrcode/*)', () => {
  let w: World;
  let headers: Record<string, string>;

  beforeAll(async () => {
    w = await startWorld();
    headers = { 'content-type': 'application/json', 'x-authing-userpool-id': w.pool.id, 'x-authing-app-id': w.appId, 'x-authing-request-from': 'sdk' };
  });
  afterAll(() => w.stop());

  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown, h = headers, world = w): Promise<{ status: number; body: Wrapped<T> }> => {
    const res = await fetch(`${world.rt.urls.auth}${path}`, { method, headers: h, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, body: (await res.json()) as Wrapped<T> };
  };
  const check = (random: string, world = w, h = headers) =>
    call<{ random: string; status: number; ticket?: string; userInfo?: { nickname: string; photo: string } }>('GET', `/api/v2/qrcode/check?random=${random}`, undefined, h, world);

  it('gene → check 0 → 1 → 2 → userinfo with the ticket, once', async () => {
    await w.api('PATCH', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}`, { association: 'query-binding' });
    const gene = await call<{ random: string; url: string }>('POST', '/api/v2/qrcode/gene', { scene: 'WECHATMP_AUTH', autoMergeQrCode: false });
    expect(gene.status).toBe(200);
    expect(gene.body.code).toBe(200);
    const { random, url } = gene.body.data;
    expect(url).toMatch(/^data:image\/png;base64,/);
    const content = decodeQrPng(Buffer.from(url.split(',')[1]!, 'base64'));
    expect(content).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);

    const seen: number[] = [];
    const poll = async (until: number) => waitFor(async () => {
      const r = await check(random);
      expect(r.body.code).toBe(200);
      if (seen.at(-1) !== r.body.data.status) seen.push(r.body.data.status);
      return r.body.data.status === until ? r.body.data : null;
    }, `status ${until}`);

    await poll(0);
    await w.api('POST', `/api/phone/${w.personas.lin}/scan`, { content });
    await w.api('POST', `/api/phone/${w.personas.lin}/follow`, { appId: w.conn.appId });
    const scanned = await poll(1);
    expect(scanned.userInfo).toMatchObject({ nickname: expect.any(String), photo: expect.stringMatching(/^data:image\//) });
    expect(scanned.ticket).toBeUndefined();

    // The user binds an existing account (what the hosted page's form does).
    const bound = await fetch(`${w.rt.urls.auth}/api/qr/sessions/${random}/bind`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo', password: 'demo1234' }) });
    expect(bound.status).toBe(200);
    const authorized = await poll(2);
    expect(seen).toEqual([0, 1, 2]);
    expect(authorized.ticket).toBeTruthy();
    expect(authorized.userInfo).toMatchObject({ nickname: 'Demo User' });
    expect((await check(random)).body.data.ticket, 'the same ticket on every check').toBe(authorized.ticket);

    const info = await call<Record<string, unknown>>('POST', '/api/v2/qrcode/userinfo', { ticket: authorized.ticket });
    expect(info.body.code).toBe(200);
    const demo = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users.find((u) => u.username === 'demo')!;
    const lin = w.rt.platform.service.openId(w.personas.lin, w.conn.appId);
    expect(info.body.data).toMatchObject({ id: demo.id, userPoolId: w.pool.id, username: 'demo', nickname: 'Demo User', openid: lin, token: expect.any(String), tokenExpiredAt: expect.any(String) });
    const pool = w.rt.ctx.db.prepare('SELECT jwt_secret AS s FROM login_pools WHERE id = ?').get(w.pool.id) as { s: string };
    expect((await verifyLoginToken(pool.s, info.body.data.token as string)).sub).toBe(demo.id);

    const again = await call('POST', '/api/v2/qrcode/userinfo', { ticket: authorized.ticket });
    expect(again.body).toEqual({ code: 2241, message: 'ticket is invalid or has been used', data: null });
  });

  it('refusals are short and fixed; the reason goes to the journal', async () => {
    expect((await check('no-such-random')).body).toEqual({ code: 2241, message: '二维码不存在', data: null });
    const otherApp = { ...headers, 'x-authing-app-id': 'ffffffffffffffffffffffff' };
    expect((await call('POST', '/api/v2/qrcode/gene', { scene: 'WECHATMP_AUTH' }, otherApp)).body).toEqual({ code: 404, message: 'application not found', data: null });
    expect((await call('POST', '/api/v2/qrcode/gene', { scene: 'APP_AUTH' })).body).toEqual({ code: 400, message: 'unsupported scene', data: null });
    const missing = await call('GET', '/api/v2/qrcode/check');
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ code: 400, message: 'invalid request', data: null });
    const garbage = await fetch(`${w.rt.urls.auth}/api/v2/qrcode/userinfo`, { method: 'POST', headers, body: '{"ticket":' });
    expect(garbage.status).toBe(400);
    // Only the pool header: its first application.
    const byPool = await call<{ random: string }>('POST', '/api/v2/qrcode/gene', { scene: 'WECHATMP_AUTH' }, { 'content-type': 'application/json', 'x-authing-userpool-id': w.pool.id });
    expect(byPool.body.code).toBe(200);
    expect((await check(byPool.body.data.random)).body.data.status).toBe(0);
    const refusals = (await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=api&ok=false&limit=20')).body.entries.filter((e) => e.summary?.startsWith('Guard QR API refused'));
    expect(refusals.map((e) => e.verdict.reasons[0])).toEqual(expect.arrayContaining([expect.stringMatching(/no QR login session no-such-random/), expect.stringMatching(/scene APP_AUTH/)]));
    expect(refusals.map((e) => e.verdict.said?.[0])).toEqual(expect.arrayContaining([{ code: 'login.guard.scene', values: { scene: 'APP_AUTH' } }]));
    expect(refusals.map((e) => e.summarySaid)).toEqual(expect.arrayContaining([{ code: 'login.guard.refused', values: { message: 'unsupported scene' } }]));
  });

  it('a cancelled session reads 3 and an expired one −1', async () => {
    // A login server of its own, whose clock the test moves: the code's two seconds pass in no real time.
    const clock = createVirtualClock(Date.now());
    const v = await startWorld({}, { clock });
    try {
      const h = { ...headers, 'x-authing-userpool-id': v.pool.id, 'x-authing-app-id': v.appId };
      await v.api('PATCH', `/api/login/pools/${v.pool.id}/connections/${v.conn.identifier}`, { qrExpireSeconds: 2 });
      const a = (await call<{ random: string }>('POST', '/api/v2/qrcode/gene', { scene: 'WECHATMP_AUTH' }, h, v)).body.data.random;
      const b = (await call<{ random: string }>('POST', '/api/v2/qrcode/gene', { scene: 'WECHATMP_AUTH' }, h, v)).body.data.random;
      expect((await fetch(`${v.rt.urls.auth}/api/qr/sessions/${a}/cancel`, { method: 'POST' })).status).toBe(200);
      expect((await check(a, v, h)).body.data.status).toBe(3);
      await clock.advance(1999);
      expect((await check(b, v, h)).body.data.status).toBe(0);
      await clock.advance(1);
      expect((await check(b, v, h)).body.data.status).toBe(-1);
    } finally {
      await v.stop();
    }
  });
});
