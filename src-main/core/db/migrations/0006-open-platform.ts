import type { Migration } from '../migrate';

/**
 * WeChat's Open Platform, both sides. The mock's half (wx_*): third-party platforms ("components"), the
 * verify tickets, component tokens and pre-auth codes they were given, the authorization page's QR sessions,
 * account administrators, authorizations with their codes and authorizer tokens. The login server's half
 * (login_component*): a pool's own third-party platform configuration with the latest verify ticket, and per
 * identity source connected by authorization, the authorizer it is connected to and its tokens.
 */
export const m0006OpenPlatform: Migration = {
  version: 6,
  name: 'open platform: components, tickets, authorizations; login server as a component',
  sql: `
      CREATE TABLE wx_components (
        component_app_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        app_secret TEXT NOT NULL,
        auth_event_url TEXT NOT NULL,
        message_url TEXT NOT NULL,
        token TEXT NOT NULL,
        aes_key TEXT NOT NULL,
        initiation_domain TEXT NOT NULL DEFAULT '',
        ip_whitelist TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE wx_component_tickets (
        ticket TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL REFERENCES wx_components(component_app_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX wx_component_tickets_c ON wx_component_tickets(component_app_id, created_at);
      CREATE TABLE wx_component_tokens (
        token TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL REFERENCES wx_components(component_app_id) ON DELETE CASCADE,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE wx_preauth_codes (
        code TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL REFERENCES wx_components(component_app_id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        used_for TEXT
      );
      CREATE TABLE wx_auth_sessions (
        uuid TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL REFERENCES wx_components(component_app_id) ON DELETE CASCADE,
        pre_auth_code TEXT NOT NULL,
        redirect_uri TEXT NOT NULL,
        auth_type TEXT NOT NULL DEFAULT '',
        biz_appid TEXT NOT NULL DEFAULT '',
        category_ids TEXT NOT NULL DEFAULT '[]',
        form TEXT NOT NULL CHECK (form IN ('pc', 'h5')),
        status TEXT NOT NULL CHECK (status IN ('waiting', 'scanned', 'confirmed')),
        persona_id TEXT REFERENCES wx_personas(id) ON DELETE SET NULL,
        redirect TEXT,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX wx_auth_sessions_persona ON wx_auth_sessions(persona_id, updated_at);
      CREATE TABLE wx_account_admins (
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        PRIMARY KEY (app_id, persona_id)
      );
      CREATE TABLE wx_authorizations (
        component_app_id TEXT NOT NULL REFERENCES wx_components(component_app_id) ON DELETE CASCADE,
        authorizer_app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        func_ids TEXT NOT NULL,
        refresh_token TEXT NOT NULL,
        active INTEGER NOT NULL,
        auth_time INTEGER NOT NULL,
        revoked_at INTEGER,
        options TEXT NOT NULL DEFAULT '{}',
        PRIMARY KEY (component_app_id, authorizer_app_id)
      );
      CREATE INDEX wx_authorizations_account ON wx_authorizations(authorizer_app_id, active);
      CREATE TABLE wx_auth_codes (
        code TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL,
        authorizer_app_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at INTEGER,
        revoked_at INTEGER,
        FOREIGN KEY (component_app_id, authorizer_app_id)
          REFERENCES wx_authorizations(component_app_id, authorizer_app_id) ON DELETE CASCADE
      );
      CREATE TABLE wx_authorizer_tokens (
        token TEXT PRIMARY KEY,
        component_app_id TEXT NOT NULL,
        authorizer_app_id TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        invalidated_at INTEGER,
        FOREIGN KEY (component_app_id, authorizer_app_id)
          REFERENCES wx_authorizations(component_app_id, authorizer_app_id) ON DELETE CASCADE
      );
      CREATE INDEX wx_authorizer_tokens_pair ON wx_authorizer_tokens(component_app_id, authorizer_app_id);

      CREATE TABLE login_components (
        pool_id TEXT PRIMARY KEY REFERENCES login_pools(id) ON DELETE CASCADE,
        component_app_id TEXT NOT NULL,
        component_app_secret TEXT NOT NULL,
        token TEXT NOT NULL,
        aes_key TEXT NOT NULL,
        verify_ticket TEXT,
        ticket_at INTEGER,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE login_component_links (
        pool_id TEXT NOT NULL REFERENCES login_pools(id) ON DELETE CASCADE,
        identifier TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('not_connected', 'connected')),
        authorizer_app_id TEXT NOT NULL DEFAULT '',
        refresh_token TEXT NOT NULL DEFAULT '',
        access_token TEXT NOT NULL DEFAULT '',
        access_expires_at INTEGER NOT NULL DEFAULT 0,
        func_ids TEXT NOT NULL DEFAULT '[]',
        info TEXT NOT NULL DEFAULT '{}',
        last_auth_code TEXT NOT NULL DEFAULT '',
        pending_state TEXT NOT NULL DEFAULT '',
        pending_pre_auth_code TEXT NOT NULL DEFAULT '',
        pending_expires_at INTEGER NOT NULL DEFAULT 0,
        note TEXT NOT NULL DEFAULT '',
        connected_at INTEGER,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (pool_id, identifier),
        FOREIGN KEY (pool_id, identifier) REFERENCES login_connections(pool_id, identifier) ON DELETE CASCADE
      );
      CREATE INDEX login_component_links_authorizer ON login_component_links(authorizer_app_id, status);
    `,
};
