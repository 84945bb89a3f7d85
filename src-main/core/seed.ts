import type { CoreContext } from './context';
import type { Platform } from './platform';
import { seedDemoPlatform, type DemoPlatform } from './platform/seed';
import type { Login } from './login';
import { newEncodingAesKey, newToken } from './wechat/ids';

export interface DemoSeed {
  platform: DemoPlatform;
  poolId: string;
  identifier: string;
  applicationId: string;
  loginUrl: string;
  users: { demo: string; chen: string; wang: string };
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
 * WeChat's URL verification checks for real.
 */
export async function seedDemo(ctx: CoreContext, platform: Platform, login: Login): Promise<DemoSeed> {
  const demo = await seedDemoPlatform(ctx, platform);
  const s = login.service;
  const token = newToken(32, ctx.random);
  const encodingAesKey = newEncodingAesKey(ctx.random);
  const pool = s.createPool({ name: DEMO.poolName });
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
  const app = s.createApp(pool.id, { name: DEMO.appName });
  const demoUser = await s.createUser({ poolId: pool.id, username: DEMO.username, password: DEMO.password, nickname: 'Demo User' });

  const chen = await s.createUser({ poolId: pool.id, username: 'chen', nickname: 'Chen' });
  s.linkIdentity({
    poolId: pool.id,
    identifier: conn.identifier,
    userId: chen.id,
    openId: platform.service.openId(demo.personas.follower, demo.appId),
  });
  const unionId = platform.service.listPersonas().find((p) => p.id === demo.personas.unionUser)?.unionId ?? undefined;
  const wang = await s.createUser({ poolId: pool.id, username: 'wang', nickname: 'Wang', ...(unionId ? { unionId } : {}) });

  await platform.service.setServerConfig(
    demo.appId,
    { url: conn.eventsUrl, token, encodingAesKey, mode: 'safe', enabled: true },
    { verify: true },
  );
  return {
    platform: demo,
    poolId: pool.id,
    identifier: conn.identifier,
    applicationId: app.id,
    loginUrl: app.loginUrl,
    users: { demo: demoUser.id, chen: chen.id, wang: wang.id },
  };
}
