import type { LoginSession } from '../../api/types';
import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { errorText } from '../errors';

type LoginActions = Pick<StudioActions, 'loadPools' | 'selectPool' | 'loadUsers' | 'loadSessions'>;

/** Inserts or replaces a session by id, newest first. */
export function upsertSession(list: readonly LoginSession[] | undefined, session: LoginSession): LoginSession[] {
  const rest = (list ?? []).filter((s) => s.id !== session.id);
  const existing = (list ?? []).find((s) => s.id === session.id);
  return [{ ...existing, ...session }, ...rest].sort((a, b) => b.createdAt - a.createdAt);
}

/** The login server's state the login console and the PC frame show: pools, connections, apps, users, sessions. */
export function loginSlice(set: Set, get: Get, { api }: StoreDeps): LoginActions {
  return {
    async loadPools() {
      try {
        const { pools } = await api.listPools();
        set((s) => {
          const poolId = s.selectedPoolId && pools.some((p) => p.id === s.selectedPoolId) ? s.selectedPoolId : (pools[0]?.id ?? null);
          const apps = pools.flatMap((p) => p.apps);
          const loginAppId = s.loginAppId && apps.some((a) => a.id === s.loginAppId) ? s.loginAppId : (apps[0]?.id ?? null);
          return { pools: { data: pools, loaded: true, error: null }, selectedPoolId: poolId, loginAppId };
        });
      } catch (err) {
        set((s) => ({ pools: { ...s.pools, loaded: true, error: errorText(err) } }));
      }
    },
    selectPool(poolId) {
      set({ selectedPoolId: poolId });
    },
    async loadUsers(poolId) {
      try {
        const { users } = await api.listUsers(poolId);
        set((s) => ({ users: { ...s.users, [poolId]: users } }));
      } catch (err) {
        get().actions.notify('error', `Could not load users: ${errorText(err)}`);
      }
    },
    async loadSessions(poolId) {
      try {
        const { sessions } = await api.listSessions(poolId);
        set((s) => ({ sessions: { ...s.sessions, [poolId]: [...sessions].sort((a, b) => b.createdAt - a.createdAt) } }));
      } catch (err) {
        get().actions.notify('error', `Could not load sessions: ${errorText(err)}`);
      }
    },
  };
}
