import { say } from '../../../contracts/said';
import { FUNC_SETS, type AccountAuthorizationDto } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import { URL_SAFE, randomChars } from '../../wechat/random';
import type { AccountRecord, Accounts } from '../accounts';
import type { ApiPermission } from '../schemas';
import type { Component, Components } from './components';
import { mintValue } from './credentials';
import { PageError, openError } from './errors';
import type { AuthorizationRow, OpenRepo } from './repo';
import type { OpenSettingsStore } from './settings';

const DAY_MS = 86_400_000;

export function parseFuncIds(json: string): number[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : [];
  } catch {
    return [];
  }
}

export const funcInfo = (ids: number[]): Array<{ funcscope_category: { id: number } }> => ids.map((id) => ({ funcscope_category: { id } }));
export const funcName = (id: number): string => FUNC_SETS.find((f) => f.id === id)?.name ?? `#${id}`;

export interface Confirmation {
  infoType: 'authorized' | 'updateauthorized' | 'none';
  authCode: string;
  expiresIn: number;
  funcIds: number[];
  /** Exclusive permission sets left out because another platform holds them. */
  dropped: number[];
}

/**
 * Authorizations of accounts to platforms (spec §7.2 step 4, §9–§12, §13, §15): the codes, the authorizer
 * tokens, what they may call, and the cancellation with every effect.
 */
export function createAuthorizations(ctx: CoreContext, repo: OpenRepo, components: Components, accounts: Accounts, settings: OpenSettingsStore) {
  const now = (): number => ctx.clock.now();

  function active(componentAppId: string, appId: string): AuthorizationRow | undefined {
    const row = repo.authzGet.get(componentAppId, appId);
    return row && row.active === 1 ? row : undefined;
  }

  function issueAccessToken(componentAppId: string, appId: string): { token: string; expiresIn: number } {
    const t = now();
    const expiresIn = settings.get().authorizerTokenLifetimeSeconds;
    const token = randomChars(ctx.random, URL_SAFE, 107);
    repo.atokenPrune.run(t - DAY_MS);
    repo.atokenInsert.run(token, componentAppId, appId, t, t + expiresIn * 1000);
    return { token, expiresIn };
  }

  /** Exclusive permission sets another platform already holds on this account. */
  function heldElsewhere(componentAppId: string, appId: string): number[] {
    const exclusive = settings.get().exclusiveFuncIds;
    const held = new Set<number>();
    for (const other of repo.authzActiveOfAccount.all(appId)) {
      if (other.componentAppId === componentAppId) continue;
      for (const id of parseFuncIds(other.funcIds)) if (exclusive.includes(id)) held.add(id);
    }
    return [...held];
  }

  return {
    active,
    heldElsewhere,

    /** The admin confirmed on the phone: the authorization, a fresh refresh token and an auth_code. */
    confirm(c: Component, appId: string, requested: number[]): Confirmation {
      const s = settings.get();
      const previous = active(c.componentAppId, appId);
      if (!previous && repo.authzActiveOfAccount.all(appId).length >= s.maxAuthorizationsPerAccount) {
        throw new PageError(-25, `the account already authorized ${s.maxAuthorizationsPerAccount} platforms, the limit`);
      }
      const taken = heldElsewhere(c.componentAppId, appId);
      const funcIds = [...new Set(requested)].filter((id) => !taken.includes(id)).sort((a, b) => a - b);
      if (funcIds.length === 0) throw new PageError(-23, 'no permission set was left to grant');
      const before = previous ? parseFuncIds(previous.funcIds) : null;
      const same = before !== null && before.length === funcIds.length && before.every((id, i) => id === funcIds[i]);
      const infoType: Confirmation['infoType'] = !previous ? 'authorized' : same && !s.pushUpdateWhenUnchanged ? 'none' : 'updateauthorized';
      const t = now();
      const authCode = mintValue(ctx, 'queryauthcode@@@', 86);
      repo.tx(() => {
        repo.authzUpsert.run({
          componentAppId: c.componentAppId,
          authorizerAppId: appId,
          funcIds: JSON.stringify(funcIds),
          // A re-authorization makes the previous refresh token stop working (§9, §10).
          refreshToken: mintValue(ctx, 'refreshtoken@@@', 43),
          authTime: Math.floor(t / 1000),
        });
        repo.codeInsert.run(authCode, c.componentAppId, appId, t, t + s.authCodeLifetimeSeconds * 1000);
      });
      return { infoType, authCode, expiresIn: s.authCodeLifetimeSeconds, funcIds, dropped: requested.filter((id) => taken.includes(id)) };
    },

    /** api_query_auth (§9). */
    queryAuth(c: Component, code: unknown): Record<string, unknown> {
      if (typeof code !== 'string' || code === '') throw openError(61009, say('api.hint.passAuthCode'));
      const s = settings.get();
      const row = repo.codeGet.get(code);
      if (!row || row.componentAppId !== c.componentAppId) throw openError(61009, say('api.hint.authCodeOtherPlatform'));
      if (row.revokedAt !== null || !active(c.componentAppId, row.authorizerAppId)) {
        throw openError(61009, say('api.hint.authCodeCancelled'));
      }
      if (now() >= row.expiresAt) throw openError(s.expiredAuthCodeErrcode, say('api.hint.authCodeExpired', { seconds: s.authCodeLifetimeSeconds }));
      if (row.usedAt !== null && !s.authCodeReusable) throw openError(s.usedAuthCodeErrcode, say('api.hint.authCodeUsed'));
      const authz = active(c.componentAppId, row.authorizerAppId)!;
      const issued = repo.tx(() => {
        repo.codeUse.run(now(), code);
        return issueAccessToken(c.componentAppId, row.authorizerAppId);
      });
      return {
        authorization_info: {
          authorizer_appid: row.authorizerAppId,
          authorizer_access_token: issued.token,
          expires_in: issued.expiresIn,
          authorizer_refresh_token: authz.refreshToken,
          func_info: funcInfo(parseFuncIds(authz.funcIds)),
        },
      };
    },

    /** api_authorizer_token (§10). */
    refresh(c: Component, body: Record<string, unknown>): Record<string, unknown> {
      const s = settings.get();
      const appId = body.authorizer_appid;
      if (typeof appId !== 'string' || appId === '') throw openError(40013, say('api.hint.passAuthorizerAppId'));
      const refreshToken = body.authorizer_refresh_token;
      const row = repo.authzGet.get(c.componentAppId, appId);
      if (!row) throw openError(61023, say('api.hint.neverAuthorized', { appId }));
      if (row.active !== 1) throw openError(s.revokedRefreshTokenErrcode, say('api.hint.refreshTokenRevoked'));
      if (typeof refreshToken !== 'string' || refreshToken !== row.refreshToken) {
        throw openError(61023, say('api.hint.refreshTokenNotCurrent'));
      }
      return repo.tx(() => {
        const issued = issueAccessToken(c.componentAppId, appId);
        let next = row.refreshToken;
        if (s.rotateRefreshToken) {
          next = mintValue(ctx, 'refreshtoken@@@', 43);
          repo.authzRefreshToken.run(next, c.componentAppId, appId);
        }
        return { authorizer_access_token: issued.token, expires_in: issued.expiresIn, authorizer_refresh_token: next };
      });
    },

    /** api_get_authorizer_info (§11), in the official shape. */
    info(c: Component, appId: unknown): Record<string, unknown> {
      if (typeof appId !== 'string' || appId === '') throw openError(40013, say('api.hint.passAuthorizerAppId'));
      const row = active(c.componentAppId, appId);
      const account = accounts.find(appId);
      if (!row || !account) {
        throw openError(settings.get().unauthorizedInfoErrcode, say('api.hint.notAuthorizedOrCancelled', { appId }));
      }
      return {
        authorizer_info: {
          nick_name: account.name,
          head_img: `${ctx.urls.wechat}/mmopen/${account.appId}/0`,
          service_type_info: { id: account.type === 'service' ? 2 : 0 },
          verify_type_info: { id: account.verified ? 0 : -1 },
          user_name: account.originalId,
          principal_name: `${account.name} (Follow Studio)`,
          business_info: { open_store: 0, open_scan: 0, open_pay: 0, open_card: 0, open_shake: 0 },
          alias: '',
          qrcode_url: `${ctx.urls.wechat}/mmopen/${account.appId}/qrcode`,
          account_status: 1,
        },
        authorization_info: {
          authorizer_appid: appId,
          func_info: funcInfo(parseFuncIds(row.funcIds)),
          authorizer_refresh_token: row.refreshToken,
        },
      };
    },

    /** api_get_authorizer_list (§12): active authorizations only. */
    list(c: Component, body: Record<string, unknown>): Record<string, unknown> {
      const offset = typeof body.offset === 'number' && Number.isInteger(body.offset) && body.offset >= 0 ? body.offset : 0;
      const count = body.count === undefined ? 100 : body.count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) throw openError(40097, say('api.hint.countPositive'));
      if (count > 500) throw openError(40170, say('api.hint.countMax'));
      const rows = repo.authzActiveOfComponent.all(c.componentAppId, count, offset);
      return {
        total_count: repo.authzCountOfComponent.get(c.componentAppId)?.n ?? 0,
        list: rows.map((r) => ({ authorizer_appid: r.authorizerAppId, refresh_token: r.refreshToken, auth_time: r.authTime })),
      };
    },

    /** Options (§12): read and write one, on an active authorization. */
    option(c: Component, appId: unknown, name: unknown, value?: unknown): Record<string, unknown> {
      if (typeof appId !== 'string' || appId === '') throw openError(40013, say('api.hint.passAuthorizerAppId'));
      const row = active(c.componentAppId, appId);
      if (!row) throw openError(settings.get().unauthorizedInfoErrcode, say('api.hint.notAuthorized', { appId }));
      const allowed: Record<string, string[]> = { location_report: ['0', '1', '2'], voice_recognize: ['0', '1'], customer_service: ['0', '1'] };
      if (typeof name !== 'string' || !allowed[name]) throw openError(61012, say('api.hint.optionNameOneOf', { names: Object.keys(allowed).join(', ') }));
      let options: Record<string, string> = {};
      try {
        options = JSON.parse(row.options) as Record<string, string>;
      } catch {
        options = {};
      }
      if (value === undefined) return { authorizer_appid: appId, option_name: name, option_value: options[name] ?? '0' };
      const text = String(value);
      if (!allowed[name].includes(text)) throw openError(61013, say('api.hint.optionValueOneOf', { name, values: allowed[name].join(', ') }));
      repo.authzOptions.run(JSON.stringify({ ...options, [name]: text }), c.componentAppId, appId);
      return { errcode: 0, errmsg: 'ok' };
    },

    /** The admin cancels (§15): the authorization, its codes and its tokens stop working at once. */
    cancel(appId: string, componentAppId: string): Component {
      accounts.get(appId);
      const c = components.get(componentAppId);
      if (!active(componentAppId, appId)) {
        throw new StudioError(404, 'not_found', `${appId} has not authorized the third-party platform ${componentAppId}`, 'componentAppId');
      }
      const t = now();
      repo.tx(() => {
        repo.authzRevoke.run(t, componentAppId, appId);
        repo.codeRevokeAll.run(t, componentAppId, appId);
        repo.atokenInvalidateAll.run(t, componentAppId, appId);
      });
      return c;
    },

    /**
     * An authorizer access token on an account's API (§13): undefined when the token is none of ours (the
     * caller then checks it as the account's own token); the account, or 40001/42001/61007 otherwise.
     */
    authenticate(token: string | undefined, permission: ApiPermission | null): { account: AccountRecord; component: Component } | undefined {
      if (!token) return undefined;
      const row = repo.atokenGet.get(token);
      if (!row) return undefined;
      const s = settings.get();
      const authz = active(row.componentAppId, row.authorizerAppId);
      if (row.invalidatedAt !== null || !authz) {
        throw openError(s.revokedAuthorizerTokenErrcode, say('api.hint.authorizerTokenRevoked'));
      }
      if (now() >= row.expiresAt) {
        throw openError(42001, say('api.hint.authorizerTokenExpired', { seconds: Math.round((now() - row.expiresAt) / 1000) }));
      }
      const account = accounts.find(row.authorizerAppId);
      const component = components.find(row.componentAppId);
      if (!account || !component) throw openError(40001, say('api.hint.authorizerTokenOwnersGone'));
      if (permission === null) return { account, component };
      const need = permission === 'qrcode' ? s.qrcodeFuncId : permission === 'custom_send' ? s.messageFuncId : s.userFuncId;
      if (!parseFuncIds(authz.funcIds).includes(need)) {
        throw openError(61007, say('api.hint.permissionNotGranted', { account: account.name, id: need, funcName: funcName(need), platform: component.name }));
      }
      return { account, component };
    },

    isAuthorizerToken(token: string): boolean {
      return repo.atokenGet.get(token) !== undefined;
    },

    /** The platform that receives the account's user messages: the one holding the message permission set. */
    messageReceiver(appId: string): Component | undefined {
      const need = settings.get().messageFuncId;
      const row = repo.authzActiveOfAccount.all(appId).find((r) => parseFuncIds(r.funcIds).includes(need));
      return row ? components.find(row.componentAppId) : undefined;
    },

    /** The account's Authorization management page. */
    ofAccount(appId: string): AccountAuthorizationDto[] {
      accounts.get(appId);
      return repo.authzActiveOfAccount.all(appId).flatMap((r) => {
        const c = components.find(r.componentAppId);
        if (!c) return [];
        const ids = parseFuncIds(r.funcIds);
        return [{ componentAppId: c.componentAppId, componentName: c.name, authorizerAppId: appId, funcs: ids.map((id) => ({ id, name: funcName(id) })), authTime: r.authTime }];
      });
    },
  };
}

export type Authorizations = ReturnType<typeof createAuthorizations>;
