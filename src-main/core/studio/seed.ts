import type { CoreContext } from '../context';
import type { Login } from '../login';
import type { Platform } from '../platform';
import { seedDemoPlatform, type DemoPlatformIds } from '../platform/demo';
import { newEncodingAesKey, newToken } from '../wechat/ids';

/** The demo's IDs: kept in the store so that "Reset demo" brings back the same account, pool, app and personas. */
export interface DemoIds {
  platform: DemoPlatformIds;
  poolId: string;
  applicationId: string;
  users: { demo: string; chen: string; wang: string };
}

export interface DemoSeed extends DemoIds {
  identifier: string;
  loginUrl: string;
}

export const DEMO = {
  poolName: 'Demo pool',
  identifier: 'wechat-follow',
  displayName: 'Follow Studio Demo',
  appName: 'Demo Website',
  username: 'demo',
  password: 'demo1234',
} as const;

/**
 * `--seed demo`: a ready-to-use setup on a new store. The platform half (a verified service account and
 * three personas) comes from the platform module; this wires the login server to it — a pool, a safe-mode
 * connection with a fresh Token and EncodingAESKey, an application, a password user for query binding, a
 * user for the existing follower (so their SCAN logs in to the same user) and one whose UnionID field
 * matches the UnionID persona — then points the account's server URL at the events endpoint, which
 * WeChat's URL verification checks for real. `ids` re-creates a previous demo with the same IDs.
 */
export async function seedDemo(ctx: CoreContext, platform: Platform, login: Login, ids?: DemoIds): Promise<DemoSeed> {
  const demo = await seedDemoPlatform(ctx, platform, ids?.platform);
  const s = login.service;
  const token = newToken(32, ctx.random);
  const encodingAesKey = newEncodingAesKey(ctx.random);
  const pool = s.createPool({ name: DEMO.poolName, ...(ids ? { id: ids.poolId } : {}) });
  const conn = s.createConnection(pool.id, {
    identifier: DEMO.identifier,
    displayName: DEMO.displayName,
    appId: demo.appId,
    appSecret: demo.appSecret,
    token,
    encodingAesKey,
    mode: 'safe',
    loginMode: 'login-and-register',
    association: 'field-matching',
  });
  const app = s.createApp(pool.id, { name: DEMO.appName, ...(ids ? { id: ids.applicationId } : {}) });
  const demoUser = await s.createUser({ poolId: pool.id, username: DEMO.username, password: DEMO.password, nickname: 'Demo User', ...(ids ? { id: ids.users.demo } : {}) });
  const chen = await s.createUser({ poolId: pool.id, username: 'chen', nickname: 'Chen', ...(ids ? { id: ids.users.chen } : {}) });
  s.linkIdentity({ poolId: pool.id, identifier: conn.identifier, userId: chen.id, openId: platform.service.openId(demo.personas.follower, demo.appId) });
  const wang = await s.createUser({ poolId: pool.id, username: 'wang', nickname: 'Wang', unionId: demo.unionId, ...(ids ? { id: ids.users.wang } : {}) });

  await platform.service.setServerConfig(demo.appId, { url: conn.eventsUrl, token, encodingAesKey, mode: 'safe', enabled: true }, { verify: true });
  return {
    platform: demo,
    poolId: pool.id,
    applicationId: app.id,
    users: { demo: demoUser.id, chen: chen.id, wang: wang.id },
    identifier: conn.identifier,
    loginUrl: app.loginUrl,
  };
}
