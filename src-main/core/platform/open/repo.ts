import type { Database, Statement } from 'better-sqlite3';

/** Rows of the mock Open Platform (migration 0006), camelCase. */

export interface ComponentRow {
  componentAppId: string;
  name: string;
  appSecret: string;
  authEventUrl: string;
  messageUrl: string;
  token: string;
  aesKey: string;
  initiationDomain: string;
  ipWhitelist: string;
  createdAt: number;
}

export interface PreAuthRow {
  code: string;
  componentAppId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  usedFor: string | null;
}

export interface AuthSessionRow {
  uuid: string;
  componentAppId: string;
  preAuthCode: string;
  redirectUri: string;
  authType: string;
  bizAppid: string;
  categoryIds: string;
  form: 'pc' | 'h5';
  status: 'waiting' | 'scanned' | 'confirmed';
  personaId: string | null;
  redirect: string | null;
  createdAt: number;
  expiresAt: number;
  updatedAt: number;
}

export interface AuthorizationRow {
  componentAppId: string;
  authorizerAppId: string;
  funcIds: string;
  refreshToken: string;
  active: number;
  authTime: number;
  revokedAt: number | null;
  options: string;
}

export interface AuthCodeRow {
  code: string;
  componentAppId: string;
  authorizerAppId: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
  revokedAt: number | null;
}

export interface AuthorizerTokenRow {
  token: string;
  componentAppId: string;
  authorizerAppId: string;
  issuedAt: number;
  expiresAt: number;
  invalidatedAt: number | null;
}

const C_COLS = `component_app_id AS componentAppId, name, app_secret AS appSecret, auth_event_url AS authEventUrl,
  message_url AS messageUrl, token, aes_key AS aesKey, initiation_domain AS initiationDomain, ip_whitelist AS ipWhitelist,
  created_at AS createdAt`;
const S_COLS = `uuid, component_app_id AS componentAppId, pre_auth_code AS preAuthCode, redirect_uri AS redirectUri,
  auth_type AS authType, biz_appid AS bizAppid, category_ids AS categoryIds, form, status, persona_id AS personaId, redirect,
  created_at AS createdAt, expires_at AS expiresAt, updated_at AS updatedAt`;
const A_COLS = `component_app_id AS componentAppId, authorizer_app_id AS authorizerAppId, func_ids AS funcIds,
  refresh_token AS refreshToken, active, auth_time AS authTime, revoked_at AS revokedAt, options`;
const T_COLS = `token, component_app_id AS componentAppId, authorizer_app_id AS authorizerAppId, issued_at AS issuedAt,
  expires_at AS expiresAt, invalidated_at AS invalidatedAt`;

export function createOpenRepo(db: Database) {
  const s = <T = unknown>(sql: string): Statement<unknown[], T> => db.prepare(sql) as Statement<unknown[], T>;
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  return {
    tx: <T>(fn: () => T): T => inTransaction(fn) as T,

    componentInsert: s(`INSERT INTO wx_components (component_app_id, name, app_secret, auth_event_url, message_url, token, aes_key,
      initiation_domain, ip_whitelist, created_at) VALUES (@componentAppId, @name, @appSecret, @authEventUrl, @messageUrl, @token,
      @aesKey, @initiationDomain, @ipWhitelist, @createdAt)`),
    componentUpdate: s(`UPDATE wx_components SET name = @name, auth_event_url = @authEventUrl, message_url = @messageUrl,
      token = @token, aes_key = @aesKey, initiation_domain = @initiationDomain, ip_whitelist = @ipWhitelist
      WHERE component_app_id = @componentAppId`),
    componentGet: s<ComponentRow>(`SELECT ${C_COLS} FROM wx_components WHERE component_app_id = ?`),
    componentAll: s<ComponentRow>(`SELECT ${C_COLS} FROM wx_components ORDER BY created_at, component_app_id`),
    componentDelete: s('DELETE FROM wx_components WHERE component_app_id = ?'),

    ticketInsert: s('INSERT INTO wx_component_tickets (ticket, component_app_id, created_at) VALUES (?, ?, ?)'),
    ticketGet: s<{ ticket: string; componentAppId: string; createdAt: number }>(
      'SELECT ticket, component_app_id AS componentAppId, created_at AS createdAt FROM wx_component_tickets WHERE ticket = ?',
    ),
    ticketLatest: s<{ createdAt: number }>(
      'SELECT created_at AS createdAt FROM wx_component_tickets WHERE component_app_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    ticketPrune: s('DELETE FROM wx_component_tickets WHERE created_at < ?'),

    ctokenInsert: s('INSERT INTO wx_component_tokens (token, component_app_id, issued_at, expires_at) VALUES (?, ?, ?, ?)'),
    ctokenGet: s<{ token: string; componentAppId: string; expiresAt: number }>(
      'SELECT token, component_app_id AS componentAppId, expires_at AS expiresAt FROM wx_component_tokens WHERE token = ?',
    ),
    ctokenPrune: s('DELETE FROM wx_component_tokens WHERE expires_at < ?'),

    preAuthInsert: s('INSERT INTO wx_preauth_codes (code, component_app_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    preAuthGet: s<PreAuthRow>(`SELECT code, component_app_id AS componentAppId, created_at AS createdAt, expires_at AS expiresAt,
      used_at AS usedAt, used_for AS usedFor FROM wx_preauth_codes WHERE code = ?`),
    preAuthUse: s('UPDATE wx_preauth_codes SET used_at = ?, used_for = ? WHERE code = ? AND used_at IS NULL'),

    sessionInsert: s(`INSERT INTO wx_auth_sessions (uuid, component_app_id, pre_auth_code, redirect_uri, auth_type, biz_appid,
      category_ids, form, status, persona_id, redirect, created_at, expires_at, updated_at) VALUES (@uuid, @componentAppId,
      @preAuthCode, @redirectUri, @authType, @bizAppid, @categoryIds, @form, @status, @personaId, @redirect, @createdAt, @expiresAt,
      @updatedAt)`),
    sessionGet: s<AuthSessionRow>(`SELECT ${S_COLS} FROM wx_auth_sessions WHERE uuid = ?`),
    sessionOfPersona: s<AuthSessionRow>(`SELECT ${S_COLS} FROM wx_auth_sessions WHERE persona_id = ? AND status = 'scanned'
      ORDER BY updated_at DESC, rowid DESC LIMIT 1`),
    sessionUpdate: s(`UPDATE wx_auth_sessions SET status = @status, persona_id = @personaId, redirect = @redirect,
      updated_at = @updatedAt WHERE uuid = @uuid`),

    adminsOf: s<{ personaId: string; name: string }>(`SELECT a.persona_id AS personaId, p.name FROM wx_account_admins a
      JOIN wx_personas p ON p.id = a.persona_id WHERE a.app_id = ? ORDER BY p.created_at, p.id`),
    adminAccounts: s<{ appId: string }>('SELECT app_id AS appId FROM wx_account_admins WHERE persona_id = ? ORDER BY app_id'),
    adminsClear: s('DELETE FROM wx_account_admins WHERE app_id = ?'),
    adminInsert: s('INSERT OR IGNORE INTO wx_account_admins (app_id, persona_id) VALUES (?, ?)'),

    authzGet: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE component_app_id = ? AND authorizer_app_id = ?`),
    authzActiveOfAccount: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE authorizer_app_id = ? AND active = 1
      ORDER BY auth_time, rowid`),
    authzActiveOfComponent: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE component_app_id = ? AND active = 1
      ORDER BY auth_time, rowid LIMIT ? OFFSET ?`),
    authzCountOfComponent: s<{ n: number }>('SELECT COUNT(*) AS n FROM wx_authorizations WHERE component_app_id = ? AND active = 1'),
    authzUpsert: s(`INSERT INTO wx_authorizations (component_app_id, authorizer_app_id, func_ids, refresh_token, active, auth_time, revoked_at)
      VALUES (@componentAppId, @authorizerAppId, @funcIds, @refreshToken, 1, @authTime, NULL)
      ON CONFLICT(component_app_id, authorizer_app_id) DO UPDATE SET func_ids = excluded.func_ids, refresh_token = excluded.refresh_token,
        active = 1, auth_time = excluded.auth_time, revoked_at = NULL`),
    authzRefreshToken: s('UPDATE wx_authorizations SET refresh_token = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),
    authzRevoke: s('UPDATE wx_authorizations SET active = 0, revoked_at = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),
    authzOptions: s('UPDATE wx_authorizations SET options = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),

    codeInsert: s(`INSERT INTO wx_auth_codes (code, component_app_id, authorizer_app_id, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?)`),
    codeGet: s<AuthCodeRow>(`SELECT code, component_app_id AS componentAppId, authorizer_app_id AS authorizerAppId,
      created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt, revoked_at AS revokedAt FROM wx_auth_codes WHERE code = ?`),
    codeUse: s('UPDATE wx_auth_codes SET used_at = COALESCE(used_at, ?) WHERE code = ?'),
    codeRevokeAll: s('UPDATE wx_auth_codes SET revoked_at = ? WHERE component_app_id = ? AND authorizer_app_id = ? AND revoked_at IS NULL'),

    atokenInsert: s(`INSERT INTO wx_authorizer_tokens (token, component_app_id, authorizer_app_id, issued_at, expires_at)
      VALUES (?, ?, ?, ?, ?)`),
    atokenGet: s<AuthorizerTokenRow>(`SELECT ${T_COLS} FROM wx_authorizer_tokens WHERE token = ?`),
    atokenInvalidateAll: s(`UPDATE wx_authorizer_tokens SET invalidated_at = ? WHERE component_app_id = ? AND authorizer_app_id = ?
      AND invalidated_at IS NULL`),
    atokenPrune: s('DELETE FROM wx_authorizer_tokens WHERE expires_at < ?'),

    resetAll(): void {
      db.exec('DELETE FROM wx_components; DELETE FROM wx_account_admins;');
    },
  };
}

export type OpenRepo = ReturnType<typeof createOpenRepo>;
