import { observeStudioLogin, ObserverError, type LoginObserver } from '../../audit';
import type { Login } from '../../login';
import type { Platform } from '../../platform';
import type { StudioRelays } from '../relays';

/**
 * The studio's own login server seen in process: when an audited account points at one of its connections'
 * events URLs or at one of the studio's relays in front of them, the audit opens real login sessions and
 * counts real sign-ins (DUP-01, DUP-02, EVT-01). Any other URL is audited by its answers alone.
 */
export async function ownLoginObserver(platform: Platform, login: Login, relays: StudioRelays, url: string): Promise<LoginObserver | undefined> {
  try {
    return await observeStudioLogin(
      {
        pools: async () => login.service.listPools(),
        relays: async () => relays.relays.list(),
        async openSession(appId, connection) {
          const view = await login.service.createSession({ appId, connection: connection.identifier });
          return { id: view.id, qrUrl: view.qrUrl };
        },
        tickets: async (wechatAppId) => platform.service.listTickets(wechatAppId),
        users: async (poolId) => login.service.listUsers(poolId),
      },
      url,
    );
  } catch (e) {
    if (e instanceof ObserverError) return undefined;
    throw e;
  }
}
