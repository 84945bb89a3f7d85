import type { LoginConnection, LoginPool, LoginUser, Relay, WechatTicket } from '../../../contracts/api';
import { say, sayText } from '../../../contracts/said';
import type { LoginObserver, ObservedLogin } from '../types';

/**
 * Watches the studio's own login server, so the audit can count what a push did: it opens a login session
 * the way the hosted page does, finds the scene its QR code carries (the mock WeChat platform's ticket
 * list) and counts the session's sign-ins (the login console's user list). The target may be the login
 * server's events endpoint or a studio relay in front of it. The command line reads all this through the
 * studio's HTTP API (`studioLoginObserver`); the studio itself reads it in process (`observeStudioLogin`).
 */

/** Where the observer reads the login server and the mock platform. */
export interface StudioLoginSource {
  pools(): Promise<LoginPool[]>;
  relays(): Promise<Relay[]>;
  /** Opens a login session for the application on the connection; its id and the QR code's content. */
  openSession(appId: string, connection: LoginConnection): Promise<{ id: string; qrUrl: string }>;
  tickets(wechatAppId: string): Promise<WechatTicket[]>;
  users(poolId: string): Promise<LoginUser[]>;
}

export class ObserverError extends Error {}

const same = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Finds the connection behind `target` (its events URL, or a relay forwarding to it) and watches it. */
export async function observeStudioLogin(source: StudioLoginSource, target: string): Promise<LoginObserver> {
  const pools = await source.pools();
  const connections = pools.flatMap((p) => p.connections);
  let conn = connections.find((c) => same(c.eventsUrl, target));
  if (!conn) {
    const relay = (await source.relays()).find((r) => same(r.url, target));
    const to = relay?.forwardTo;
    conn = connections.find((c) => (to?.poolId && c.poolId === to.poolId && c.identifier === to.identifier) || (to?.url && same(c.eventsUrl, to.url)));
  }
  if (!conn) throw new ObserverError(`${target} is neither a login connection's events URL nor a relay of this studio`);
  const found = conn;
  const pool = pools.find((p) => p.id === found.poolId)!;
  const app = pool.apps[0];
  if (!app) throw new ObserverError(`user pool ${pool.name} has no application to open login sessions with`);

  async function newLogin(): Promise<ObservedLogin> {
    const session = await source.openSession(app!.id, found);
    const ticket = (await source.tickets(found.appId)).find((t) => t.url === session.qrUrl);
    if (!ticket) throw new ObserverError(`no QR ticket on the mock platform for login session ${session.id}`);
    return {
      scene: ticket.scene,
      ticket: ticket.ticket,
      label: session.id,
      async signIns() {
        const users = await source.users(found.poolId);
        return users.flatMap((u) => u.logins).filter((l) => l.sessionId === session.id).length;
      },
    };
  }

  const describedAs = say('audit.observer.studio', { pool: pool.name, connection: found.identifier });
  return {
    description: sayText(describedAs),
    describedAs,
    eventsUrl: found.eventsUrl,
    newLogin,
  };
}

export interface StudioObserverInput {
  /** The studio's origin (the `studio` field of the headless ready line). */
  studio: string;
  /** The studio's launch token. */
  token: string;
  /** The URL being audited. */
  target: string;
  fetch?: typeof globalThis.fetch;
}

/** The studio's API over HTTP, for `follow-studio audit --studio URL --studio-token TOKEN`. */
function httpSource(input: StudioObserverInput): StudioLoginSource {
  const f = input.fetch ?? globalThis.fetch;
  const studio = input.studio.replace(/\/+$/, '');
  const api = async <T>(path: string): Promise<T> => {
    const res = await f(`${studio}${path}`, { headers: { authorization: `Bearer ${input.token}` } });
    if (!res.ok) throw new ObserverError(`the studio answered HTTP ${res.status} to ${path}: is --studio the studio's address and --studio-token its token?`);
    return (await res.json()) as T;
  };
  return {
    pools: async () => (await api<{ pools: LoginPool[] }>('/api/login/pools')).pools,
    relays: async () => (await api<{ relays: Relay[] }>('/api/relay')).relays,
    async openSession(appId, connection) {
      // The hosted page's own API, on the auth server the connection's events URL names.
      const auth = new URL(connection.eventsUrl).origin;
      const body = JSON.stringify({ appId, connection: connection.identifier });
      const res = await f(`${auth}/api/qr/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.status !== 201) throw new ObserverError(`the login server refused to open a login session: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; qrUrl: string };
    },
    tickets: async (appId) => (await api<{ tickets: WechatTicket[] }>(`/api/wechat/accounts/${encodeURIComponent(appId)}/tickets`)).tickets,
    users: async (poolId) => (await api<{ users: LoginUser[] }>(`/api/login/users?poolId=${encodeURIComponent(poolId)}`)).users,
  };
}

export function studioLoginObserver(input: StudioObserverInput): Promise<LoginObserver> {
  return observeStudioLogin(httpSource(input), input.target);
}
