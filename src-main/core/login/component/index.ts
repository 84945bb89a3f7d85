import type { ComponentConfigDto, ComponentConfigInput } from '../../../contracts/open-platform';
import type { CoreContext } from '../../context';
import type { RouteRegistry } from '../../http/routes';
import type { Apps } from '../../module';
import type { Directory } from '../directory';
import type { EventPipeline } from '../events/pipeline';
import type { QrSessions } from '../qr-sessions';
import type { LoginRepo } from '../repo';
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
  wechat: WechatClient;
  /** The events endpoint's steps from dedup on, shared by the message URL. */
  pipeline: EventPipeline;
  maxSkewSeconds(): number;
}

export interface ComponentLogin {
  service: {
    config(poolId: string): ComponentConfigDto;
    configure(poolId: string, input: ComponentConfigInput): Promise<ComponentConfigDto & { ticketRequest: string }>;
    connection(poolId: string, identifier: string): { displayName: string };
  };
  links: Links;
  register(apps: Apps, routes: RouteRegistry): void;
  start(): void;
  stop(): Promise<void>;
  /** After the login server's reset: timers stopped, cached component tokens forgotten. */
  reset(): void;
}

/**
 * The login server as a WeChat third-party platform: a pool-level configuration, the verify tickets it
 * receives, identity sources connected by authorization, and the message URL that logs users in. It talks
 * to WeChat only over HTTP; registering on the mock Open Platform and the in-process "authorize" story are
 * the studio's (../../studio/open-platform.ts).
 */
export function createComponentLogin(deps: ComponentLoginDeps): ComponentLogin {
  const { ctx, login, dir, sessions, wechat } = deps;
  const repo = createComponentRepo(ctx.store);
  const client = createComponentClient(ctx, repo, wechat);
  const links = createLinks({ ctx, repo, login, dir, sessions, client });
  const events = createComponentEvents({ ctx, repo, login, client, links, pipeline: deps.pipeline, maxSkewSeconds: deps.maxSkewSeconds });
  wechat.useTokenSource({ token: (appId) => links.token(appId), invalidate: (appId, token) => links.invalidate(appId, token) });

  const service: ComponentLogin['service'] = {
    config(poolId) {
      dir.requirePool(poolId);
      return client.dto(poolId);
    },
    /** Saves the credentials, then asks WeChat for a verify ticket (best effort: one also comes every 10 min). */
    async configure(poolId, input) {
      dir.requirePool(poolId);
      repo.configUpsert.run({ poolId, ...input, aesKey: input.encodingAesKey, updatedAt: ctx.clock.now() });
      client.forget(poolId);
      let ticketRequest = 'requested';
      try {
        await client.startPushTicket(poolId);
      } catch (err) {
        ticketRequest = `api_start_push_ticket failed: ${(err as Error).message}`;
      }
      return { ...client.dto(poolId), ticketRequest };
    },
    connection(poolId, identifier) {
      return dir.requireConnection(poolId, identifier);
    },
  };

  const componentLogin: ComponentLogin = {
    service,
    links,
    register(apps, routes) {
      registerComponentAuthRoutes(apps.auth, ctx, componentLogin, events);
      registerComponentControlRoutes(apps.studio, routes, componentLogin);
    },
    start() {
      links.resume();
    },
    async stop() {
      links.stop();
      await events.settle();
    },
    reset() {
      links.stop();
      client.forget();
    },
  };
  return componentLogin;
}
