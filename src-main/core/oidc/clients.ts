import { createHash } from 'node:crypto';
import type { ClientMetadata, ResponseType } from 'oidc-provider';
import type { LoginApplication } from '../../contracts/api';
import { oidcClientPatchSchema, type OidcClientSettings, type OidcSecretReset } from '../../contracts/oidc';
import type { CoreContext } from '../context';
import { fromZodError } from '../http/errors';
import { maskSecret } from '../journal/redact';
import { defaultClientRow, type ClientRow, type OidcStore } from './store';

/**
 * Applications as OpenID Connect clients: client_id = the application's ID, client_secret = its secret.
 * The settings live beside the application (oidc_clients); its redirect URIs are the application's own.
 */

/** What the OIDC side needs of the login server's applications. */
export interface AppLookup {
  getApp(appId: string): LoginApplication;
}

export const RESPONSE_TYPES: ResponseType[] = ['code', 'id_token', 'id_token token', 'code id_token', 'code token', 'code id_token token'];

export function newAppSecret(ctx: CoreContext): string {
  return ctx.random(24).toString('base64url');
}

export function createClients(ctx: CoreContext, store: OidcStore, apps: AppLookup, issuer: () => string) {
  const { q } = store;

  const findApp = (appId: string): LoginApplication | undefined => {
    try {
      return apps.getApp(appId);
    } catch {
      return undefined;
    }
  };
  const row = (appId: string): ClientRow => q.clientGet.get(appId) ?? defaultClientRow(appId, null, ctx.clock.now());

  function settings(appId: string): OidcClientSettings {
    const app = apps.getApp(appId);
    const r = row(appId);
    return {
      appId,
      poolId: app.poolId,
      clientId: appId,
      issuer: issuer(),
      discoveryUrl: `${issuer()}/.well-known/openid-configuration`,
      redirectUris: app.redirectUris,
      postLogoutRedirectUris: JSON.parse(r.postLogoutRedirectUris) as string[],
      idTokenAlg: r.idTokenAlg,
      tokenEndpointAuthMethod: r.authMethod,
      accessTokenTtl: r.accessTokenTtl,
      refreshTokenTtl: r.refreshTokenTtl,
      pkceRequired: r.pkceRequired === 1,
      hasSecret: r.secret !== null,
      secretMasked: r.secret ? maskSecret(r.secret) : '',
    };
  }

  return {
    row,
    settings,

    /**
     * Run in the transaction that creates an application: its secret is shown once, so this is the only
     * moment it can be kept for client authentication and HS256 id_tokens.
     */
    keepSecret(app: { id: string; secret: string; createdAt: number }): void {
      q.clientUpsert.run(defaultClientRow(app.id, app.secret, app.createdAt));
    },

    /** Validates the whole patch first (422 naming the field), then saves it in one transaction. */
    update(appId: string, patch: unknown): OidcClientSettings {
      apps.getApp(appId);
      const parsed = oidcClientPatchSchema.safeParse(patch ?? {});
      if (!parsed.success) throw fromZodError(parsed.error);
      const p = parsed.data;
      const current = row(appId);
      const next: ClientRow = {
        ...current,
        ...(p.idTokenAlg ? { idTokenAlg: p.idTokenAlg } : {}),
        ...(p.tokenEndpointAuthMethod ? { authMethod: p.tokenEndpointAuthMethod } : {}),
        ...(p.accessTokenTtl !== undefined ? { accessTokenTtl: p.accessTokenTtl } : {}),
        ...(p.refreshTokenTtl !== undefined ? { refreshTokenTtl: p.refreshTokenTtl } : {}),
        ...(p.pkceRequired !== undefined ? { pkceRequired: p.pkceRequired ? 1 : 0 } : {}),
        ...(p.postLogoutRedirectUris ? { postLogoutRedirectUris: JSON.stringify(p.postLogoutRedirectUris) } : {}),
        updatedAt: ctx.clock.now(),
      };
      store.tx(() => {
        if (p.redirectUris) q.appSetRedirectUris.run(JSON.stringify(p.redirectUris), appId);
        q.clientUpsert.run(next);
      });
      return settings(appId);
    },

    /** A new secret, shown once; the old one stops working at once (tokens already issued stay valid). */
    resetSecret(appId: string): OidcSecretReset {
      apps.getApp(appId);
      const secret = newAppSecret(ctx);
      store.tx(() => {
        q.clientUpsert.run({ ...row(appId), secret, updatedAt: ctx.clock.now() });
        q.appSetSecretHash.run(createHash('sha256').update(secret).digest('hex'), maskSecret(secret), appId);
      });
      return { appId, secret, secretMasked: maskSecret(secret) };
    },

    /** oidc-provider's view of the client, or undefined (unknown application, or a secret is needed and none is kept). */
    metadata(clientId: string): ClientMetadata | undefined {
      const app = findApp(clientId);
      if (!app) return undefined;
      const r = row(clientId);
      const needsSecret = r.authMethod !== 'none' || r.idTokenAlg === 'HS256';
      if (needsSecret && !r.secret) return undefined;
      return {
        client_id: app.id,
        ...(r.secret ? { client_secret: r.secret } : {}),
        client_name: app.name,
        application_type: 'web',
        redirect_uris: app.redirectUris,
        post_logout_redirect_uris: JSON.parse(r.postLogoutRedirectUris) as string[],
        grant_types: ['authorization_code', 'implicit', 'refresh_token', 'client_credentials'],
        response_types: app.redirectUris.length ? RESPONSE_TYPES : [],
        token_endpoint_auth_method: r.authMethod,
        id_token_signed_response_alg: r.idTokenAlg,
      };
    },
  };
}

export type Clients = ReturnType<typeof createClients>;
