import type { Migration } from '../migrate';

/**
 * The OpenID Connect provider on the login server: each application's client settings and secret, the
 * provider's signing keys, its stored artefacts (sessions, interactions, grants, codes, tokens) so a
 * restart does not break a login half done, when each login step began and which QR login finished it, and the
 * one-time tickets of the Guard-compatible QR API.
 */
export const m0005Oidc: Migration = {
  version: 5,
  name: 'oidc: clients, signing keys, provider artefacts, QR tickets',
  sql: `
      CREATE TABLE oidc_clients (
        app_id TEXT PRIMARY KEY REFERENCES login_apps(id) ON DELETE CASCADE,
        secret TEXT,
        id_token_alg TEXT NOT NULL,
        auth_method TEXT NOT NULL,
        access_token_ttl INTEGER NOT NULL,
        refresh_token_ttl INTEGER NOT NULL,
        pkce_required INTEGER NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE oidc_keys (
        kid TEXT PRIMARY KEY,
        alg TEXT NOT NULL,
        private_jwk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER
      );
      CREATE TABLE oidc_models (
        model TEXT NOT NULL,
        id TEXT NOT NULL,
        payload TEXT NOT NULL,
        grant_id TEXT,
        user_code TEXT,
        uid TEXT,
        expires_at INTEGER,
        consumed_at INTEGER,
        PRIMARY KEY (model, id)
      );
      CREATE INDEX oidc_models_grant ON oidc_models(grant_id);
      CREATE INDEX oidc_models_uid ON oidc_models(model, uid);
      CREATE INDEX oidc_models_user_code ON oidc_models(model, user_code);
      CREATE INDEX oidc_models_expires ON oidc_models(expires_at);
      CREATE TABLE oidc_interaction_starts (
        uid TEXT PRIMARY KEY,
        started_at INTEGER NOT NULL
      );
      CREATE TABLE oidc_qr_logins (
        session_id TEXT PRIMARY KEY,
        interaction_uid TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE guard_qr_tickets (
        ticket TEXT PRIMARY KEY,
        session_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER
      );
    `,
};
