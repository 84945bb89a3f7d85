import type Provider from 'oidc-provider';
import type { Configuration, Interaction, KoaContextWithOIDC, interactionPolicy as Policy } from 'oidc-provider';
import type { CoreContext } from '../context';
import { CLAIMS, createFindAccount, type UserLookup } from './account';
import { createAdapterFactory } from './adapter';
import type { Clients } from './clients';
import type { Keyring } from './keys';
import { errorPage, logoutPage, signedOutPage, type OidcPage } from './pages';
import type { OidcStore } from './store';

/**
 * panva's oidc-provider configured as GenAuth's: Authing's paths under `${auth}/oidc`, the application as
 * the client, the hosted WeChat follow-login page as the only interaction, consent implied for the
 * pool's own applications, RS256 keys from the keyring and HS256 with the application secret.
 */

export const AUTHORIZATION_CODE_TTL = 600;
export const INTERACTION_TTL = 3600;
export const SESSION_TTL = 14 * 86_400;
const AMR = ['wechat-official-account-follow'];

export interface ProviderDeps {
  core: CoreContext;
  store: OidcStore;
  clients: Clients;
  keyring: Keyring;
  users: UserLookup;
  cookieKeys: string[];
  https: boolean;
}

function send(ctx: KoaContextWithOIDC, page: OidcPage): void {
  ctx.type = 'html';
  ctx.set('content-security-policy', page.csp);
  ctx.set('cache-control', 'no-store');
  ctx.body = page.html;
}

/** Where the provider sends the browser when it needs the user: the hosted page, or the implied-consent step. */
export function interactionUrl(interaction: Interaction): string {
  const uid = encodeURIComponent(interaction.uid);
  if (interaction.prompt.name === 'login') {
    return `/login/${encodeURIComponent(String(interaction.params.client_id))}?interaction=${uid}`;
  }
  return `/oidc/interaction/${uid}/consent`;
}

type PolicyModule = typeof Policy;

/** A browser signed in to another pool's user: that session does not count for this client. */
function otherPoolCheck(ip: PolicyModule): Policy.Check {
  return new ip.Check('other_user_pool', 'End-User is signed in to another user pool', 'login_required', (ctx) =>
    ctx.oidc.session?.accountId && !ctx.oidc.account ? ip.Check.REQUEST_PROMPT : ip.Check.NO_NEED_TO_PROMPT,
  );
}

function policy(ip: PolicyModule): Policy.DefaultPolicy {
  const p = ip.base();
  p.get('login')!.checks.add(otherPoolCheck(ip), 0);
  return p;
}

/** The pool's own applications need no consent screen: the grant covers what the client asked for. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client!.clientId;
  const accountId = oidc.session!.accountId!;
  const existingId = oidc.result?.consent?.grantId ?? oidc.session!.grantIdFor(clientId);
  const existing = existingId ? await oidc.provider.Grant.find(existingId) : undefined;
  const grant = existing && existing.accountId === accountId && existing.clientId === clientId ? existing : new oidc.provider.Grant({ clientId, accountId });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  if (oidc.requestParamClaims.size) grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

function configuration(d: ProviderDeps, ip: PolicyModule): Configuration {
  const ttlOf = (clientId: string | undefined, pick: 'accessTokenTtl' | 'refreshTokenTtl'): number =>
    clientId ? d.clients.row(clientId)[pick] : pick === 'accessTokenTtl' ? 3600 : SESSION_TTL;
  // Over https the studio (plain http) frames the auth server: for Chromium that is a cross-site frame, where only
  // SameSite=None cookies are sent and, with third-party cookies blocked, only partitioned ones are kept.
  const cookies = d.https ? { httpOnly: true, sameSite: 'none' as const, secure: true, partitioned: true } : { httpOnly: true, sameSite: 'lax' as const };
  return {
    adapter: createAdapterFactory(d.store, d.core.clock, (id) => d.clients.metadata(id)),
    findAccount: createFindAccount(d.users),
    jwks: d.keyring.jwks(),
    claims: CLAIMS,
    scopes: ['openid', 'offline_access', ...Object.keys(CLAIMS)],
    conformIdTokenClaims: false,
    responseTypes: ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token', 'none'],
    clientAuthMethods: ['client_secret_post', 'client_secret_basic', 'none'],
    enabledJWA: { idTokenSigningAlgValues: ['RS256', 'HS256'] },
    // POST to /auth and /session/end needs cross-site cookies (SameSite=None), which need https.
    enableHttpPostMethods: d.https,
    cookies: { keys: d.cookieKeys, long: cookies, short: cookies },
    routes: { jwks: '/.well-known/jwks.json' },
    features: {
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: { enabled: false },
      userinfo: { enabled: true },
      webMessageResponseMode: { enabled: true, ack: 'individual-draft-01' },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => send(ctx, logoutPage(form)),
        postLogoutSuccessSource: (ctx) => send(ctx, signedOutPage()),
      },
    },
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' || d.clients.row(client.clientId).pkceRequired === 1 },
    ttl: {
      AccessToken: (_ctx, _token, client) => ttlOf(client?.clientId, 'accessTokenTtl'),
      IdToken: (_ctx, _token, client) => ttlOf(client?.clientId, 'accessTokenTtl'),
      RefreshToken: (_ctx, _token, client) => ttlOf(client?.clientId, 'refreshTokenTtl'),
      AuthorizationCode: AUTHORIZATION_CODE_TTL,
      ClientCredentials: 600,
      Interaction: INTERACTION_TTL,
      Session: SESSION_TTL,
      Grant: (_ctx, grant) => Math.max(SESSION_TTL, ttlOf(grant.clientId, 'refreshTokenTtl')),
    },
    interactions: {
      policy: policy(ip),
      url: (_ctx, interaction) => {
        // When the login step began, on the studio's clock: only a QR login made after it may finish it.
        d.store.q.interactionStart.run(interaction.uid, d.core.clock.now());
        return interactionUrl(interaction);
      },
    },
    loadExistingGrant,
    renderError: (ctx, out) => send(ctx, errorPage(String(out.error), out.error_description ? String(out.error_description) : undefined)),
  };
}

/** Loaded when first needed: oidc-provider (with Koa) takes a moment to import, the studio's ready line need not wait. */
export async function buildProvider(issuer: string, d: ProviderDeps): Promise<Provider> {
  const { default: OidcProvider, interactionPolicy } = await import('oidc-provider');
  const provider = new OidcProvider(issuer, configuration(d, interactionPolicy));
  // Local development: web clients using the implicit flow may register http loopback redirect URIs.
  const schema = (provider.Client as unknown as { Schema: { prototype: unknown } }).Schema.prototype as { invalidate(message: string, code?: string): void };
  const invalidate = schema.invalidate;
  schema.invalidate = function (message: string, code?: string) {
    if (code === 'implicit-force-https' || code === 'implicit-forbid-localhost') return;
    invalidate.call(this, message, code);
  };
  provider.on('server_error', (_ctx: unknown, err: Error) => d.core.log.error('oidc: provider error', { error: err.message }));
  return provider;
}

export { AMR };
