import type { CoreContext } from '../context';
import { newUnionId } from '../wechat/ids';
import type { Platform } from './index';

export interface DemoPlatform {
  appId: string;
  appSecret: string;
  originalId: string;
  personas: { newUser: string; follower: string; unionUser: string };
}

/**
 * `--seed demo`, platform half: a verified service account (its safe-mode server configuration is set by the
 * login side once its events URL exists) and three personas: a new user, an existing follower (followed
 * without a push, as if long ago) and a user with a UnionID.
 */
export async function seedDemoPlatform(ctx: CoreContext, platform: Platform): Promise<DemoPlatform> {
  const s = platform.service;
  const { account, appSecret } = s.createAccount({ name: 'Follow Studio Demo', type: 'service', verified: true });
  const newUser = s.createPersona({ name: 'Lin (new user)' });
  const follower = s.createPersona({ name: 'Chen (follower)' });
  const unionUser = s.createPersona({ name: 'Wang (UnionID)', unionId: newUnionId(ctx.random) });
  await s.follow(follower.id, account.appId, { push: false });
  return {
    appId: account.appId,
    appSecret,
    originalId: account.originalId,
    personas: { newUser: newUser.id, follower: follower.id, unionUser: unionUser.id },
  };
}
