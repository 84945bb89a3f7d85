import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenPlatform, ServerRequest, type CacheInterface } from 'node-easywechat';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Persona, PhoneScreen } from '../../../src-main/contracts/api';
import type { OpenPlatformDto } from '../../../src-main/contracts/open-platform';
import { authorizeOnPhone, startOpenWorld, waitFor, type OpenWorld } from './world';

/**
 * A third-party platform written with node-easywechat's OpenPlatform (the Node port of EasyWeChat), pointed
 * at the mock: every call and every push decryption below is the SDK's own code.
 */

const TOKEN = 'sdkToken2024';
const AES_KEY = 'Zq3pL8vN2xR7tY5uW1aS4dF6gH9jK0mB3cV7nX2zQ8e';

/** The SDK's cache interface, in memory (its default writes files into the working directory). */
function memoryCache(): CacheInterface {
  const m = new Map<string, { v: unknown; until: number }>();
  return {
    async get(k: string) {
      const e = m.get(k);
      return e && e.until > Date.now() ? e.v : null;
    },
    async has(k: string) {
      return (m.get(k)?.until ?? 0) > Date.now();
    },
    async set(k: string, v?: unknown, lifetime = 1500) {
      m.set(k, { v, until: Date.now() + lifetime * 1000 });
      return true;
    },
    async delete(k: string) {
      return m.delete(k);
    },
  } as unknown as CacheInterface;
}

type Msg = Record<string, string>;
/** The SDK's message as plain fields (its Message object keeps them behind a proxy). */
const fields = (m: unknown): Msg => (m as { toObject(): Msg }).toObject();

describe('node-easywechat OpenPlatform against the mock', () => {
  let w: OpenWorld;
  let server: http.Server;
  let base = '';
  const received: { auth: Msg[]; message: Msg[] } = { auth: [], message: [] };
  let app: OpenPlatform;
  let makeApp: () => OpenPlatform;
  // The first ticket is pushed as the platform is created, possibly before the test has built the SDK app.
  let appReady: Promise<void>;
  let setAppReady: () => void;
  let refreshToken = '';

  beforeEach(async () => {
    w = await startOpenWorld();
    received.auth = [];
    received.message = [];
    appReady = new Promise((r) => (setAppReady = r));
    server = http.createServer((req, res) => void handle(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await w.stop();
    await new Promise((r) => server.close(r));
  });

  /**
   * One SDK app per incoming push, sharing the cache, as a web framework would build it per request (an
   * app's server keeps the decryption step of every request it served, so it is not reused).
   */
  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const request = await ServerRequest.createFromIncomingMessage(req);
      await appReady;
      const a = makeApp();
      let response;
      if (req.url?.startsWith('/open/auth')) {
        a.setRequest(request);
        const s = a.getServer();
        s.handleAuthorized(async (m, next) => (received.auth.push(fields(m)), next!(m)));
        s.handleUnauthorized(async (m, next) => (received.auth.push(fields(m)), next!(m)));
        s.handleVerifyTicketRefreshed(async (m, next) => {
          received.auth.push(fields(m));
          await a.getVerifyTicket().setTicket(fields(m).ComponentVerifyTicket ?? '');
          return next!(m);
        });
        response = await s.serve();
      } else {
        const appId = /\/open\/msg\/(wx[0-9a-f]+)\//.exec(req.url ?? '')?.[1] ?? '';
        const oa = await a.getOfficialAccountWithRefreshToken(appId, refreshToken);
        oa.setRequest(request);
        response = await oa
          .getServer()
          .with(async (m) => {
            received.message.push(fields(m));
            return 'Welcome, signed in via the platform';
          })
          .serve();
      }
      res.writeHead(response.getStatusCode(), response.getHeaders());
      res.end(response.getBody());
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  }

  it('ticket → component token → pre-auth code → authorization → query_auth → refresh → authorizer info → qrcode/create; decrypts all three pushes', async () => {
    const account = await w.api<Account & { appSecret: string }>('POST', '/api/wechat/accounts', { name: 'SDK Service', type: 'service', verified: true });
    const admin = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'Admin' });
    const user = await w.api<Persona>('POST', '/api/wechat/personas', { name: 'User' });
    await w.api('PUT', `/api/wechat/accounts/${account.body.appId}/admins`, { personaIds: [admin.body.id] });
    const created = await w.api<OpenPlatformDto & { componentAppSecret: string }>('POST', '/api/wechat/platforms', {
      name: 'SDK platform',
      authEventUrl: `${base}/open/auth`,
      messageUrl: `${base}/open/msg/$APPID$/callback`,
      token: TOKEN,
      encodingAesKey: AES_KEY,
    });
    expect(created.status, created.text).toBe(201);
    const componentAppId = created.body.componentAppId;
    const cache = memoryCache();
    makeApp = () => {
      const a = new OpenPlatform({ app_id: componentAppId, secret: created.body.componentAppSecret, token: TOKEN, aes_key: AES_KEY, http: { baseURL: `${w.rt.urls.wechat}/` } });
      a.setCache(cache);
      return a;
    };
    app = makeApp();
    setAppReady();

    // The ticket pushed on creation, decrypted by the SDK's server; then one on demand.
    await waitFor(() => received.auth.some((m) => m.InfoType === 'component_verify_ticket'), 'the first verify ticket');
    const pushed = await w.api<{ ok: boolean }>('POST', `/api/wechat/platforms/${componentAppId}/ticket`);
    expect(pushed.body.ok).toBe(true);
    const tickets = received.auth.filter((m) => m.InfoType === 'component_verify_ticket');
    expect(tickets).toHaveLength(2);
    expect(tickets[1]).toMatchObject({ AppId: componentAppId, ComponentVerifyTicket: expect.stringMatching(/^ticket@@@/) });

    // Component token and pre-auth code, inside createPreAuthorizationUrl; the SDK's URL names WeChat's host.
    const url = await app.createPreAuthorizationUrl(`${base}/callback?sign=abc`);
    expect(url).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/cgi-bin\/componentloginpage\?/);
    expect(url).toContain('pre_auth_code=preauthcode%40%40%40');
    const onMock = url.replace('https://mp.weixin.qq.com', w.rt.urls.wechat);
    const done = await authorizeOnPhone(w, onMock, admin.body.id, account.body.appId);
    const redirect = new URL(done.redirect);
    expect(redirect.searchParams.get('sign')).toBe('abc');
    expect(redirect.searchParams.get('expires_in')).toBe('3600');
    const authCode = redirect.searchParams.get('auth_code')!;

    // The authorized push: same code as the redirect, pre-auth code and absolute expiry.
    const authorized = received.auth.find((m) => m.InfoType === 'authorized')!;
    expect(authorized).toMatchObject({ AppId: componentAppId, AuthorizerAppid: account.body.appId, AuthorizationCode: authCode });
    expect(Number(authorized.AuthorizationCodeExpiredTime) - Number(authorized.CreateTime)).toBe(3600);
    expect(new URL(url).searchParams.get('pre_auth_code'), 'the push names the pre-auth code the admin used').toBe(authorized.PreAuthCode);

    // api_query_auth, then api_authorizer_token with the refresh token.
    const authorization = await app.getAuthorization(authCode);
    expect(authorization.getAppId()).toBe(account.body.appId);
    refreshToken = authorization.getRefreshToken();
    expect(refreshToken).toMatch(/^refreshtoken@@@/);
    const refreshed = await app.refreshAuthorizerToken(account.body.appId, refreshToken);
    expect(refreshed.authorizer_access_token).not.toBe(authorization.getAccessToken().getToken());
    expect(refreshed.authorizer_refresh_token).toBe(refreshToken);

    // api_get_authorizer_info through the SDK's component client (component_access_token added by the SDK).
    const info = (await app.getClient().postJson('cgi-bin/component/api_get_authorizer_info', { component_appid: componentAppId, authorizer_appid: account.body.appId })).toObject();
    expect(info.authorizer_info).toMatchObject({ nick_name: 'SDK Service', user_name: account.body.originalId, service_type_info: { id: 2 } });
    expect(info.authorization_info.func_info.map((f: { funcscope_category: { id: number } }) => f.funcscope_category.id)).toContain(3);

    // qrcode/create on the account's API with the authorizer token.
    const oa = app.getOfficialAccountWithAccessToken(account.body.appId, refreshed.authorizer_access_token);
    const qr = (await oa.getClient().postJson('cgi-bin/qrcode/create', { expire_seconds: 600, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'sdk-login' } } })).toObject();
    expect(qr.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);

    // A user follows through that QR: the message URL push, decrypted with the component's keys by the SDK;
    // the SDK's encrypted passive reply reaches the phone.
    await w.api('POST', `/api/phone/${user.body.id}/scan`, { content: qr.url });
    const followed = await w.api<PhoneScreen>('POST', `/api/phone/${user.body.id}/follow`, { appId: account.body.appId });
    expect(received.message[0]).toMatchObject({ ToUserName: account.body.originalId, MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_sdk-login', Ticket: qr.ticket });
    expect(followed.body.messages?.at(-1)).toMatchObject({ from: 'account', text: 'Welcome, signed in via the platform' });

    // The admin cancels: the SDK decrypts the unauthorized push.
    const cancel = await w.api<{ pushed: boolean }>('DELETE', `/api/wechat/accounts/${account.body.appId}/authorizations/${componentAppId}`);
    expect(cancel.body.pushed).toBe(true);
    expect(received.auth.at(-1)).toMatchObject({ AppId: componentAppId, InfoType: 'unauthorized', AuthorizerAppid: account.body.appId });
    await expect(app.refreshAuthorizerToken(account.body.appId, refreshToken)).rejects.toThrow(/61023/);
  });
});
