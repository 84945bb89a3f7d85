import type { CoreContext } from '../context';
import type { DomainModule } from '../module';
import { createDomain } from './domain';
import type { Transport } from './push/http';
import { registerCgiBin } from './routes/cgi-bin';
import { registerControl } from './routes/control';
import { createService, type PlatformService } from './service';
import { createOpenPlatform, type OpenPlatformService } from './open';

export type { PlatformService } from './service';

/** The mock WeChat platform: WeChat's API on the wechat server, its control API and phone on the studio server. */
export interface Platform extends DomainModule {
  service: PlatformService;
  /** The Open Platform: third-party platforms, authorizations, the authorization page. */
  open: OpenPlatformService;
}

export function createPlatform(ctx: CoreContext, transport: Transport): Platform {
  const d = createDomain(ctx, transport);
  const service = createService(d);
  const open = createOpenPlatform(d);
  return {
    service,
    open: open.service,
    register(apps, routes) {
      registerCgiBin(apps.wechat, d, open.apis);
      registerControl(apps.studio, routes, d, service);
      open.register(apps, routes);
    },
    start() {
      open.start();
    },
    async stop() {
      // URL verifications are cancelled; pushes get ~2 s to finish and are journaled either way.
      d.stopping.abort();
      await Promise.all([d.dispatcher.stop(2000), open.stop()]);
    },
  };
}
