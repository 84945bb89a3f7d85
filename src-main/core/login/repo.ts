import type { Statement } from 'better-sqlite3';
import type { Store } from '../db/store';
import type { LoginStatus } from '../../contracts/api';
import type { ConnectionFormValues } from '../../contracts/login-rules';

/** Named statements over the login tables (migration 0003). Rows come back in camelCase. */

export interface PoolRow {
  id: string;
  name: string;
  jwtSecret: string;
  createdAt: number;
}

/** A stored connection: the form's values (the same rules made them) plus where and when. */
export type ConnectionRow = Omit<ConnectionFormValues, 'qrExpireSeconds'> & {
  poolId: string;
  qrExpireSeconds: number | null;
  createdAt: number;
  updatedAt: number;
};

export interface AppRow {
  id: string;
  poolId: string;
  name: string;
  secretHash: string;
  secretHint: string;
  redirectUris: string;
  qrExpireSeconds: number | null;
  createdAt: number;
}

export interface UserRow {
  id: string;
  poolId: string;
  username: string;
  nickname: string | null;
  unionId: string | null;
  passwordHash: string | null;
  createdAt: number;
}

export interface IdentityRow {
  poolId: string;
  userId: string;
  connection: string;
  appId: string;
  openId: string;
  unionId: string | null;
  createdAt: number;
}

export interface LoginRow {
  poolId: string;
  userId: string;
  applicationId: string | null;
  connection: string;
  sessionId: string | null;
  at: number;
}

export interface SessionRow {
  id: string;
  poolId: string;
  applicationId: string;
  connection: string;
  scene: string;
  ticket: string;
  qrUrl: string;
  status: LoginStatus;
  createdAt: number;
  expiresAt: number;
  updatedAt: number;
  userId: string | null;
  error: string | null;
  needsBinding: number;
  openId: string | null;
  unionId: string | null;
  bindFailures: number;
  loginToken: string | null;
}

export interface EventRow {
  poolId: string;
  connection: string;
  dedupKey: string;
  at: number;
  kind: string;
  openId: string | null;
  scene: string | null;
  sessionId: string | null;
  outcome: string;
  reply: string;
}

const POOL_COLS = 'id, name, jwt_secret AS jwtSecret, created_at AS createdAt';
const CONN_COLS = `pool_id AS poolId, identifier, display_name AS displayName, app_id AS appId, app_secret AS appSecret,
  token, encoding_aes_key AS encodingAesKey, mode, login_mode AS loginMode, association,
  qr_expire_seconds AS qrExpireSeconds, created_at AS createdAt, updated_at AS updatedAt`;
const APP_COLS = `id, pool_id AS poolId, name, secret_hash AS secretHash, secret_hint AS secretHint,
  redirect_uris AS redirectUris, qr_expire_seconds AS qrExpireSeconds, created_at AS createdAt`;
const USER_COLS = `id, pool_id AS poolId, username, nickname, union_id AS unionId, password_hash AS passwordHash, created_at AS createdAt`;
const IDENTITY_COLS = `pool_id AS poolId, user_id AS userId, connection, app_id AS appId, open_id AS openId,
  union_id AS unionId, created_at AS createdAt`;
const SESSION_COLS = `id, pool_id AS poolId, application_id AS applicationId, connection, scene, ticket, qr_url AS qrUrl,
  status, created_at AS createdAt, expires_at AS expiresAt, updated_at AS updatedAt, user_id AS userId, error,
  needs_binding AS needsBinding, open_id AS openId, union_id AS unionId, bind_failures AS bindFailures,
  login_token AS loginToken`;

export type LoginRepo = ReturnType<typeof createLoginRepo>;

type Read = <T = unknown>(sql: string) => Statement<unknown[], T>;

function poolStatements(s: Read, w: Store['write']) {
  return {
      poolInsert: w('INSERT INTO login_pools (id, name, jwt_secret, created_at) VALUES (@id, @name, @jwtSecret, @createdAt)', 'pools'),
      poolGet: s<PoolRow>(`SELECT ${POOL_COLS} FROM login_pools WHERE id = ?`),
      poolAll: s<PoolRow>(`SELECT ${POOL_COLS} FROM login_pools ORDER BY created_at, id`),
      poolRename: w('UPDATE login_pools SET name = ? WHERE id = ?', 'pools'),
      poolDelete: w('DELETE FROM login_pools WHERE id = ?', 'pools', 'connections', 'applications', 'users', 'sessions'),
  };
}

function connStatements(s: Read, w: Store['write']) {
  return {
      connInsert: w(`INSERT INTO login_connections (pool_id, identifier, display_name, app_id, app_secret, token,
        encoding_aes_key, mode, login_mode, association, qr_expire_seconds, created_at, updated_at)
        VALUES (@poolId, @identifier, @displayName, @appId, @appSecret, @token, @encodingAesKey, @mode, @loginMode,
        @association, @qrExpireSeconds, @createdAt, @updatedAt)`, 'connections', 'pools'),
      connUpdate: w(`UPDATE login_connections SET display_name = @displayName, app_id = @appId, app_secret = @appSecret,
        token = @token, encoding_aes_key = @encodingAesKey, mode = @mode, login_mode = @loginMode,
        association = @association, qr_expire_seconds = @qrExpireSeconds, updated_at = @updatedAt
        WHERE pool_id = @poolId AND identifier = @identifier`, 'connections', 'pools'),
      connGet: s<ConnectionRow>(`SELECT ${CONN_COLS} FROM login_connections WHERE pool_id = ? AND identifier = ?`),
      connByPool: s<ConnectionRow>(`SELECT ${CONN_COLS} FROM login_connections WHERE pool_id = ? ORDER BY created_at, identifier`),
      connDelete: w('DELETE FROM login_connections WHERE pool_id = ? AND identifier = ?', 'connections', 'pools'),
  };
}

function appStatements(s: Read, w: Store['write']) {
  return {
      appInsert: w(`INSERT INTO login_apps (id, pool_id, name, secret_hash, secret_hint, redirect_uris, qr_expire_seconds, created_at)
        VALUES (@id, @poolId, @name, @secretHash, @secretHint, @redirectUris, @qrExpireSeconds, @createdAt)`, 'applications', 'pools'),
      appGet: s<AppRow>(`SELECT ${APP_COLS} FROM login_apps WHERE id = ?`),
      appByPool: s<AppRow>(`SELECT ${APP_COLS} FROM login_apps WHERE pool_id = ? ORDER BY created_at, id`),
      appDelete: w('DELETE FROM login_apps WHERE id = ?', 'applications', 'pools'),
  };
}

function userStatements(s: Read, w: Store['write']) {
  return {
      userInsert: w(`INSERT INTO login_users (id, pool_id, username, nickname, union_id, password_hash, created_at)
        VALUES (@id, @poolId, @username, @nickname, @unionId, @passwordHash, @createdAt)`, 'users'),
      userGet: s<UserRow>(`SELECT ${USER_COLS} FROM login_users WHERE id = ?`),
      userByName: s<UserRow>(`SELECT ${USER_COLS} FROM login_users WHERE pool_id = ? AND username = ?`),
      userByUnion: s<UserRow>(`SELECT ${USER_COLS} FROM login_users WHERE pool_id = ? AND union_id = ? ORDER BY created_at LIMIT 1`),
      userByPool: s<UserRow>(`SELECT ${USER_COLS} FROM login_users WHERE pool_id = ? ORDER BY created_at, id`),
      userAll: s<UserRow>(`SELECT ${USER_COLS} FROM login_users ORDER BY created_at, id`),
      userCount: s<{ n: number }>('SELECT COUNT(*) AS n FROM login_users WHERE pool_id = ?'),
      userDelete: w('DELETE FROM login_users WHERE id = ?', 'users'),
  };
}

function identityStatements(s: Read, w: Store['write']) {
  return {
      identityInsert: w(`INSERT INTO login_identities (pool_id, user_id, connection, app_id, open_id, union_id, created_at)
        VALUES (@poolId, @userId, @connection, @appId, @openId, @unionId, @createdAt)`, 'users'),
      identityByOpenId: s<IdentityRow>(`SELECT ${IDENTITY_COLS} FROM login_identities WHERE pool_id = ? AND app_id = ? AND open_id = ?`),
      identityByUnion: s<IdentityRow>(
        `SELECT ${IDENTITY_COLS} FROM login_identities WHERE pool_id = ? AND union_id = ? ORDER BY created_at LIMIT 1`,
      ),
      identityOfUserForApp: s<IdentityRow>(`SELECT ${IDENTITY_COLS} FROM login_identities WHERE user_id = ? AND app_id = ?`),
      identityByUser: s<IdentityRow>(`SELECT ${IDENTITY_COLS} FROM login_identities WHERE user_id = ? ORDER BY created_at, id`),
      identitySetUnion: w('UPDATE login_identities SET union_id = ? WHERE pool_id = ? AND app_id = ? AND open_id = ?', 'users'),
  };
}

function loginStatements(s: Read, w: Store['write']) {
  return {
      loginInsert: w(`INSERT INTO login_logins (pool_id, user_id, application_id, connection, session_id, at)
        VALUES (@poolId, @userId, @applicationId, @connection, @sessionId, @at)`, 'users'),
      loginByUser: s<LoginRow>(`SELECT pool_id AS poolId, user_id AS userId, application_id AS applicationId, connection,
        session_id AS sessionId, at FROM login_logins WHERE user_id = ? ORDER BY at DESC, id DESC LIMIT 50`),
  };
}

function sessionStatements(s: Read, w: Store['write']) {
  return {
      sessionInsert: w(`INSERT INTO login_sessions (id, pool_id, application_id, connection, scene, ticket, qr_url, status,
        created_at, expires_at, updated_at) VALUES (@id, @poolId, @applicationId, @connection, @scene, @ticket, @qrUrl,
        @status, @createdAt, @expiresAt, @updatedAt)`, 'sessions'),
      sessionGet: s<SessionRow>(`SELECT ${SESSION_COLS} FROM login_sessions WHERE id = ?`),
      sessionByScene: s<SessionRow>(`SELECT ${SESSION_COLS} FROM login_sessions WHERE scene = ? AND pool_id = ? AND connection = ?`),
      sessionByPool: s<SessionRow>(`SELECT ${SESSION_COLS} FROM login_sessions WHERE pool_id = ? ORDER BY created_at DESC, id LIMIT ?`),
      sessionAll: s<SessionRow>(`SELECT ${SESSION_COLS} FROM login_sessions ORDER BY created_at DESC, id LIMIT ?`),
      sessionOpen: s<SessionRow>(`SELECT ${SESSION_COLS} FROM login_sessions WHERE status IN ('PENDING', 'SCANNED')`),
      sessionUpdate: w(`UPDATE login_sessions SET status = @status, updated_at = @updatedAt, user_id = @userId, error = @error,
        needs_binding = @needsBinding, open_id = @openId, union_id = @unionId, bind_failures = @bindFailures, expires_at = @expiresAt,
        login_token = @loginToken WHERE id = @id`, 'sessions'),
  };
}

function eventStatements(s: Read, w: Store['write']) {
  return {
      eventGet: s<EventRow>(`SELECT pool_id AS poolId, connection, dedup_key AS dedupKey, at, kind, open_id AS openId, scene,
        session_id AS sessionId, outcome, reply FROM login_events WHERE pool_id = ? AND connection = ? AND dedup_key = ?`),
      eventInsert: w(`INSERT INTO login_events (pool_id, connection, dedup_key, at, kind, open_id, scene, session_id, outcome, reply)
        VALUES (@poolId, @connection, @dedupKey, @at, @kind, @openId, @scene, @sessionId, @outcome, @reply)`),
      eventCount: s<{ n: number }>('SELECT COUNT(*) AS n FROM login_events'),
      eventPrune: w('DELETE FROM login_events WHERE at < ?'),
  };
}

export function createLoginRepo(store: Store) {
  const s: Read = <T = unknown>(sql: string): Statement<unknown[], T> => store.read<T>(sql);
  const w = store.write;
  const q = { ...poolStatements(s, w), ...connStatements(s, w), ...appStatements(s, w), ...userStatements(s, w), ...identityStatements(s, w), ...loginStatements(s, w), ...sessionStatements(s, w), ...eventStatements(s, w) };
  const clear = ['login_events', 'login_sessions', 'login_logins', 'login_identities', 'login_users', 'login_apps', 'login_connections', 'login_pools'].map((t) =>
    w(`DELETE FROM ${t}`, 'pools', 'connections', 'applications', 'users', 'sessions'),
  );
  return {
    store,
    q,
    tx: store.tx,
    /** Removes every login row (the demo reset); one transaction. */
    clearAll(): void {
      store.tx(() => {
        for (const statement of clear) statement.run();
      });
    },
  };
}
