import type { ComponentConfigDto } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import { mask } from '../util';
import { WechatApiError, type WechatClient } from '../wechat-client';
import type { ComponentConfigRow, ComponentRepo } from './repo';

const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Refresh the component token this long before WeChat's expiry (EasyWeChat: 100 s). */
const EARLY_MS = 100_000;

/**
 * The login server as a third-party platform, towards WeChat: its pool-level configuration, the latest
 * verify ticket, the cached component token (one request at a time per pool, refreshed before expiry and
 * once more on a token error) and the component APIs.
 */
export function createComponentClient(ctx: CoreContext, repo: ComponentRepo, wechat: WechatClient) {
  const cache = new Map<string, { token: string; expiresAt: number; appId: string }>();
  const inflight = new Map<string, Promise<string>>();

  const urls = (poolId: string): { authEventUrl: string; messageUrl: string } => ({
    authEventUrl: `${ctx.urls.auth}/component/${encodeURIComponent(poolId)}/events`,
    messageUrl: `${ctx.urls.auth}/component/${encodeURIComponent(poolId)}/$APPID$/events`,
  });

  function config(poolId: string): ComponentConfigRow {
    const row = repo.configGet.get(poolId);
    if (!row) {
      throw new StudioError(409, 'component_not_configured', 'this user pool has no third-party platform configured: PUT /api/login/pools/{poolId}/component first', 'poolId');
    }
    return row;
  }

  async function fetchToken(cfg: ComponentConfigRow): Promise<string> {
    if (!cfg.verifyTicket) {
      throw new StudioError(409, 'no_verify_ticket', 'no component_verify_ticket has arrived yet at the authorization-event URL; WeChat pushes one every 10 minutes', 'poolId');
    }
    const json = await wechat.request('api_component_token', '/cgi-bin/component/api_component_token', {
      method: 'POST',
      body: { component_appid: cfg.componentAppId, component_appsecret: cfg.componentAppSecret, component_verify_ticket: cfg.verifyTicket },
    });
    const token = json.component_access_token;
    if (typeof token !== 'string' || !token) throw new WechatApiError('api_component_token', -1, 'the answer has no component_access_token');
    const life = Number(json.expires_in ?? 7200) * 1000;
    cache.set(cfg.poolId, { token, appId: cfg.componentAppId, expiresAt: ctx.clock.now() + Math.max(life - EARLY_MS, Math.min(life, 1000)) });
    return token;
  }

  function componentToken(cfg: ComponentConfigRow): Promise<string> {
    const hit = cache.get(cfg.poolId);
    if (hit && hit.appId === cfg.componentAppId && hit.expiresAt > ctx.clock.now()) return Promise.resolve(hit.token);
    let p = inflight.get(cfg.poolId);
    if (!p) {
      p = fetchToken(cfg).finally(() => inflight.delete(cfg.poolId));
      inflight.set(cfg.poolId, p);
    }
    return p;
  }

  return {
    urls,
    config,
    find: (poolId: string): ComponentConfigRow | undefined => repo.configGet.get(poolId),
    dto(poolId: string): ComponentConfigDto {
      const row = repo.configGet.get(poolId);
      return {
        poolId,
        configured: row !== undefined,
        componentAppId: row?.componentAppId ?? '',
        componentAppSecretMasked: mask(row?.componentAppSecret ?? ''),
        tokenMasked: mask(row?.token ?? ''),
        encodingAesKeyMasked: mask(row?.aesKey ?? ''),
        ...urls(poolId),
        initiationDomain: ctx.urls.auth ? new URL(ctx.urls.auth).host : '',
        ticketReceivedAt: row?.ticketAt ?? null,
      };
    },
    /** Forgets the cached token (a new configuration, a reset). */
    forget(poolId?: string): void {
      if (poolId === undefined) cache.clear();
      else cache.delete(poolId);
    },
    /** A component API with the cached token (`component_access_token=`), retried once on a token error. */
    async call(poolId: string, api: string, body: Record<string, unknown>): Promise<Record<string, unknown>> {
      const cfg = config(poolId);
      const run = async (): Promise<Record<string, unknown>> => {
        const token = await componentToken(cfg);
        return wechat.request(api, `/cgi-bin/component/${api}?component_access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          body: { component_appid: cfg.componentAppId, ...body },
        });
      };
      try {
        return await run();
      } catch (err) {
        if (!(err instanceof WechatApiError) || !TOKEN_ERRORS.has(err.errcode)) throw err;
        cache.delete(poolId);
        return run();
      }
    },
    /** Asks WeChat to push a verify ticket now (api_start_push_ticket, §4.1). */
    async startPushTicket(poolId: string): Promise<void> {
      const cfg = config(poolId);
      await wechat.request('api_start_push_ticket', '/cgi-bin/component/api_start_push_ticket', {
        method: 'POST',
        body: { component_appid: cfg.componentAppId, component_secret: cfg.componentAppSecret },
      });
    },
  };
}

export type ComponentClient = ReturnType<typeof createComponentClient>;
