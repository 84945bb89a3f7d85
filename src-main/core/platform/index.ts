import type { CoreContext } from '../context';
import type { DomainModule } from '../module';

// The mock WeChat platform: being built in this module (accounts, tokens, tickets, personas, pushes).
export type Platform = DomainModule;

export function createPlatform(_ctx: CoreContext): Platform {
  return { register() {} };
}
