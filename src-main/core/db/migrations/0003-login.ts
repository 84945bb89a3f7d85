import type { Migration } from '../migrate';

/**
 * The login server: user pools, "WeChat Official Account Follow" connections, applications, users,
 * identities, logins, QR login sessions, and every event received on the events endpoint (which is also
 * the persistent dedup table: a retry after a restart is still recognised).
 */
export const m0003Login: Migration = {
  version: 3,
  name: 'login: pools, connections, apps, users, identities, sessions, events',
  sql: `
      CREATE TABLE login_pools (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        jwt_secret TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE login_connections (
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        identifier TEXT NOT NULL,
        display_name TEXT NOT NULL,
        app_id TEXT NOT NULL,
        app_secret TEXT NOT NULL,
        token TEXT NOT NULL,
        encoding_aes_key TEXT NOT NULL,
        mode TEXT NOT NULL,
        login_mode TEXT NOT NULL,
        association TEXT NOT NULL,
        qr_expire_seconds INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (pool_id, identifier)
      );
      CREATE TABLE login_apps (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        secret_hint TEXT NOT NULL,
        redirect_uris TEXT NOT NULL,
        qr_expire_seconds INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX login_apps_pool ON login_apps(pool_id, created_at);
      CREATE TABLE login_users (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        username TEXT NOT NULL,
        nickname TEXT,
        union_id TEXT,
        password_hash TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (pool_id, username)
      );
      CREATE INDEX login_users_union ON login_users(pool_id, union_id);
      CREATE TABLE login_identities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES login_users(id) ON DELETE CASCADE,
        connection TEXT NOT NULL,
        app_id TEXT NOT NULL,
        open_id TEXT NOT NULL,
        union_id TEXT,
        created_at INTEGER NOT NULL,
        UNIQUE (pool_id, app_id, open_id)
      );
      CREATE INDEX login_identities_user ON login_identities(user_id);
      CREATE INDEX login_identities_union ON login_identities(pool_id, union_id);
      CREATE TABLE login_logins (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES login_users(id) ON DELETE CASCADE,
        application_id TEXT,
        connection TEXT NOT NULL,
        session_id TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX login_logins_user ON login_logins(user_id, at);
      CREATE TABLE login_sessions (
        id TEXT PRIMARY KEY,
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        application_id TEXT NOT NULL,
        connection TEXT NOT NULL,
        scene TEXT NOT NULL UNIQUE,
        ticket TEXT NOT NULL,
        qr_url TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        user_id TEXT,
        error TEXT,
        needs_binding INTEGER NOT NULL DEFAULT 0,
        open_id TEXT,
        union_id TEXT,
        bind_failures INTEGER NOT NULL DEFAULT 0,
        login_token TEXT
      );
      CREATE INDEX login_sessions_pool ON login_sessions(pool_id, created_at);
      CREATE INDEX login_sessions_status ON login_sessions(status, expires_at);
      CREATE TABLE login_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        pool_id TEXT NOT NULL,
        connection TEXT NOT NULL,
        dedup_key TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        open_id TEXT,
        scene TEXT,
        session_id TEXT,
        outcome TEXT NOT NULL,
        reply TEXT NOT NULL,
        UNIQUE (pool_id, connection, dedup_key)
      );
      CREATE INDEX login_events_at ON login_events(at);
    `,
};
