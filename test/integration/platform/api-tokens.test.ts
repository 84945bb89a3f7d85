import { maskSecret } from '../../../src-main/core/journal/redact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-main/contracts/api';
import { startWorld, type World } from './world';

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

describe('token APIs', () => {
  let w: World;
  let appId: string;
  let secret: string;
  beforeEach(async () => {
    w = await startWorld({}, true);
    const r = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Acme', type: 'service', verified: true });
    appId = r.body.appId;
    secret = r.body.appSecret;
  });
  afterEach(() => w.stop());

  const token = (q: string) => w.wx<Record<string, unknown>>('GET', `/cgi-bin/token?${q}`);
  const stable = (body: unknown) => w.wx<Record<string, unknown>>('POST', '/cgi-bin/stable_token', body);
  const info = (t: string) => w.wx<{ errcode?: number; errmsg?: string }>('GET', `/cgi-bin/user/get?access_token=${encodeURIComponent(t)}`);

  it('issues a token in WeChat’s shape', async () => {
    const r = await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(r.body)).toEqual(['access_token', 'expires_in']);
    expect(r.body.expires_in).toBe(7200);
    expect(r.body.access_token).toMatch(/^\d{2}_[A-Za-z0-9_-]{100,}$/);
  });

  it.each([
    ['grant_type=password&appid=A&secret=S', 40002, 'invalid grant_type'],
    ['grant_type=client_credential&secret=S', 41002, 'appid missing'],
    ['grant_type=client_credential&appid=wx0000000000000000&secret=S', 40013, 'invalid appid'],
    ['grant_type=client_credential&appid=APP', 41004, 'appsecret missing'],
    ['grant_type=client_credential&appid=APP&secret=wrong', 40125, 'invalid appsecret'],
  ])('answers %s with %i', async (q, errcode, errmsg) => {
    const r = await token(q.replace('APP', appId));
    expect(r.status).toBe(200);
    expect(r.body.errcode).toBe(errcode);
    expect(r.body.errmsg).toMatch(new RegExp(`^${errmsg}${RID.source}`));
  });

  it('enforces the IP whitelist on both token APIs with WeChat’s exact text; empty means no restriction', async () => {
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { ipWhitelist: ['10.0.0.1'] });
    const r = await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`);
    expect(r.body.errcode).toBe(40164);
    expect(r.body.errmsg).toMatch(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const s = await stable({ grant_type: 'client_credential', appid: appId, secret });
    expect(s.body.errcode).toBe(40164);
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { ipWhitelist: ['127.0.0.0/8'] });
    expect((await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token).toBeTypeOf('string');
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { ipWhitelist: [] });
    expect((await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token).toBeTypeOf('string');
  });

  it('hands over: the previous token works for 5 minutes after a new one, then 40001; a token expires with 42001', async () => {
    const first = (await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token as string;
    const second = (await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token as string;
    expect(second).not.toBe(first);
    expect((await info(first)).body.errcode).toBeUndefined();
    await w.clock.advance(301_000);
    expect((await info(first)).body.errcode).toBe(40001);
    expect((await info(second)).body.errcode).toBeUndefined();
    await w.clock.advance(7200_000);
    const expired = await info(second);
    expect(expired.body.errcode).toBe(42001);
    expect(expired.body.errmsg).toMatch(/^access_token expired rid: /);
  });

  it('returns the same stable token with its remaining lifetime, renews it in its last 5 minutes, and force_refresh invalidates it', async () => {
    const body = { grant_type: 'client_credential', appid: appId, secret };
    const a = await stable(body);
    expect(a.body.expires_in).toBe(7200);
    await w.clock.advance(1000_000);
    const b = await stable(body);
    expect(b.body).toEqual({ access_token: a.body.access_token, expires_in: 6200 });
    await w.clock.advance(6000_000);
    const c = await stable(body);
    expect(c.body.access_token).not.toBe(a.body.access_token);
    expect(c.body.expires_in).toBe(7200);
    expect((await info(a.body.access_token as string)).body.errcode).toBeUndefined(); // still inside its life
    const d = await stable({ ...body, force_refresh: true });
    expect(d.body.access_token).not.toBe(c.body.access_token);
    expect((await info(c.body.access_token as string)).body.errcode).toBe(40001);
    expect((await info(d.body.access_token as string)).body.errcode).toBeUndefined();
  });

  it('invalidates every token when the AppSecret is reset, and the old secret stops working', async () => {
    const t = (await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token as string;
    const reset = await w.api<{ appSecret: string }>('POST', `/api/wechat/accounts/${appId}/secret`);
    expect(reset.body.appSecret).toMatch(/^[0-9a-f]{32}$/);
    expect((await info(t)).body.errcode).toBe(40001);
    expect((await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.errcode).toBe(40125);
    expect((await token(`grant_type=client_credential&appid=${appId}&secret=${reset.body.appSecret}`)).body.access_token).toBeTypeOf('string');
  });

  it('answers WeChat-style to garbage, wrong methods, bad tokens and unknown APIs', async () => {
    expect((await w.wx('GET', '/cgi-bin/stable_token')).body.errcode).toBe(43002);
    expect((await w.wx('POST', '/cgi-bin/stable_token', '{not json')).body).toMatchObject({ errcode: 47001 });
    expect((await w.wx('POST', '/cgi-bin/stable_token', '[1,2]')).body).toMatchObject({ errcode: 47001 });
    expect((await stable({ grant_type: 'client_credential', appid: appId, secret, force_refresh: 'yes' })).body.errcode).toBe(40097);
    expect((await w.wx('GET', '/cgi-bin/user/get')).body.errcode).toBe(41001);
    expect((await info('not a token!')).body.errcode).toBe(40014);
    expect((await info('90_unknownTokenValue')).body.errcode).toBe(40001);
    const unknown = await w.wx('POST', '/cgi-bin/menu/create?access_token=x', '{}');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errcode).toBe(48001);
    const big = await w.wx('POST', '/cgi-bin/stable_token', 'x'.repeat(2_000_000));
    expect(big.status).toBe(200);
    expect(big.body.errcode).toBe(47001);
  });

  it('journals every call with the secret masked', async () => {
    await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`);
    await token(`grant_type=client_credential&appid=${appId}&secret=wrong`);
    const { entries } = (await w.api<{ entries: Array<{ kind: string; verdict: { ok: boolean; reasons: string[] }; attempts: Array<{ request: { url: string } }> }> }>('GET', '/api/journal?kind=api')).body;
    expect(entries).toHaveLength(2);
    expect(entries[0]!.verdict.ok).toBe(false);
    expect(entries[0]!.verdict.reasons[0]).toMatch(/^40125 invalid appsecret/);
    expect(entries[1]!.verdict).toEqual({ ok: true, reasons: [] });
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(entries[1]!.attempts[0]!.request.url).toContain(`secret=${maskSecret(secret)}`);
  });

  it('applies the whitelist to every API when the setting says so', async () => {
    const t = (await token(`grant_type=client_credential&appid=${appId}&secret=${secret}`)).body.access_token as string;
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { ipWhitelist: ['10.0.0.1'] });
    expect((await info(t)).body.errcode).toBeUndefined();
    await w.api('PUT', '/api/wechat/settings', { ipWhitelistOnAllApis: true });
    expect((await info(t)).body.errcode).toBe(40164);
  });
});
