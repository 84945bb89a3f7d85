import type { Statement } from 'better-sqlite3';
import type { Store } from '../../db/store';

/** The login server's third-party platform rows (migration 0006), camelCase. Every write declares the topics it changes. */

export interface ComponentConfigRow {
  poolId: string;
  componentAppId: string;
  componentAppSecret: string;
  token: string;
  aesKey: string;
  verifyTicket: string | null;
  ticketAt: number | null;
  updatedAt: number;
}

export interface LinkRow {
  poolId: string;
  identifier: string;
  status: 'not_connected' | 'connected';
  authorizerAppId: string;
  refreshToken: string;
  accessToken: string;
  accessExpiresAt: number;
  funcIds: string;
  info: string;
  lastAuthCode: string;
  pendingState: string;
  pendingPreAuthCode: string;
  pendingExpiresAt: number;
  note: string;
  connectedAt: number | null;
  updatedAt: number;
}

const CFG = `pool_id AS poolId, component_app_id AS componentAppId, component_app_secret AS componentAppSecret, token,
  aes_key AS aesKey, verify_ticket AS verifyTicket, ticket_at AS ticketAt, updated_at AS updatedAt`;
const LINK = `pool_id AS poolId, identifier, status, authorizer_app_id AS authorizerAppId, refresh_token AS refreshToken,
  access_token AS accessToken, access_expires_at AS accessExpiresAt, func_ids AS funcIds, info, last_auth_code AS lastAuthCode,
  pending_state AS pendingState, pending_pre_auth_code AS pendingPreAuthCode, pending_expires_at AS pendingExpiresAt, note,
  connected_at AS connectedAt, updated_at AS updatedAt`;

export function createComponentRepo(store: Store) {
  const s = <T = unknown>(sql: string): Statement<unknown[], T> => store.read<T>(sql);
  // The pool's third-party platform is shown with the pool; an identity source's authorization with its connection.
  const pools = (sql: string) => store.write(sql, 'pools');
  const connections = (sql: string) => store.write(sql, 'connections');
  return {
    tx: store.tx,
    configGet: s<ComponentConfigRow>(`SELECT ${CFG} FROM login_components WHERE pool_id = ?`),
    configUpsert: pools(`INSERT INTO login_components (pool_id, component_app_id, component_app_secret, token, aes_key, updated_at)
      VALUES (@poolId, @componentAppId, @componentAppSecret, @token, @aesKey, @updatedAt)
      ON CONFLICT(pool_id) DO UPDATE SET component_app_id = excluded.component_app_id,
        component_app_secret = excluded.component_app_secret, token = excluded.token, aes_key = excluded.aes_key,
        verify_ticket = CASE WHEN component_app_id = excluded.component_app_id THEN verify_ticket ELSE NULL END,
        ticket_at = CASE WHEN component_app_id = excluded.component_app_id THEN ticket_at ELSE NULL END,
        updated_at = excluded.updated_at`),
    configTicket: pools('UPDATE login_components SET verify_ticket = ?, ticket_at = ? WHERE pool_id = ?'),

    linkGet: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE pool_id = ? AND identifier = ?`),
    linkInsert: connections(`INSERT OR IGNORE INTO login_component_links (pool_id, identifier, status, updated_at)
      VALUES (?, ?, 'not_connected', ?)`),
    linksOfPool: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE pool_id = ? ORDER BY identifier`),
    linksConnected: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE status = 'connected'`),
    linkByAuthorizer: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE authorizer_app_id = ? AND status = 'connected'
      ORDER BY connected_at LIMIT 1`),
    linkInPoolByAuthorizer: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE pool_id = ? AND authorizer_app_id = ?
      AND status = 'connected'`),
    linkByPreAuthCode: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE pool_id = ? AND pending_pre_auth_code = ?`),
    linkByState: s<LinkRow>(`SELECT ${LINK} FROM login_component_links WHERE pool_id = ? AND identifier = ? AND pending_state = ?`),
    linkPending: connections(`UPDATE login_component_links SET pending_state = ?, pending_pre_auth_code = ?, pending_expires_at = ?, updated_at = ?
      WHERE pool_id = ? AND identifier = ?`),
    linkConnect: connections(`UPDATE login_component_links SET status = 'connected', authorizer_app_id = @authorizerAppId,
      refresh_token = @refreshToken, access_token = @accessToken, access_expires_at = @accessExpiresAt, func_ids = @funcIds,
      info = @info, last_auth_code = @lastAuthCode, pending_state = '', pending_pre_auth_code = '', pending_expires_at = 0,
      note = @note, connected_at = @connectedAt, updated_at = @updatedAt WHERE pool_id = @poolId AND identifier = @identifier`),
    linkTokens: store.write(`UPDATE login_component_links SET access_token = ?, access_expires_at = ?, refresh_token = ?, updated_at = ?
      WHERE pool_id = ? AND identifier = ?`),
    linkDisconnect: connections(`UPDATE login_component_links SET status = 'not_connected', authorizer_app_id = '', refresh_token = '',
      access_token = '', access_expires_at = 0, func_ids = '[]', info = '{}', last_auth_code = '', note = ?, connected_at = NULL,
      updated_at = ? WHERE pool_id = ? AND identifier = ?`),
    connSetAppId: store.write('UPDATE login_connections SET app_id = ?, updated_at = ? WHERE pool_id = ? AND identifier = ?', 'connections', 'pools'),
  };
}

export type ComponentRepo = ReturnType<typeof createComponentRepo>;
