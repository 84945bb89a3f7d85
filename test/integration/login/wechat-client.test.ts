import { systemClock } from '../../../src-main/core/clock';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginApplicationCreated, LoginPool } from '../../../src-main/contracts/api';
import { startWorld, type World } from './helpers';

/** A fake WeChat API on port 0: records every call, answers like WeChat, can be told to fail. */
function fakeWechat() {
  const calls: string[] = [];
  let tokenSeq = 0;
  let valid = new Set<string>();
  let failNext: number | null = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    calls.push(url.pathname);
    const send = (body: unknown): void => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('secret') !== 'S'.repeat(32)) return send({ errcode: 40125, errmsg: 'invalid appsecret rid: 1' });
      const token = `TOKEN${++tokenSeq}`;
      valid.add(token);
      return send({ access_token: token, expires_in: 7200 });
    }
    if (url.pathname === '/cgi-bin/qrcode/create') {
      const token = url.searchParams.get('access_token') ?? '';
      if (failNext !== null) {
        const code = failNext;
        failNext = null;
        valid.delete(token);
        return send({ errcode: code, errmsg: code === 42001 ? 'access_token expired' : 'invalid credential' });
      }
      if (!valid.has(token)) return send({ errcode: 40001, errmsg: 'invalid credential' });
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const j = JSON.parse(body) as { expire_seconds: number; action_name: string; action_info: { scene: { scene_str: string } } };
        expect(j.action_name).toBe('QR_STR_SCENE');
        send({ ticket: `T${calls.length}`, expire_seconds: j.expire_seconds, url: `http://weixin.qq.com/q/fake${calls.length}` });
      });
      return;
    }
    res.writeHead(404).end();
  });
  return {
    calls,
    server,
    failNextWith(code: number) {
      failNext = code;
    },
    revokeAll() {
      valid = new Set();
    },
    tokenCalls: () => calls.filter((c) => c === '/cgi-bin/token').length,
  };
}

describe('the WeChat client of the login server', () => {
  let fake: ReturnType<typeof fakeWechat>;
  let w: World;
  let now = Date.now();
  let app: LoginApplicationCreated;

  beforeEach(async () => {
    fake = fakeWechat();
    await new Promise<void>((r) => fake.server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    now = Date.now();
    w = await startWorld({ seed: 'empty', wechatApiBase: base }, { clock: { ...systemClock, now: () => now } });
    const pool = (await w.api<LoginPool>('POST', '/api/login/pools', { name: 'P' })).body;
    const conn = await w.api('POST', `/api/login/pools/${pool.id}/connections`, {
      identifier: 'wx',
      displayName: 'Fake',
      appId: 'wx0000000000000001',
      appSecret: 'S'.repeat(32),
      token: 'tok123',
      encodingAesKey: '',
      mode: 'plaintext',
      loginMode: 'login-and-register',
      association: 'off',
    });
    expect(conn.status).toBe(201);
    app = (await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${pool.id}/apps`, { name: 'A' })).body;
  });
  afterEach(async () => {
    await w.stop();
    await new Promise((r) => fake.server.close(r));
  });

  const qr = () => w.rt.login.service.createSession({ appId: app.id });

  it('uses the configured base URL and caches the access token across QR codes', async () => {
    await qr();
    await qr();
    await Promise.all([qr(), qr(), qr()]);
    expect(fake.tokenCalls()).toBe(1);
    expect(fake.calls.filter((c) => c === '/cgi-bin/qrcode/create')).toHaveLength(5);
  });

  it('refreshes the token when it is about to expire', async () => {
    await qr();
    now += 7200_000 - 30_000; // within the early-refresh margin
    await qr();
    expect(fake.tokenCalls()).toBe(2);
  });

  it.each([40001, 42001])('drops the token and retries once on %i', async (code) => {
    await qr();
    fake.failNextWith(code);
    const v = await qr();
    expect(v.status).toBe('PENDING');
    expect(fake.tokenCalls()).toBe(2);
  });

  it('a WeChat error gives the page a fixed 424 and the journal the reason, with no secret in either', async () => {
    await w.rt.login.service.updateConnection(w.rt.login.service.listPools()[0]!.id, 'wx', { appSecret: 'X'.repeat(32) });
    const res = await fetch(`${w.rt.urls.auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appId: app.id }) });
    expect(res.status).toBe(424);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toBe('The login QR code could not be created. Try again later.');
    const entry = w.rt.journal.list({ limit: 5 }).find((e) => e.source === 'auth')!;
    expect(entry.verdict.ok).toBe(false);
    expect(entry.verdict.reasons[0]).toMatch(/errcode 40125 .*check the connection's Developer Password/);
    expect(JSON.stringify(entry)).not.toContain('X'.repeat(32));
  });
});
