import type { Clock } from '../clock';
import { newEncodingAesKey, newToken } from '../wechat/ids';
import type { Activity } from './activity';
import { closedPortOrigin, startFaultProxy, type FaultProxy } from './fault-proxy';
import type { Mode, PersonaInput, SetupInput, UserInput } from './schema';
import type { WorldRuntime } from './world';

/**
 * The pieces a world is set up with, shared by a fresh world (world.ts) and the studio's stage
 * (stage-world.ts): the case's personas and users, who administers the account, and where the account's
 * server configuration points.
 */

type Rt = Pick<WorldRuntime, 'platform' | 'login' | 'ctx'>;

export function expandPersonas(list: PersonaInput[]): { people: PersonaInput[]; crowds: Map<string, string[]> } {
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

/** The case's users; a username the pool already has is kept as it is (the stage's demo users). */
export async function createUsers(rt: Rt, poolId: string, users: UserInput[], needsPasswords: boolean): Promise<void> {
  const existing = new Set(rt.login.service.listUsers(poolId).map((u) => u.username));
  for (const u of users) {
    if ((u.password && !needsPasswords) || existing.has(u.username)) continue;
    await rt.login.service.createUser({
      poolId,
      username: u.username,
      ...(u.password ? { password: u.password } : {}),
      ...(u.unionId ? { unionId: u.unionId } : {}),
      ...(u.nickname ? { nickname: u.nickname } : {}),
    });
  }
}

/**
 * The case's personas. `connection` is the identity source a persona with `user: true` is bound to (null
 * when the case connects by authorization: the parser refuses `user: true` there).
 */
export async function createPersonas(rt: Rt, poolId: string, accountId: string, people: PersonaInput[], connection: string | null): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const p = rt.platform.service;
  for (const person of people) {
    const persona = p.createPersona({ name: person.name, unionId: person.unionId ?? null });
    ids.set(person.name, persona.id);
    // An existing follower followed long ago: nothing is pushed now.
    if (person.follows) await p.follow(persona.id, accountId, { push: false });
    if (person.user && connection) {
      const username = person.name.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
      const user = await rt.login.service.createUser({ poolId, username, nickname: person.name, ...(person.unionId ? { unionId: person.unionId } : {}) });
      rt.login.service.linkIdentity({ poolId, identifier: connection, userId: user.id, openId: p.openId(persona.id, accountId) });
    }
  }
  return ids;
}

/** Personas with `admin: true` administer the account (they can authorize it on the authorization page). */
export function setAdmins(rt: Rt, accountId: string, people: PersonaInput[], ids: Map<string, string>): void {
  const admins = people.filter((p) => p.admin).map((p) => ids.get(p.name)!);
  if (admins.length) rt.platform.open.setAdmins(accountId, admins);
}

const OTHER_MODE: Record<Mode, Mode> = { plaintext: 'safe', compatible: 'plaintext', safe: 'plaintext' };

/**
 * Points the account's server configuration at the login server's events URL — or at a fault proxy
 * (`delayMs`/`status`), or at a port where nothing listens (`down`) — with a wrong Token, EncodingAESKey or
 * mode when the case asks for one. Not verified: a faulty configuration is the point of some cases.
 */
export async function pointAccount(
  w: { rt: Rt; activity: Activity; clock: Clock },
  target: { appId: string; eventsUrl: string; token: string; encodingAesKey: string },
  setup: SetupInput,
  mode: Mode,
  started: (proxy: FaultProxy) => void,
): Promise<void> {
  const s = setup.server ?? {};
  const events = new URL(target.eventsUrl);
  let origin = events.origin;
  if (s.down) origin = await closedPortOrigin();
  else if (s.delayMs !== undefined || s.status !== undefined) {
    const proxy = await startFaultProxy({ clock: w.clock, activity: w.activity, target: events.origin, ...(s.delayMs !== undefined ? { delayMs: s.delayMs } : {}), ...(s.status !== undefined ? { status: s.status } : {}) });
    started(proxy);
    origin = proxy.origin;
  }
  const serverMode: Mode = s.mode === 'other' ? OTHER_MODE[mode] : (s.mode ?? mode);
  await w.rt.platform.service.setServerConfig(
    target.appId,
    {
      url: `${origin}${events.pathname}`,
      token: s.token === 'wrong' ? newToken(32, w.rt.ctx.random) : target.token,
      encodingAesKey: s.aesKey === 'wrong' ? newEncodingAesKey(w.rt.ctx.random) : target.encodingAesKey,
      mode: serverMode,
      enabled: true,
    },
    { verify: false },
  );
}
