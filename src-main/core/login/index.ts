import type { Timer } from '../clock';
import type { CoreContext } from '../context';
import type { DomainModule } from '../module';
import { createBinding } from './binding';
import { createComponentLogin, type ComponentLogin } from './component';
import { registerLoginControlRoutes } from './control-routes';
import { createDecide } from './decide';
import { createDirectory } from './directory';
import { createEffects } from './effects';
import { createEventsEndpoint } from './events/endpoint';
import { createEventPipeline } from './events/pipeline';
import { registerFaultRoutes } from './fault-routes';
import { createFaults, type Faults } from './faults';
import { createGuardTickets, registerGuardApi } from './guard-api';
import { registerAuthRoutes } from './page-routes';
import { createQrSessions } from './qr-sessions';
import { createLoginRepo } from './repo';
import { createLoginService, type LoginService } from './service';
import { createWechatClient } from './wechat-client';

export type { LoginService } from './service';
export type { ComponentLogin } from './component';

/**
 * The login server (GenAuth-like): user pools, "WeChat Official Account Follow" connections, the events
 * endpoint, QR login sessions, users and identities, applications and the hosted login page on the auth
 * server; its console routes on the studio server. It talks to WeChat only over HTTP (wechat-client.ts)
 * and knows nothing of the mock platform (a lint rule keeps it so). See README.md beside this file.
 */
export interface Login extends DomainModule {
  service: LoginService;
  /** The login server as a WeChat third-party platform: "Authorize with WeChat" identity sources. */
  component: ComponentLogin;
  /** Fault injection on the events endpoints (delay, 500, garbage, drop), per connection. */
  faults: Faults;
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
  const maxSkewSeconds = (): number => service.maxSkewSeconds();
  const pipeline = createEventPipeline(ctx, repo, decide, effects);
  const faults = createFaults(ctx, (poolId, identifier) => void dir.requireConnection(poolId, identifier));
  const events = createEventsEndpoint(ctx, repo, pipeline, { maxSkewSeconds }, faults);
  const component = createComponentLogin({ ctx, login: repo, dir, sessions, wechat, pipeline, maxSkewSeconds });
  const tickets = createGuardTickets(ctx.store);
  let pruner: Timer | undefined;

  return {
    service,
    component,
    faults,
    register(apps, routes) {
      registerAuthRoutes(apps.auth, ctx, repo, sessions, binding, events);
      registerGuardApi(apps.auth, { ctx, tickets, service });
      registerLoginControlRoutes(apps.studio, routes, service);
      registerFaultRoutes(apps.studio, routes, faults);
      faults.install(apps.auth);
      component.register(apps, routes);
    },
    start() {
      sessions.resume();
      component.start();
      // Dedup rows must outlive WeChat's retries (≈15 s) by far; a day keeps the table small.
      const prune = (): void => {
        repo.q.eventPrune.run(ctx.clock.now() - 24 * 3600_000);
        tickets.prune.run(ctx.clock.now());
      };
      prune();
      pruner = ctx.clock.setInterval(prune, 3600_000);
    },
    async stop() {
      pruner?.cancel();
      service.stop();
      await component.stop();
    },
  };
}
