import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';

/**
 * The WeChat API client the login server uses, over HTTP exactly as against api.weixin.qq.com, at
 * `ctx.wechatApiBase` (the configured base, else the mock's wechat server).
 * Access tokens are cached per (AppID, AppSecret) until shortly before they expire, concurrent callers
 * share one in-flight request, and a 40001/42001/40014 answer drops the token and retries once.
 */

export interface WechatCredentials {
  appId: string;
  appSecret: string;
}

export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed: errcode ${errcode} ${errmsg}${hintFor(errcode)}`);
    this.name = 'WechatApiError';
  }
}

function hintFor(errcode: number): string {
  switch (errcode) {
    case -2:
      return ' (the WeChat API could not be reached)';
    case 40013:
      return ' — check the connection\'s Developer ID (AppID)';
    case 40001:
    case 40125:
      return ' — check the connection\'s Developer Password (AppSecret); it may have been reset';
    case 40164:
      return ' — the login server\'s IP is not in the account\'s IP whitelist';
    case 48001:
      return ' — only verified service accounts may create parametric QR codes (check the account type and API permissions)';
    default:
      return '';
  }
}

const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh this long before WeChat's expiry so a token never dies mid-request. */
const EARLY_REFRESH_MS = 60_000;
const TIMEOUT_MS = 4_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface QrCode {
  ticket: string;
  url: string;
  expireSeconds: number;
}

export interface UserInfo {
  subscribe: number;
  openid: string;
  unionid?: string;
  nickname?: string;
}

/**
 * Tokens the client does not fetch itself: credentials without an AppSecret belong to an account connected
 * by authorization, whose authorizer access token the third-party platform side supplies and refreshes.
 */
export interface TokenSource {
  token(appId: string): Promise<string>;
  /** WeChat refused the token (40001/42001/40014): the next call must not reuse it. */
  invalidate(appId: string, token: string): void;
}

export interface WechatClientStats {
  tokenRequests: number;
  apiCalls: number;
}

export function createWechatClient(ctx: CoreContext) {
  const cache = new Map<string, CachedToken>();
  const inflight = new Map<string, Promise<string>>();
  const stats: WechatClientStats = { tokenRequests: 0, apiCalls: 0 };
  let source: TokenSource | undefined;

  // The secret is part of the key so that a changed AppSecret never reuses a token issued for the old one.
  const keyOf = (c: WechatCredentials): string => `${c.appId}:${createHash('sha256').update(c.appSecret).digest('hex').slice(0, 16)}`;

  async function call(api: string, path: string, init?: { method: 'POST'; body: unknown }): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await ctx.fetch(`${ctx.wechatApiBase}${path}`, {
        method: init?.method ?? 'GET',
        headers: init ? { 'content-type': 'application/json' } : {},
        ...(init ? { body: JSON.stringify(init.body) } : {}),
        signal: ctx.clock.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new WechatApiError(api, -2, `request to ${ctx.wechatApiBase} failed: ${(err as Error).message}`);
    }
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new WechatApiError(api, -1, `HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`);
    }
    if (typeof json.errcode === 'number' && json.errcode !== 0) {
      throw new WechatApiError(api, json.errcode, String(json.errmsg ?? ''));
    }
    return json;
  }

  async function fetchToken(c: WechatCredentials): Promise<string> {
    stats.tokenRequests++;
    const qs = new URLSearchParams({ grant_type: 'client_credential', appid: c.appId, secret: c.appSecret });
    const json = await call('token', `/cgi-bin/token?${qs}`);
    const token = json.access_token;
    const expiresIn = Number(json.expires_in ?? 7200);
    if (typeof token !== 'string' || token === '') throw new WechatApiError('token', -1, 'the answer has no access_token');
    const ttl = Math.max(expiresIn * 1000 - EARLY_REFRESH_MS, Math.min(expiresIn * 1000, 1000));
    cache.set(keyOf(c), { token, expiresAt: ctx.clock.now() + ttl });
    return token;
  }

  function accessToken(c: WechatCredentials): Promise<string> {
    if (c.appSecret === '' && source) return source.token(c.appId);
    const key = keyOf(c);
    const hit = cache.get(key);
    if (hit && hit.expiresAt > ctx.clock.now()) return Promise.resolve(hit.token);
    let p = inflight.get(key);
    if (!p) {
      p = fetchToken(c).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  function invalidate(c: WechatCredentials, token: string): void {
    if (c.appSecret === '' && source) return source.invalidate(c.appId, token);
    const key = keyOf(c);
    if (cache.get(key)?.token === token) cache.delete(key);
  }

  /** Runs an API call with the cached token; on a token error, drops the token and tries once more. */
  async function withToken<T>(c: WechatCredentials, run: (token: string) => Promise<T>): Promise<T> {
    const token = await accessToken(c);
    try {
      stats.apiCalls++;
      return await run(token);
    } catch (err) {
      if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
      invalidate(c, token);
      stats.apiCalls++;
      return run(await accessToken(c));
    }
  }

  return {
    stats,
    accessToken,
    /** Where tokens of credentials without an AppSecret come from (accounts connected by authorization). */
    useTokenSource(s: TokenSource): void {
      source = s;
    },
    /** One call to WeChat's API as is (JSON POST, or GET without a body); a non-zero errcode throws WechatApiError. */
    request: call,
    /** A temporary QR_STR_SCENE code (§7.3). */
    createQrCode(c: WechatCredentials, sceneStr: string, expireSeconds: number): Promise<QrCode> {
      return withToken(c, async (token) => {
        const json = await call('qrcode/create', `/cgi-bin/qrcode/create?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          body: { expire_seconds: expireSeconds, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: sceneStr } } },
        });
        if (typeof json.ticket !== 'string' || typeof json.url !== 'string') {
          throw new WechatApiError('qrcode/create', -1, 'the answer has no ticket or url');
        }
        return { ticket: json.ticket, url: json.url, expireSeconds: Number(json.expire_seconds ?? expireSeconds) };
      });
    },
    /** `user/info` (§7.5): the UnionID when the account is bound to an Open Platform account. */
    userInfo(c: WechatCredentials, openId: string): Promise<UserInfo> {
      return withToken(c, async (token) => {
        const qs = new URLSearchParams({ access_token: token, openid: openId, lang: 'zh_CN' });
        const json = await call('user/info', `/cgi-bin/user/info?${qs}`);
        return {
          subscribe: Number(json.subscribe ?? 0),
          openid: String(json.openid ?? openId),
          ...(typeof json.unionid === 'string' && json.unionid.trim() ? { unionid: json.unionid.trim() } : {}),
          ...(typeof json.nickname === 'string' && json.nickname ? { nickname: json.nickname } : {}),
        };
      });
    },
    /** Drops every cached token (demo reset). */
    clear(): void {
      cache.clear();
    },
  };
}

export type WechatClient = ReturnType<typeof createWechatClient>;
