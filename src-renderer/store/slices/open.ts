import type { StateTopic } from '../../api/types';
import { toErrorInfo } from '../errors';
import type { OpenActions, OpenData } from '../open-types';
import type { Get, Set, StoreDeps } from '../types';
import { initialStory } from './story';

export function initialOpenData(): OpenData {
  return {
    platforms: { data: [], loaded: false, error: null },
    admins: {},
    authorizations: {},
    components: {},
    links: {},
    authDraft: null,
    pcPage: null,
    pcAddress: null,
    story: initialStory(),
  };
}

/** What a demo reset forgets at once: the PC frame's page, the phone's choices, the story (lists refetch on their topics). */
export function transientOpenData(): Pick<OpenData, 'pcPage' | 'pcAddress' | 'authDraft' | 'story'> {
  return { pcPage: null, pcAddress: null, authDraft: null, story: initialStory() };
}

type Refetch = (key: string, run: () => Promise<void>) => void;

/**
 * What a `changed` event means for the third-party platform's views: only lists already shown are
 * refetched (an account's administrators and authorizations, a pool's configuration and links).
 */
export function refetchOpenTopic(topic: StateTopic, get: Get, refetch: Refetch): void {
  const s = get();
  const a = s.actions;
  if (topic === 'platforms') {
    if (s.platforms.loaded) refetch('platforms', a.loadPlatforms);
    for (const appId of Object.keys(s.admins)) refetch(`admins:${appId}`, () => a.loadAdmins(appId));
    for (const appId of Object.keys(s.authorizations)) refetch(`authorizations:${appId}`, () => a.loadAuthorizations(appId));
  }
  if (topic === 'connections' || topic === 'pools') {
    for (const poolId of Object.keys(s.links)) refetch(`links:${poolId}`, () => a.loadLinks(poolId));
  }
  if (topic === 'pools') {
    for (const poolId of Object.keys(s.components)) refetch(`component:${poolId}`, () => a.loadComponent(poolId));
  }
}

/** After a reconnect: everything the third-party platform's views showed, again. */
export function reloadOpen(get: Get): Array<Promise<void>> {
  const s = get();
  const a = s.actions;
  return [
    ...(s.platforms.loaded ? [a.loadPlatforms()] : []),
    ...Object.keys(s.admins).map((id) => a.loadAdmins(id)),
    ...Object.keys(s.authorizations).map((id) => a.loadAuthorizations(id)),
    ...Object.keys(s.components).map((id) => a.loadComponent(id)),
    ...Object.keys(s.links).map((id) => a.loadLinks(id)),
  ];
}

/** The mock Open Platform's lists, the login server's side of it, and the phone's authorization screen. */
export function openSlice(set: Set, get: Get, { api }: StoreDeps): OpenActions {
  /** A list that is gone (a reset removed the account or the pool) is dropped rather than reported. */
  const drop = (key: 'admins' | 'authorizations' | 'components' | 'links', id: string): void =>
    set((s) => {
      const { [id]: _gone, ...rest } = s[key];
      return { [key]: rest };
    });

  return {
    async loadPlatforms() {
      try {
        const { platforms } = await api.listPlatforms();
        set({ platforms: { data: platforms, loaded: true, error: null } });
      } catch (err) {
        set((s) => ({ platforms: { ...s.platforms, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadAdmins(appId) {
      try {
        const { admins } = await api.getAdmins(appId);
        set((s) => ({ admins: { ...s.admins, [appId]: admins } }));
      } catch {
        drop('admins', appId);
      }
    },
    async loadAuthorizations(appId) {
      try {
        const { authorizations } = await api.listAuthorizations(appId);
        set((s) => ({ authorizations: { ...s.authorizations, [appId]: authorizations } }));
      } catch {
        drop('authorizations', appId);
      }
    },
    async loadComponent(poolId) {
      try {
        const config = await api.getComponent(poolId);
        set((s) => ({ components: { ...s.components, [poolId]: config } }));
      } catch {
        drop('components', poolId);
      }
    },
    async loadLinks(poolId) {
      try {
        const { links } = await api.listLinks(poolId);
        set((s) => ({ links: { ...s.links, [poolId]: links } }));
      } catch {
        drop('links', poolId);
      }
    },
    setAuthDraft(draft) {
      set({ authDraft: draft });
    },
    async confirmAuthorize() {
      const { personaId, authDraft } = get();
      const screen = personaId ? get().screens[personaId] : undefined;
      if (!personaId || !authDraft?.appId || screen?.screen !== 'authorize' || !screen.authorize) return null;
      set({ phoneBusy: true });
      try {
        const result = await api.phoneAuthorize(personaId, { appId: authDraft.appId, funcIds: authDraft.funcIds });
        // The platform's phone event shows the same; this makes the answer visible even if the event is late.
        get().actions.showScreen(personaId, { screen: 'authorize', authorize: { ...screen.authorize, redirect: result.redirect, authorizedAppId: result.appId }, ...(result.journalId ? { journalId: result.journalId } : {}) });
        if (get().pcPage) set({ pcAddress: result.redirect });
        return result;
      } catch (err) {
        get().actions.notify('error', { key: 'authorizeFailed', error: toErrorInfo(err) });
        return null;
      } finally {
        set({ phoneBusy: false });
      }
    },
    openPcPage(page) {
      set((s) => ({ pcPage: page, pcAddress: null, pcQr: null, pcKey: s.pcKey + 1 }));
    },
    closePcPage() {
      if (!get().pcPage) return;
      set((s) => ({ pcPage: null, pcAddress: null, pcQr: null, pcKey: s.pcKey + 1 }));
    },
    setPcAddress(url) {
      set({ pcAddress: url });
    },
    setStory(patch) {
      set((s) => ({ story: { ...s.story, ...patch } }));
    },
  };
}
