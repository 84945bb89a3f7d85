import type { Statement } from 'better-sqlite3';
import type { PhoneMessage } from '../../contracts/wechat-api';
import type { Store, Write } from '../db/store';

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

/** A follow with its persona's name and UnionID and the OpenID, as the studio lists an account's followers. */
export interface FollowerRow extends FollowRow {
  name: string;
  union_id: string | null;
  open_id: string;
}

export interface HistoryRow {
  action: string;
  at: number;
  scene: string | null;
  ticket: string | null;
}

interface Count {
  n: number;
}

export interface ChatRow {
  id: number;
  persona_id: string;
  app_id: string;
  sender: 'user' | 'account' | 'system';
  kind: NonNullable<PhoneMessage['kind']>;
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

type Read = <T = unknown>(sql: string) => Statement<unknown[], T>;
type WriteOf = (sql: string, ...topics: Parameters<Store['write']>[1][]) => Write;

function accountStatements(s: Read, w: WriteOf) {
  return {

    accountInsert: w(`INSERT INTO wx_accounts (app_id, original_id, name, type, verified, app_secret, ip_whitelist, permissions, created_at)
      VALUES (@app_id, @original_id, @name, @type, @verified, @app_secret, @ip_whitelist, @permissions, @created_at)`, 'accounts', 'personas'),
    accountById: s<AccountRow>('SELECT * FROM wx_accounts WHERE app_id = ?'),
    accountByOriginalId: s<AccountRow>('SELECT * FROM wx_accounts WHERE original_id = ?'),
    accountsAll: s<AccountRow>('SELECT * FROM wx_accounts ORDER BY created_at, app_id'),
    accountUpdateBasics: w(`UPDATE wx_accounts SET name = @name, type = @type, verified = @verified, ip_whitelist = @ip_whitelist,
      permissions = @permissions WHERE app_id = @app_id`, 'accounts'),
    accountUpdateSecret: w('UPDATE wx_accounts SET app_secret = ? WHERE app_id = ?', 'accounts'),
    accountUpdateServer: w(`UPDATE wx_accounts SET server_url = @url, server_token = @token, server_aes_key = @encodingAesKey,
      server_mode = @mode, server_enabled = @enabled WHERE app_id = @appId`, 'accounts'),
    accountDelete: w('DELETE FROM wx_accounts WHERE app_id = ?', 'accounts', 'personas', 'followers', 'tickets'),
  };
}

function tokenStatements(s: Read, w: WriteOf) {
  return {
    tokenInsert: w(`INSERT INTO wx_tokens (token, app_id, kind, issued_at, expires_at) VALUES (@token, @app_id, @kind, @issued_at, @expires_at)`),
    tokenGet: s<TokenRow>('SELECT * FROM wx_tokens WHERE token = ?'),
    /** The newest stable token still within its lifetime and not invalidated. */
    tokenLatestStable: s<TokenRow>(`SELECT * FROM wx_tokens WHERE app_id = ? AND kind = 'stable' AND invalidated_at IS NULL AND superseded_at IS NULL
      AND expires_at > ? ORDER BY issued_at DESC, rowid DESC LIMIT 1`),
    /** A new token of the same kind hands over: the previous ones keep working only until `until`. */
    tokenSupersede: w(`UPDATE wx_tokens SET superseded_at = @now, expires_at = MIN(expires_at, @until)
      WHERE app_id = @app_id AND kind = @kind AND superseded_at IS NULL AND invalidated_at IS NULL AND token <> @keep`),
    tokenInvalidateKind: w('UPDATE wx_tokens SET invalidated_at = ? WHERE app_id = ? AND kind = ? AND invalidated_at IS NULL'),
    tokenInvalidateAll: w('UPDATE wx_tokens SET invalidated_at = ? WHERE app_id = ? AND invalidated_at IS NULL'),
    /** Housekeeping: tokens long past use only answer "expired", so keep a day of them and no more. */
    tokenPrune: w('DELETE FROM wx_tokens WHERE expires_at < ?'),
  };
}

function ticketStatements(s: Read, w: WriteOf) {
  return {
    ticketInsert: w(`INSERT INTO wx_tickets (ticket, url_id, app_id, action, scene, permanent, created_at, expires_at)
      VALUES (@ticket, @url_id, @app_id, @action, @scene, @permanent, @created_at, @expires_at)`, 'tickets'),
    ticketGet: s<TicketRow>('SELECT * FROM wx_tickets WHERE ticket = ?'),
    ticketByUrlId: s<TicketRow>('SELECT * FROM wx_tickets WHERE url_id = ?'),
    ticketsByApp: s<TicketRow>('SELECT * FROM wx_tickets WHERE app_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    ticketCountPermanent: s<Count>('SELECT COUNT(*) AS n FROM wx_tickets WHERE app_id = ? AND permanent = 1'),
    ticketScanned: w('UPDATE wx_tickets SET scan_count = scan_count + 1 WHERE ticket = ?', 'tickets'),
  };
}

function personaStatements(s: Read, w: WriteOf) {
  return {
    personaInsert: w('INSERT INTO wx_personas (id, name, union_id, created_at) VALUES (@id, @name, @union_id, @created_at)', 'personas'),
    personaGet: s<PersonaRow>('SELECT * FROM wx_personas WHERE id = ?'),
    personaByUnionId: s<PersonaRow>('SELECT * FROM wx_personas WHERE union_id = ?'),
    personaDelete: w('DELETE FROM wx_personas WHERE id = ?', 'personas', 'followers'),
    personasAll: s<PersonaRow>('SELECT * FROM wx_personas ORDER BY created_at, rowid'),
  };
}

function openStatements(s: Read, w: WriteOf) {
  return {
    openIdInsert: w('INSERT OR IGNORE INTO wx_openids (persona_id, app_id, open_id) VALUES (?, ?, ?)', 'personas'),
    openIdGet: s<{ open_id: string }>('SELECT open_id FROM wx_openids WHERE persona_id = ? AND app_id = ?'),
    openIdOwner: s<{ persona_id: string; app_id: string }>('SELECT persona_id, app_id FROM wx_openids WHERE open_id = ?'),
  };
}

function followStatements(s: Read, w: WriteOf) {
  return {
    followGet: s<FollowRow>('SELECT * FROM wx_follows WHERE persona_id = ? AND app_id = ?'),
    followUpsert: w(`INSERT INTO wx_follows (persona_id, app_id, following, seq, subscribe_time, subscribe_scene, qr_scene, qr_scene_str)
      VALUES (@persona_id, @app_id, @following, @seq, @subscribe_time, @subscribe_scene, @qr_scene, @qr_scene_str)
      ON CONFLICT(persona_id, app_id) DO UPDATE SET following = excluded.following, seq = excluded.seq,
        subscribe_time = COALESCE(excluded.subscribe_time, subscribe_time),
        subscribe_scene = CASE WHEN excluded.following = 1 THEN excluded.subscribe_scene ELSE subscribe_scene END,
        qr_scene = CASE WHEN excluded.following = 1 THEN excluded.qr_scene ELSE qr_scene END,
        qr_scene_str = CASE WHEN excluded.following = 1 THEN excluded.qr_scene_str ELSE qr_scene_str END`, 'followers', 'personas'),
    followNextSeq: s<Count>('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM wx_follows'),
    followersPage: s<{ open_id: string; seq: number }>(`SELECT o.open_id, f.seq FROM wx_follows f JOIN wx_openids o ON o.persona_id = f.persona_id AND o.app_id = f.app_id
      WHERE f.app_id = @app_id AND f.following = 1 AND f.seq > @after ORDER BY f.seq LIMIT @limit`),
    followersCount: s<Count>('SELECT COUNT(*) AS n FROM wx_follows WHERE app_id = ? AND following = 1'),
    followersOfApp: s<FollowerRow>(`SELECT f.*, p.name, p.union_id, o.open_id FROM wx_follows f JOIN wx_personas p ON p.id = f.persona_id
      JOIN wx_openids o ON o.persona_id = f.persona_id AND o.app_id = f.app_id WHERE f.app_id = ? ORDER BY f.seq`),
    historyInsert: w('INSERT INTO wx_follow_history (persona_id, app_id, action, at, scene, ticket) VALUES (?, ?, ?, ?, ?, ?)', 'followers'),
    historyOf: s<HistoryRow>('SELECT action, at, scene, ticket FROM wx_follow_history WHERE persona_id = ? AND app_id = ? ORDER BY id'),
  };
}

function chatStatements(s: Read, w: WriteOf) {
  return {
    chatInsert: w('INSERT INTO wx_chat (persona_id, app_id, sender, kind, text, at) VALUES (?, ?, ?, ?, ?, ?)'),
    chatOf: s<ChatRow>('SELECT * FROM (SELECT * FROM wx_chat WHERE persona_id = ? AND app_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id'),
  };
}

function phoneStatements(s: Read, w: WriteOf) {
  return {
    phoneGet: s<PhoneRow>('SELECT * FROM wx_phone WHERE persona_id = ?'),
    phoneUpsert: w(`INSERT INTO wx_phone (persona_id, screen, scanned_app_id, scanned_ticket, updated_at)
      VALUES (@persona_id, @screen, @scanned_app_id, @scanned_ticket, @updated_at)
      ON CONFLICT(persona_id) DO UPDATE SET screen = excluded.screen, scanned_app_id = excluded.scanned_app_id,
        scanned_ticket = excluded.scanned_ticket, updated_at = excluded.updated_at`),
  };
}

function windowStatements(s: Read, w: WriteOf) {
  return {
    windowGet: s<WindowRow>('SELECT * FROM wx_cs_windows WHERE persona_id = ? AND app_id = ?'),
    windowUpsert: w(`INSERT INTO wx_cs_windows (persona_id, app_id, expires_at, remaining) VALUES (@persona_id, @app_id, @expires_at, @remaining)
      ON CONFLICT(persona_id, app_id) DO UPDATE SET expires_at = excluded.expires_at, remaining = excluded.remaining`),
    windowUse: w('UPDATE wx_cs_windows SET remaining = remaining - 1 WHERE persona_id = ? AND app_id = ?'),
    windowClose: w('DELETE FROM wx_cs_windows WHERE persona_id = ? AND app_id = ?'),
  };
}

/** Every statement the platform runs, prepared once and named for what it does. */
export function createRepo(store: Store) {
  const s: Read = <T = unknown>(sql: string): Statement<unknown[], T> => store.read<T>(sql);
  const w: WriteOf = (sql, ...topics) => store.write(sql, ...topics);
  const db = store.db;
  return {
    db,
    tx: store.tx,
    ...accountStatements(s, w),
    ...tokenStatements(s, w),
    ...ticketStatements(s, w),
    ...personaStatements(s, w),
    ...openStatements(s, w),
    ...followStatements(s, w),
    ...chatStatements(s, w),
    ...phoneStatements(s, w),
    ...windowStatements(s, w),
    resetAll(): void {
      store.touch('accounts', 'personas', 'tickets', 'followers');
      db.exec(`DELETE FROM wx_cs_windows; DELETE FROM wx_phone; DELETE FROM wx_chat; DELETE FROM wx_follow_history;
        DELETE FROM wx_follows; DELETE FROM wx_openids; DELETE FROM wx_tickets; DELETE FROM wx_tokens;
        DELETE FROM wx_personas; DELETE FROM wx_accounts;`);
    },
  };
}

export type Repo = ReturnType<typeof createRepo>;
