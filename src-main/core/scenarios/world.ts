import type { QrSessionView } from '../../contracts/api';
import type { StageCue } from '../../contracts/scenarios';
import { createVirtualClock, systemClock, type Clock, type VirtualClock } from '../clock';
import { nodeTransport } from '../platform/push/http';
import { newEncodingAesKey, newToken } from '../wechat/ids';
import { createRuntime, type Runtime } from '../runtime';
import { createActivity, trackedFetch, type Activity } from './activity';
import { trackedTransport, type FaultProxy } from './fault-proxy';
import type { ClockKind } from './model';
import type { Mode, SetupInput } from './schema';
import { createPersonas, createUsers, expandPersonas, pointAccount, setAdmins } from './world-setup';
import { ACCOUNT_NAME, APP_NAME, CONNECTION_ID, DEFAULT_CONNECTION, DEFAULT_PERSONAS, DEFAULT_USERS } from './world-defaults';

/**
 * A case's world: its own in-memory runtime (database, bus, journal, the three servers on ports 0), its
 * own clock, one account, pool, connection and application, and the case's personas and users. Nothing
 * is shared with another world, so cases run side by side without seeing each other. The studio's stage
 * is a world too (stage-world.ts): the studio's own runtime, on the wall clock, shown as it plays.
 */

/** What of a runtime the steps use. */
export type WorldRuntime = Pick<Runtime, 'urls' | 'bus' | 'ctx' | 'platform' | 'login' | 'studio'>;

/** How the identity source is created when a case connects by authorization (platform.authorize). */
export interface ConnectionInput {
  identifier: string;
  displayName: string;
  loginMode: 'login-only' | 'login-and-register';
  association: 'off' | 'field-matching' | 'query-binding';
  qrExpireSeconds?: number;
}

/** What a page got when it asked for a QR code: a session, or the error it shows instead. */
export type OpenedPage = { session: QrSessionView; refused?: undefined } | { session: null; refused: string };

/** A world somebody watches (the studio's stage): what it shows, and its PC page. */
export interface WorldStage {
  cue(cue: StageCue): void;
  /** The PC page opens the login page: a new session, or the error the page shows. */
  openPage(): Promise<OpenedPage>;
}

export interface World {
  rt: WorldRuntime;
  clock: Clock;
  /** Set in virtual-clock worlds. */
  virtual?: VirtualClock;
  activity: Activity;
  mode: Mode;
  /** The mock platform's account (its AppID). */
  accountId: string;
  poolId: string;
  /** The login server's application whose hosted page the case opens. */
  appId: string;
  /** The identity source the case logs in with. */
  connection: ConnectionInput;
  /** The pool's third-party platform, when the case connects by authorization. */
  componentAppId?: string;
  /** Persona name → persona id. */
  personas: Map<string, string>;
  /** Crowd name → its members' names. */
  crowds: Map<string, string[]>;
  stage?: WorldStage;
  /** A call to the auth server, as the hosted page's script makes it. */
  auth(path: string, init?: { method?: string; body?: unknown }): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  mode: Mode;
  clock: ClockKind;
  setup: SetupInput;
  /** Whether any step binds on the page (the password user costs a slow hash, so it is made only then). */
  needsPasswords: boolean;
  /** The case connects by platform.authorize: no identity source until then, and no server configuration. */
  byAuthorization: boolean;
}

export function connectionInput(setup: SetupInput): ConnectionInput {
  const c = { ...DEFAULT_CONNECTION, ...setup.connection };
  return { identifier: CONNECTION_ID, displayName: ACCOUNT_NAME, loginMode: c.loginMode, association: c.association, ...(c.qrExpireSeconds !== undefined ? { qrExpireSeconds: c.qrExpireSeconds } : {}) };
}

/** A call to the auth server with a JSON body, answered as JSON when it is JSON. */
export function authClient(rt: Pick<Runtime, 'urls'>, fetch: typeof globalThis.fetch): World['auth'] {
  return async (path, init = {}) => {
    const res = await fetch(`${rt.urls.auth}${path}`, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      ...(init.body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    try {
      return { status: res.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: res.status, body: text }; // an HTML page or plain text
    }
  };
}

type Populated = Pick<World, 'accountId' | 'poolId' | 'appId' | 'personas' | 'crowds' | 'connection' | 'componentAppId'>;

/** The case's account, pool, connection (or third-party platform), application, users, personas and server configuration. */
async function populate(rt: Runtime, activity: Activity, clock: Clock, o: WorldOptions, started: (proxy: FaultProxy) => void): Promise<Populated> {
  const p = rt.platform.service;
  if (o.setup.platform) p.updateSettings(o.setup.platform);
  const { account, appSecret } = p.createAccount({ name: ACCOUNT_NAME, type: 'service', verified: true });
  const s = rt.login.service;
  const pool = s.createPool({ name: 'Scenario pool' });
  const connection = connectionInput(o.setup);
  const app = s.createApp(pool.id, { name: APP_NAME });
  await createUsers(rt, pool.id, o.setup.users ?? DEFAULT_USERS, o.needsPasswords);
  const { people, crowds } = expandPersonas(o.setup.personas ?? DEFAULT_PERSONAS);
  const base = { accountId: account.appId, poolId: pool.id, appId: app.id, crowds, connection };
  if (o.byAuthorization) {
    // The identity source is made by the authorization; the pool is registered on the Open Platform first.
    const component = await rt.studio.openPlatform.registerComponent(pool.id);
    const personas = await createPersonas(rt, pool.id, account.appId, people, null);
    setAdmins(rt, account.appId, people, personas);
    return { ...base, personas, componentAppId: component.componentAppId };
  }
  const token = newToken(32, rt.ctx.random);
  const encodingAesKey = newEncodingAesKey(rt.ctx.random);
  const { eventsUrl } = s.createConnection(pool.id, { ...connection, appId: account.appId, appSecret, token, encodingAesKey, mode: o.mode });
  const personas = await createPersonas(rt, pool.id, account.appId, people, CONNECTION_ID);
  setAdmins(rt, account.appId, people, personas);
  await pointAccount({ rt, activity, clock }, { appId: account.appId, eventsUrl, token, encodingAesKey }, o.setup, o.mode, started);
  return { ...base, personas };
}

export async function createWorld(o: WorldOptions): Promise<World> {
  const virtual = o.clock === 'virtual' ? createVirtualClock(Math.floor(Date.now() / 1000) * 1000) : undefined;
  const clock: Clock = virtual ?? systemClock;
  const activity = createActivity();
  let proxy: FaultProxy | undefined;
  const fetch = trackedFetch(activity, globalThis.fetch);
  const rt = await createRuntime(
    { memory: true, seed: 'empty', quiet: true },
    { clock, fetch, transport: trackedTransport(nodeTransport(clock), activity, () => proxy) },
  );
  const stop = async (): Promise<void> => {
    await Promise.allSettled([rt.stop(), proxy?.close()]);
  };
  try {
    const world = await populate(rt, activity, clock, o, (p) => (proxy = p));
    return { rt, clock, ...(virtual ? { virtual } : {}), activity, mode: o.mode, ...world, auth: authClient(rt, fetch), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
