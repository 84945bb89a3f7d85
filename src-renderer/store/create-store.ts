import { createStore } from 'zustand/vanilla';
import type { StateTopic } from '../api/types';
import { EMPTY_FILTER } from './journal-model';
import { DEFAULT_ROUTE, sameRoute } from './route';
import { isUnauthorized } from './errors';
import { journalSlice } from './slices/journal';
import { qaSlice } from './slices/qa';
import { loginSlice, upsertSession } from './slices/login';
import { initialOpenData, openSlice, refetchOpenTopic, reloadOpen } from './slices/open';
import { rememberedPersona, stageSlice } from './slices/stage';
import { scenariosSlice } from './slices/scenarios';
import { initialScenarios } from './scenarios-types';
import { wechatSlice } from './slices/wechat';
import { auditsSlice, EMPTY_AUDITS } from './slices/audits';
import type { Get, Set, StoreDeps, StudioActions, StudioData, StudioState, StudioStore, UiMessage } from './types';

export const REFETCH_MS = 80;

export function initialData(deps: Pick<StoreDeps, 'storage'> = {}): StudioData {
  const empty = { data: [], loaded: false, error: null };
  return {
    stream: 'connecting',
    auth: 'unknown',
    version: null,
    route: DEFAULT_ROUTE,
    accounts: empty,
    personas: empty,
    tickets: {},
    followers: {},
    settings: null,
    pools: empty,
    selectedPoolId: null,
    users: {},
    sessions: {},
    personaId: rememberedPersona(deps.storage ?? null),
    phoneView: 'home',
    screens: {},
    chats: {},
    phoneBusy: false,
    loginAppId: null,
    pcKey: 0,
    pcQr: null,
    pcSite: 'hosted',
    resetting: false,
    journal: {
      entries: [],
      loaded: false,
      loadingOlder: false,
      hasOlder: false,
      oldestSeq: null,
      total: null,
      filter: EMPTY_FILTER,
      selectedId: null,
      version: 0,
      error: null,
    },
    audits: EMPTY_AUDITS,
    toasts: [],
    scenarios: initialScenarios(),
    faults: empty,
    demo: null,
    ...initialOpenData(),
  };
}

/** Pool-scoped lists to refetch: only those of pools the login server still has. */
function knownPools(s: StudioState, lists: Record<string, unknown>): string[] {
  return Object.keys(lists).filter((id) => s.pools.data.some((p) => p.id === id));
}

function sameMessage(a: UiMessage, b: UiMessage): boolean {
  return a.key === b.key && JSON.stringify(a.values ?? {}) === JSON.stringify(b.values ?? {}) && JSON.stringify(a.error ?? null) === JSON.stringify(b.error ?? null);
}

type AppActions = Pick<StudioActions, 'boot' | 'setStream' | 'handleEvent' | 'onStreamReady' | 'navigate' | 'notify' | 'dismiss'>;

function appSlice(set: Set, get: Get, deps: StoreDeps): AppActions {
  const schedule = deps.schedule ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const due = new Map<string, () => Promise<void>>();
  let toastId = 0;
  let readyCount = 0;

  /** Coalesces refetches: ten "accounts changed" events in a burst are one GET. */
  const refetch = (key: string, run: () => Promise<void>): void => {
    if (due.has(key)) return;
    due.set(key, run);
    schedule(() => {
      const r = due.get(key);
      due.delete(key);
      void r?.();
    }, REFETCH_MS);
  };

  const refetchTopic = (topic: StateTopic, id?: string): void => {
    refetchOpenTopic(topic, get, refetch);
    const a = get().actions;
    const s = get();
    switch (topic) {
      case 'accounts':
        return refetch('accounts', a.loadAccounts);
      case 'personas':
        refetch('personas', a.loadPersonas);
        // Follow state lives on personas; followers lists change with it.
        for (const appId of Object.keys(s.followers)) refetch(`followers:${appId}`, () => a.loadFollowers(appId));
        return;
      case 'tickets':
        for (const appId of id ? [id] : Object.keys(s.tickets)) if (s.tickets[appId]) refetch(`tickets:${appId}`, () => a.loadTickets(appId));
        return;
      case 'followers':
        for (const appId of id ? [id] : Object.keys(s.followers)) if (s.followers[appId]) refetch(`followers:${appId}`, () => a.loadFollowers(appId));
        return;
      case 'pools':
      case 'connections':
      case 'applications':
        return refetch('pools', a.loadPools);
      case 'users':
        for (const poolId of knownPools(s, s.users)) refetch(`users:${poolId}`, () => a.loadUsers(poolId));
        return;
      case 'sessions':
        for (const poolId of knownPools(s, s.sessions)) refetch(`sessions:${poolId}`, () => a.loadSessions(poolId));
        return;
      case 'faults':
        return refetch('faults', a.loadFaults);
      case 'audits':
        for (const appId of Object.keys(s.audits.lists)) refetch(`audits:${appId}`, () => a.loadAudits(appId));
        return;
    }
  };

  const refetchAll = async (): Promise<void> => {
    const a = get().actions;
    const s = get();
    await Promise.all([
      a.loadAccounts(),
      a.loadPersonas(),
      a.loadPools(),
      a.loadJournal(),
      a.loadSettings(),
      a.loadFaults(),
      a.loadDemo(),
      ...Object.keys(s.tickets).map((id) => a.loadTickets(id)),
      ...Object.keys(s.followers).map((id) => a.loadFollowers(id)),
      ...knownPools(s, s.users).map((id) => a.loadUsers(id)),
      ...knownPools(s, s.sessions).map((id) => a.loadSessions(id)),
      ...(s.personaId ? [a.loadPhone(s.personaId)] : []),
      ...reloadOpen(get),
      ...Object.keys(s.audits.lists).map((id) => a.loadAudits(id)),
    ]);
  };

  let booting: Promise<void> | null = null;
  const bootOnce = async (): Promise<void> => {
    try {
      const health = await deps.api.health();
      set({ auth: 'ok', version: health.version });
    } catch (err) {
      if (isUnauthorized(err)) {
        set({ auth: 'unauthorized' });
        return;
      }
      // The server may be starting or gone; the stream's reconnect boots us again.
      set({ auth: 'unknown' });
      return;
    }
    await refetchAll();
  };

  return {
    boot() {
      booting ??= bootOnce().finally(() => {
        booting = null;
      });
      return booting;
    },
    setStream(status) {
      if (get().stream !== status) set({ stream: status });
    },
    onStreamReady() {
      readyCount++;
      // After a reconnect, whatever changed while we were away is refetched.
      if (readyCount > 1 || get().auth !== 'ok') void get().actions.boot();
    },
    handleEvent(event) {
      switch (event.type) {
        case 'journal':
          get().actions.receiveJournal([event.entry]);
          return;
        case 'changed':
          refetchTopic(event.topic, event.id);
          return;
        case 'phone':
          get().actions.showScreen(event.personaId, event.screen);
          return;
        case 'scenario':
          get().actions.receiveScenario(event);
          return;
        case 'audit':
          get().actions.receiveAudit(event);
          return;
        case 'login-session': {
          const session = event.session;
          // The stream replays recent history to a new window, including sessions of pools a reset removed:
          // only pools the login server still has are kept, so nothing later asks for a pool that is gone.
          set((s) =>
            s.pools.data.some((p) => p.id === session.poolId)
              ? { sessions: { ...s.sessions, [session.poolId]: upsertSession(s.sessions[session.poolId], session) } }
              : {},
          );
          return;
        }
      }
    },
    navigate(route) {
      if (!sameRoute(get().route, route)) set({ route });
    },
    notify(kind, message) {
      const id = ++toastId;
      set((s) => {
        // The same message again (a burst of the same failure) is one toast with a count, shown afresh.
        const same = s.toasts.find((t) => t.kind === kind && sameMessage(t.message, message));
        const rest = s.toasts.filter((t) => t !== same);
        return { toasts: [...rest.slice(-3), { id, kind, message, repeats: same ? same.repeats + 1 : 1 }] };
      });
    },
    dismiss(id) {
      set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
    },
  };
}

/**
 * The studio's store: one per UI (and one per unit test). Created by a factory with its dependencies,
 * provided to React through context (see ./context), read through selectors defined at module level.
 */
export function createStudioStore(deps: StoreDeps, initial: Partial<StudioData> = {}): StudioStore {
  return createStore<StudioState>()((set, get) => ({
    ...initialData(deps),
    ...initial,
    actions: {
      ...appSlice(set, get, deps),
      ...wechatSlice(set, get, deps),
      ...loginSlice(set, get, deps),
      ...stageSlice(set, get, deps),
      ...journalSlice(set, get, deps),
      ...scenariosSlice(set, get, deps),
      ...qaSlice(set, get, deps),
      ...openSlice(set, get, deps),
      ...auditsSlice(set, get, deps),
    },
  }));
}
