import type { PhoneChatHistory, PhoneScreen } from '../../api/types';
import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { toErrorInfo } from '../errors';
import { transientOpenData } from './open';
import type { ToastKey } from '../../i18n/keys';

type StageActions = Pick<
  StudioActions,
  | 'selectPersona'
  | 'loadPhone'
  | 'setPhoneView'
  | 'showScreen'
  | 'scan'
  | 'follow'
  | 'unfollow'
  | 'sendMessage'
  | 'setLoginApp'
  | 'reloadPc'
  | 'setPcQr'
  | 'setPcSite'
  | 'resetDemo'
>;

const PERSONA_KEY = 'follow-studio.persona';

/** The stage: the PC browser frame and the phone of the selected persona. */
export function stageSlice(set: Set, get: Get, { api, storage }: StoreDeps): StageActions {
  /** Runs one phone action: busy while in flight, the server's answer becomes the phone's screen. */
  const phoneAction = async (failure: ToastKey, run: (personaId: string) => Promise<PhoneScreen>): Promise<PhoneScreen | null> => {
    const personaId = get().personaId;
    if (!personaId) {
      get().actions.notify('error', { key: 'pickPersona' });
      return null;
    }
    set({ phoneBusy: true });
    try {
      const screen = await run(personaId);
      get().actions.showScreen(personaId, screen);
      return screen;
    } catch (err) {
      get().actions.notify('error', { key: failure, error: toErrorInfo(err) });
      return null;
    } finally {
      set({ phoneBusy: false });
    }
  };

  return {
    selectPersona(personaId) {
      set({ personaId, phoneView: 'home' });
      try {
        if (personaId) storage?.setItem(PERSONA_KEY, personaId);
      } catch {
        // Remembering the choice is a nicety.
      }
      if (personaId) void get().actions.loadPhone(personaId);
    },
    async loadPhone(personaId) {
      try {
        const state = await api.phone(personaId);
        set((s) => ({
          screens: state.screen ? { ...s.screens, [personaId]: state.screen } : s.screens,
          chats: { ...s.chats, [personaId]: state.chats },
        }));
      } catch {
        // A persona that never used the phone has no screen yet: the phone shows WeChat's Discover page.
      }
    },
    setPhoneView(view) {
      set({ phoneView: view });
    },
    showScreen(personaId, screen) {
      set((s) => ({
        screens: { ...s.screens, [personaId]: screen },
        chats: { ...s.chats, [personaId]: mergeChat(s.chats[personaId], screen) },
        phoneView: personaId === s.personaId ? 'app' : s.phoneView,
      }));
    },
    scan: (content) => phoneAction('scanFailed', (id) => api.scan(id, content)),
    async follow(appId) {
      await phoneAction('followFailed', (id) => api.follow(id, appId));
    },
    async unfollow(appId) {
      await phoneAction('unfollowFailed', (id) => api.unfollow(id, appId));
    },
    async sendMessage(appId, text) {
      const personaId = get().personaId;
      if (personaId) {
        // Show the user's bubble at once; the server's screen (with the reply) replaces it.
        set((s) => {
          const screen = s.screens[personaId];
          if (!screen || screen.screen !== 'chat') return {};
          const messages = [...(screen.messages ?? []), { from: 'user' as const, text }];
          return { screens: { ...s.screens, [personaId]: { ...screen, messages } } };
        });
      }
      await phoneAction('sendFailed', (id) => api.message(id, appId, text));
    },
    setLoginApp(appId) {
      set((s) => ({ loginAppId: appId, pcKey: s.pcKey + 1, pcQr: null }));
    },
    reloadPc() {
      set((s) => ({ pcKey: s.pcKey + 1, pcQr: null }));
    },
    setPcQr(qr) {
      set({ pcQr: qr });
    },
    setPcSite(site) {
      if (get().pcSite !== site) set((s) => ({ pcSite: site, pcKey: s.pcKey + 1, pcQr: null }));
    },
    async resetDemo() {
      set({ resetting: true });
      try {
        await api.reset();
        // Nothing of the old demo survives: the phone, the PC page, every list, and the toasts about them.
        set((s) => ({ screens: {}, chats: {}, phoneView: 'home', pcQr: null, pcKey: s.pcKey + 1, tickets: {}, followers: {}, users: {}, sessions: {}, toasts: [], ...transientOpenData() }));
        const a = get().actions;
        await Promise.all([a.loadAccounts(), a.loadPersonas(), a.loadPools(), a.loadJournal()]);
        a.notify('ok', { key: 'resetDone' });
      } catch (err) {
        get().actions.notify('error', { key: 'resetFailed', error: toErrorInfo(err) });
      } finally {
        set({ resetting: false });
      }
    },
  };
}

export function rememberedPersona(storage: StoreDeps['storage']): string | null {
  try {
    return storage?.getItem(PERSONA_KEY) ?? null;
  } catch {
    return null;
  }
}

/** Keeps the home screen's chat list in step with a chat screen the server just showed. */
export function mergeChat(chats: PhoneChatHistory[] | undefined, screen: PhoneScreen): PhoneChatHistory[] | undefined {
  if (!screen.appId || (screen.screen !== 'chat' && screen.screen !== 'profile')) return chats;
  const list = chats ?? [];
  const i = list.findIndex((c) => c.appId === screen.appId);
  const prev = i >= 0 ? list[i] : undefined;
  const next: PhoneChatHistory = {
    appId: screen.appId,
    accountName: screen.accountName ?? prev?.accountName ?? screen.appId,
    following: screen.following ?? prev?.following ?? false,
    messages: screen.screen === 'chat' ? (screen.messages ?? prev?.messages ?? []) : (prev?.messages ?? []),
  };
  return i >= 0 ? list.map((c, j) => (j === i ? next : c)) : [...list, next];
}
