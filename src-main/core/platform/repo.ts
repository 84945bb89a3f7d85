import type { Database, Statement } from 'better-sqlite3';

/** Rows as stored (snake_case); the domain files turn them into DTOs. */
export interface AccountRow {
  app_id: string;
  original_id: string;
  name: string;
  type: 'service' | 'subscription';
  verified: number;
  app_secret: string;
  ip_whitelist: string;
  permissions: string;
  server_url: string;
  server_token: string;
  server_aes_key: string;
  server_mode: 'plaintext' | 'compatible' | 'safe';
  server_enabled: number;
  created_at: number;
}

export interface TokenRow {
  token: string;
  app_id: string;
  kind: 'token' | 'stable';
  issued_at: number;
  expires_at: number;
  superseded_at: number | null;
  invalidated_at: number | null;
}

export interface TicketRow {
  ticket: string;
  url_id: string;
  app_id: string;
  action: string;
  scene: string;
  permanent: number;
  created_at: number;
  expires_at: number | null;
  scan_count: number;
}

export interface PersonaRow {
  id: string;
  name: string;
  union_id: string | null;
  created_at: number;
}

export interface FollowRow {
  persona_id: string;
  app_id: string;
  following: number;
  seq: number;
  subscribe_time: number | null;
  subscribe_scene: string;
  qr_scene: number;
  qr_scene_str: string;
}

export interface ChatRow {
  id: number;
  persona_id: string;
  app_id: string;
  sender: 'user' | 'account' | 'system';
  kind: string;
  text: string;
  at: number;
}

export interface PhoneRow {
  persona_id: string;
  screen: string;
  scanned_app_id: string | null;
  scanned_ticket: string | null;
  updated_at: number;
}

export interface WindowRow {
  persona_id: string;
  app_id: string;
  expires_at: number;
  remaining: number;
}

/** Every statement the platform runs, prepared once and named for what it does. */
export function createRepo(db: Database) {
  const s = (sql: string): Statement => db.prepare(sql);
  // One transaction function, reused: building a new one per call (db.transaction(fn)) costs ~50 µs, more
  // than the statements it wraps. Nested calls become savepoints.
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    db,
    tx: <T>(fn: () => T): T => inTransaction(fn) as T,

    accountInsert: s(`INSERT INTO wx_accounts (app_id, original_id, name, type, verified, app_secret, ip_whitelist, permissions, created_at)
      VALUES (@app_id, @original_id, @name, @type, @verified, @app_secret, @ip_whitelist, @permissions, @created_at)`),
    accountById: s('SELECT * FROM wx_accounts WHERE app_id = ?'),
    accountByOriginalId: s('SELECT * FROM wx_accounts WHERE original_id = ?'),
    accountsAll: s('SELECT * FROM wx_accounts ORDER BY created_at, app_id'),
    accountUpdateBasics: s(`UPDATE wx_accounts SET name = @name, type = @type, verified = @verified, ip_whitelist = @ip_whitelist,
      permissions = @permissions WHERE app_id = @app_id`),
    accountUpdateSecret: s('UPDATE wx_accounts SET app_secret = ? WHERE app_id = ?'),
    accountUpdateServer: s(`UPDATE wx_accounts SET server_url = @url, server_token = @token, server_aes_key = @encodingAesKey,
      server_mode = @mode, server_enabled = @enabled WHERE app_id = @appId`),
    accountDelete: s('DELETE FROM wx_accounts WHERE app_id = ?'),

    tokenInsert: s(`INSERT INTO wx_tokens (token, app_id, kind, issued_at, expires_at) VALUES (@token, @app_id, @kind, @issued_at, @expires_at)`),
    tokenGet: s('SELECT * FROM wx_tokens WHERE token = ?'),
    /** The newest stable token still within its lifetime and not invalidated. */
    tokenLatestStable: s(`SELECT * FROM wx_tokens WHERE app_id = ? AND kind = 'stable' AND invalidated_at IS NULL AND superseded_at IS NULL
      AND expires_at > ? ORDER BY issued_at DESC, rowid DESC LIMIT 1`),
    /** A new token of the same kind hands over: the previous ones keep working only until `until`. */
    tokenSupersede: s(`UPDATE wx_tokens SET superseded_at = @now, expires_at = MIN(expires_at, @until)
      WHERE app_id = @app_id AND kind = @kind AND superseded_at IS NULL AND invalidated_at IS NULL AND token <> @keep`),
    tokenInvalidateKind: s('UPDATE wx_tokens SET invalidated_at = ? WHERE app_id = ? AND kind = ? AND invalidated_at IS NULL'),
    tokenInvalidateAll: s('UPDATE wx_tokens SET invalidated_at = ? WHERE app_id = ? AND invalidated_at IS NULL'),
    /** Housekeeping: tokens long past use only answer "expired", so keep a day of them and no more. */
    tokenPrune: s('DELETE FROM wx_tokens WHERE expires_at < ?'),

    ticketInsert: s(`INSERT INTO wx_tickets (ticket, url_id, app_id, action, scene, permanent, created_at, expires_at)
      VALUES (@ticket, @url_id, @app_id, @action, @scene, @permanent, @created_at, @expires_at)`),
    ticketGet: s('SELECT * FROM wx_tickets WHERE ticket = ?'),
    ticketByUrlId: s('SELECT * FROM wx_tickets WHERE url_id = ?'),
    ticketsByApp: s('SELECT * FROM wx_tickets WHERE app_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    ticketCountPermanent: s('SELECT COUNT(*) AS n FROM wx_tickets WHERE app_id = ? AND permanent = 1'),
    ticketScanned: s('UPDATE wx_tickets SET scan_count = scan_count + 1 WHERE ticket = ?'),

    personaInsert: s('INSERT INTO wx_personas (id, name, union_id, created_at) VALUES (@id, @name, @union_id, @created_at)'),
    personaGet: s('SELECT * FROM wx_personas WHERE id = ?'),
    personaByUnionId: s('SELECT * FROM wx_personas WHERE union_id = ?'),
    personaDelete: s('DELETE FROM wx_personas WHERE id = ?'),
    personasAll: s('SELECT * FROM wx_personas ORDER BY created_at, rowid'),

    openIdInsert: s('INSERT OR IGNORE INTO wx_openids (persona_id, app_id, open_id) VALUES (?, ?, ?)'),
    openIdGet: s('SELECT open_id FROM wx_openids WHERE persona_id = ? AND app_id = ?'),
    openIdOwner: s('SELECT persona_id, app_id FROM wx_openids WHERE open_id = ?'),
    openIdsAll: s('SELECT * FROM wx_openids'),

    followGet: s('SELECT * FROM wx_follows WHERE persona_id = ? AND app_id = ?'),
    followUpsert: s(`INSERT INTO wx_follows (persona_id, app_id, following, seq, subscribe_time, subscribe_scene, qr_scene, qr_scene_str)
      VALUES (@persona_id, @app_id, @following, @seq, @subscribe_time, @subscribe_scene, @qr_scene, @qr_scene_str)
      ON CONFLICT(persona_id, app_id) DO UPDATE SET following = excluded.following, seq = excluded.seq,
        subscribe_time = COALESCE(excluded.subscribe_time, subscribe_time),
        subscribe_scene = CASE WHEN excluded.following = 1 THEN excluded.subscribe_scene ELSE subscribe_scene END,
        qr_scene = CASE WHEN excluded.following = 1 THEN excluded.qr_scene ELSE qr_scene END,
        qr_scene_str = CASE WHEN excluded.following = 1 THEN excluded.qr_scene_str ELSE qr_scene_str END`),
    followNextSeq: s('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM wx_follows'),
    followsAll: s('SELECT * FROM wx_follows'),
    followersPage: s(`SELECT o.open_id, f.seq FROM wx_follows f JOIN wx_openids o ON o.persona_id = f.persona_id AND o.app_id = f.app_id
      WHERE f.app_id = @app_id AND f.following = 1 AND f.seq > @after ORDER BY f.seq LIMIT @limit`),
    followersCount: s('SELECT COUNT(*) AS n FROM wx_follows WHERE app_id = ? AND following = 1'),
    followersOfApp: s(`SELECT f.*, p.name, p.union_id, o.open_id FROM wx_follows f JOIN wx_personas p ON p.id = f.persona_id
      JOIN wx_openids o ON o.persona_id = f.persona_id AND o.app_id = f.app_id WHERE f.app_id = ? ORDER BY f.seq`),
    historyInsert: s('INSERT INTO wx_follow_history (persona_id, app_id, action, at, scene, ticket) VALUES (?, ?, ?, ?, ?, ?)'),
    historyOf: s('SELECT action, at, scene, ticket FROM wx_follow_history WHERE persona_id = ? AND app_id = ? ORDER BY id'),

    chatInsert: s('INSERT INTO wx_chat (persona_id, app_id, sender, kind, text, at) VALUES (?, ?, ?, ?, ?, ?)'),
    chatOf: s('SELECT * FROM (SELECT * FROM wx_chat WHERE persona_id = ? AND app_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id'),
    chatPairsOf: s('SELECT DISTINCT app_id FROM wx_chat WHERE persona_id = ?'),

    phoneGet: s('SELECT * FROM wx_phone WHERE persona_id = ?'),
    phoneUpsert: s(`INSERT INTO wx_phone (persona_id, screen, scanned_app_id, scanned_ticket, updated_at)
      VALUES (@persona_id, @screen, @scanned_app_id, @scanned_ticket, @updated_at)
      ON CONFLICT(persona_id) DO UPDATE SET screen = excluded.screen, scanned_app_id = excluded.scanned_app_id,
        scanned_ticket = excluded.scanned_ticket, updated_at = excluded.updated_at`),

    windowGet: s('SELECT * FROM wx_cs_windows WHERE persona_id = ? AND app_id = ?'),
    windowUpsert: s(`INSERT INTO wx_cs_windows (persona_id, app_id, expires_at, remaining) VALUES (@persona_id, @app_id, @expires_at, @remaining)
      ON CONFLICT(persona_id, app_id) DO UPDATE SET expires_at = excluded.expires_at, remaining = excluded.remaining`),
    windowUse: s('UPDATE wx_cs_windows SET remaining = remaining - 1 WHERE persona_id = ? AND app_id = ?'),
    windowClose: s('DELETE FROM wx_cs_windows WHERE persona_id = ? AND app_id = ?'),

    resetAll(): void {
      db.exec(`DELETE FROM wx_cs_windows; DELETE FROM wx_phone; DELETE FROM wx_chat; DELETE FROM wx_follow_history;
        DELETE FROM wx_follows; DELETE FROM wx_openids; DELETE FROM wx_tickets; DELETE FROM wx_tokens;
        DELETE FROM wx_personas; DELETE FROM wx_accounts;`);
    },
  };
}

export type Repo = ReturnType<typeof createRepo>;
