import type { LoginSessionDto } from '../../api/types';
import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { isNotFound, toErrorInfo } from '../errors';

type LoginActions = Pick<StudioActions, 'loadPools' | 'selectPool' | 'loadUsers' | 'loadSessions'>;

/** Inserts or replaces a session by id, newest first. */
export function upsertSession(list: readonly LoginSessionDto[] | undefined, session: LoginSessionDto): LoginSessionDto[] {
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
          // Lists of pools that no longer exist (a reset replaces the demo pool) are dropped with them.
          const alive = (id: string): boolean => pools.some((p) => p.id === id);
          const users = Object.fromEntries(Object.entries(s.users).filter(([id]) => alive(id)));
          const sessions = Object.fromEntries(Object.entries(s.sessions).filter(([id]) => alive(id)));
          return { pools: { data: pools, loaded: true, error: null }, selectedPoolId: poolId, loginAppId, users, sessions };
        });
      } catch (err) {
        set((s) => ({ pools: { ...s.pools, loaded: true, error: toErrorInfo(err) } }));
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
        // The pool is gone (a reset, another window): that is news for the pool list, not an error.
        if (isNotFound(err)) dropPool(set, poolId);
        else get().actions.notify('error', { key: 'loadUsersFailed', error: toErrorInfo(err) });
      }
    },
    async loadSessions(poolId) {
      try {
        const { sessions } = await api.listSessions(poolId);
        set((s) => ({ sessions: { ...s.sessions, [poolId]: [...sessions].sort((a, b) => b.createdAt - a.createdAt) } }));
      } catch (err) {
        if (isNotFound(err)) dropPool(set, poolId);
        else get().actions.notify('error', { key: 'loadSessionsFailed', error: toErrorInfo(err) });
      }
    },
  };
}

function dropPool(set: Set, poolId: string): void {
  set((s) => {
    const { [poolId]: _users, ...users } = s.users;
    const { [poolId]: _sessions, ...sessions } = s.sessions;
    return { users, sessions };
  });
}
