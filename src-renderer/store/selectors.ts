import type { Account, JournalRow, LoginApplication, Persona, PhoneChatHistory, PhoneScreen, LoginPool } from '../api/types';
import { createIncrementalFilter, type JournalView } from './journal-model';
import type { StudioState } from './types';

/**
 * Selectors, defined once at module level (stable identities, as React Flow does) and returning either
 * a piece of state as stored or a memoized derivation, so components re-render only on real change.
 */

export const selectRoute = (s: StudioState) => s.route;
export const selectStream = (s: StudioState) => s.stream;
export const selectAuth = (s: StudioState) => s.auth;
export const selectVersion = (s: StudioState) => s.version;
export const selectToasts = (s: StudioState) => s.toasts;
export const selectResetting = (s: StudioState) => s.resetting;

export const selectAccounts = (s: StudioState) => s.accounts;
export const selectPersonas = (s: StudioState) => s.personas;
export const selectTickets = (s: StudioState) => s.tickets;
export const selectFollowers = (s: StudioState) => s.followers;
export const selectSettings = (s: StudioState) => s.settings;

export const selectPools = (s: StudioState) => s.pools;
export const selectSelectedPoolId = (s: StudioState) => s.selectedPoolId;
export const selectUsers = (s: StudioState) => s.users;
export const selectSessions = (s: StudioState) => s.sessions;

export const selectPersonaId = (s: StudioState) => s.personaId;
export const selectPhoneView = (s: StudioState) => s.phoneView;
export const selectPhoneBusy = (s: StudioState) => s.phoneBusy;
export const selectPcKey = (s: StudioState) => s.pcKey;
export const selectPcQr = (s: StudioState) => s.pcQr;
export const selectPcSite = (s: StudioState) => s.pcSite;
export const selectLoginAppId = (s: StudioState) => s.loginAppId;

export const selectJournalFilter = (s: StudioState) => s.journal.filter;
export const selectJournalMeta = (s: StudioState) => s.journal;
export const selectSelectedEntryId = (s: StudioState) => s.journal.selectedId;

export const selectSelectedPool = (s: StudioState): LoginPool | undefined =>
  s.pools.data.find((p) => p.id === s.selectedPoolId) ?? s.pools.data[0];

export const selectPersona = (s: StudioState): Persona | undefined => s.personas.data.find((p) => p.id === s.personaId);

export const selectPhoneChats = (s: StudioState): PhoneChatHistory[] | undefined => (s.personaId ? s.chats[s.personaId] : undefined);

export const selectPhoneScreen = (s: StudioState): PhoneScreen | undefined => (s.personaId ? s.screens[s.personaId] : undefined);

export const selectLoginApp = (s: StudioState): LoginApplication | undefined => {
  for (const p of s.pools.data) for (const a of p.apps) if (a.id === s.loginAppId) return a;
  return undefined;
};

export const selectAllLoginApps = (() => {
  let last: LoginPool[] | null = null;
  let result: Array<LoginApplication & { poolName: string }> = [];
  return (s: StudioState) => {
    if (s.pools.data !== last) {
      last = s.pools.data;
      result = s.pools.data.flatMap((p) => p.apps.map((a) => ({ ...a, poolName: p.name })));
    }
    return result;
  };
})();

export function accountByAppId(accounts: readonly Account[], appId: string | undefined): Account | undefined {
  return appId ? accounts.find((a) => a.appId === appId) : undefined;
}

const visible = createIncrementalFilter();
/** The journal entries that pass the inspector's filter: rows[0..count), oldest → newest (memoized, incremental). */
export const selectVisibleJournal = (s: StudioState): JournalView => visible(s.journal.entries, s.journal.filter);

export const selectSelectedEntry = (() => {
  let lastEntries: readonly JournalRow[] | null = null;
  let lastLength = -1;
  let lastId: string | null = null;
  let found: JournalRow | undefined;
  return (s: StudioState): JournalRow | undefined => {
    const { entries, selectedId } = s.journal;
    if (entries === lastEntries && entries.length === lastLength && selectedId === lastId) return found;
    const unchanged = entries === lastEntries && selectedId === lastId && found !== undefined;
    lastEntries = entries;
    lastLength = entries.length;
    lastId = selectedId;
    // Entries only grow at the end of the same array: a found entry stays found.
    if (unchanged) return found;
    found = undefined;
    if (selectedId) {
      for (let i = entries.length - 1; i >= 0; i--) {
        if (entries[i]!.id === selectedId) {
          found = entries[i];
          break;
        }
      }
    }
    return found;
  };
})();

export const selectScenarios = (s: StudioState) => s.scenarios;
export const selectStageRun = (s: StudioState) => (s.scenarios.stageRunId ? s.scenarios.runs[s.scenarios.stageRunId] : undefined);
