import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from './flow-helpers';

type Answer = Record<string, unknown> & { errcode?: number; errmsg?: string };
const H = 3_600_000;

describe('component APIs: bodies and errors', () => {
  let p: Platform;
  beforeEach(async () => {
    p = await startPlatform();
  });
  afterEach(() => p.stop());

  it('api_component_token: WeChat\'s checks in order, then a token without errcode (JSON with any Content-Type)', async () => {
    const url = '/cgi-bin/component/api_component_token';
    const ticket = await p.ticket();
    expect(ticket).toMatch(/^ticket@@@[A-Za-z0-9_-]+$/);
    const ok = { component_appid: p.componentAppId, component_appsecret: p.secret, component_verify_ticket: ticket };
    expect((await p.cgi<Answer>(url, '{not json')).errcode).toBe(47001);
    expect((await p.cgi<Answer>(url, {})).errcode).toBe(41018);
    expect((await p.cgi<Answer>(url, { ...ok, component_appid: 'wx0000000000000000' })).errcode).toBe(40013);
    expect((await p.cgi<Answer>(url, { ...ok, component_appsecret: undefined })).errcode).toBe(41004);
    expect((await p.cgi<Answer>(url, { ...ok, component_appsecret: 'x'.repeat(32) })).errcode).toBe(40125);
    expect((await p.cgi<Answer>(url, { ...ok, component_verify_ticket: 'ticket@@@never' })).errcode).toBe(61006);
    const good = await p.cgi<Answer>(url, ok, 'text/plain');
    expect(good).toEqual({ component_access_token: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/), expires_in: 7200 });
    const err = await p.cgi<Answer>(url, { ...ok, component_appsecret: 'x'.repeat(32) });
    expect(err.errmsg).toMatch(/^invalid appsecret rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    await p.w.api('PUT', '/api/wechat/open-platform/settings', { verifyTicketIntervalSeconds: 86_400 });
    await p.clock.advance(12 * H);
    expect((await p.cgi<Answer>(url, ok)).errcode, 'a ticket older than 12 h').toBe(61005);
  });

  it('component token checks: missing 41001, unknown 40001, access_token= accepted, expired 42001, component_appid, POST, whitelist', async () => {
    const path = '/cgi-bin/component/api_create_preauthcode';
    const body = { component_appid: p.componentAppId };
    const token = await p.componentToken();
    expect((await p.cgi<Answer>(path, body)).errcode).toBe(41001);
    expect((await p.cgi<Answer>(`${path}?component_access_token=nope`, body)).errcode).toBe(40001);
    const viaNewName = await p.cgi<Answer>(`${path}?access_token=${token}`, body);
    expect(viaNewName).toEqual({ pre_auth_code: expect.stringMatching(/^preauthcode@@@/), expires_in: 1800 });
    expect((await p.cgi<Answer>(`${path}?component_access_token=${token}`, {})).errcode).toBe(41018);
    expect((await p.cgi<Answer>(`${path}?component_access_token=${token}`, { component_appid: 'wx1111111111111111' })).errcode).toBe(61011);
    const get = await fetch(`${p.w.rt.urls.wechat}${path}?component_access_token=${token}`);
    expect(((await get.json()) as Answer).errcode).toBe(43002);
    await p.w.api('PATCH', `/api/wechat/platforms/${p.componentAppId}`, { ipWhitelist: ['10.1.2.3'] });
    expect((await p.cgi<Answer>(`${path}?component_access_token=${token}`, body)).errcode).toBe(61004);
    await p.w.api('PATCH', `/api/wechat/platforms/${p.componentAppId}`, { ipWhitelist: [] });
    await p.clock.advance(2 * H);
    expect((await p.cgi<Answer>(`${path}?component_access_token=${token}`, body)).errcode).toBe(42001);
  });

  it('api_query_auth: the same code twice by default, 61009 for an unknown code, 61010 once expired; single-use as a setting', async () => {
    const done = await p.authorize();
    const token = await p.componentToken();
    const q = (code: string) => p.cgi<Answer>(`/cgi-bin/component/api_query_auth?component_access_token=${token}`, { component_appid: p.componentAppId, authorization_code: code });
    const first = (await q(done.code)).authorization_info as Record<string, unknown>;
    expect(first).toMatchObject({ authorizer_appid: p.appId, expires_in: 7200, authorizer_refresh_token: expect.stringMatching(/^refreshtoken@@@/) });
    expect(first.func_info).toHaveLength(15);
    expect((await q(done.code)).authorization_info, 'reusable until it expires').toBeDefined();
    expect((await q('queryauthcode@@@nope')).errcode).toBe(61009);
    await p.w.api('PUT', '/api/wechat/open-platform/settings', { authCodeReusable: false, verifyTicketIntervalSeconds: 86_400 });
    const again = await p.authorize();
    const t2 = await p.componentToken();
    const q2 = (code: string) => p.cgi<Answer>(`/cgi-bin/component/api_query_auth?component_access_token=${t2}`, { component_appid: p.componentAppId, authorization_code: code });
    expect((await q2(again.code)).authorization_info).toBeDefined();
    expect((await q2(again.code)).errcode).toBe(61009);
    const third = await p.authorize([1, 2, 3]);
    await p.clock.advance(3601_000);
    const t3 = await p.componentToken();
    expect((await p.cgi<Answer>(`/cgi-bin/component/api_query_auth?component_access_token=${t3}`, { component_appid: p.componentAppId, authorization_code: third.code })).errcode).toBe(61010);
  });

  it('an authorizer token on the account APIs follows §13: 61007 without the permission set, 48001 without the capability; 61014 on component APIs', async () => {
    const done = await p.authorize([1, 2]);
    const token = await p.componentToken();
    const auth = (await p.cgi<{ authorization_info: { authorizer_access_token: string } }>(`/cgi-bin/component/api_query_auth?component_access_token=${token}`, { component_appid: p.componentAppId, authorization_code: done.code })).authorization_info;
    const at = auth.authorizer_access_token;
    const qr = { expire_seconds: 60, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'x' } } };
    const denied = await p.cgi<Answer>(`/cgi-bin/qrcode/create?access_token=${at}`, qr);
    expect(denied.errcode).toBe(61007);
    expect(denied.errmsg).toMatch(/^api is unauthorized to component rid: /);
    const openId = (await p.w.api<{ accounts: Array<{ appId: string; openId: string }> }>('POST', '/api/wechat/personas', { name: 'X' })).body.accounts[0]!.openId;
    const info = await fetch(`${p.w.rt.urls.wechat}/cgi-bin/user/info?access_token=${at}&openid=${openId}`);
    expect(await info.json()).toMatchObject({ subscribe: 0, openid: openId });
    expect((await p.cgi<Answer>(`/cgi-bin/component/api_create_preauthcode?component_access_token=${at}`, { component_appid: p.componentAppId })).errcode).toBe(61014);
    expect((await p.cgi<Answer>(`/cgi-bin/qrcode/create?access_token=${token}`, qr)).errcode, 'a component token on an account API').toBe(40001);

    await p.w.api('PATCH', `/api/wechat/accounts/${p.appId}`, { type: 'subscription' });
    const full = await p.authorize([1, 2, 3]);
    const at2 = ((await p.cgi<{ authorization_info: { authorizer_access_token: string } }>(`/cgi-bin/component/api_query_auth?component_access_token=${token}`, { component_appid: p.componentAppId, authorization_code: full.code })).authorization_info).authorizer_access_token;
    expect((await p.cgi<Answer>(`/cgi-bin/qrcode/create?access_token=${at2}`, qr)).errcode, 'a subscription account cannot make parametric codes').toBe(48001);
  });

  it('refresh, info, list and options; after the account cancels: 61023, 40001, 61003, 61009 and no longer listed', async () => {
    const done = await p.authorize();
    const token = await p.componentToken();
    const c = (api: string, body: Record<string, unknown>) => p.cgi<Answer>(`/cgi-bin/component/${api}?component_access_token=${token}`, { component_appid: p.componentAppId, ...body });
    const auth = (await c('api_query_auth', { authorization_code: done.code })).authorization_info as { authorizer_access_token: string; authorizer_refresh_token: string };
    expect((await c('api_authorizer_token', { authorizer_appid: p.appId, authorizer_refresh_token: 'refreshtoken@@@old' })).errcode).toBe(61023);
    const refreshed = await c('api_authorizer_token', { authorizer_appid: p.appId, authorizer_refresh_token: auth.authorizer_refresh_token });
    expect(refreshed).toEqual({ authorizer_access_token: expect.any(String), expires_in: 7200, authorizer_refresh_token: auth.authorizer_refresh_token });
    const info = await c('api_get_authorizer_info', { authorizer_appid: p.appId });
    expect(info).toMatchObject({ authorizer_info: { nick_name: 'Acme', user_name: p.originalId, verify_type_info: { id: 0 }, account_status: 1 }, authorization_info: { authorizer_appid: p.appId } });
    expect(await c('api_get_authorizer_list', { offset: 0, count: 100 })).toMatchObject({ total_count: 1, list: [{ authorizer_appid: p.appId, refresh_token: auth.authorizer_refresh_token }] });
    expect((await c('api_get_authorizer_list', { count: 501 })).errcode).toBe(40170);
    expect(await c('api_get_authorizer_option', { authorizer_appid: p.appId, option_name: 'voice_recognize' })).toEqual({ authorizer_appid: p.appId, option_name: 'voice_recognize', option_value: '0' });
    expect(await c('api_set_authorizer_option', { authorizer_appid: p.appId, option_name: 'voice_recognize', option_value: '1' })).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await c('api_set_authorizer_option', { authorizer_appid: p.appId, option_name: 'voice_recognize', option_value: '7' })).errcode).toBe(61013);
    expect((await c('api_get_authorizer_option', { authorizer_appid: p.appId, option_name: 'colour' })).errcode).toBe(61012);
    const newer = await p.cgi<Answer>(`/cgi-bin/component/get_authorizer_option?access_token=${String(refreshed.authorizer_access_token)}`, { option_name: 'voice_recognize' });
    expect(newer.option_value).toBe('1');

    const cancel = await p.w.api<{ pushed: boolean }>('DELETE', `/api/wechat/accounts/${p.appId}/authorizations/${p.componentAppId}`);
    expect(cancel.body.pushed).toBe(true);
    expect(p.rx.got.at(-1)?.fields).toMatchObject({ AppId: p.componentAppId, InfoType: 'unauthorized', AuthorizerAppid: p.appId });
    expect((await c('api_authorizer_token', { authorizer_appid: p.appId, authorizer_refresh_token: auth.authorizer_refresh_token })).errcode).toBe(61023);
    const qr = { expire_seconds: 60, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } };
    expect((await p.cgi<Answer>(`/cgi-bin/qrcode/create?access_token=${String(refreshed.authorizer_access_token)}`, qr)).errcode).toBe(40001);
    expect((await c('api_get_authorizer_info', { authorizer_appid: p.appId })).errcode).toBe(61003);
    expect((await c('api_query_auth', { authorization_code: done.code })).errcode).toBe(61009);
    expect(await c('api_get_authorizer_list', {})).toEqual({ total_count: 0, list: [] });
    const page = await p.w.api<{ authorizations: unknown[] }>('GET', `/api/wechat/accounts/${p.appId}/authorizations`);
    expect(page.body.authorizations).toEqual([]);
    expect((await p.w.api('DELETE', `/api/wechat/accounts/${p.appId}/authorizations/${p.componentAppId}`)).status).toBe(404);
  });

  it('api_start_push_ticket pushes a ticket at once; verify tickets follow the interval on the clock', async () => {
    const start = await p.cgi<Answer>('/cgi-bin/component/api_start_push_ticket', { component_appid: p.componentAppId, component_secret: p.secret });
    expect(start).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await p.cgi<Answer>('/cgi-bin/component/api_start_push_ticket', { component_appid: 'wx2222222222222222', component_secret: 'x' })).errcode).toBe(40013);
    const count = (): number => p.rx.got.filter((g) => g.fields.InfoType === 'component_verify_ticket').length;
    const before = count();
    await p.clock.advance(600_000);
    await expect.poll(count, { timeout: 5000 }).toBe(before + 1);
    await p.w.api('PUT', '/api/wechat/open-platform/settings', { verifyTicketIntervalSeconds: 60 });
    await p.clock.advance(120_000);
    await expect.poll(count, { timeout: 5000 }).toBe(before + 3);
  });
});
