import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, LoginApplicationCreated, LoginPool, Persona, QrSessionView } from '../../../src-main/contracts/api';
import type { ComponentConfigDto, ComponentLinkDto } from '../../../src-main/contracts/open-platform';
import { createVirtualClock, type VirtualClock } from '../../../src-main/core/clock';
import { openReply, sealPush } from '../../../src-main/core/wechat/envelope';
import { subscribeXml } from '../../../src-main/core/wechat/messages';
import { newNonce } from '../../../src-main/core/wechat/ids';
import { newLogin, qrContentOf, startOpenWorld, type OpenWorld } from './world';

const H = 3_600_000;

describe('Authorize with WeChat on the login server', () => {
  let w: OpenWorld;
  let clock: VirtualClock;
  let appId: string;
  let originalId: string;
  let admin: string;
  let poolId: string;
  let applicationId: string;
  let component: ComponentConfigDto & { ticketRequest: string };

  beforeEach(async () => {
    clock = createVirtualClock(Date.now());
    w = await startOpenWorld({}, { clock });
    const acc = await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Clock Co', type: 'service', verified: true });
    appId = acc.body.appId;
    originalId = acc.body.originalId;
    admin = (await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Admin' })).body.id;
    await w.api('PUT', `/api/wechat/accounts/${appId}/admins`, { personaIds: [admin] });
    poolId = (await w.api<LoginPool>('POST', '/api/login/pools', { name: 'P' })).body.id;
    applicationId = (await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${poolId}/apps`, { name: 'Site' })).body.id;
    component = (await w.api<ComponentConfigDto & { ticketRequest: string }>('POST', `/api/login/pools/${poolId}/component/register`, {})).body;
  });
  afterEach(() => w.stop());

  const authorize = (funcIds?: number[]): Promise<ComponentLinkDto> =>
    w.rt.studio.openPlatform.authorizeWithWeChat(poolId, { identifier: 'oa', displayName: 'WeChat' }, { personaId: admin, appId, ...(funcIds ? { funcIds } : {}) });

  it('shows the two URLs to register and masks the credentials; the verify ticket arrived on registration', async () => {
    expect(component.ticketRequest).toBe('requested');
    expect(component.authEventUrl).toBe(`${w.rt.urls.auth}/component/${poolId}/events`);
    expect(component.messageUrl).toBe(`${w.rt.urls.auth}/component/${poolId}/$APPID$/events`);
    expect(component.ticketReceivedAt).not.toBeNull();
    const platform = (await w.api<{ platforms: Array<{ componentAppId: string; authEventUrl: string; messageUrl: string; initiationDomain: string }> }>('GET', '/api/wechat/platforms')).body.platforms[0]!;
    expect(platform).toMatchObject({ componentAppId: component.componentAppId, authEventUrl: component.authEventUrl, messageUrl: component.messageUrl, initiationDomain: new URL(w.rt.urls.auth).host });
    const bad = await w.api('PUT', `/api/login/pools/${poolId}/component`, { componentAppId: 'wx12', componentAppSecret: 'x', token: 'ab', encodingAesKey: 'short' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('componentAppId');
    const openapi = (await w.api<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json')).body.paths;
    for (const path of ['/api/wechat/platforms', '/api/wechat/platforms/{componentAppId}/ticket', '/api/wechat/accounts/{appId}/admins', '/api/phone/{personaId}/authorize', '/api/wechat/accounts/{appId}/authorizations/{componentAppId}', '/api/login/pools/{poolId}/connections/authorize']) {
      expect(openapi, path).toHaveProperty([path]);
    }
  });

  it('keeps the authorizer token fresh on the clock: refreshed before expiry, logins still work hours later', async () => {
    const link = await authorize();
    expect(link).toMatchObject({ status: 'connected', authorizer: { appId, userName: originalId, nickName: 'Clock Co' } });
    const refreshes = (): number => w.rt.journal.list({ kind: 'api', limit: 500 }).filter((e) => e.summary?.includes('api_authorizer_token')).length;
    expect(refreshes()).toBe(0);
    await clock.advance(2 * H - 10 * 60_000);
    await expect.poll(refreshes, { timeout: 5000 }).toBe(1);
    await clock.advance(3 * H);
    await expect.poll(refreshes, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    const session = await newLogin(w, applicationId);
    expect(session.status, session.text).toBe(201);
  });

  it('the initiation page links to the authorization page, which strict mode accepts from there', async () => {
    await w.api('PUT', '/api/wechat/open-platform/settings', { enforceInitiationDomain: true });
    const started = await w.api<{ initiationUrl: string }>('POST', `/api/login/pools/${poolId}/connections/authorize`, { identifier: 'oa', displayName: 'WeChat' });
    const initiation = await w.http('GET', started.body.initiationUrl);
    const href = /id="authorize" href="([^"]+)"/.exec(initiation.text)![1]!.replace(/&amp;/g, '&');
    expect(href).toContain('/cgi-bin/componentloginpage?');
    const direct = await w.http('GET', href);
    expect(direct.text, 'no Referer: WeChat names the entry domain "empty"').toContain('授权入口页所在域名：空');
    const page = await w.http('GET', href, undefined, { referer: started.body.initiationUrl });
    await w.api('POST', `/api/phone/${admin}/scan`, { content: qrContentOf(page.text) });
    const done = await w.api<{ redirect: string }>('POST', `/api/phone/${admin}/authorize`, { appId });
    const landing = await w.http('GET', done.body.redirect);
    expect(landing.text).toContain('Connected');
  });

  it('updateauthorized refreshes the permission sets; a missing one is named on the identity source', async () => {
    await authorize();
    const link = await authorize([1, 2]);
    expect(link.authorizer?.funcIds).toEqual([1, 2]);
    expect(link.note).toContain('permission set 3');
    const refused = await newLogin(w, applicationId);
    // The page's visitor gets a fixed answer; why (WeChat's 61007) is in the login server's journal.
    expect(refused.status).toBe(424);
    expect(refused.text).not.toContain('61007');
    const entry = w.rt.journal.list({ limit: 10 }).find((e) => e.source === 'auth' && e.url.endsWith('/api/qr/sessions'))!;
    expect(entry.verdict.reasons.join(' ')).toContain('61007');
  });

  it('the message URL refuses forged, plaintext and unknown pushes with a short answer and the reason in the journal', async () => {
    await authorize();
    const url = `${w.rt.urls.auth}/component/${poolId}/${appId}/events`;
    const xml = subscribeXml({ toUserName: originalId, fromUserName: 'o'.padEnd(28, 'x'), createTime: Math.floor(clock.now() / 1000) });
    const send = async (target: string, mode: 'safe' | 'plaintext', token: string) => {
      const sealed = sealPush({ mode, token, encodingAesKey: 'a'.repeat(43), appId: component.componentAppId, messageXml: xml, toUserName: originalId, openId: 'o1', timestamp: Math.floor(clock.now() / 1000), nonce: newNonce() });
      const q = sealed.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const res = await fetch(`${target}?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body });
      return { status: res.status, text: await res.text() };
    };
    const forged = await send(url, 'safe', 'wrongToken1');
    expect(forged).toEqual({ status: 401, text: 'invalid signature' });
    expect(w.rt.journal.list({ kind: 'event', limit: 5 }).find((e) => e.summary?.startsWith('refused: msg_signature') || e.summary?.startsWith('refused: signature'))).toBeDefined();
    const { t: token } = w.rt.ctx.db.prepare('SELECT token AS t FROM login_components').get() as { t: string };
    const plain = await send(url, 'plaintext', token);
    expect(plain).toEqual({ status: 400, text: 'invalid request' });
    expect(w.rt.journal.list({ kind: 'event', limit: 1 })[0]?.verdict.reasons[0]).toContain('always encrypted');
    const unknown = await send(`${w.rt.urls.auth}/component/${poolId}/wx0000000000000000/events`, 'safe', 'x');
    expect(unknown.status).toBe(404);
    const sessions = await newLogin(w, applicationId);
    expect((sessions.body as QrSessionView).status).toBe('PENDING');
  });

  it('the message URL answers a retried push as the first delivery and changes nothing (the events endpoint\'s dedup)', async () => {
    await authorize();
    const session = await newLogin(w, applicationId);
    const { scene } = w.rt.ctx.db.prepare('SELECT scene FROM login_sessions WHERE id = ?').get(session.body.id) as { scene: string };
    const keys = w.rt.ctx.db.prepare('SELECT token, aes_key AS aesKey FROM login_components').get() as { token: string; aesKey: string };
    const openId = 'o'.padEnd(28, 'r');
    const xml = subscribeXml({ toUserName: originalId, fromUserName: openId, createTime: Math.floor(clock.now() / 1000), scene });
    const deliver = async (): Promise<{ status: number; reply: string }> => {
      // A retry is sealed afresh (new timestamp, nonce, IV) around the same XML, as WeChat does.
      const sealed = sealPush({ mode: 'safe', token: keys.token, encodingAesKey: keys.aesKey, appId: component.componentAppId, messageXml: xml, toUserName: originalId, openId, timestamp: Math.floor(clock.now() / 1000), nonce: newNonce() });
      const q = sealed.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
      const res = await fetch(`${w.rt.urls.auth}/component/${poolId}/${appId}/events?${q}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: sealed.body });
      const body = await res.text();
      const opened = openReply({ body, token: keys.token, encodingAesKey: keys.aesKey, appId: component.componentAppId, encrypted: true, requireEncrypted: true });
      return { status: res.status, reply: opened.kind === 'reply' ? String(opened.record.Content ?? '') : opened.body };
    };
    const first = await deliver();
    const retry = await deliver();
    expect(first.status).toBe(200);
    expect(first.reply).toContain('Site');
    expect(retry).toEqual(first);
    const count = (sql: string): number => (w.rt.ctx.db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT COUNT(*) AS n FROM login_users')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM login_logins')).toBe(1);
    expect(count(`SELECT COUNT(*) AS n FROM login_events WHERE connection = 'oa'`)).toBe(1);
    expect(w.rt.journal.list({ kind: 'event', limit: 1 })[0]?.summary).toContain('duplicate of an event already processed');
  });

  it('answers fixed texts where the caller is anyone: the own events URL of an authorized source, a forged redirect', async () => {
    await authorize();
    const own = await fetch(`${w.rt.urls.auth}/connections/social/oa/${poolId}/events?signature=x&timestamp=1&nonce=1`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: '<xml/>' });
    expect({ status: own.status, text: await own.text() }).toEqual({ status: 404, text: 'not found' });
    expect(w.rt.journal.list({ kind: 'event', limit: 1 })[0]?.verdict.reasons[0]).toContain('connected by authorization');
    const forged = await w.http('GET', `${w.rt.urls.auth}/component/${poolId}/authorized?identifier=oa&state=forged&auth_code=queryauthcode%40%40%40forged`);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('This authorization link is unknown or has expired.');
    const entry = w.rt.journal.list({ kind: 'event', limit: 1 })[0];
    expect(entry?.summary).toBe('authorization of "oa" refused');
    expect(entry?.verdict.reasons[0]).toContain('not that of a pending authorization');
  });

  it('never puts the component secret, Token or EncodingAESKey in an answer or the journal', async () => {
    await authorize();
    const secrets = (await w.rt.ctx.db.prepare('SELECT component_app_secret AS s, token AS t, aes_key AS k FROM login_components').get()) as { s: string; t: string; k: string };
    const journal = JSON.stringify(w.rt.journal.list({ limit: 10_000 }));
    const config = JSON.stringify((await w.api('GET', `/api/login/pools/${poolId}/component`)).body);
    // The Open Platform's console shows a platform's Token and key to its operator, never its AppSecret.
    const platforms = JSON.stringify((await w.api('GET', '/api/wechat/platforms')).body);
    for (const s of [secrets.s, secrets.k, secrets.t]) {
      expect(journal).not.toContain(s);
      expect(config).not.toContain(s);
    }
    expect(platforms).not.toContain(secrets.s);
  });
});
