import type { Account, AuthorizeStartResult, ComponentConfigDto, LoginApplication, LoginPool, Persona } from '../../api/types';
import type { StoryEnv } from './story-env';

/** What the story works with: found by name when an earlier run made them, made otherwise. */
export const STORY = {
  poolName: 'Authorization demo pool',
  platformName: 'Follow Studio login server',
  accountName: 'Follow Studio Authorized',
  appName: 'Authorized Website',
  adminName: 'Zhao (account admin)',
  userName: 'Lin (new user)',
  identifier: 'wechat-authorized',
  displayName: 'WeChat (authorized)',
} as const;

export interface StoryCast {
  pool: LoginPool;
  app: LoginApplication;
  component: ComponentConfigDto;
  account: Account;
  admin: Persona;
  user: Persona;
  started: AuthorizeStartResult;
}

async function poolAndApp(env: StoryEnv): Promise<{ pool: LoginPool; app: LoginApplication }> {
  const { api } = env;
  const { pools } = await api.listPools();
  const pool = pools.find((p) => p.name === STORY.poolName) ?? { ...(await api.createPool({ name: STORY.poolName })), connections: [], apps: [] };
  const app = pool.apps.find((a) => a.name === STORY.appName) ?? (await api.createApp(pool.id, { name: STORY.appName }));
  return { pool, app };
}

async function people(env: StoryEnv): Promise<{ admin: Persona; user: Persona }> {
  const { personas } = await env.api.listPersonas();
  const admin = personas.find((p) => p.name === STORY.adminName) ?? (await env.api.createPersona({ name: STORY.adminName }));
  const user = personas.find((p) => p.name === STORY.userName) ?? personas.find((p) => p.id !== admin.id) ?? (await env.api.createPersona({ name: STORY.userName }));
  return { admin, user };
}

/**
 * Sets the scene: a user pool registered as a third-party platform on the mock Open Platform, a service
 * account administered by the admin persona, an application, and the identity source "Authorize with
 * WeChat" not connected (if an earlier run left it connected, that authorization is cancelled first).
 */
export async function prepareStory(env: StoryEnv): Promise<StoryCast> {
  const { api } = env;
  const { pool, app } = await poolAndApp(env);
  let component = await api.getComponent(pool.id);
  if (!component.configured) component = await api.registerComponent(pool.id, STORY.platformName);
  const { accounts } = await api.listAccounts();
  const account = accounts.find((a) => a.name === STORY.accountName) ?? (await api.createAccount({ name: STORY.accountName, type: 'service', verified: true }));
  const { admin, user } = await people(env);
  await api.putAdmins(account.appId, [admin.id]);
  const { links } = await api.listLinks(pool.id);
  const left = links.find((l) => l.identifier === STORY.identifier)?.authorizer;
  if (left) await api.cancelAuthorization(left.appId, component.componentAppId);
  const started = await api.startAuthorization(pool.id, { identifier: STORY.identifier, displayName: STORY.displayName });

  const a = env.store.getState().actions;
  await Promise.all([a.loadPools(), a.loadAccounts(), a.loadPersonas(), a.loadLinks(pool.id), a.loadComponent(pool.id)]);
  a.selectPool(pool.id);
  return { pool, app, component, account, admin, user, started };
}
