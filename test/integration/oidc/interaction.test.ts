import { afterEach, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import { makeTempDir } from '../../../src-main/core/db/temp';
import { CookieBrowser } from '../../helpers/browser-jar';
import { waitFor } from '../login/helpers';
import { authRequest, discover, pageSession, REDIRECT_URI, registerApp, scanAndFollow, sessionStatus, startOidcWorld, type OidcWorld } from './helpers';

/**
 * The step that replaces oidc-provider's interactions: the hosted page hands over an AUTHORIZED QR login
 * session. Only a session of the same application, made after the request, used once, finishes it; a
 * login half done survives a restart; the sample website signs in over plain http too.
 */

describe('finishing an authorization with a QR login session', () => {
  let w: OidcWorld | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  async function toLoginPage(world: OidcWorld, browser: CookieBrowser, config: client.Configuration) {
    const req = await authRequest(config);
    const hops = await browser.follow(req.url.href, (next) => new URL(next).pathname.startsWith('/login/'));
    return { req, uid: new URL(hops.at(-1)!.location!).searchParams.get('interaction')! };
  }

  async function authorizedSession(world: OidcWorld, appId: string) {
    const s = await pageSession(world, appId);
    await scanAndFollow(world, world.personas.chen, s.qrUrl);
    await waitFor(async () => (await sessionStatus(world, s.id)).status === 'AUTHORIZED', 'AUTHORIZED');
    return s;
  }

  it('refuses a session of another application, one still pending, one made before the request, and one used twice', async () => {
    w = await startOidcWorld();
    const world = w;
    const shop = await registerApp(world, 'Shop', { idTokenAlg: 'RS256' });
    const config = await discover(world, shop);
    const browser = new CookieBrowser(world.fetch);
    const early = await authorizedSession(world, shop.id);
    const { uid } = await toLoginPage(world, browser, config);
    const finish = (session: string) => browser.request(`${world.rt.urls.auth}/oidc/interaction/${uid}/finish?session=${session}`);

    const other = await authorizedSession(world, world.appId);
    for (const [session, reason] of [
      [other.id, /another application/],
      [(await pageSession(world, shop.id)).id, /did not complete/],
      [early.id, /older than this request/],
      ['no-such-session', /did not complete/],
    ] as const) {
      const page = await finish(session);
      expect(page.status).toBe(400);
      expect(page.location).toBeNull();
      expect(page.body).toContain('error: access_denied');
      expect(page.body).toMatch(reason);
    }
    const good = await authorizedSession(world, shop.id);
    const first = await finish(good.id);
    expect(first.status).toBe(303);
    expect(first.location).toContain(`/oidc/auth/${uid}`);
    const second = await finish(good.id);
    expect(second.status).toBe(400);
    expect(second.body).toMatch(/already used|expired|another step/);
    const end = await browser.follow(first.location!, (next) => next.startsWith(REDIRECT_URI));
    expect(end.at(-1)!.location).toMatch(/[?&]code=/);
    expect((await browser.request(`${world.rt.urls.auth}/oidc/interaction/nope/finish?session=x`)).body).toContain('error: invalid_request');
  });

  it('a browser signed in to one user pool is not signed in to another pool\'s applications', async () => {
    w = await startOidcWorld();
    const world = w;
    const shop = await registerApp(world, 'Shop', { idTokenAlg: 'RS256' });
    const browser = new CookieBrowser(world.fetch);
    const config = await discover(world, shop);
    const { uid } = await toLoginPage(world, browser, config);
    const s = await authorizedSession(world, shop.id);
    await browser.follow(`${world.rt.urls.auth}/oidc/interaction/${uid}/finish?session=${s.id}`, (next) => next.startsWith(REDIRECT_URI));
    const silentA = await browser.follow((await authRequest(config, { prompt: 'none' })).url.href, (next) => next.startsWith(REDIRECT_URI));
    expect(silentA.at(-1)!.location).toMatch(/[?&]code=/);

    const poolB = (await world.api<{ id: string }>('POST', '/api/login/pools', { name: 'Other pool' })).body;
    const appB = (await world.api<{ id: string; secret: string }>('POST', `/api/login/pools/${poolB.id}/apps`, { name: 'Other site', redirectUris: [REDIRECT_URI] })).body;
    await world.api('PATCH', `/api/login/apps/${appB.id}/oidc`, { idTokenAlg: 'RS256' });
    const configB = await discover(world, appB);
    const silentB = await browser.follow((await authRequest(configB, { prompt: 'none' })).url.href, (next) => next.startsWith(REDIRECT_URI));
    expect(silentB.at(-1)!.location).toMatch(/[?&]error=login_required/);
    const askB = await browser.follow((await authRequest(configB)).url.href, (next) => new URL(next).pathname.startsWith('/login/') || next.startsWith(REDIRECT_URI));
    expect(new URL(askB.at(-1)!.location!).pathname).toBe(`/login/${appB.id}`);
  });

  it('a login half done (hosted page open) completes after the studio restarts on the same data', async () => {
    const tmp = makeTempDir();
    try {
      w = await startOidcWorld({ memory: false, dataDir: tmp.dir });
      const ports = { studioPort: Number(new URL(w.rt.urls.studio).port), wechatPort: Number(new URL(w.rt.urls.wechat).port), authPort: Number(new URL(w.rt.urls.auth).port) };
      const shop = await registerApp(w, 'Shop', { idTokenAlg: 'RS256' });
      const browser = new CookieBrowser(w.fetch);
      const { req, uid } = await toLoginPage(w, browser, await discover(w, shop));
      const shown = await pageSession(w, shop.id); // the page shows its QR code…
      await w.close(); // …and the studio stops before anyone scans it.

      // Same data folder, same CA, same ports (the issuer is part of every stored artefact).
      w = await startOidcWorld({ memory: false, dataDir: tmp.dir, ...ports });
      const restarted = browser.withFetch(w.fetch);
      const config = await discover(w, shop);
      const world = w;
      await scanAndFollow(world, world.personas.chen, shown.qrUrl);
      await waitFor(async () => (await sessionStatus(world, shown.id)).status === 'AUTHORIZED', 'AUTHORIZED after the restart');
      const end = await restarted.follow(`${w.rt.urls.auth}/oidc/interaction/${uid}/finish?session=${shown.id}`, (next) => next.startsWith(REDIRECT_URI));
      const tokens = await client.authorizationCodeGrant(config, new URL(end.at(-1)!.location!), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
      expect(tokens.claims()?.preferred_username).toBe('chen');
    } finally {
      await w?.close();
      w = undefined;
      tmp.remove();
    }
  });

  it('the sample website signs in and out with openid-client over plain http (the default)', async () => {
    w = await startOidcWorld({ https: false });
    const world = w;
    const info = world.rt.oidc.info();
    expect(info.https).toBe(false);
    expect(info.authCa).toBeNull();
    const site = info.sample!.url;
    const browser = new CookieBrowser(fetch);
    expect((await browser.request(`${site}/`)).body).toContain('data-signed-in="false"');
    const toPage = await browser.follow(`${site}/login`, (next) => new URL(next).pathname.startsWith('/login/'));
    const loginUrl = new URL(toPage.at(-1)!.location!);
    const uid = loginUrl.searchParams.get('interaction')!;
    const s = await authorizedSession(world, info.sample!.appId!);
    const back = await browser.follow(`${world.rt.urls.auth}/oidc/interaction/${uid}/finish?session=${s.id}`, (next) => next.startsWith(`${site}/`) && !next.includes('/callback'));
    expect(back.some((h) => h.url.startsWith(`${site}/callback?code=`))).toBe(true);
    const home = await browser.request(`${site}/`);
    expect(home.body).toContain('data-signed-in="true"');
    expect(home.body).toMatch(/<h1 id="user-name">Chen<\/h1>/);
    expect(home.body).toMatch(/data-claim="openid">o/);
    const refreshed = await browser.request(`${site}/refresh`, { form: {} });
    expect(refreshed.location).toBe(`${site}/`);
    expect((await browser.request(`${site}/`)).body).toContain('Tokens refreshed');
    const out = await browser.request(`${site}/logout`, { form: {} });
    expect(out.location).toMatch(new RegExp(`^${world.rt.urls.auth}/oidc/session/end\\?`));
    // The provider's logout page submits its form (what its script does in a browser).
    const logoutPage = await browser.request(out.location!);
    const action = /<form[^>]*action="([^"]+)"/.exec(logoutPage.body)![1]!.replace(/&amp;/g, '&');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutPage.body)![1]!;
    expect((await browser.request(new URL(action, world.rt.urls.auth).href, { form: { xsrf, logout: 'yes' } })).location).toBe(`${site}/`);
    expect((await browser.request(`${site}/`)).body).toContain('data-signed-in="false"');

    // Point the sample at another application: it registers its callback there at the next sign-in.
    const shop = await registerApp(world, 'Shop', { idTokenAlg: 'RS256' });
    expect((await world.api('PUT', '/api/oidc/sample', { appId: 'nope' })).status).toBe(404);
    expect((await world.api<{ sample: { appId: string } }>('PUT', '/api/oidc/sample', { appId: shop.id })).body.sample.appId).toBe(shop.id);
    const next = await browser.follow(`${site}/login`, (n) => new URL(n).pathname.startsWith('/login/'));
    expect(new URL(next.at(-1)!.location!).pathname).toBe(`/login/${shop.id}`);
    const settings = (await world.api<{ redirectUris: string[] }>('GET', `/api/login/apps/${shop.id}/oidc`)).body;
    expect(settings.redirectUris).toEqual([REDIRECT_URI, `${site}/callback`]);
  });
});
