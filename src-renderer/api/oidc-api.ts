import type { OidcClientPatch, OidcClientSettings, OidcInfo, OidcSecretReset, OidcSigningKey } from './types';
import type { Http } from './http';

const enc = encodeURIComponent;

/** The control routes of the OpenID Connect provider: where it is, each application's client settings, the signing keys. */
export function oidcRoutes(http: Http) {
  return {
    oidcInfo: () => http.request<OidcInfo>('GET', '/api/oidc'),
    getOidcClient: (appId: string) => http.request<OidcClientSettings>('GET', `/api/login/apps/${enc(appId)}/oidc`),
    patchOidcClient: (appId: string, body: OidcClientPatch) => http.request<OidcClientSettings>('PATCH', `/api/login/apps/${enc(appId)}/oidc`, body),
    resetAppSecret: (appId: string) => http.request<OidcSecretReset>('POST', `/api/login/apps/${enc(appId)}/secret`),
    listOidcKeys: () => http.request<{ keys: OidcSigningKey[] }>('GET', '/api/oidc/keys'),
    rotateOidcKey: () => http.request<OidcSigningKey>('POST', '/api/oidc/keys/rotate'),
    removeOidcKey: (kid: string) => http.request<{ ok: true }>('DELETE', `/api/oidc/keys/${enc(kid)}`),
    /** The application the sample website signs in with. */
    setSampleApp: (appId: string) => http.request<OidcInfo>('PUT', '/api/oidc/sample', { appId }),
  };
}

