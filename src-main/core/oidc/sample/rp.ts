import { decodeProtectedHeader } from 'jose';
import * as client from 'openid-client';
import type { ClientAuthMethod, IdTokenAlg } from '../../../contracts/oidc';
import type { SignedInView } from './page';

/**
 * The sample website's relying-party side, with openid-client as any website would use it: discovery,
 * the code flow with PKCE, state and nonce, userinfo, refresh and RP-initiated logout.
 */

export interface SampleBinding {
  appId: string;
  secret: string | null;
  idTokenAlg: IdTokenAlg;
  authMethod: ClientAuthMethod;
}

export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

export type SignedIn = SignedInView & { idToken: string; accessToken: string; refreshToken?: string };

/** offline_access (a refresh token) is granted only with prompt=consent (OpenID Connect Core §11). */
const SCOPE = 'openid profile unionid offline_access';

function authFor(b: SampleBinding): client.ClientAuth {
  if (b.authMethod === 'none') return client.None();
  return b.authMethod === 'client_secret_basic' ? client.ClientSecretBasic(b.secret ?? '') : client.ClientSecretPost(b.secret ?? '');
}

/** An OAuth error as its code and description; anything else as its message. */
export function describeError(err: unknown): string {
  const e = err as { error?: string; error_description?: string; message?: string; cause?: { error?: string; error_description?: string } };
  const error = e.error ?? e.cause?.error;
  const description = e.error_description ?? e.cause?.error_description;
  if (error) return description ? `${error}: ${description}` : error;
  return e.message ?? String(err);
}

export function createSampleRp(o: { issuer(): string; fetch: typeof globalThis.fetch; now(): number }) {
  let cached: { key: string; config: Promise<client.Configuration> } | null = null;

  /** Discovery once per issuer and client settings; a failed discovery is tried again next time. */
  function configFor(b: SampleBinding): Promise<client.Configuration> {
    const issuer = o.issuer();
    const key = JSON.stringify([issuer, b]);
    if (cached?.key === key) return cached.config;
    const config = client.discovery(new URL(issuer), b.appId, { id_token_signed_response_alg: b.idTokenAlg, ...(b.secret ? { client_secret: b.secret } : {}) }, authFor(b), {
      [client.customFetch]: o.fetch as client.CustomFetch,
      // The studio's default auth server is plain http on loopback; `--https` makes this unnecessary.
      ...(issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : {}),
    });
    cached = { key, config };
    config.catch(() => {
      if (cached?.config === config) cached = null;
    });
    return config;
  }

  async function signedIn(config: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers, before?: SignedIn): Promise<SignedIn> {
    const claims = tokens.claims() ?? before?.claims;
    const idToken = tokens.id_token ?? before?.idToken;
    if (!claims || !idToken) throw new Error('the token response has no id_token');
    const userinfo = (await client.fetchUserInfo(config, tokens.access_token, String(claims.sub))) as Record<string, unknown>;
    return {
      name: String(userinfo.name ?? claims.name ?? claims.preferred_username ?? claims.sub),
      sub: String(claims.sub),
      claims: { ...claims },
      header: decodeProtectedHeader(idToken) as Record<string, unknown>,
      userinfo,
      accessTokenExpiresAt: tokens.expires_in ? o.now() + tokens.expires_in * 1000 : null,
      hasRefreshToken: !!tokens.refresh_token,
      idToken,
      accessToken: tokens.access_token,
      ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    };
  }

  return {
    async authorizationUrl(b: SampleBinding, redirectUri: string, lang: string): Promise<{ url: string; pending: PendingLogin }> {
      const config = await configFor(b);
      const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        prompt: 'consent',
        code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        ui_locales: lang,
      });
      return { url: url.href, pending };
    },
    async callback(b: SampleBinding, currentUrl: URL, pending: PendingLogin): Promise<SignedIn> {
      const config = await configFor(b);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      return signedIn(config, tokens);
    },
    async refresh(b: SampleBinding, user: SignedIn & { refreshToken: string }): Promise<SignedIn> {
      const config = await configFor(b);
      return signedIn(config, await client.refreshTokenGrant(config, user.refreshToken), user);
    },
    async endSessionUrl(b: SampleBinding, user: SignedIn, postLogoutRedirectUri: string): Promise<string> {
      const config = await configFor(b);
      return client.buildEndSessionUrl(config, { id_token_hint: user.idToken, post_logout_redirect_uri: postLogoutRedirectUri }).href;
    },
  };
}
