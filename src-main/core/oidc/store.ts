import type { Statement } from 'better-sqlite3';
import type { Store } from '../db/store';
import { OIDC_DEFAULTS, type ClientAuthMethod, type IdTokenAlg } from '../../contracts/oidc';

/** Named statements over the OIDC tables (migration 0005) and the few login_apps columns a client owns. */

export interface ClientRow {
  appId: string;
  secret: string | null;
  idTokenAlg: IdTokenAlg;
  authMethod: ClientAuthMethod;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  pkceRequired: number;
  postLogoutRedirectUris: string;
  updatedAt: number;
}

export interface KeyRow {
  kid: string;
  alg: 'RS256';
  privateJwk: string;
  createdAt: number;
  retiredAt: number | null;
}

export interface ModelRow {
  payload: string;
  expiresAt: number | null;
  consumedAt: number | null;
}

const CLIENT_COLS = `app_id AS appId, secret, id_token_alg AS idTokenAlg, auth_method AS authMethod,
  access_token_ttl AS accessTokenTtl, refresh_token_ttl AS refreshTokenTtl, pkce_required AS pkceRequired,
  post_logout_redirect_uris AS postLogoutRedirectUris, updated_at AS updatedAt`;
const KEY_COLS = 'kid, alg, private_jwk AS privateJwk, created_at AS createdAt, retired_at AS retiredAt';

export function defaultClientRow(appId: string, secret: string | null, now: number): ClientRow {
  return {
    appId,
    secret,
    idTokenAlg: OIDC_DEFAULTS.idTokenAlg,
    authMethod: OIDC_DEFAULTS.tokenEndpointAuthMethod,
    accessTokenTtl: OIDC_DEFAULTS.accessTokenTtl,
    refreshTokenTtl: OIDC_DEFAULTS.refreshTokenTtl,
    pkceRequired: OIDC_DEFAULTS.pkceRequired ? 1 : 0,
    postLogoutRedirectUris: '[]',
    updatedAt: now,
  };
}

export const CLIENT_UPSERT = `INSERT INTO oidc_clients (app_id, secret, id_token_alg, auth_method, access_token_ttl, refresh_token_ttl,
  pkce_required, post_logout_redirect_uris, updated_at) VALUES (@appId, @secret, @idTokenAlg, @authMethod, @accessTokenTtl,
  @refreshTokenTtl, @pkceRequired, @postLogoutRedirectUris, @updatedAt)
  ON CONFLICT(app_id) DO UPDATE SET secret = excluded.secret, id_token_alg = excluded.id_token_alg,
  auth_method = excluded.auth_method, access_token_ttl = excluded.access_token_ttl,
  refresh_token_ttl = excluded.refresh_token_ttl, pkce_required = excluded.pkce_required,
  post_logout_redirect_uris = excluded.post_logout_redirect_uris, updated_at = excluded.updated_at`;

/**
 * Writes declare the state topics they change (client settings and secrets change the application the
 * console shows); the provider's own artefacts and keys are not console state.
 */
export function createOidcStore(store: Store) {
  const s = <T = unknown>(sql: string): Statement<unknown[], T> => store.read<T>(sql);
  const w = store.write;
  const q = {
    clientGet: s<ClientRow>(`SELECT ${CLIENT_COLS} FROM oidc_clients WHERE app_id = ?`),
    clientUpsert: w(CLIENT_UPSERT, 'applications'),
    appSetRedirectUris: w('UPDATE login_apps SET redirect_uris = ? WHERE id = ?', 'applications'),
    appSetSecretHash: w('UPDATE login_apps SET secret_hash = ?, secret_hint = ? WHERE id = ?', 'applications'),

    keyAll: s<KeyRow>(`SELECT ${KEY_COLS} FROM oidc_keys ORDER BY retired_at IS NOT NULL, created_at DESC, kid`),
    keyInsert: w('INSERT INTO oidc_keys (kid, alg, private_jwk, created_at, retired_at) VALUES (@kid, @alg, @privateJwk, @createdAt, @retiredAt)'),
    keyRetireActive: w('UPDATE oidc_keys SET retired_at = ? WHERE retired_at IS NULL'),
    keyDelete: w('DELETE FROM oidc_keys WHERE kid = ?'),
    keyPruneRetired: w('DELETE FROM oidc_keys WHERE retired_at IS NOT NULL AND retired_at < ?'),

    modelGet: s<ModelRow>('SELECT payload, expires_at AS expiresAt, consumed_at AS consumedAt FROM oidc_models WHERE model = ? AND id = ?'),
    modelByUid: s<ModelRow>('SELECT payload, expires_at AS expiresAt, consumed_at AS consumedAt FROM oidc_models WHERE model = ? AND uid = ?'),
    modelByUserCode: s<ModelRow>(
      'SELECT payload, expires_at AS expiresAt, consumed_at AS consumedAt FROM oidc_models WHERE model = ? AND user_code = ?',
    ),
    modelUpsert: w(`INSERT INTO oidc_models (model, id, payload, grant_id, user_code, uid, expires_at, consumed_at)
      VALUES (@model, @id, @payload, @grantId, @userCode, @uid, @expiresAt, NULL)
      ON CONFLICT(model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
      user_code = excluded.user_code, uid = excluded.uid, expires_at = excluded.expires_at`),
    modelConsume: w('UPDATE oidc_models SET consumed_at = ? WHERE model = ? AND id = ?'),
    modelDelete: w('DELETE FROM oidc_models WHERE model = ? AND id = ?'),
    modelDeleteByGrant: w('DELETE FROM oidc_models WHERE grant_id = ?'),
    modelPrune: w('DELETE FROM oidc_models WHERE expires_at IS NOT NULL AND expires_at < ?'),

    interactionStart: w('INSERT OR IGNORE INTO oidc_interaction_starts (uid, started_at) VALUES (?, ?)'),
    interactionStartedAt: s<{ at: number }>('SELECT started_at AS at FROM oidc_interaction_starts WHERE uid = ?'),
    interactionStartPrune: w('DELETE FROM oidc_interaction_starts WHERE started_at < ?'),
    qrLoginClaim: w('INSERT OR IGNORE INTO oidc_qr_logins (session_id, interaction_uid, at) VALUES (?, ?, ?)'),
    qrLoginPrune: w('DELETE FROM oidc_qr_logins WHERE at < ?'),
  };
  return { q, tx: store.tx };
}

export type OidcStore = ReturnType<typeof createOidcStore>;
