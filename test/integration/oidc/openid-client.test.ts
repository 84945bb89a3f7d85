import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as client from 'openid-client';
import type { JournalEntry, LoginUser } from '../../../src-main/contracts/api';
import { CookieBrowser } from '../../helpers/browser-jar';
import { authRequest, discover, POST_LOGOUT_URI, REDIRECT_URI, registerApp, signInWithWechat, startOidcWorld, type OidcWorld, type RegisteredApp } from './helpers';

/**
 * A real relying-party library (openid-client) against the studio's provider over https, the studio's CA
 * trusted by the client's fetch: discovery, the code flow with PKCE through the hosted WeChat page and a
 * phone follow, the id_token verified against the JWKS, userinfo, refresh, logout, and the refusals.
 */

async function jwks(w: OidcWorld): Promise<JSONWebKeySet> {
  return (await (await w.fetch(`${w.issuer}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
}

async function expectOAuthError(p: Promise<unknown>, error: string): Promise<void> {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as { error?: string; cause?: { error?: string } } | null;
  expect(err, `expected ${error}`).not.toBeNull();
  expect(err!.error ?? err!.cause?.error).toBe(error);
}

describe('OpenID Connect provider with openid-client over https', () => {
  let w: OidcWorld;
  let app: RegisteredApp;
  let config: client.Configuration;
  let wang: { id: string; unionId: string; openId: string; userId: string };

  beforeAll(async () => {
    w = await startOidcWorld();
    app = await registerApp(w, 'Shop', { idTokenAlg: 'RS256', pkceRequired: true });
    config = await discover(w, app);
    const persona = w.rt.platform.service.listPersonas().find((p) => p.id === w.personas.wang)!;
    const users = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users;
    wang = {
      id: persona.id,
      unionId: persona.unionId!,
      openId: w.rt.platform.service.openId(persona.id, w.conn.appId),
      userId: users.find((u) => u.username === 'wang')!.id,
    };
  });
  afterAll(() => w.close());

  it('discovery: exact issuer, Authing paths, the flows, algorithms and claims GenAuth offers', () => {
    const m = config.serverMetadata();
    expect(m.issuer).toBe(w.issuer);
    expect(w.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/oidc$/);
    expect(m.authorization_endpoint).toBe(`${w.issuer}/auth`);
    expect(m.token_endpoint).toBe(`${w.issuer}/token`);
    expect(m.userinfo_endpoint).toBe(`${w.issuer}/me`);
    expect(m.jwks_uri).toBe(`${w.issuer}/.well-known/jwks.json`);
    expect(m.end_session_endpoint).toBe(`${w.issuer}/session/end`);
    expect(m.introspection_endpoint).toBe(`${w.issuer}/token/introspection`);
    expect(m.revocation_endpoint).toBe(`${w.issuer}/token/revocation`);
    expect(m.response_types_supported).toEqual(expect.arrayContaining(['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token']));
    expect(m.response_modes_supported).toEqual(expect.arrayContaining(['query', 'fragment', 'form_post', 'web_message']));
    expect(m.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'implicit', 'client_credentials']));
    expect(m.code_challenge_methods_supported).toEqual(['S256']);
    expect(m.token_endpoint_auth_methods_supported).toEqual(['client_secret_post', 'client_secret_basic', 'none']);
    expect([...(m.id_token_signing_alg_values_supported ?? [])].sort()).toEqual(['HS256', 'RS256']);
    expect(m.claims_supported).toEqual(expect.arrayContaining(['sub', 'unionid', 'openid', 'external_id', 'userpool_id']));
  });

  it('code flow with PKCE through the hosted page and a follow; id_token verified with the JWKS; userinfo; refresh; logout', async () => {
    const browser = new CookieBrowser(w.fetch);
    const req = await authRequest(config, { scope: 'openid profile unionid offline_access', prompt: 'consent' });
    const { callback, hops } = await signInWithWechat(w, browser, req.url, wang.id);
    expect(hops.some((h) => h.includes('/login/'))).toBe(true);

    const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token, 'offline_access with prompt=consent gives a refresh token').toBeTruthy();
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token!, createLocalJWKSet(await jwks(w)), { issuer: w.issuer, audience: app.id });
    expect(protectedHeader.alg).toBe('RS256');
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({ sub: wang.userId, openid: wang.openId, unionid: wang.unionId, userpool_id: w.pool.id, nonce: req.nonce, preferred_username: 'wang' });

    const info = await client.fetchUserInfo(config, tokens.access_token, wang.userId);
    expect(info).toMatchObject({ sub: wang.userId, openid: wang.openId, unionid: wang.unionId, userpool_id: w.pool.id, name: 'Wang' });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(wang.userId);
    expect((await client.fetchUserInfo(config, refreshed.access_token, wang.userId)).sub).toBe(wang.userId);

    // Signed in at the provider now: prompt=none answers at once, without the hosted page.
    const silent = await authRequest(config, { prompt: 'none' });
    const silentHops = await browser.follow(silent.url.href, (next) => next.startsWith(REDIRECT_URI));
    expect(silentHops.at(-1)!.location).toMatch(/[?&]code=/);
    // max_age: the id_token says when the user signed in; prompt=login: the hosted page again.
    const aged = await authRequest(config, { max_age: '3600' });
    const agedHops = await browser.follow(aged.url.href, (next) => next.startsWith(REDIRECT_URI));
    const agedTokens = await client.authorizationCodeGrant(config, new URL(agedHops.at(-1)!.location!), { pkceCodeVerifier: aged.verifier, expectedState: aged.state, expectedNonce: aged.nonce, maxAge: 3600 });
    expect(agedTokens.claims()?.auth_time).toEqual(expect.any(Number));
    const forced = await authRequest(config, { prompt: 'login' });
    const forcedHops = await browser.follow(forced.url.href, (next) => new URL(next).pathname.startsWith('/login/') || next.startsWith(REDIRECT_URI));
    expect(new URL(forcedHops.at(-1)!.location!).pathname).toMatch(/^\/login\//);

    // RP-initiated logout: the logout page submits its form, the browser lands on the post-logout URI.
    const end = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: POST_LOGOUT_URI, state: 'bye' });
    const logoutPage = await browser.request(end.href);
    expect(logoutPage.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(logoutPage.body)![1]!;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutPage.body)![1]!;
    const confirmed = await browser.request(new URL(action.replace(/&amp;/g, '&'), w.issuer).href, { form: { xsrf, logout: 'yes' } });
    expect(confirmed.location).toBe(`${POST_LOGOUT_URI}?state=bye`);
    const after = await authRequest(config, { prompt: 'none' });
    const afterHops = await browser.follow(after.url.href, (next) => next.startsWith(REDIRECT_URI));
    expect(afterHops.at(-1)!.location).toMatch(/[?&]error=login_required/);
  });

  it('refuses a reused code, a wrong secret, a bad PKCE verifier and an unregistered redirect_uri', async () => {
    const browser = new CookieBrowser(w.fetch);
    const req = await authRequest(config);
    const { callback } = await signInWithWechat(w, browser, req.url, wang.id);
    const checks = { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce };

    const wrongSecret = await discover(w, { id: app.id, secret: 'not-the-secret-00000000000000000' });
    await expectOAuthError(client.authorizationCodeGrant(wrongSecret, new URL(callback), checks), 'invalid_client');
    await expectOAuthError(client.authorizationCodeGrant(config, new URL(callback), { ...checks, pkceCodeVerifier: client.randomPKCECodeVerifier() }), 'invalid_grant');
    // Neither refusal spent the code: with the right secret and verifier it works, once.
    const ok = await client.authorizationCodeGrant(config, new URL(callback), checks);
    expect(ok.access_token).toBeTruthy();
    await expectOAuthError(client.authorizationCodeGrant(config, new URL(callback), checks), 'invalid_grant');

    // An unregistered redirect_uri: an error page, not a redirect to the unknown address.
    const bad = client.buildAuthorizationUrl(config, { redirect_uri: 'https://evil.example.test/cb', scope: 'openid', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const page = await browser.request(bad.href);
    expect(page.status).toBe(400);
    expect(page.location).toBeNull();
    expect(page.body).toContain('error: invalid_redirect_uri');
    expect(page.body).toContain("redirect_uri did not match any of the client&#39;s registered redirect_uris");
  });

  it('client_secret_basic, HS256 id_tokens signed with the application secret, and a public client with PKCE', async () => {
    const hs = await registerApp(w, 'Blog', { idTokenAlg: 'HS256', tokenEndpointAuthMethod: 'client_secret_basic' });
    const hsConfig = await discover(w, hs, client.ClientSecretBasic(hs.secret), 'HS256');
    const browser = new CookieBrowser(w.fetch);
    const req = await authRequest(hsConfig);
    const { callback } = await signInWithWechat(w, browser, req.url, w.personas.chen);
    const tokens = await client.authorizationCodeGrant(hsConfig, new URL(callback), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    expect(decodeProtectedHeader(tokens.id_token!).alg).toBe('HS256');
    const { payload } = await jwtVerify(tokens.id_token!, new TextEncoder().encode(hs.secret), { issuer: w.issuer, audience: hs.id });
    const chen = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users.find((u) => u.username === 'chen')!;
    expect(payload.sub).toBe(chen.id);
    expect(payload.openid).toBe(chen.identities[0]!.openId);
    await expect(jwtVerify(tokens.id_token!, new TextEncoder().encode('another-secret-of-the-same-size!'))).rejects.toThrow();

    // Public client: no secret at the token endpoint, PKCE required. The browser is signed in to the pool
    // already (single sign-on): the code comes back without the hosted page.
    const spa = await registerApp(w, 'SPA', { idTokenAlg: 'RS256', tokenEndpointAuthMethod: 'none' });
    const spaConfig = await client.discovery(new URL(w.issuer), spa.id, { id_token_signed_response_alg: 'RS256' }, client.None(), { [client.customFetch]: w.fetch as client.CustomFetch });
    const noPkce = client.buildAuthorizationUrl(spaConfig, { redirect_uri: REDIRECT_URI, scope: 'openid' });
    const refused = await browser.follow(noPkce.href, (next) => next.startsWith(REDIRECT_URI));
    expect(refused.at(-1)!.location).toMatch(/error=invalid_request/);
    const spaReq = await authRequest(spaConfig);
    const sso = await browser.follow(spaReq.url.href, (next) => next.startsWith(REDIRECT_URI));
    expect(sso.some((h) => h.url.includes('/login/'))).toBe(false);
    const spaTokens = await client.authorizationCodeGrant(spaConfig, new URL(sso.at(-1)!.location!), { pkceCodeVerifier: spaReq.verifier, expectedState: spaReq.state, expectedNonce: spaReq.nonce });
    expect(spaTokens.claims()?.sub).toBe(chen.id);
  });

  it('implicit and hybrid response types return tokens in the fragment', async () => {
    const browser = new CookieBrowser(w.fetch);
    const req = await authRequest(config);
    await signInWithWechat(w, browser, req.url, wang.id);
    for (const responseType of ['id_token token', 'code id_token']) {
      // The application requires PKCE: a response type with a code carries a challenge.
      const pkce: Record<string, string> = responseType.includes('code') ? { code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256' } : {};
      const url = client.buildAuthorizationUrl(config, { redirect_uri: REDIRECT_URI, scope: 'openid unionid', response_type: responseType, nonce: 'n-' + responseType.length, state: 's1', ...pkce });
      const hops = await browser.follow(url.href, (next) => next.startsWith(REDIRECT_URI));
      const fragment = new URLSearchParams(new URL(hops.at(-1)!.location!).hash.slice(1));
      expect(fragment.get('error'), hops.at(-1)!.location!).toBeNull();
      expect(fragment.get('state')).toBe('s1');
      const { payload } = await jwtVerify(fragment.get('id_token')!, createLocalJWKSet(await jwks(w)), { issuer: w.issuer, audience: app.id });
      expect(payload.sub).toBe(wang.userId);
      expect(payload.nonce).toBe('n-' + responseType.length);
      if (responseType.split(' ').includes('token')) expect(fragment.get('access_token'), hops.at(-1)!.location!).toBeTruthy();
      if (responseType.includes('code')) expect(fragment.get('code'), hops.at(-1)!.location!).toBeTruthy();
    }
  });

  it('the inspector sees authorize, token and userinfo with decoded tokens, and no secret, code or token in the clear', async () => {
    const browser = new CookieBrowser(w.fetch);
    const req = await authRequest(config, { scope: 'openid profile unionid offline_access', prompt: 'consent' });
    const { callback } = await signInWithWechat(w, browser, req.url, wang.id);
    const code = new URL(callback).searchParams.get('code')!;
    const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: req.verifier, expectedState: req.state, expectedNonce: req.nonce });
    await client.fetchUserInfo(config, tokens.access_token, wang.userId);
    const entries = (await w.api<{ entries: JournalEntry[] }>('GET', '/api/journal?kind=oidc&limit=200')).body.entries;
    const summaries = entries.map((e) => e.summary ?? '');
    expect(summaries.some((s) => s.startsWith('OIDC authorize · Shop → redirect to') && s.includes('/login/'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('OIDC login finished · Shop: wang'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('OIDC token (authorization_code) · Shop → 200'))).toBe(true);
    expect(summaries.some((s) => s.startsWith('OIDC userinfo · Shop → 200'))).toBe(true);
    // The studio reads the same summaries as sentences: the endpoint's phrase and the outcome translated, names as data.
    const authorize = entries.find((e) => e.summary?.startsWith('OIDC authorize · Shop → redirect to'))!;
    expect(authorize.summarySaid).toMatchObject({ code: 'oidc.exchangeOfClient', values: { endpoint: { code: 'oidc.endpoint.authorization' }, client: 'Shop', outcome: { code: 'oidc.redirectTo' } } });
    expect(entries.find((e) => e.summary?.startsWith('OIDC login finished'))!.summarySaid).toMatchObject({ code: 'oidc.loginFinished', values: { app: 'Shop', username: 'wang' } });
    const token = entries.find((e) => e.summary?.startsWith('OIDC token (authorization_code)') && e.tokens?.some((t) => t.claims.nonce === req.nonce))!;
    expect(token.summarySaid).toMatchObject({ code: 'oidc.exchangeOfClient', values: { endpoint: { code: 'oidc.withGrant', values: { endpoint: 'token', grantType: 'authorization_code' } }, outcome: '200' } });
    expect(token.tokens!.find((t) => t.where === 'response.id_token')!.claims).toMatchObject({ sub: wang.userId, openid: wang.openId });
    const all = JSON.stringify(await w.api('GET', '/api/journal?limit=1000'));
    for (const secret of [app.secret, code, tokens.access_token, tokens.refresh_token!, tokens.id_token!, req.verifier]) {
      expect(all.includes(secret), `journal must not contain ${secret.slice(0, 6)}…`).toBe(false);
    }
  });
});
