import { z } from 'zod';

/**
 * An application as an OpenID Connect client: the rules of its settings form and the control API's DTOs.
 * Pure: no Node imports, this file is bundled into the renderer.
 */

export const ID_TOKEN_ALGS = ['RS256', 'HS256'] as const;
export type IdTokenAlg = (typeof ID_TOKEN_ALGS)[number];
export const CLIENT_AUTH_METHODS = ['client_secret_post', 'client_secret_basic', 'none'] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

/** GenAuth's defaults for a new application: 14 days for access and id tokens, 30 days for refresh tokens. */
export const OIDC_DEFAULTS = {
  idTokenAlg: 'HS256' as IdTokenAlg,
  tokenEndpointAuthMethod: 'client_secret_post' as ClientAuthMethod,
  accessTokenTtl: 1_209_600,
  refreshTokenTtl: 2_592_000,
  pkceRequired: false,
};
export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 31_536_000;

export const OIDC_RULES = {
  redirectUri: 'must be an absolute URL: https, or http on a loopback host (127.0.0.1, localhost, [::1])',
  fragment: 'must not contain a fragment (#…)',
  idTokenAlg: 'id_token signing algorithm must be RS256 or HS256',
  authMethod: 'token endpoint authentication must be client_secret_post, client_secret_basic or none',
  ttl: `must be a whole number of seconds from ${TTL_MIN_SECONDS} to ${TTL_MAX_SECONDS}`,
  pkceRequired: 'pkceRequired must be true or false',
  list: 'must be a list of URLs',
} as const;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Why a redirect or post-logout URI cannot be registered, or null when it can (the OAuth 2.0 BCP's rules). */
export function redirectUriProblem(uri: string): string | null {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    return OIDC_RULES.redirectUri;
  }
  if (uri.includes('#')) return OIDC_RULES.fragment;
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && (LOOPBACK_HOSTS.has(u.hostname) || /^127(\.\d{1,3}){3}$/.test(u.hostname))) return null;
  return OIDC_RULES.redirectUri;
}

const uriSchema = z.string({ error: OIDC_RULES.redirectUri }).superRefine((uri, ctx) => {
  const problem = redirectUriProblem(uri);
  if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(uri)} ${problem}` });
});
const uriListSchema = z.array(uriSchema, { error: OIDC_RULES.list }).max(20, { error: 'at most 20 URLs' });
const ttlSchema = (name: string) =>
  z
    .number({ error: `${name} ${OIDC_RULES.ttl}` })
    .int({ error: `${name} ${OIDC_RULES.ttl}` })
    .min(TTL_MIN_SECONDS, { error: `${name} ${OIDC_RULES.ttl}` })
    .max(TTL_MAX_SECONDS, { error: `${name} ${OIDC_RULES.ttl}` });

/** PATCH body of an application's OIDC settings: absent fields keep their value. */
export const oidcClientPatchSchema = z.strictObject(
  {
    redirectUris: uriListSchema.optional(),
    postLogoutRedirectUris: uriListSchema.optional(),
    idTokenAlg: z.enum(ID_TOKEN_ALGS, { error: OIDC_RULES.idTokenAlg }).optional(),
    tokenEndpointAuthMethod: z.enum(CLIENT_AUTH_METHODS, { error: OIDC_RULES.authMethod }).optional(),
    accessTokenTtl: ttlSchema('accessTokenTtl').optional(),
    refreshTokenTtl: ttlSchema('refreshTokenTtl').optional(),
    pkceRequired: z.boolean({ error: OIDC_RULES.pkceRequired }).optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : 'settings must be an object') },
);
export type OidcClientPatch = z.infer<typeof oidcClientPatchSchema>;

/** GET /api/login/apps/{appId}/oidc: what a website needs to sign in with this application. */
export const oidcClientSettingsSchema = z.object({
  appId: z.string(),
  poolId: z.string(),
  /** = appId. */
  clientId: z.string(),
  issuer: z.string(),
  discoveryUrl: z.string(),
  redirectUris: z.array(z.string()),
  postLogoutRedirectUris: z.array(z.string()),
  idTokenAlg: z.enum(ID_TOKEN_ALGS),
  tokenEndpointAuthMethod: z.enum(CLIENT_AUTH_METHODS),
  accessTokenTtl: z.number(),
  refreshTokenTtl: z.number(),
  pkceRequired: z.boolean(),
  /** False for an application made before OIDC existed: reset its secret to use it as a client. */
  hasSecret: z.boolean(),
  secretMasked: z.string(),
});
export type OidcClientSettings = z.infer<typeof oidcClientSettingsSchema>;

/** POST /api/login/apps/{appId}/secret: the new secret, shown once. */
export const oidcSecretResetSchema = z.object({
  appId: z.string(),
  secret: z.string(),
  secretMasked: z.string(),
});
export type OidcSecretReset = z.infer<typeof oidcSecretResetSchema>;

export const oidcSigningKeySchema = z.object({
  kid: z.string(),
  alg: z.literal('RS256'),
  createdAt: z.number(),
  /** When a newer key replaced it; null for the active key. */
  retiredAt: z.number().nullable(),
  active: z.boolean(),
  /** Retired keys stay in the JWKS until removed (or `retention` passes) so tokens they signed still verify. */
  publishedUntil: z.number().nullable(),
});
export type OidcSigningKey = z.infer<typeof oidcSigningKeySchema>;

/** GET /api/oidc/keys */
export const oidcSigningKeysSchema = z.object({ keys: z.array(oidcSigningKeySchema) });

/** GET /api/oidc: where the provider is. */
export const oidcInfoSchema = z.object({
  issuer: z.string(),
  discoveryUrl: z.string(),
  jwksUri: z.string(),
  https: z.boolean(),
  /** Path of the local CA's certificate (PEM) when the auth server serves https. */
  authCa: z.string().nullable(),
  /** The sample website (its own loopback origin) and the application it signs in with. */
  sample: z.object({ url: z.string(), appId: z.string().nullable() }).nullable(),
});
export type OidcInfo = z.infer<typeof oidcInfoSchema>;

/** A token seen in an OIDC exchange, as the inspector shows it: decoded, never the token itself. */
export const decodedTokenSchema = z.object({
  /** Where it was: e.g. "response.id_token", "request.id_token_hint". */
  where: z.string(),
  header: z.record(z.string(), z.unknown()),
  claims: z.record(z.string(), z.unknown()),
});
export type DecodedToken = z.infer<typeof decodedTokenSchema>;
