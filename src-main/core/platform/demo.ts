import type { CoreContext } from '../context';
import { newUnionId } from '../wechat/ids';
import type { Platform } from './index';

/** The demo's platform IDs, kept so that a reset brings the same account and personas back. */
export interface DemoPlatformIds {
  appId: string;
  appSecret: string;
  originalId: string;
  personas: { newUser: string; follower: string; unionUser: string };
  unionId: string;
}

export type DemoPlatform = DemoPlatformIds;

/** The demo personas; each name says the part it plays. */
export const DEMO_PERSONAS = {
  newUser: { name: 'Lin (new user)' },
  follower: { name: 'Chen (follower)' },
  unionUser: { name: 'Wang (UnionID)' },
} as const;

/**
 * `--seed demo`, platform half: a verified service account (its safe-mode server configuration is set once
 * the login server's events URL exists) and three personas: a new user, an existing follower (followed
 * without a push, as if long ago) and a user with a UnionID. `ids` re-creates a previous demo with the
 * same IDs.
 */
export async function seedDemoPlatform(ctx: CoreContext, platform: Platform, ids?: DemoPlatformIds): Promise<DemoPlatformIds> {
  const s = platform.service;
  const { account, appSecret } = s.createAccount(
    { name: 'Follow Studio Demo', type: 'service', verified: true },
    ids ? { appId: ids.appId, originalId: ids.originalId, appSecret: ids.appSecret } : undefined,
  );
  const unionId = ids?.unionId ?? newUnionId(ctx.random);
  const newUser = s.createPersona({ name: DEMO_PERSONAS.newUser.name, ...(ids ? { id: ids.personas.newUser } : {}) });
  const follower = s.createPersona({ name: DEMO_PERSONAS.follower.name, ...(ids ? { id: ids.personas.follower } : {}) });
  const unionUser = s.createPersona({ name: DEMO_PERSONAS.unionUser.name, unionId, ...(ids ? { id: ids.personas.unionUser } : {}) });
  await s.follow(follower.id, account.appId, { push: false });
  return {
    appId: account.appId,
    appSecret,
    originalId: account.originalId,
    personas: { newUser: newUser.id, follower: follower.id, unionUser: unionUser.id },
    unionId,
  };
}
