import type { LoginPool, LoginUser, QrSessionView, Relay, WechatTicket } from '../../../contracts/api';
import type { LoginObserver, ObservedLogin } from '../types';

/**
 * Watches the studio's own login server through its APIs, so the audit can count what a push did: it
 * opens a login session the way the hosted page does (the auth server's public API), finds the scene its
 * QR code carries (the mock WeChat platform's ticket list) and counts the session's sign-ins (the login
 * console's user list). The target may be the login server's events endpoint or a studio relay in front.
 */

export interface StudioObserverInput {
  /** The studio's origin (the `studio` field of the headless ready line). */
  studio: string;
  /** The studio's launch token. */
  token: string;
  /** The URL being audited. */
  target: string;
  fetch?: typeof globalThis.fetch;
}

export class ObserverError extends Error {}

const same = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export async function studioLoginObserver(input: StudioObserverInput): Promise<LoginObserver> {
  const f = input.fetch ?? globalThis.fetch;
  const studio = input.studio.replace(/\/+$/, '');
  const api = async <T>(path: string): Promise<T> => {
    const res = await f(`${studio}${path}`, { headers: { authorization: `Bearer ${input.token}` } });
    if (!res.ok) throw new ObserverError(`the studio answered HTTP ${res.status} to ${path}: is --studio the studio's address and --studio-token its token?`);
    return (await res.json()) as T;
  };
  const { pools } = await api<{ pools: LoginPool[] }>('/api/login/pools');
  let conn = pools.flatMap((p) => p.connections).find((c) => same(c.eventsUrl, input.target));
  if (!conn) {
    const { relays } = await api<{ relays: Relay[] }>('/api/relay');
    const relay = relays.find((r) => same(r.url, input.target));
    const to = relay?.forwardTo;
    conn = pools.flatMap((p) => p.connections).find((c) => (to?.poolId && c.poolId === to.poolId && c.identifier === to.identifier) || (to?.url && same(c.eventsUrl, to.url)));
  }
  if (!conn) throw new ObserverError(`${input.target} is neither a login connection's events URL nor a relay of this studio`);
  const found = conn;
  const pool = pools.find((p) => p.id === found.poolId)!;
  const app = pool.apps[0];
  if (!app) throw new ObserverError(`user pool ${pool.name} has no application to open login sessions with`);
  const auth = new URL(found.eventsUrl).origin;

  async function newLogin(): Promise<ObservedLogin> {
    const res = await f(`${auth}/api/qr/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appId: app!.id, connection: found.identifier }),
    });
    if (res.status !== 201) throw new ObserverError(`the login server refused to open a login session: HTTP ${res.status} ${await res.text()}`);
    const view = (await res.json()) as QrSessionView;
    const { tickets } = await api<{ tickets: WechatTicket[] }>(`/api/wechat/accounts/${encodeURIComponent(found.appId)}/tickets`);
    const ticket = tickets.find((t) => t.url === view.qrUrl);
    if (!ticket) throw new ObserverError(`no QR ticket on the mock platform for login session ${view.id}`);
    return {
      scene: ticket.scene,
      ticket: ticket.ticket,
      label: view.id,
      async signIns() {
        const { users } = await api<{ users: LoginUser[] }>(`/api/login/users?poolId=${encodeURIComponent(found.poolId)}`);
        return users.flatMap((u) => u.logins).filter((l) => l.sessionId === view.id).length;
      },
    };
  }

  return {
    description: `the studio's login server (user pool “${pool.name}”, connection ${found.identifier}): sign-ins read through its API`,
    eventsUrl: found.eventsUrl,
    newLogin,
  };
}
