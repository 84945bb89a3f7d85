import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Persona, PhoneScreen } from '../../../src-main/contracts/api';
import type { OpenPlatformDto, PhoneAuthorizeResult } from '../../../src-main/contracts/open-platform';
import { startPlatform, type Platform } from './flow-helpers';
import { AES_KEY, TOKEN } from './receiver';
import { qrContentOf } from './world';

const errcodeOf = (html: string): number | null => {
  const m = /data-errcode="(-?\d+)"/.exec(html);
  return m ? Number(m[1]) : null;
};

describe('the authorization page', () => {
  let p: Platform;
  beforeEach(async () => {
    p = await startPlatform();
  });
  afterEach(() => p.stop());

  const get = (url: string, headers: Record<string, string> = {}) => p.w.http('GET', url, undefined, headers);
  const scan = (persona: string, content: string) => p.w.api<PhoneScreen>('POST', `/api/phone/${persona}/scan`, { content });

  it('refuses bad parameters with the page\'s own codes: -13, -11, -28', async () => {
    const wx = p.w.rt.urls.wechat;
    expect(errcodeOf((await get(`${wx}/cgi-bin/componentloginpage`)).text)).toBe(-13);
    const { url, code } = await p.preAuthUrl();
    expect(errcodeOf((await get(url.replace(p.componentAppId, 'wx3333333333333333'))).text)).toBe(-13);
    expect(errcodeOf((await get(url.replace(encodeURIComponent(code), 'preauthcode%40%40%40nope'))).text)).toBe(-11);
    expect(errcodeOf((await get(url.replace(/redirect_uri=[^&]+/, 'redirect_uri=ftp%3A%2F%2Fx'))).text)).toBe(-13);
    const page = await get(url);
    expect(errcodeOf(page.text)).toBeNull();
    await scan(p.admin, qrContentOf(page.text));
    await p.w.api('POST', `/api/phone/${p.admin}/authorize`, { appId: p.appId });
    const reused = await get(url);
    expect(errcodeOf(reused.text)).toBe(-28);
    expect(reused.text).toContain('预授权码已经被授权过');
    const journal = p.w.rt.journal.list({ kind: 'api', limit: 50 }).find((e) => e.summary?.includes('-28'));
    expect(journal?.verdict.ok).toBe(false);
  });

  it('-11 for an expired pre-auth code; -14 in strict mode unless Referer and redirect_uri are on the initiation domain', async () => {
    const stale = await p.preAuthUrl();
    await p.clock.advance(1801_000);
    expect(errcodeOf((await get(stale.url)).text)).toBe(-11);
    await p.w.api('PUT', '/api/wechat/open-platform/settings', { enforceInitiationDomain: true });
    await p.w.api('PATCH', `/api/wechat/platforms/${p.componentAppId}`, { initiationDomain: new URL(p.rx.base).hostname });
    const { url } = await p.preAuthUrl();
    const blank = await get(url);
    expect(errcodeOf(blank.text)).toBe(-14);
    expect(blank.text).toContain('授权入口页所在域名：空');
    expect(errcodeOf((await get(url, { referer: 'http://elsewhere.example/start' })).text)).toBe(-14);
    expect(errcodeOf((await get(url, { referer: `${p.rx.base}/start` })).text)).toBeNull();
  });

  it('serves the PC page and both H5 forms; tolerates a missing or repeated auth_type and keeps a query in redirect_uri', async () => {
    const wx = p.w.rt.urls.wechat;
    const pc = await p.preAuthUrl('&auth_type=1&auth_type=3&biz_appid=');
    const page = await get(pc.url);
    expect(page.status).toBe(200);
    expect(qrContentOf(page.text)).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/safe\/bindcomponent\?action=bindcomponent&uuid=/);
    for (const path of ['/wxaopen/safe/bindcomponent', '/safe/bindcomponent']) {
      const token = await p.componentToken();
      const pre = await p.cgi<{ pre_auth_code: string }>(`/cgi-bin/component/api_create_preauthcode?component_access_token=${token}`, { component_appid: p.componentAppId });
      const redirect = encodeURIComponent(`${p.rx.base}/back?sign=1`);
      const h5 = `${wx}${path}?action=bindcomponent&no_scan=1&component_appid=${p.componentAppId}&pre_auth_code=${encodeURIComponent(pre.pre_auth_code)}&redirect_uri=${redirect}&auth_type=3&biz_appid=${p.appId}#wechat_redirect`;
      const browser = await get(h5);
      expect(browser.text).toContain('请在微信客户端打开链接');
      const opened = await scan(p.admin, h5);
      expect(opened.body.screen, JSON.stringify(opened.body)).toBe('authorize');
      expect(opened.body.authorize?.accounts.map((a) => a.appId)).toEqual([p.appId]);
      const done = await p.w.api<PhoneAuthorizeResult>('POST', `/api/phone/${p.admin}/authorize`, { appId: p.appId });
      expect(done.body.redirect).toMatch(/\/back\?sign=1&auth_code=queryauthcode%40%40%40[^&]+&expires_in=3600$/);
    }
  });

  it('the phone: -21 for a persona who administers nothing, -22 for another account than biz_appid, -12 once the QR expired, -26 once used', async () => {
    const stranger = (await p.w.api<Persona>('POST', '/api/wechat/personas', { name: 'Stranger' })).body.id;
    const { url } = await p.preAuthUrl();
    const content = qrContentOf((await get(url)).text);
    expect((await scan(stranger, content)).body.error).toMatch(/^-21 /);
    const other = (await p.w.api<Account>('POST', '/api/wechat/accounts', { name: 'Other', type: 'service', verified: true })).body.appId;
    await p.w.api('PUT', `/api/wechat/accounts/${other}/admins`, { personaIds: [stranger] });
    const biz = await p.preAuthUrl(`&biz_appid=${p.appId}`);
    expect((await scan(stranger, qrContentOf((await get(biz.url)).text))).body.error).toMatch(/^-22 /);
    const notAdmin = await p.w.api('POST', `/api/phone/${stranger}/authorize`, { appId: p.appId });
    expect(notAdmin.status).toBe(409);

    const shown = await scan(p.admin, content);
    expect(shown.body.authorize?.funcs).toHaveLength(15);
    expect(shown.body.authorize?.componentName).toBe('Test platform');
    await p.w.api('POST', `/api/phone/${p.admin}/authorize`, { appId: p.appId, funcIds: [1, 3] });
    expect((await scan(p.admin, content)).body.error).toMatch(/^-26 /);

    const later = await p.preAuthUrl();
    const laterContent = qrContentOf((await get(later.url)).text);
    await p.clock.advance(301_000);
    expect((await scan(p.admin, laterContent)).body.error).toMatch(/^-12 /);
  });

  it('the PC page polls: waiting 401, scanned 404, confirmed 405 with the redirect; an expired QR (402) is renewed', async () => {
    const wx = p.w.rt.urls.wechat;
    const { url } = await p.preAuthUrl();
    const content = qrContentOf((await get(url)).text);
    const uuid = new URL(content).searchParams.get('uuid')!;
    const poll = async () => (await get(`${wx}/safe/safeuuid?uuid=${uuid}`)).body as { status: number; confirm_resp?: { redirect_uri: string } };
    expect((await poll()).status).toBe(401);
    await scan(p.admin, content);
    expect((await poll()).status).toBe(404);
    const done = await p.w.api<PhoneAuthorizeResult>('POST', `/api/phone/${p.admin}/authorize`, { appId: p.appId });
    expect(await poll()).toEqual({ status: 405, confirm_resp: { redirect_uri: done.body.redirect, component_status: 0 } });

    const second = await p.preAuthUrl();
    const oldUuid = new URL(qrContentOf((await get(second.url)).text)).searchParams.get('uuid')!;
    await p.clock.advance(301_000);
    expect(((await get(`${wx}/safe/safeuuid?uuid=${oldUuid}`)).body as { status: number }).status).toBe(402);
    const renewed = await p.w.http<{ uuid: string; content: string }>('POST', `${wx}/safe/safeqrconnect?uuid=${oldUuid}`);
    expect(renewed.body.uuid).not.toBe(oldUuid);
    expect((await scan(p.admin, renewed.body.content)).body.screen).toBe('authorize');
  });

  it('authorized is pushed before the redirect is answered (default), updateauthorized on a change, nothing when unchanged; redirect-first as a setting', async () => {
    const first = await p.authorize([1, 2, 3]);
    expect(first.infoType).toBe('authorized');
    const authorized = p.rx.got.filter((g) => g.fields.InfoType === 'authorized');
    expect(authorized, 'pushed before the answer').toHaveLength(1);
    expect(authorized[0]!.query).toMatchObject({ encrypt_type: 'aes', msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(authorized[0]!.fields.AuthorizationCode).toBe(first.code);
    expect((await p.authorize([1, 2, 3])).infoType).toBe('none');
    expect(p.rx.got.filter((g) => g.fields.InfoType === 'updateauthorized')).toHaveLength(0);
    const changed = await p.authorize([1, 3]);
    expect(changed.infoType).toBe('updateauthorized');
    expect(p.rx.got.filter((g) => g.fields.InfoType === 'updateauthorized')).toHaveLength(1);
    await p.w.api('PUT', '/api/wechat/open-platform/settings', { redirectBeforePush: true });
    await p.w.api('DELETE', `/api/wechat/accounts/${p.appId}/authorizations/${p.componentAppId}`);
    const again = await p.authorize([1, 3]);
    expect(again.infoType).toBe('authorized');
    expect(again.journalId, 'the answer does not wait for the push').toBeUndefined();
    await expect.poll(() => p.rx.got.filter((g) => g.fields.InfoType === 'authorized').length, { timeout: 5000 }).toBe(2);
  });

  it('an exclusive permission set held by another platform is not granted to a second one; user events go to the holder', async () => {
    await p.authorize([1, 2, 3]);
    const other = await p.w.api<OpenPlatformDto & { componentAppSecret: string }>('POST', '/api/wechat/platforms', {
      name: 'Second',
      authEventUrl: `${p.rx.base}/auth2`,
      messageUrl: `${p.rx.base}/msg2/$APPID$`,
      token: TOKEN,
      encodingAesKey: AES_KEY,
    });
    const wx = p.w.rt.urls.wechat;
    const t = await p.cgi<{ component_access_token?: string }>('/cgi-bin/component/api_component_token', {
      component_appid: other.body.componentAppId,
      component_appsecret: other.body.componentAppSecret,
      component_verify_ticket: 'ticket@@@none',
    });
    expect(t.component_access_token).toBeUndefined();
    const tokenOf = async (): Promise<string> => {
      // The second platform's ticket: pushed on demand; the receiver decrypts with the first one's AppID, so read the journal.
      await p.w.api('POST', `/api/wechat/platforms/${other.body.componentAppId}/ticket`);
      const entry = p.w.rt.journal.list({ kind: 'push', limit: 5 }).find((e) => e.decrypted?.request?.includes(other.body.componentAppId))!;
      const ticket = /<ComponentVerifyTicket><!\[CDATA\[([^\]]+)\]\]>/.exec(entry.decrypted!.request!)![1]!;
      const got = await p.cgi<{ component_access_token: string }>('/cgi-bin/component/api_component_token', {
        component_appid: other.body.componentAppId,
        component_appsecret: other.body.componentAppSecret,
        component_verify_ticket: ticket,
      });
      return got.component_access_token;
    };
    const token = await tokenOf();
    const pre = await p.cgi<{ pre_auth_code: string }>(`/cgi-bin/component/api_create_preauthcode?component_access_token=${token}`, { component_appid: other.body.componentAppId });
    const url = `${wx}/cgi-bin/componentloginpage?component_appid=${other.body.componentAppId}&pre_auth_code=${encodeURIComponent(pre.pre_auth_code)}&redirect_uri=${encodeURIComponent(p.rx.base)}`;
    const shown = await p.w.api<PhoneScreen>('POST', `/api/phone/${p.admin}/scan`, { content: qrContentOf((await get(url)).text) });
    expect(shown.body.authorize?.funcs.find((f) => f.id === 1)?.heldElsewhere).toBe(true);
    const done = await p.w.api<PhoneAuthorizeResult>('POST', `/api/phone/${p.admin}/authorize`, { appId: p.appId, funcIds: [1, 2] });
    expect(done.body.funcIds).toEqual([2]);
    const page = await p.w.api<{ authorizations: Array<{ componentAppId: string }> }>('GET', `/api/wechat/accounts/${p.appId}/authorizations`);
    expect(page.body.authorizations.map((a) => a.componentAppId)).toEqual([p.componentAppId, other.body.componentAppId]);

    await p.w.api('POST', `/api/phone/${p.user}/follow`, { appId: p.appId });
    const event = p.rx.got.find((g) => g.path === `/msg/${p.appId}`);
    expect(event?.fields).toMatchObject({ Event: 'subscribe', ToUserName: p.originalId });
    expect(event?.query.openid).toMatch(/^o/);
  });
});
