import type { CoreContext } from '../context';
import type { DomainModule } from '../module';
import type { Platform } from '../platform';
import { seedDemo } from '../seed';
import { registerLoginControlRoutes } from './control-routes';
import { createDirectory } from './directory';
import { createEventsEndpoint } from './events-endpoint';
import { registerAuthRoutes } from './page-routes';
import { createQrSessions } from './qr-sessions';
import { createLoginRepo } from './repo';
import { createScanFlow } from './scan-flow';
import { createLoginService, type LoginService } from './service';
import { createWechatClient } from './wechat-client';
import { createComponentLogin, type ComponentLogin } from './component';

export type { LoginService } from './service';

/**
 * The login server (GenAuth-like): user pools, "WeChat Official Account Follow" connections, the events
 * endpoint, QR login sessions, users and identities, applications and the hosted login page on the auth
 * server; its console routes on the studio server; mode-2 relays.
 */
export interface Login extends DomainModule {
  service: LoginService;
  /** The login server as a WeChat third-party platform: "Authorize with WeChat" identity sources. */
  component: ComponentLogin;
  /** The mock platform, for the one-click demo reset and relays that configure an account. */
  setPlatform(platform: Platform): void;
}

export function createLogin(ctx: CoreContext, platformArg?: Platform): Login {
  let platform = platformArg;
  const repo = createLoginRepo(ctx.db);
  const dir = createDirectory(ctx, repo);
  const wechat = createWechatClient(ctx);
  const sessions = createQrSessions(ctx, repo, dir, wechat);
  const flow = createScanFlow(ctx, repo, dir, sessions, wechat);
  const holder: { login?: Login } = {};
  const service = createLoginService({
    ctx,
    repo,
    dir,
    sessions,
    flow,
    wechat,
    platform: () => platform,
    reseed: async () => {
      if (platform && holder.login) await seedDemo(ctx, platform, holder.login);
    },
  });
  const events = createEventsEndpoint(ctx, repo, flow, { maxSkewSeconds: () => service.maxSkewSeconds() });
  const component = createComponentLogin({ ctx, login: repo, dir, sessions, flow, wechat, maxSkewSeconds: () => service.maxSkewSeconds(), platform: () => platform });
  let pruner: NodeJS.Timeout | undefined;

  const login: Login = {
    service,
    component,
    setPlatform(p) {
      platform = p;
    },
    register(apps, routes) {
      registerAuthRoutes(apps.auth, ctx, repo, sessions, flow, events);
      registerLoginControlRoutes(apps.studio, routes, service);
      component.register(apps, routes);
    },
    start() {
      sessions.resume();
      component.start();
      // Dedup rows must outlive WeChat's retries (≈15 s) by far; a day keeps the table small.
      const prune = (): void => {
        repo.q.eventPrune.run(ctx.clock.now() - 24 * 3600_000);
      };
      prune();
      pruner = setInterval(prune, 3600_000);
      pruner.unref();
    },
    async stop() {
      if (pruner) clearInterval(pruner);
      await Promise.all([service.stop(), component.stop()]);
    },
  };
  holder.login = login;
  return login;
}
