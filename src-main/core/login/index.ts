import type { CoreContext } from '../context';
import type { DomainModule } from '../module';

// The login server: being built in this module (pools, connections, events endpoint, QR sessions, users).
export type Login = DomainModule;

export function createLogin(_ctx: CoreContext): Login {
  return { register() {} };
}
