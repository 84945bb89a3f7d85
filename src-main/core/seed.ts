import type { CoreContext } from './context';
import type { Platform } from './platform';
import type { Login } from './login';

/** `--seed demo`: a ready-to-use setup on a new store (filled in as the platform and login modules land). */
export async function seedDemo(_ctx: CoreContext, _platform: Platform, _login: Login): Promise<void> {}
