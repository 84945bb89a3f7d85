import type { Timer } from '../clock';
import type { CoreContext } from '../context';
import type { DomainModule } from '../module';
import { createBinding } from './binding';
import { registerLoginControlRoutes } from './control-routes';
import { createDecide } from './decide';
import { createDirectory } from './directory';
import { createEffects } from './effects';
import { createEventsEndpoint } from './events/endpoint';
import { createGuardTickets, registerGuardApi } from './guard-api';
import { registerAuthRoutes } from './page-routes';
import { createQrSessions } from './qr-sessions';
import { createLoginRepo } from './repo';
import { createLoginService, type LoginService } from './service';
import { createWechatClient } from './wechat-client';

export type { LoginService } from './service';

/**
 * The login server (GenAuth-like): user pools, "WeChat Official Account Follow" connections, the events
 * endpoint, QR login sessions, users and identities, applications and the hosted login page on the auth
 * server; its console routes on the studio server. It talks to WeChat only over HTTP (wechat-client.ts)
 * and knows nothing of the mock platform (a lint rule keeps it so). See README.md beside this file.
 */
export interface Login extends DomainModule {
  service: LoginService;
}

export function createLogin(ctx: CoreContext): Login {
  const repo = createLoginRepo(ctx.store);
  const dir = createDirectory(ctx, repo);
  const wechat = createWechatClient(ctx);
  const sessions = createQrSessions(ctx, repo, dir, wechat);
  const decide = createDecide(ctx, repo, sessions, wechat);
  const effects = createEffects(ctx, repo, sessions);
  const binding = createBinding(ctx, repo, sessions, decide, effects);
  const service = createLoginService({ ctx, repo, dir, sessions, binding, wechat });
  const events = createEventsEndpoint(ctx, repo, decide, effects, { maxSkewSeconds: () => service.maxSkewSeconds() });
  const tickets = createGuardTickets(ctx.store);
  let pruner: Timer | undefined;

  return {
    service,
    register(apps, routes) {
      registerAuthRoutes(apps.auth, ctx, repo, sessions, binding, events);
      registerGuardApi(apps.auth, { ctx, tickets, service });
      registerLoginControlRoutes(apps.studio, routes, service);
    },
    start() {
      sessions.resume();
      // Dedup rows must outlive WeChat's retries (≈15 s) by far; a day keeps the table small.
      const prune = (): void => {
        repo.q.eventPrune.run(ctx.clock.now() - 24 * 3600_000);
        tickets.prune.run(ctx.clock.now());
      };
      prune();
      pruner = ctx.clock.setInterval(prune, 3600_000);
    },
    stop() {
      pruner?.cancel();
      service.stop();
    },
  };
}
