import type { Account } from '../../api/types';
import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { toErrorInfo } from '../errors';

type WechatActions = Pick<
  StudioActions,
  'loadAccounts' | 'loadPersonas' | 'loadTickets' | 'loadFollowers' | 'loadSettings' | 'upsertAccount'
>;

/** The mock platform's state the consoles and the phone show: accounts, personas, tickets, followers. */
export function wechatSlice(set: Set, get: Get, { api }: StoreDeps): WechatActions {
  return {
    async loadAccounts() {
      try {
        const { accounts } = await api.listAccounts();
        set({ accounts: { data: accounts, loaded: true, error: null } });
      } catch (err) {
        set((s) => ({ accounts: { ...s.accounts, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadPersonas() {
      try {
        const { personas } = await api.listPersonas();
        const before = get().personaId;
        const stillThere = before !== null && personas.some((p) => p.id === before);
        set({ personas: { data: personas, loaded: true, error: null } });
        if (!stillThere) get().actions.selectPersona(personas[0]?.id ?? null);
      } catch (err) {
        set((s) => ({ personas: { ...s.personas, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadTickets(appId) {
      try {
        const { tickets } = await api.listTickets(appId);
        set((s) => ({ tickets: { ...s.tickets, [appId]: tickets } }));
      } catch (err) {
        get().actions.notify('error', { key: 'loadTicketsFailed', error: toErrorInfo(err) });
      }
    },
    async loadFollowers(appId) {
      try {
        const { followers } = await api.listFollowers(appId);
        set((s) => ({ followers: { ...s.followers, [appId]: followers } }));
      } catch (err) {
        get().actions.notify('error', { key: 'loadFollowersFailed', error: toErrorInfo(err) });
      }
    },
    async loadSettings() {
      try {
        set({ settings: await api.getSettings() });
      } catch {
        set({ settings: null });
      }
    },
    upsertAccount(account: Account) {
      set((s) => {
        const list = s.accounts.data;
        const i = list.findIndex((a) => a.appId === account.appId);
        const data = i >= 0 ? list.map((a, j) => (j === i ? { ...a, ...account } : a)) : [...list, account];
        return { accounts: { ...s.accounts, data } };
      });
    },
  };
}
