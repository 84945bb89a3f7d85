import type { AuthorizeConnectionInput, ComponentConfigDto, ComponentConfigInput, ComponentLinkDto } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import { StudioError } from '../../http/errors';
import type { RouteRegistry } from '../../http/routes';
import type { Apps } from '../../module';
import type { Platform } from '../../platform';
import { newEncodingAesKey, newToken } from '../../wechat/ids';
import type { Directory } from '../directory';
import type { QrSessions } from '../qr-sessions';
import type { LoginRepo } from '../repo';
import type { ScanFlow } from '../scan-flow';
import type { WechatClient } from '../wechat-client';
import { createComponentClient } from './client';
import { createComponentEvents } from './events';
import { createLinks, type Links } from './links';
import { createComponentRepo } from './repo';
import { registerComponentAuthRoutes, registerComponentControlRoutes } from './routes';

export interface ComponentLoginDeps {
  ctx: CoreContext;
  login: LoginRepo;
  dir: Directory;
  sessions: QrSessions;
  flow: ScanFlow;
  wechat: WechatClient;
  maxSkewSeconds(): number;
  platform(): Platform | undefined;
}

/**
 * The login server as a WeChat third-party platform: a pool-level configuration, the verify tickets it
 * receives, identity sources connected by authorization, and the message URL that logs users in.
 */
export function createComponentLogin(deps: ComponentLoginDeps): ComponentLogin {
  const { ctx, login, dir, sessions, flow, wechat } = deps;
  const repo = createComponentRepo(ctx.db);
  const client = createComponentClient(ctx, repo, wechat);
  const links = createLinks({ ctx, repo, login, dir, sessions, client });
  const events = createComponentEvents({ ctx, repo, login, client, links, flow, maxSkewSeconds: deps.maxSkewSeconds });
  wechat.useTokenSource({ token: (appId) => links.token(appId), invalidate: (appId, token) => links.invalidate(appId, token) });

  const service = {
    config(poolId: string): ComponentConfigDto {
      dir.requirePool(poolId);
      return client.dto(poolId);
    },
    /** Saves the credentials, then asks WeChat for a verify ticket (best effort: one also comes every 10 min). */
    async configure(poolId: string, input: ComponentConfigInput): Promise<ComponentConfigDto & { ticketRequest: string }> {
      dir.requirePool(poolId);
      repo.configUpsert.run({ poolId, ...input, aesKey: input.encodingAesKey, updatedAt: ctx.clock.now() });
      client.forget(poolId);
      ctx.bus.publish({ type: 'changed', topic: 'pools', id: poolId });
      let ticketRequest = 'requested';
      try {
        await client.startPushTicket(poolId);
      } catch (err) {
        ticketRequest = `api_start_push_ticket failed: ${(err as Error).message}`;
      }
      return { ...client.dto(poolId), ticketRequest };
    },
    /**
     * Registers this pool's URLs as a new platform on the in-process mock Open Platform (fresh Token and
     * EncodingAESKey, the auth server as initiation domain) and saves the credentials it returns.
     */
    async register(poolId: string, name?: string): Promise<ComponentConfigDto & { ticketRequest: string }> {
      const pool = dir.requirePool(poolId);
      const p = deps.platform();
      if (!p) throw new StudioError(503, 'unavailable', 'the mock platform is not available to register the third-party platform');
      const token = newToken(32, ctx.random);
      const encodingAesKey = newEncodingAesKey(ctx.random);
      const created = p.open.createPlatform({
        name: name ?? `${pool.name} (login server)`,
        ...client.urls(poolId),
        token,
        encodingAesKey,
        initiationDomain: new URL(ctx.urls.auth).host,
      });
      return this.configure(poolId, { componentAppId: created.componentAppId, componentAppSecret: created.componentAppSecret, token, encodingAesKey });
    },
    connection(poolId: string, identifier: string): { displayName: string } {
      return dir.requireConnection(poolId, identifier);
    },
    /**
     * The whole "Authorize with WeChat" story in-process, for scenario steps and demos: start, the admin's
     * phone scans the authorization page and confirms, the browser follows WeChat's redirect to the auth
     * server. Resolves with the identity source as the console shows it.
     */
    async authorizeWithWeChat(poolId: string, input: AuthorizeConnectionInput, admin: { personaId: string; appId: string; funcIds?: number[] }): Promise<ComponentLinkDto> {
      const p = deps.platform();
      if (!p) throw new StudioError(503, 'unavailable', 'the mock platform is not available to authorize');
      const started = await links.start(poolId, input);
      const screen = await p.open.scanAuthorizationPage(admin.personaId, started.authorizationUrl, started.initiationUrl);
      if (screen.screen !== 'authorize') throw new StudioError(409, 'authorization_refused', screen.error ?? 'the authorization page refused the scan', 'personaId');
      const done = await p.open.authorize(admin.personaId, admin.appId, admin.funcIds);
      const res = await ctx.fetch(done.redirect, { redirect: 'manual' });
      await res.text();
      return links.get(poolId, input.identifier);
    },
  };

  const componentLogin: ComponentLogin = {
    service,
    links,
    register(apps: Apps, routes: RouteRegistry): void {
      registerComponentAuthRoutes(apps.auth, ctx, componentLogin, events);
      registerComponentControlRoutes(apps.studio, routes, componentLogin);
    },
    start(): void {
      links.resume();
    },
    async stop(): Promise<void> {
      links.stop();
      await events.settle();
    },
    reset(): void {
      links.stop();
      client.forget();
    },
  };
  return componentLogin;
}

export interface ComponentLogin {
  service: {
    config(poolId: string): ComponentConfigDto;
    configure(poolId: string, input: ComponentConfigInput): Promise<ComponentConfigDto & { ticketRequest: string }>;
    register(poolId: string, name?: string): Promise<ComponentConfigDto & { ticketRequest: string }>;
    connection(poolId: string, identifier: string): { displayName: string };
    authorizeWithWeChat(poolId: string, input: AuthorizeConnectionInput, admin: { personaId: string; appId: string; funcIds?: number[] }): Promise<ComponentLinkDto>;
  };
  links: Links;
  register(apps: Apps, routes: RouteRegistry): void;
  start(): void;
  stop(): Promise<void>;
  reset(): void;
}
