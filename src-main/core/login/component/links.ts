import type { AuthorizeConnectionInput, AuthorizeStartResult, ComponentLinkDto } from '../../../contracts/open-platform';
import type { Clock, Timer } from '../../clock';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import type { Directory } from '../directory';
import type { QrSessions } from '../qr-sessions';
import type { ConnectionRow, LoginRepo } from '../repo';
import { WechatApiError } from '../wechat-client';
import type { ComponentClient } from './client';
import type { ComponentRepo, LinkRow } from './repo';

/** Permission sets the follow login needs: user events (消息管理) and parametric QR codes (帐号服务). */
const NEEDED = [
  { id: 1, what: 'message management (scan and follow events)' },
  { id: 3, what: 'account services (parametric QR codes)' },
];
/** Refresh the authorizer token this long before it expires (EasyWeChat: 500 s). */
const REFRESH_EARLY_MS = 600_000;
const RETRY_MS = 60_000;
export const NOT_CONNECTED_TEXT = 'The WeChat Official Account of this identity source is no longer connected (its authorization was cancelled).';

/** What api_get_authorizer_info said, as stored with the link. */
type AuthorizerInfo = Omit<NonNullable<ComponentLinkDto['authorizer']>, 'appId' | 'funcIds' | 'connectedAt'>;

function parse<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

const funcIdsOf = (info: unknown): number[] =>
  Array.isArray(info)
    ? info.map((f) => Number((f as { funcscope_category?: { id?: unknown } }).funcscope_category?.id)).filter(Number.isInteger)
    : [];

export interface LinkDeps {
  ctx: CoreContext;
  repo: ComponentRepo;
  login: LoginRepo;
  dir: Directory;
  sessions: QrSessions;
  client: ComponentClient;
}

/**
 * Identity sources connected by authorization ("Authorize with WeChat"): not connected → the authorization
 * page → connected (api_query_auth, api_get_authorizer_info; authorizer tokens kept fresh on the clock) →
 * not connected again when the account cancels. While connected, the connection's AppID is the authorizer's
 * and it has no AppSecret: the WeChat client then takes its tokens from here.
 */
export function createLinks({ ctx, repo, login, dir, sessions, client }: LinkDeps) {
  const clock: Clock = ctx.clock;
  const timers = new Map<string, Timer>();
  const completing = new Map<string, Promise<ComponentLinkDto>>();
  const refreshing = new Map<string, Promise<string>>();
  const keyOf = (l: { poolId: string; identifier: string }): string => `${l.poolId}/${l.identifier}`;

  function dto(row: LinkRow): ComponentLinkDto {
    const info = parse<Partial<AuthorizerInfo>>(row.info, {});
    return {
      poolId: row.poolId,
      identifier: row.identifier,
      status: row.status,
      authorizer:
        row.status === 'connected'
          ? {
              appId: row.authorizerAppId,
              nickName: info.nickName ?? '',
              headImg: info.headImg ?? '',
              userName: info.userName ?? '',
              principalName: info.principalName ?? '',
              serviceType: info.serviceType ?? -1,
              verifyType: info.verifyType ?? -1,
              funcIds: parse<number[]>(row.funcIds, []),
              connectedAt: row.connectedAt ?? 0,
            }
          : null,
      note: row.note,
    };
  }

  function requireLink(poolId: string, identifier: string): LinkRow {
    dir.requireConnection(poolId, identifier);
    const row = repo.linkGet.get(poolId, identifier);
    if (!row) throw new StudioError(409, 'not_authorized_kind', `connection "${identifier}" was created with an AppID and AppSecret, not by authorization`, 'identifier');
    return row;
  }

  function schedule(row: LinkRow): void {
    timers.get(keyOf(row))?.cancel();
    if (row.status !== 'connected') return;
    const life = row.accessExpiresAt - clock.now();
    const delay = Math.max(0, life - Math.min(REFRESH_EARLY_MS, life / 4));
    timers.set(keyOf(row), clock.setTimer(() => void refresh(row.poolId, row.identifier).catch(() => undefined), delay));
  }

  /** api_authorizer_token before expiry; a refused refresh token (61023: cancelled or re-authorized) disconnects. */
  function refresh(poolId: string, identifier: string): Promise<string> {
    const key = `${poolId}/${identifier}`;
    let p = refreshing.get(key);
    if (p) return p;
    p = (async () => {
      const row = repo.linkGet.get(poolId, identifier);
      if (!row || row.status !== 'connected') throw new WechatApiError('api_authorizer_token', 61003, NOT_CONNECTED_TEXT);
      try {
        const json = await client.call(poolId, 'api_authorizer_token', { authorizer_appid: row.authorizerAppId, authorizer_refresh_token: row.refreshToken });
        const token = String(json.authorizer_access_token ?? '');
        const expiresAt = clock.now() + Number(json.expires_in ?? 7200) * 1000;
        const refreshToken = typeof json.authorizer_refresh_token === 'string' && json.authorizer_refresh_token ? json.authorizer_refresh_token : row.refreshToken;
        repo.linkTokens.run(token, expiresAt, refreshToken, clock.now(), poolId, identifier);
        schedule({ ...row, accessToken: token, accessExpiresAt: expiresAt });
        return token;
      } catch (err) {
        if (err instanceof WechatApiError && err.errcode === 61023) {
          disconnect(poolId, identifier, `WeChat refused the refresh token (61023): the account cancelled or renewed the authorization. ${NOT_CONNECTED_TEXT}`);
        } else {
          timers.set(key, clock.setTimer(() => void refresh(poolId, identifier).catch(() => undefined), RETRY_MS));
        }
        throw err;
      }
    })().finally(() => refreshing.delete(key));
    refreshing.set(key, p);
    return p;
  }

  /** Back to "not connected": tokens forgotten, the connection without an AppID, its open logins ended. */
  function disconnect(poolId: string, identifier: string, note: string): void {
    const row = repo.linkGet.get(poolId, identifier);
    if (!row) return;
    timers.get(keyOf(row))?.cancel();
    timers.delete(keyOf(row));
    // One transaction; the connection, the pool and each ended session are announced once it commits.
    repo.tx(() => {
      repo.linkDisconnect.run(note, clock.now(), poolId, identifier);
      repo.connSetAppId.run('', clock.now(), poolId, identifier);
      for (const s of login.q.sessionOpen.all()) {
        if (s.poolId === poolId && s.connection === identifier) sessions.write({ ...s, status: 'ERROR', error: NOT_CONNECTED_TEXT });
      }
    });
  }

  async function complete(poolId: string, identifier: string, code: string): Promise<ComponentLinkDto> {
    const row = requireLink(poolId, identifier);
    if (row.status === 'connected' && row.lastAuthCode === code) return dto(row);
    const auth = (await client.call(poolId, 'api_query_auth', { authorization_code: code })).authorization_info as Record<string, unknown> | undefined;
    const appId = String(auth?.authorizer_appid ?? '');
    if (!auth || !appId) throw new WechatApiError('api_query_auth', -1, 'the answer has no authorization_info.authorizer_appid');
    const clash = login.q.connByPool.all(poolId).find((c: ConnectionRow) => c.appId === appId && c.identifier !== identifier);
    if (clash) throw new StudioError(409, 'already_connected', `this official account is already connected to this user pool as "${clash.identifier}"`, 'identifier');
    const info = (await client.call(poolId, 'api_get_authorizer_info', { authorizer_appid: appId })).authorizer_info as Record<string, unknown> | undefined;
    const funcIds = funcIdsOf(auth.func_info);
    const missing = NEEDED.filter((n) => !funcIds.includes(n.id));
    const now = clock.now();
    const next = {
      poolId,
      identifier,
      authorizerAppId: appId,
      refreshToken: String(auth.authorizer_refresh_token ?? ''),
      accessToken: String(auth.authorizer_access_token ?? ''),
      accessExpiresAt: now + Number(auth.expires_in ?? 7200) * 1000,
      funcIds: JSON.stringify(funcIds),
      info: JSON.stringify({
        nickName: String(info?.nick_name ?? ''),
        headImg: String(info?.head_img ?? ''),
        userName: String(info?.user_name ?? ''),
        principalName: String(info?.principal_name ?? ''),
        serviceType: Number((info?.service_type_info as { id?: unknown } | undefined)?.id ?? -1),
        verifyType: Number((info?.verify_type_info as { id?: unknown } | undefined)?.id ?? -1),
      } satisfies AuthorizerInfo),
      lastAuthCode: code,
      note: missing.length ? `Not granted: ${missing.map((m) => `permission set ${m.id}, ${m.what}`).join('; ')}. Logins need it.` : '',
      connectedAt: now,
      updatedAt: now,
    };
    repo.tx(() => {
      repo.linkConnect.run(next);
      repo.connSetAppId.run(appId, now, poolId, identifier);
    });
    const saved = repo.linkGet.get(poolId, identifier)!;
    schedule(saved);
    return dto(saved);
  }

  return {
    dto,
    requireLink,
    disconnect,
    refresh,

    list(poolId: string): ComponentLinkDto[] {
      dir.requirePool(poolId);
      return repo.linksOfPool.all(poolId).map(dto);
    },
    get(poolId: string, identifier: string): ComponentLinkDto {
      return dto(requireLink(poolId, identifier));
    },

    /** Creates (or reuses) the identity source, not connected, and a fresh authorization page URL. */
    async start(poolId: string, input: AuthorizeConnectionInput): Promise<AuthorizeStartResult> {
      dir.requirePool(poolId);
      const cfg = client.config(poolId);
      const existing = login.q.connGet.get(poolId, input.identifier);
      if (existing && !repo.linkGet.get(poolId, input.identifier)) {
        throw new StudioError(409, 'conflict', `Unique ID "${input.identifier}" is already used by a connection with an AppID and AppSecret`, 'identifier');
      }
      const made = await client.call(poolId, 'api_create_preauthcode', {});
      const preAuthCode = String(made.pre_auth_code ?? '');
      const expiresIn = Number(made.expires_in ?? 1800);
      const now = clock.now();
      // One state per pending authorization: every authorization URL made for it (API, initiation page) redirects with it.
      const pending = repo.linkGet.get(poolId, input.identifier);
      const state = pending?.pendingState || ctx.random(16).toString('base64url');
      repo.tx(() => {
        if (!existing) {
          login.q.connInsert.run({
            poolId,
            identifier: input.identifier,
            displayName: input.displayName,
            appId: '',
            appSecret: '',
            token: '',
            encodingAesKey: '',
            mode: 'safe',
            loginMode: input.loginMode ?? 'login-and-register',
            association: input.association ?? 'off',
            qrExpireSeconds: input.qrExpireSeconds ?? null,
            createdAt: now,
            updatedAt: now,
          });
        }
        repo.linkInsert.run(poolId, input.identifier, now);
        repo.linkPending.run(state, preAuthCode, now + expiresIn * 1000, now, poolId, input.identifier);
      });
      const redirect = `${ctx.urls.auth}/component/${encodeURIComponent(poolId)}/authorized?identifier=${encodeURIComponent(input.identifier)}&state=${state}`;
      const base = ctx.wechatApiBase;
      const qs = `component_appid=${cfg.componentAppId}&pre_auth_code=${encodeURIComponent(preAuthCode)}&redirect_uri=${encodeURIComponent(redirect)}&auth_type=1`;
      return {
        link: dto(repo.linkGet.get(poolId, input.identifier)!),
        authorizationUrl: `${base}/cgi-bin/componentloginpage?${qs}`,
        initiationUrl: `${ctx.urls.auth}/component/${encodeURIComponent(poolId)}/authorize/${encodeURIComponent(input.identifier)}`,
        preAuthCodeExpiresIn: expiresIn,
      };
    },

    /** On auth_code (redirect or push): one completion per identity source at a time. */
    complete(poolId: string, identifier: string, code: string): Promise<ComponentLinkDto> {
      const key = `${poolId}/${identifier}`;
      let p = completing.get(key);
      if (!p) {
        p = complete(poolId, identifier, code).finally(() => completing.delete(key));
        completing.set(key, p);
      }
      return p;
    },

    /**
     * A redirect is ours when its state is the pending one (not expired), or when the same code already
     * connected the identity source (the authorized push may complete first).
     */
    redirectAllowed(poolId: string, identifier: string, state: string, code: string): boolean {
      const pending = state ? repo.linkByState.get(poolId, identifier, state) : undefined;
      if (pending && pending.pendingExpiresAt > clock.now()) return true;
      const row = repo.linkGet.get(poolId, identifier);
      return row?.status === 'connected' && code !== '' && row.lastAuthCode === code;
    },

    /** For the wechat client: the authorizer token of a connected account, refreshed when due. */
    async token(appId: string): Promise<string> {
      const row = appId ? repo.linkByAuthorizer.get(appId) : undefined;
      if (!row) throw new WechatApiError('token', 61003, NOT_CONNECTED_TEXT);
      if (row.accessToken && row.accessExpiresAt - 60_000 > clock.now()) return row.accessToken;
      return refresh(row.poolId, row.identifier);
    },
    invalidate(appId: string, token: string): void {
      const row = repo.linkByAuthorizer.get(appId);
      if (row && row.accessToken === token) repo.linkTokens.run('', 0, row.refreshToken, clock.now(), row.poolId, row.identifier);
    },

    /** After a restart: re-arm every connected link's refresh. */
    resume(): void {
      for (const row of repo.linksConnected.all()) schedule(row);
    },
    stop(): void {
      for (const t of timers.values()) t.cancel();
      timers.clear();
    },
  };
}

export type Links = ReturnType<typeof createLinks>;
