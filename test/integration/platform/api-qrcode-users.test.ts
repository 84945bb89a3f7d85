import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Persona, PhoneScreen } from '../../../src-main/contracts/api';
import { decodeQrPng } from './png';
import { startWorld, type World } from './world';

describe('QR code and user APIs', () => {
  let w: World;
  let appId: string;
  let token: string;
  beforeEach(async () => {
    w = await startWorld({}, true);
    const r = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'Acme', type: 'service', verified: true });
    appId = r.body.appId;
    token = (await w.wx<{ access_token: string }>('GET', `/cgi-bin/token?grant_type=client_credential&appid=${appId}&secret=${r.body.appSecret}`)).body.access_token;
  });
  afterEach(() => w.stop());

  const create = (body: unknown, t = token) => w.wx<Record<string, unknown>>('POST', `/cgi-bin/qrcode/create?access_token=${encodeURIComponent(t)}`, body);
  const persona = async (name: string, unionId?: string) => (await w.api<Persona>('POST', '/api/wechat/personas', { name, ...(unionId ? { unionId } : {}) })).body;
  const act = async (id: string, action: string, body: unknown) => (await w.api<PhoneScreen>('POST', `/api/phone/${id}/${action}`, body)).body;
  const openIdOf = (p: Persona) => p.accounts.find((a) => a.appId === appId)!.openId;

  it('creates all four kinds with WeChat’s answer shapes, defaults and caps', async () => {
    const temp = await create({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'abc' } } });
    expect(Object.keys(temp.body)).toEqual(['ticket', 'expire_seconds', 'url']);
    expect(temp.body.expire_seconds).toBe(60);
    expect(temp.body.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\/[A-Za-z0-9_-]{20}$/);
    expect((await create({ expire_seconds: 9_999_999, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 7 } } })).body.expire_seconds).toBe(2_592_000);
    const limit = await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100000 } } });
    expect(Object.keys(limit.body)).toEqual(['ticket', 'url']);
    expect(Object.keys((await create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(64) } } })).body)).toEqual(['ticket', 'url']);
    await w.api('PUT', '/api/wechat/settings', { permanentCodesIncludeExpireSeconds: true, defaultQrExpireSeconds: 30 });
    expect((await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 9 } } })).body.expire_seconds).toBe(0);
    expect((await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 9 } } })).body.expire_seconds).toBe(30);
    const tickets = (await w.api<{ tickets: Array<{ action: string; state: string; permanent: boolean }> }>('GET', `/api/wechat/accounts/${appId}/tickets`)).body.tickets;
    expect(tickets.map((t) => [t.action, t.state, t.permanent])).toEqual([
      ['QR_SCENE', 'live', false],
      ['QR_LIMIT_SCENE', 'live', true],
      ['QR_LIMIT_STR_SCENE', 'live', true],
      ['QR_LIMIT_SCENE', 'live', true],
      ['QR_SCENE', 'live', false],
      ['QR_STR_SCENE', 'live', false],
    ]);
  });

  it.each([
    [{ action_name: 'QR_NOPE', action_info: { scene: { scene_id: 1 } } }, 40052],
    [{ action_name: 'QR_SCENE', action_info: {} }, 40053],
    [{ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }, 40053],
    [{ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100001 } } }, 40053],
    [{ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } }, 40053],
    [{ action_name: 'QR_SCENE', expire_seconds: 'soon', action_info: { scene: { scene_id: 1 } } }, 40097],
  ])('refuses %j with %i', async (body, errcode) => {
    expect((await create(body)).body.errcode).toBe(errcode);
  });

  it('allows QR codes only for verified service accounts, and caps permanent codes', async () => {
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { verified: false });
    const r = await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } });
    expect(r.body.errcode).toBe(48001);
    expect(r.body.errmsg).toMatch(/^api unauthorized rid: /);
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { verified: true, type: 'subscription' });
    expect((await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } })).body.errcode).toBe(48001);
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { type: 'service', permissions: ['user_info'] });
    expect((await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } })).body.errcode).toBe(48001);
    await w.api('PATCH', `/api/wechat/accounts/${appId}`, { permissions: ['qrcode'] });
    await w.api('PUT', '/api/wechat/settings', { permanentQrLimit: 1 });
    expect((await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 1 } } })).body.ticket).toBeTypeOf('string');
    const over = await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 2 } } });
    expect(over.body.errmsg).toMatch(/^qrcode count out of limit rid: /);
  });

  it('serves a PNG whose content is the url, for URL-encoded tickets with +, / and =, and 404 once expired', async () => {
    let qr: Record<string, unknown> = {};
    for (let i = 0; i < 40 && !/[+/]/.test(String(qr.ticket ?? '')); i++) {
      qr = (await create({ expire_seconds: 30, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 5 } } })).body;
    }
    const ticket = String(qr.ticket);
    expect(ticket).toMatch(/[+/]/);
    expect(ticket).toMatch(/==$/);
    const res = await fetch(`${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(decodeQrPng(Buffer.from(await res.arrayBuffer()))).toBe(qr.url);
    // A client that forgot to encode: '+' arrives as a space and is still understood.
    expect((await fetch(`${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=${ticket.replace(/\//g, '%2F')}`)).status).toBe(200);
    expect((await fetch(`${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=nope`)).status).toBe(404);
    await w.clock.advance(30_000);
    expect((await fetch(`${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`)).status).toBe(404);
  });

  it('scans by url or showqrcode link; unknown and expired codes show an error and push nothing', async () => {
    const p = await persona('Lin');
    const qr = (await create({ expire_seconds: 60, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 's1' } } })).body;
    expect(await act(p.id, 'scan', { content: 'http://weixin.qq.com/q/doesNotExist0000000000' })).toEqual({ screen: 'error', error: '无法识别的二维码' });
    expect(await act(p.id, 'scan', { content: 'hello' })).toEqual({ screen: 'error', error: '无法识别的二维码' });
    const link = `${w.rt.urls.wechat}/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(qr.ticket))}`;
    expect(await act(p.id, 'scan', { content: link })).toMatchObject({ screen: 'profile', appId, following: false, accountName: 'Acme' });
    await w.clock.advance(60_000);
    expect(await act(p.id, 'scan', { content: String(qr.url) })).toMatchObject({ screen: 'error', error: '该二维码已过期' });
    const tickets = (await w.api<{ tickets: Array<{ state: string; scanCount: number }> }>('GET', `/api/wechat/accounts/${appId}/tickets`)).body.tickets;
    expect(tickets[0]).toMatchObject({ state: 'expired', scanCount: 1 });
  });

  it('answers user/info and user/get as WeChat does for followers, former followers and UnionIDs', async () => {
    const unionId = 'o' + 'U'.repeat(27);
    const [a, b, c] = [await persona('A'), await persona('B', unionId), await persona('C')];
    const qr = (await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 42 } } })).body;
    await act(b.id, 'scan', { content: String(qr.url) });
    await act(b.id, 'follow', { appId });
    await act(a.id, 'follow', { appId });
    await act(c.id, 'follow', { appId });
    await act(a.id, 'unfollow', { appId });
    const info = (openId: string) => w.wx<Record<string, unknown>>('GET', `/cgi-bin/user/info?access_token=${encodeURIComponent(token)}&openid=${openId}&lang=zh_CN`);
    const bi = (await info(openIdOf(b))).body;
    expect(bi).toEqual({
      subscribe: 1,
      openid: openIdOf(b),
      // Not WeChat's answer since 2021: the userInfoNickname setting (on by default) adds them.
      nickname: 'B',
      headimgurl: '',
      language: 'zh_CN',
      subscribe_time: Math.floor(w.clock.now() / 1000),
      unionid: unionId,
      remark: '',
      groupid: 0,
      tagid_list: [],
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 42,
      qr_scene_str: '',
    });
    expect((await info(openIdOf(a))).body).toEqual({ subscribe: 0, openid: openIdOf(a), tagid_list: [] });
    await w.api('PUT', '/api/wechat/settings', { userInfoNickname: false });
    const today = (await info(openIdOf(b))).body;
    expect(today).not.toHaveProperty('nickname');
    expect(today).not.toHaveProperty('headimgurl');
    await w.api('PUT', '/api/wechat/settings', { userInfoNickname: true });
    expect((await info('oNotAnOpenIdOfThisAccount00')).body.errcode).toBe(40003);
    const list = (await w.wx<Record<string, unknown>>('GET', `/cgi-bin/user/get?access_token=${encodeURIComponent(token)}`)).body;
    expect(list).toEqual({ total: 2, count: 2, data: { openid: [openIdOf(b), openIdOf(c)] }, next_openid: openIdOf(c) });
    const rest = (await w.wx<Record<string, unknown>>('GET', `/cgi-bin/user/get?access_token=${encodeURIComponent(token)}&next_openid=${openIdOf(c)}`)).body;
    expect(rest).toEqual({ total: 2, count: 0, next_openid: '' });
    const followers = (await w.api<{ followers: Array<{ name: string; following: boolean; history: unknown[] }> }>('GET', `/api/wechat/accounts/${appId}/followers`)).body.followers;
    expect(followers.map((f) => [f.name, f.following, f.history.length])).toEqual([
      ['B', true, 1],
      ['C', true, 1],
      ['A', false, 2],
    ]);
  });

  it('delivers customer-service messages to the chat inside WeChat’s windows only', async () => {
    const p = await persona('Lin');
    const send = (content: string, to = openIdOf(p)) =>
      w.wx<{ errcode: number; errmsg: string }>('POST', `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, { touser: to, msgtype: 'text', text: { content } });
    expect((await send('too early')).body.errcode).toBe(45015);
    await act(p.id, 'follow', { appId });
    for (const n of [1, 2, 3]) expect((await send(`m${n}`)).body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect((await send('m4')).body.errcode).toBe(45047);
    await w.clock.advance(61_000);
    expect((await send('late')).body.errcode).toBe(45015);
    await act(p.id, 'message', { appId, text: 'hi' });
    expect((await send('answer')).body.errcode).toBe(0);
    expect((await send('x', 'oNobody')).body.errcode).toBe(40003);
    const bad = await w.wx<{ errcode: number }>('POST', `/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`, { touser: openIdOf(p), msgtype: 'hologram' });
    expect(bad.body.errcode).toBe(40008);
    const state = (await w.api<{ screen: PhoneScreen; chats: Array<{ appId: string; messages: Array<{ from: string; text: string }> }> }>('GET', `/api/phone/${p.id}`)).body;
    expect(state.screen.messages?.map((m) => `${m.from}:${m.text}`)).toEqual(['account:m1', 'account:m2', 'account:m3', 'user:hi', 'account:answer']);
    expect(state.chats).toHaveLength(1);
  });
});
