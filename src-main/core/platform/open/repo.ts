import type { Statement } from 'better-sqlite3';
import type { Store, Write } from '../../db/store';

/** Rows of the mock Open Platform (migration 0006), camelCase. Every write declares the topics it changes. */

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

type Read = <T = unknown>(sql: string) => Statement<unknown[], T>;

/** Writes by what they change: nothing shown, the studio's Open Platform views, or those and the account's console. */
interface Writers {
  write(sql: string): Write;
  platforms(sql: string): Write;
  accounts(sql: string): Write;
}

/** Platforms and what they are given: verify tickets, component tokens, pre-auth codes. */
function platformStatements(s: Read, { write, platforms }: Writers) {
  return {
    componentInsert: platforms(`INSERT INTO wx_components (component_app_id, name, app_secret, auth_event_url, message_url, token, aes_key,
      initiation_domain, ip_whitelist, created_at) VALUES (@componentAppId, @name, @appSecret, @authEventUrl, @messageUrl, @token,
      @aesKey, @initiationDomain, @ipWhitelist, @createdAt)`),
    componentUpdate: platforms(`UPDATE wx_components SET name = @name, auth_event_url = @authEventUrl, message_url = @messageUrl,
      token = @token, aes_key = @aesKey, initiation_domain = @initiationDomain, ip_whitelist = @ipWhitelist
      WHERE component_app_id = @componentAppId`),
    componentGet: s<ComponentRow>(`SELECT ${C_COLS} FROM wx_components WHERE component_app_id = ?`),
    componentAll: s<ComponentRow>(`SELECT ${C_COLS} FROM wx_components ORDER BY created_at, component_app_id`),
    componentDelete: platforms('DELETE FROM wx_components WHERE component_app_id = ?'),

    ticketInsert: platforms('INSERT INTO wx_component_tickets (ticket, component_app_id, created_at) VALUES (?, ?, ?)'),
    ticketGet: s<{ ticket: string; componentAppId: string; createdAt: number }>(
      'SELECT ticket, component_app_id AS componentAppId, created_at AS createdAt FROM wx_component_tickets WHERE ticket = ?',
    ),
    ticketLatest: s<{ createdAt: number }>(
      'SELECT created_at AS createdAt FROM wx_component_tickets WHERE component_app_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
    ),
    ticketPrune: write('DELETE FROM wx_component_tickets WHERE created_at < ?'),

    ctokenInsert: write('INSERT INTO wx_component_tokens (token, component_app_id, issued_at, expires_at) VALUES (?, ?, ?, ?)'),
    ctokenGet: s<{ token: string; componentAppId: string; expiresAt: number }>(
      'SELECT token, component_app_id AS componentAppId, expires_at AS expiresAt FROM wx_component_tokens WHERE token = ?',
    ),
    ctokenPrune: write('DELETE FROM wx_component_tokens WHERE expires_at < ?'),

    preAuthInsert: write('INSERT INTO wx_preauth_codes (code, component_app_id, created_at, expires_at) VALUES (?, ?, ?, ?)'),
    preAuthGet: s<PreAuthRow>(`SELECT code, component_app_id AS componentAppId, created_at AS createdAt, expires_at AS expiresAt,
      used_at AS usedAt, used_for AS usedFor FROM wx_preauth_codes WHERE code = ?`),
    preAuthUse: write('UPDATE wx_preauth_codes SET used_at = ?, used_for = ? WHERE code = ? AND used_at IS NULL'),
  };
}

/** The authorization page's QR sessions and the accounts' administrators. */
function pageStatements(s: Read, { write, platforms }: Writers) {
  return {
    sessionInsert: write(`INSERT INTO wx_auth_sessions (uuid, component_app_id, pre_auth_code, redirect_uri, auth_type, biz_appid,
      category_ids, form, status, persona_id, redirect, created_at, expires_at, updated_at) VALUES (@uuid, @componentAppId,
      @preAuthCode, @redirectUri, @authType, @bizAppid, @categoryIds, @form, @status, @personaId, @redirect, @createdAt, @expiresAt,
      @updatedAt)`),
    sessionGet: s<AuthSessionRow>(`SELECT ${S_COLS} FROM wx_auth_sessions WHERE uuid = ?`),
    sessionOfPersona: s<AuthSessionRow>(`SELECT ${S_COLS} FROM wx_auth_sessions WHERE persona_id = ? AND status = 'scanned'
      ORDER BY updated_at DESC, rowid DESC LIMIT 1`),
    sessionUpdate: write(`UPDATE wx_auth_sessions SET status = @status, persona_id = @personaId, redirect = @redirect,
      updated_at = @updatedAt WHERE uuid = @uuid`),

    adminsOf: s<{ personaId: string; name: string }>(`SELECT a.persona_id AS personaId, p.name FROM wx_account_admins a
      JOIN wx_personas p ON p.id = a.persona_id WHERE a.app_id = ? ORDER BY p.created_at, p.id`),
    adminAccounts: s<{ appId: string }>('SELECT app_id AS appId FROM wx_account_admins WHERE persona_id = ? ORDER BY app_id'),
    adminsClear: platforms('DELETE FROM wx_account_admins WHERE app_id = ?'),
    adminInsert: platforms('INSERT OR IGNORE INTO wx_account_admins (app_id, persona_id) VALUES (?, ?)'),
  };
}

/** Authorizations, their codes and their authorizer tokens. */
function authorizationStatements(s: Read, { write, accounts }: Writers) {
  return {
    authzGet: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE component_app_id = ? AND authorizer_app_id = ?`),
    authzActiveOfAccount: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE authorizer_app_id = ? AND active = 1
      ORDER BY auth_time, rowid`),
    authzActiveOfComponent: s<AuthorizationRow>(`SELECT ${A_COLS} FROM wx_authorizations WHERE component_app_id = ? AND active = 1
      ORDER BY auth_time, rowid LIMIT ? OFFSET ?`),
    authzCountOfComponent: s<{ n: number }>('SELECT COUNT(*) AS n FROM wx_authorizations WHERE component_app_id = ? AND active = 1'),
    authzUpsert: accounts(`INSERT INTO wx_authorizations (component_app_id, authorizer_app_id, func_ids, refresh_token, active, auth_time, revoked_at)
      VALUES (@componentAppId, @authorizerAppId, @funcIds, @refreshToken, 1, @authTime, NULL)
      ON CONFLICT(component_app_id, authorizer_app_id) DO UPDATE SET func_ids = excluded.func_ids, refresh_token = excluded.refresh_token,
        active = 1, auth_time = excluded.auth_time, revoked_at = NULL`),
    authzRefreshToken: accounts('UPDATE wx_authorizations SET refresh_token = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),
    authzRevoke: accounts('UPDATE wx_authorizations SET active = 0, revoked_at = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),
    authzOptions: accounts('UPDATE wx_authorizations SET options = ? WHERE component_app_id = ? AND authorizer_app_id = ?'),

    codeInsert: write(`INSERT INTO wx_auth_codes (code, component_app_id, authorizer_app_id, created_at, expires_at)
      VALUES (?, ?, ?, ?, ?)`),
    codeGet: s<AuthCodeRow>(`SELECT code, component_app_id AS componentAppId, authorizer_app_id AS authorizerAppId,
      created_at AS createdAt, expires_at AS expiresAt, used_at AS usedAt, revoked_at AS revokedAt FROM wx_auth_codes WHERE code = ?`),
    codeUse: write('UPDATE wx_auth_codes SET used_at = COALESCE(used_at, ?) WHERE code = ?'),
    codeRevokeAll: accounts('UPDATE wx_auth_codes SET revoked_at = ? WHERE component_app_id = ? AND authorizer_app_id = ? AND revoked_at IS NULL'),

    atokenInsert: write(`INSERT INTO wx_authorizer_tokens (token, component_app_id, authorizer_app_id, issued_at, expires_at)
      VALUES (?, ?, ?, ?, ?)`),
    atokenGet: s<AuthorizerTokenRow>(`SELECT ${T_COLS} FROM wx_authorizer_tokens WHERE token = ?`),
    atokenInvalidateAll: accounts(`UPDATE wx_authorizer_tokens SET invalidated_at = ? WHERE component_app_id = ? AND authorizer_app_id = ?
      AND invalidated_at IS NULL`),
    atokenPrune: write('DELETE FROM wx_authorizer_tokens WHERE expires_at < ?'),
  };
}

export function createOpenRepo(store: Store) {
  const s: Read = <T = unknown>(sql: string): Statement<unknown[], T> => store.read<T>(sql);
  const writers: Writers = {
    write: (sql) => store.write(sql),
    // The studio's Open Platform views (platforms, their authorizations, administrators) refetch on 'platforms'.
    platforms: (sql) => store.write(sql, 'platforms'),
    // An authorization changes what the account's console shows too.
    accounts: (sql) => store.write(sql, 'platforms', 'accounts'),
  };
  return {
    tx: store.tx,
    ...platformStatements(s, writers),
    ...pageStatements(s, writers),
    ...authorizationStatements(s, writers),
    resetAll(): void {
      store.touch('platforms');
      store.db.exec('DELETE FROM wx_components; DELETE FROM wx_account_admins;');
    },
  };
}

export type OpenRepo = ReturnType<typeof createOpenRepo>;
