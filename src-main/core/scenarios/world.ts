import { createVirtualClock, systemClock, type Clock, type VirtualClock } from '../clock';
import { nodeTransport } from '../platform/push/http';
import { createRuntime, type Runtime } from '../runtime';
import { newEncodingAesKey, newToken } from '../wechat/ids';
import { createActivity, trackedFetch, type Activity } from './activity';
import { closedPortOrigin, startFaultProxy, trackedTransport, type FaultProxy } from './fault-proxy';
import type { ClockKind } from './model';
import type { Mode, PersonaInput, SetupInput, UserInput } from './schema';
import { ACCOUNT_NAME, APP_NAME, CONNECTION_ID, DEFAULT_CONNECTION, DEFAULT_PERSONAS, DEFAULT_USERS } from './world-defaults';

/**
 * A case's world: its own in-memory runtime (database, bus, journal, the three servers on ports 0), its
 * own clock, one account, pool, connection and application, and the case's personas and users. Nothing
 * is shared with another world, so cases run side by side without seeing each other.
 */

export interface World {
  rt: Runtime;
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
  /** Persona name → persona id. */
  personas: Map<string, string>;
  /** Crowd name → its members' names. */
  crowds: Map<string, string[]>;
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
}

const OTHER_MODE: Record<Mode, Mode> = { plaintext: 'safe', compatible: 'plaintext', safe: 'plaintext' };

function expandPersonas(list: PersonaInput[]): { people: PersonaInput[]; crowds: Map<string, string[]> } {
  const people: PersonaInput[] = [];
  const crowds = new Map<string, string[]>();
  for (const p of list) {
    if (!p.count) {
      people.push(p);
      continue;
    }
    const members = Array.from({ length: p.count }, (_, i) => ({ ...p, name: `${p.name} ${i + 1}`, count: undefined }));
    crowds.set(p.name, members.map((m) => m.name));
    people.push(...members);
  }
  return { people, crowds };
}

async function createUsers(rt: Runtime, poolId: string, users: UserInput[], needsPasswords: boolean): Promise<void> {
  for (const u of users) {
    if (u.password && !needsPasswords) continue;
    await rt.login.service.createUser({
      poolId,
      username: u.username,
      ...(u.password ? { password: u.password } : {}),
      ...(u.unionId ? { unionId: u.unionId } : {}),
      ...(u.nickname ? { nickname: u.nickname } : {}),
    });
  }
}

async function createPersonas(rt: Runtime, poolId: string, accountId: string, people: PersonaInput[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const p = rt.platform.service;
  for (const person of people) {
    const persona = p.createPersona({ name: person.name, unionId: person.unionId ?? null });
    ids.set(person.name, persona.id);
    // An existing follower followed long ago: nothing is pushed now.
    if (person.follows) await p.follow(persona.id, accountId, { push: false });
    if (person.user) {
      const username = person.name.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
      const user = await rt.login.service.createUser({ poolId, username, nickname: person.name, ...(person.unionId ? { unionId: person.unionId } : {}) });
      rt.login.service.linkIdentity({ poolId, identifier: CONNECTION_ID, userId: user.id, openId: p.openId(persona.id, accountId) });
    }
  }
  return ids;
}

/** Where the account's server configuration points, and with which Token, key and mode. */
async function serverConfig(w: { rt: Runtime; activity: Activity; clock: Clock }, setup: SetupInput, mode: Mode, secrets: { token: string; key: string; eventsUrl: string }) {
  const s = setup.server ?? {};
  const events = new URL(secrets.eventsUrl);
  let origin = events.origin;
  let proxy: FaultProxy | undefined;
  if (s.down) origin = await closedPortOrigin();
  else if (s.delayMs !== undefined || s.status !== undefined) {
    proxy = await startFaultProxy({ clock: w.clock, activity: w.activity, target: events.origin, ...(s.delayMs !== undefined ? { delayMs: s.delayMs } : {}), ...(s.status !== undefined ? { status: s.status } : {}) });
    origin = proxy.origin;
  }
  const serverMode: Mode = s.mode === 'other' ? OTHER_MODE[mode] : (s.mode ?? mode);
  return {
    proxy,
    config: {
      url: `${origin}${events.pathname}`,
      token: s.token === 'wrong' ? newToken(32, w.rt.ctx.random) : secrets.token,
      encodingAesKey: s.aesKey === 'wrong' ? newEncodingAesKey(w.rt.ctx.random) : secrets.key,
      mode: serverMode,
      enabled: true,
    },
  };
}

/** A call to the auth server with a JSON body, answered as JSON when it is JSON. */
function authClient(rt: Runtime, fetch: typeof globalThis.fetch): World['auth'] {
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

interface Populated {
  accountId: string;
  poolId: string;
  appId: string;
  personas: Map<string, string>;
  crowds: Map<string, string[]>;
}

/** The case's account, pool, connection, application, users, personas and server configuration. */
async function populate(rt: Runtime, activity: Activity, clock: Clock, o: WorldOptions, started: (proxy: FaultProxy) => void): Promise<Populated> {
  const p = rt.platform.service;
  if (o.setup.platform) p.updateSettings(o.setup.platform);
  const { account, appSecret } = p.createAccount({ name: ACCOUNT_NAME, type: 'service', verified: true });
  const s = rt.login.service;
  const pool = s.createPool({ name: 'Scenario pool' });
  const token = newToken(32, rt.ctx.random);
  const key = newEncodingAesKey(rt.ctx.random);
  const conn = s.createConnection(pool.id, {
    identifier: CONNECTION_ID,
    displayName: ACCOUNT_NAME,
    appId: account.appId,
    appSecret,
    token,
    encodingAesKey: key,
    mode: o.mode,
    ...DEFAULT_CONNECTION,
    ...o.setup.connection,
  });
  const app = s.createApp(pool.id, { name: APP_NAME });
  await createUsers(rt, pool.id, o.setup.users ?? DEFAULT_USERS, o.needsPasswords);
  const { people, crowds } = expandPersonas(o.setup.personas ?? DEFAULT_PERSONAS);
  const personas = await createPersonas(rt, pool.id, account.appId, people);
  const server = await serverConfig({ rt, activity, clock }, o.setup, o.mode, { token, key, eventsUrl: conn.eventsUrl });
  if (server.proxy) started(server.proxy);
  // Not verified: a faulty configuration is the point of some cases, and WeChat's check is not under test.
  await p.setServerConfig(account.appId, server.config, { verify: false });
  return { accountId: account.appId, poolId: pool.id, appId: app.id, personas, crowds };
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
