import type { CoreContext } from '../context';
import type { DomainModule } from '../module';
import { createDomain } from './domain';
import type { Transport } from './push/http';
import { registerCgiBin } from './routes/cgi-bin';
import { registerControl } from './routes/control';
import { createService, type PlatformService } from './service';

export type { PlatformService } from './service';

/** The mock WeChat platform: WeChat's API on the wechat server, its control API and phone on the studio server. */
export interface Platform extends DomainModule {
  service: PlatformService;
}

export function createPlatform(ctx: CoreContext, transport: Transport): Platform {
  const d = createDomain(ctx, transport);
  const service = createService(d);
  return {
    service,
    register(apps, routes) {
      registerCgiBin(apps.wechat, d);
      registerControl(apps.studio, routes, d, service);
    },
    async stop() {
      // URL verifications are cancelled; pushes get ~2 s to finish and are journaled either way.
      d.stopping.abort();
      await d.dispatcher.stop(2000);
    },
  };
}
