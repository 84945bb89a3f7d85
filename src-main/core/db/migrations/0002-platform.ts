import type { Migration } from '../migrate';

/**
 * The mock WeChat platform's state: accounts and their credentials, access tokens, QR tickets, personas
 * (WeChat users) with their per-account OpenIDs, follows and their history, the phone's chat and screen,
 * and customer-service windows. Live tokens and tickets are rows, so they survive a restart.
 */
export const m0002Platform: Migration = {
  version: 2,
  name: 'platform: accounts, tokens, tickets, personas, follows, phone',
  sql: `
      CREATE TABLE wx_accounts (
        app_id TEXT PRIMARY KEY,
        original_id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('service', 'subscription')),
        verified INTEGER NOT NULL,
        app_secret TEXT NOT NULL,
        ip_whitelist TEXT NOT NULL DEFAULT '[]',
        permissions TEXT NOT NULL,
        server_url TEXT NOT NULL DEFAULT '',
        server_token TEXT NOT NULL DEFAULT '',
        server_aes_key TEXT NOT NULL DEFAULT '',
        server_mode TEXT NOT NULL DEFAULT 'plaintext',
        server_enabled INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE wx_tokens (
        token TEXT PRIMARY KEY,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('token', 'stable')),
        issued_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        superseded_at INTEGER,
        invalidated_at INTEGER
      );
      CREATE INDEX wx_tokens_app ON wx_tokens(app_id, kind, issued_at);
      CREATE TABLE wx_tickets (
        ticket TEXT PRIMARY KEY,
        url_id TEXT NOT NULL UNIQUE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        scene TEXT NOT NULL,
        permanent INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER,
        scan_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX wx_tickets_app ON wx_tickets(app_id, created_at);
      CREATE TABLE wx_personas (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        union_id TEXT UNIQUE,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE wx_openids (
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        open_id TEXT NOT NULL UNIQUE,
        PRIMARY KEY (persona_id, app_id)
      );
      CREATE TABLE wx_follows (
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        following INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        subscribe_time INTEGER,
        subscribe_scene TEXT NOT NULL DEFAULT '',
        qr_scene INTEGER NOT NULL DEFAULT 0,
        qr_scene_str TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (persona_id, app_id)
      );
      CREATE INDEX wx_follows_app ON wx_follows(app_id, following, seq);
      CREATE TABLE wx_follow_history (
        id INTEGER PRIMARY KEY,
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        action TEXT NOT NULL CHECK (action IN ('subscribe', 'unsubscribe')),
        at INTEGER NOT NULL,
        scene TEXT,
        ticket TEXT
      );
      CREATE INDEX wx_follow_history_pair ON wx_follow_history(persona_id, app_id, id);
      CREATE TABLE wx_chat (
        id INTEGER PRIMARY KEY,
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        sender TEXT NOT NULL CHECK (sender IN ('user', 'account', 'system')),
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX wx_chat_pair ON wx_chat(persona_id, app_id, id);
      CREATE TABLE wx_phone (
        persona_id TEXT PRIMARY KEY REFERENCES wx_personas(id) ON DELETE CASCADE,
        screen TEXT NOT NULL,
        scanned_app_id TEXT,
        scanned_ticket TEXT,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE wx_cs_windows (
        persona_id TEXT NOT NULL REFERENCES wx_personas(id) ON DELETE CASCADE,
        app_id TEXT NOT NULL REFERENCES wx_accounts(app_id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        remaining INTEGER NOT NULL,
        PRIMARY KEY (persona_id, app_id)
      );
    `,
};
