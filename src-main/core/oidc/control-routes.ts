import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { okSchema } from '../../contracts/api';
import {
  oidcClientPatchSchema,
  oidcClientSettingsSchema,
  oidcInfoSchema,
  oidcSecretResetSchema,
  oidcSigningKeySchema,
  oidcSigningKeysSchema,
  type OidcInfo,
} from '../../contracts/oidc';
import type { RouteRegistry } from '../http/routes';
import type { Clients } from './clients';
import type { Keyring } from './keys';

/** The studio's control routes for the OIDC provider (signing keys) and each application's client settings. */

const appParams = z.object({ appId: z.string().min(1) });
const kidParams = z.object({ kid: z.string().min(1).max(128) });

export interface OidcControl {
  clients: Clients;
  keyring: Keyring;
  info(): OidcInfo;
  /** After the keys changed: the provider is rebuilt with the new keystore. */
  keysChanged(): void;
  chooseSampleApp(appId: string): OidcInfo;
}

export function registerOidcControlRoutes(app: FastifyInstance, routes: RouteRegistry, c: OidcControl): void {
  const tag = 'oidc';
  routes.add(app, { method: 'GET', url: '/api/oidc', tag, summary: 'The OIDC provider: issuer, discovery, JWKS, the local CA (https) and the sample website', response: { 200: oidcInfoSchema }, handler: () => c.info() });
  routes.add(app, {
    method: 'GET',
    url: '/api/login/apps/:appId/oidc',
    tag,
    summary: "An application's OIDC client settings (client ID, issuer, redirect URIs, token settings); the secret is masked",
    params: appParams,
    response: { 200: oidcClientSettingsSchema },
    handler: ({ params }) => c.clients.settings(params.appId),
  });
  routes.add(app, {
    method: 'PATCH',
    url: '/api/login/apps/:appId/oidc',
    tag,
    summary: 'Change OIDC client settings: absent fields keep their value; URIs must be https or loopback http, without fragments',
    params: appParams,
    body: oidcClientPatchSchema,
    response: { 200: oidcClientSettingsSchema },
    handler: ({ params, body }) => c.clients.update(params.appId, body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/apps/:appId/secret',
    tag,
    summary: 'Reset the application secret (= client_secret); the new secret is shown once, here',
    params: appParams,
    response: { 200: oidcSecretResetSchema },
    handler: ({ params }) => c.clients.resetSecret(params.appId),
  });
  routes.add(app, {
    method: 'PUT',
    url: '/api/oidc/sample',
    tag,
    summary: 'Choose the application the sample website signs in with (its callback is registered on it at the next sign-in)',
    body: z.object({ appId: z.string({ error: 'appId is required' }).min(1, { error: 'appId is required' }) }),
    response: { 200: oidcInfoSchema },
    handler: ({ body }) => c.chooseSampleApp(body.appId),
  });
  routes.add(app, { method: 'GET', url: '/api/oidc/keys', tag, summary: 'Signing keys in the JWKS: the active key and retired keys still published', response: { 200: oidcSigningKeysSchema }, handler: () => ({ keys: c.keyring.list() }) });
  routes.add(app, {
    method: 'POST',
    url: '/api/oidc/keys/rotate',
    tag,
    summary: 'Rotate the signing key: a new key signs from now on; the previous one stays in the JWKS for verification',
    status: 201,
    response: { 201: oidcSigningKeySchema },
    handler: async () => {
      const key = await c.keyring.rotate();
      c.keysChanged();
      return key;
    },
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/oidc/keys/:kid',
    tag,
    summary: 'Stop publishing a retired signing key (tokens it signed no longer verify); the active key cannot be removed',
    params: kidParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      c.keyring.remove(params.kid);
      c.keysChanged();
      return { ok: true } as const;
    },
  });
}
