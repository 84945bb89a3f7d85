import fs from 'node:fs';
import { expect } from 'vitest';
import * as client from 'openid-client';
import type { LoginApplicationCreated, QrSessionView } from '../../../src-main/contracts/api';
import type { OidcClientPatch, OidcClientSettings } from '../../../src-main/contracts/oidc';
import type { RuntimeOptions } from '../../../src-main/core/config';
import { fetchTrusting } from '../../../src-main/core/tls/trusting-fetch';
import { CookieBrowser } from '../../helpers/browser-jar';
import { startWorld, waitFor, type World } from '../login/helpers';

/**
 * An https studio (demo seed) and what a relying party needs: the studio's CA trusted by its fetch (as
 * NODE_EXTRA_CA_CERTS would make it), an application registered as its client, a browser with cookies.
 */

export const REDIRECT_URI = 'https://rp.example.test/callback';
export const POST_LOGOUT_URI = 'https://rp.example.test/';

export interface OidcWorld extends World {
  /** fetch that trusts the studio's CA (and nothing else changed). */
  fetch: typeof fetch;
  issuer: string;
  close(): Promise<void>;
}

export async function startOidcWorld(options: RuntimeOptions = {}): Promise<OidcWorld> {
  const w = await startWorld({ https: true, ...options });
  const trusted = w.rt.authCa ? fetchTrusting(fs.readFileSync(w.rt.authCa, 'utf8')) : null;
  return {
    ...w,
    fetch: trusted?.fetch ?? fetch,
    issuer: `${w.rt.urls.auth}/oidc`,
    async close() {
      await w.stop();
      await trusted?.close();
    },
  };
}

export interface RegisteredApp {
  id: string;
  secret: string;
  settings: OidcClientSettings;
}

/** Creates an application (the website's client) and sets its OIDC settings. */
export async function registerApp(w: OidcWorld, name: string, patch: OidcClientPatch = {}): Promise<RegisteredApp> {
  const created = await w.api<LoginApplicationCreated>('POST', `/api/login/pools/${w.pool.id}/apps`, { name, redirectUris: [REDIRECT_URI] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const res = await w.api<OidcClientSettings>('PATCH', `/api/login/apps/${created.body.id}/oidc`, { postLogoutRedirectUris: [POST_LOGOUT_URI], ...patch });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { id: created.body.id, secret: created.body.secret, settings: res.body };
}

export async function discover(w: OidcWorld, app: { id: string; secret: string }, auth?: client.ClientAuth, alg = 'RS256'): Promise<client.Configuration> {
  return client.discovery(new URL(w.issuer), app.id, { client_secret: app.secret, id_token_signed_response_alg: alg }, auth ?? client.ClientSecretPost(app.secret), {
    [client.customFetch]: w.fetch as client.CustomFetch,
  });
}

export interface AuthRequest {
  url: URL;
  verifier: string;
  state: string;
  nonce: string;
}

export async function authRequest(config: client.Configuration, extra: Record<string, string> = {}): Promise<AuthRequest> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile unionid',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, verifier, state, nonce };
}

async function phone(w: World, personaId: string, action: 'scan' | 'follow', body: unknown): Promise<void> {
  const res = await w.api('POST', `/api/phone/${personaId}/${action}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** What the hosted page does: a QR login session for the application, over the page's own API. */
export async function pageSession(w: OidcWorld, appId: string): Promise<QrSessionView> {
  const res = await w.fetch(`${w.rt.urls.auth}/api/qr/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appId }),
  });
  const body = (await res.json()) as QrSessionView;
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body;
}

export async function sessionStatus(w: OidcWorld, id: string): Promise<QrSessionView> {
  return (await (await w.fetch(`${w.rt.urls.auth}/api/qr/sessions/${id}`)).json()) as QrSessionView;
}

/** The person on the phone scans the page's QR code and, when not yet a follower, follows. */
export async function scanAndFollow(w: OidcWorld, personaId: string, qrUrl: string): Promise<void> {
  await phone(w, personaId, 'scan', { content: qrUrl });
  const following = w.rt.platform.service.listPersonas().find((p) => p.id === personaId)!.accounts.find((a) => a.appId === w.conn.appId)?.following;
  if (!following) await phone(w, personaId, 'follow', { appId: w.conn.appId });
}

/**
 * The whole front channel: /oidc/auth → the hosted login page → scan and follow on the phone → the page
 * finishes the interaction → back at the redirect_uri. Returns the callback URL (with code or error).
 */
export async function signInWithWechat(w: OidcWorld, browser: CookieBrowser, authUrl: URL, personaId: string): Promise<{ callback: string; hops: string[] }> {
  const toPage = await browser.follow(authUrl.href, (next) => new URL(next).pathname.startsWith('/login/') || next.startsWith(REDIRECT_URI));
  const loginUrl = new URL(toPage.at(-1)!.location!);
  expect(loginUrl.pathname, `the provider asks for a login (this browser is not signed in yet): ${loginUrl.href}`).toMatch(/^\/login\//);
  const uid = loginUrl.searchParams.get('interaction');
  expect(uid, 'the provider sends the browser to the hosted login page with the interaction').toBeTruthy();
  const page = await browser.request(loginUrl.href);
  expect(page.status).toBe(200);
  expect(page.body).toContain(`data-interaction="${uid}"`);
  const appId = /data-app-id="([^"]+)"/.exec(page.body)![1]!;
  const session = await pageSession(w, appId);
  await scanAndFollow(w, personaId, session.qrUrl);
  await waitFor(async () => (await sessionStatus(w, session.id)).status === 'AUTHORIZED', 'the QR login session is AUTHORIZED');
  // What the page script does on AUTHORIZED.
  const back = await browser.follow(`${w.rt.urls.auth}/oidc/interaction/${uid}/finish?session=${session.id}`, (next) => next.startsWith(REDIRECT_URI));
  const last = back.at(-1)!;
  expect(last.location, `the flow ends at the redirect_uri: ${JSON.stringify(back.map((h) => [h.status, h.url]))}`).toMatch(/^https:\/\/rp\.example\.test\/callback/);
  return { callback: last.location!, hops: [...toPage, page, ...back].map((h) => h.url) };
}
