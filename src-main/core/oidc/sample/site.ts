import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import type { ClientAuthMethod, IdTokenAlg } from '../../../contracts/oidc';
import type { CoreContext } from '../../context';
import { createHttpApp } from '../../http/app';
import { renderSamplePage, type SignedInView } from './page';
import { pickLang, SAMPLE_TEXT, type SampleLang } from './texts';

/**
 * A small website on its own loopback origin that signs its users in with openid-client, exactly as a
 * real website would: discovery, code flow with PKCE, state and nonce, userinfo, refresh, RP-initiated
 * logout. It is the stage's "website": the PC browser shows it, "Sign in with WeChat" leads to the
 * hosted login page. Sessions are in memory (a restart signs the site's visitors out).
 */

export interface SampleBinding {
  appId: string;
  secret: string | null;
  idTokenAlg: IdTokenAlg;
  authMethod: ClientAuthMethod;
}
export type SampleProblem = 'noApplication' | 'noSecret';

export interface SampleDeps {
  core: CoreContext;
  issuer(): string;
  /** The application the site signs in with, with `callback` and `home` registered on it. */
  bind(callback: string, home: string): SampleBinding | SampleProblem;
}

interface Visit {
  lang: SampleLang;
  pending?: { state: string; nonce: string; verifier: string };
  user?: SignedInView & { idToken: string; accessToken: string; refreshToken?: string };
  notice?: string;
  error?: string;
}

const COOKIE = 'sample_sid';
const MAX_VISITS = 500;
const SCOPE = 'openid profile unionid offline_access';

function authFor(b: SampleBinding): client.ClientAuth {
  if (b.authMethod === 'none') return client.None();
  return b.authMethod === 'client_secret_basic' ? client.ClientSecretBasic(b.secret ?? '') : client.ClientSecretPost(b.secret ?? '');
}

/** An OAuth error as its code and description; anything else as its message. */
function describe(err: unknown): string {
  const e = err as { error?: string; error_description?: string; message?: string; cause?: { error?: string; error_description?: string } };
  const error = e.error ?? e.cause?.error;
  const description = e.error_description ?? e.cause?.error_description;
  if (error) return description ? `${error}: ${description}` : error;
  return e.message ?? String(err);
}

export async function startSampleSite(d: SampleDeps): Promise<{ url: string; stop(): Promise<void> }> {
  const app = createHttpApp({ name: 'sample', log: d.core.log });
  const visits = new Map<string, Visit>();
  const configs = new Map<string, Promise<client.Configuration>>();
  let origin = '';

  function configFor(b: SampleBinding): Promise<client.Configuration> {
    const issuer = d.issuer();
    const key = JSON.stringify([issuer, b]);
    let config = configs.get(key);
    if (!config) {
      const insecure = issuer.startsWith('http:');
      config = client.discovery(new URL(issuer), b.appId, { id_token_signed_response_alg: b.idTokenAlg, ...(b.secret ? { client_secret: b.secret } : {}) }, authFor(b), {
        [client.customFetch]: d.core.fetch as client.CustomFetch,
        // The studio's default auth server is plain http on loopback; `--https` makes this unnecessary.
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      });
      configs.clear();
      configs.set(key, config);
      config.catch(() => configs.delete(key));
    }
    return config;
  }

  function visitOf(req: FastifyRequest, reply: FastifyReply): Visit {
    const sid = /(?:^|;\s*)sample_sid=([A-Za-z0-9_-]{22})/.exec(req.headers.cookie ?? '')?.[1];
    let visit = sid ? visits.get(sid) : undefined;
    if (!visit || !sid) {
      const id = randomBytes(16).toString('base64url');
      visit = { lang: 'en' };
      visits.set(id, visit);
      reply.header('set-cookie', `${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`);
      if (visits.size > MAX_VISITS) visits.delete(visits.keys().next().value!);
    }
    return visit;
  }

  function show(req: FastifyRequest, reply: FastifyReply, visit: Visit): FastifyReply {
    const q = req.query as { lang?: string };
    visit.lang = pickLang(q.lang ?? visit.lang, req.headers['accept-language']);
    const nonce = randomBytes(16).toString('base64');
    const html = renderSamplePage({
      lang: visit.lang,
      t: SAMPLE_TEXT[visit.lang],
      nonce,
      signedIn: visit.user ?? null,
      ...(visit.notice ? { notice: visit.notice } : {}),
      ...(visit.error ? { error: visit.error } : {}),
    });
    delete visit.notice;
    delete visit.error;
    return reply
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self' ${new URL(d.issuer()).origin}; base-uri 'none'`)
      .type('text/html; charset=utf-8')
      .send(html);
  }

  const binding = (visit: Visit): SampleBinding | null => {
    const b = d.bind(`${origin}/callback`, `${origin}/`);
    if (typeof b === 'string') {
      visit.error = SAMPLE_TEXT[visit.lang][b];
      return null;
    }
    return b;
  };

  async function signIn(visit: Visit, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, config: client.Configuration) {
    const claims = tokens.claims() ?? visit.user?.claims;
    if (!claims || !tokens.id_token) throw new Error('the token response has no id_token');
    const userinfo = (await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))) as Record<string, unknown>;
    visit.user = {
      name: String(userinfo.name ?? claims.name ?? claims.preferred_username ?? claims.sub),
      sub: String(claims.sub),
      claims: { ...claims },
      header: decodeProtectedHeader(tokens.id_token) as Record<string, unknown>,
      userinfo,
      accessTokenExpiresAt: tokens.expires_in ? d.core.clock.now() + tokens.expires_in * 1000 : null,
      hasRefreshToken: !!tokens.refresh_token,
      idToken: tokens.id_token,
      accessToken: tokens.access_token,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    };
  }

  app.get('/', async (req, reply) => show(req, reply, visitOf(req, reply)));

  app.get('/login', async (req, reply) => {
    const visit = visitOf(req, reply);
    visit.lang = pickLang((req.query as { lang?: string }).lang ?? visit.lang, req.headers['accept-language']);
    const b = binding(visit);
    if (!b) return reply.redirect('/', 303);
    try {
      const config = await configFor(b);
      const verifier = client.randomPKCECodeVerifier();
      visit.pending = { state: client.randomState(), nonce: client.randomNonce(), verifier };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: `${origin}/callback`,
        scope: SCOPE,
        // offline_access (a refresh token) is granted only with prompt=consent (OpenID Connect Core §11).
        prompt: 'consent',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state: visit.pending.state,
        nonce: visit.pending.nonce,
        ui_locales: visit.lang,
      });
      return reply.redirect(url.href, 303);
    } catch (err) {
      visit.error = describe(err);
      return reply.redirect('/', 303);
    }
  });

  app.get('/callback', async (req, reply) => {
    const visit = visitOf(req, reply);
    const pending = visit.pending;
    delete visit.pending;
    const b = pending ? binding(visit) : null;
    if (!pending || !b) return reply.redirect('/', 303);
    try {
      const config = await configFor(b);
      const tokens = await client.authorizationCodeGrant(config, new URL(req.url, origin), {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      await signIn(visit, tokens, config);
    } catch (err) {
      visit.error = describe(err);
    }
    return reply.redirect('/', 303);
  });

  app.post('/refresh', async (req, reply) => {
    const visit = visitOf(req, reply);
    const b = visit.user?.refreshToken ? binding(visit) : null;
    if (!b || !visit.user?.refreshToken) return reply.redirect('/', 303);
    try {
      const config = await configFor(b);
      await signIn(visit, await client.refreshTokenGrant(config, visit.user.refreshToken), config);
      visit.notice = SAMPLE_TEXT[visit.lang].refreshed;
    } catch (err) {
      visit.error = describe(err);
    }
    return reply.redirect('/', 303);
  });

  app.post('/logout', async (req, reply) => {
    const visit = visitOf(req, reply);
    const user = visit.user;
    delete visit.user;
    const b = user ? binding(visit) : null;
    if (!user || !b) return reply.redirect('/', 303);
    try {
      const config = await configFor(b);
      return reply.redirect(client.buildEndSessionUrl(config, { id_token_hint: user.idToken, post_logout_redirect_uri: `${origin}/` }).href, 303);
    } catch (err) {
      visit.error = describe(err);
      return reply.redirect('/', 303);
    }
  });

  await app.listen({ host: d.core.config.host, port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const host = d.core.config.host.includes(':') ? `[${d.core.config.host}]` : d.core.config.host;
  origin = `http://${host}:${port}`;
  return { url: origin, stop: () => app.close() };
}
