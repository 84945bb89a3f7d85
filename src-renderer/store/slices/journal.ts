import type { JournalRow } from '../../api/types';
import type { Get, Set, StoreDeps, StudioActions } from '../types';
import { toErrorInfo } from '../errors';
import { appendEntries, mergeFirstPage, minSeq, prependPage } from '../journal-model';

type JournalActions = Pick<
  StudioActions,
  'loadJournal' | 'loadOlderJournal' | 'receiveJournal' | 'flushJournal' | 'setJournalFilter' | 'selectEntry' | 'clearJournal'
>;

export const FIRST_PAGE = 500;
export const OLDER_PAGE = 1000;
/** Live entries are applied at most this often: a burst of pushes is one render, not hundreds. */
export const FLUSH_MS = 50;

/** The inspector's journal: the first page, older pages on demand, and live appends from the stream. */
export function journalSlice(set: Set, get: Get, deps: StoreDeps): JournalActions {
  const { api } = deps;
  const schedule = deps.schedule ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const cap = deps.journalCap ?? 250_000;
  /** Seen ids, for de-duplication (the stream replays history on every reconnect). Kept outside the state: it is an index. */
  let ids = new Set<string>();
  let pending: JournalRow[] = [];
  let flushScheduled = false;

  const flush = (): void => {
    flushScheduled = false;
    if (!pending.length) return;
    const incoming = pending;
    pending = [];
    set((s) => {
      const r = appendEntries(s.journal.entries, ids, incoming, cap);
      if (!r.added) return {};
      return {
        journal: {
          ...s.journal,
          entries: r.entries,
          version: s.journal.version + 1,
          total: s.journal.total === null ? null : s.journal.total + r.added,
        },
      };
    });
  };

  return {
    async loadJournal() {
      try {
        const page = await api.journal({ limit: FIRST_PAGE });
        flush();
        set((s) => {
          const merged = mergeFirstPage(s.journal.entries, page.entries);
          ids = merged.ids;
          const selectedId = s.journal.selectedId && ids.has(s.journal.selectedId) ? s.journal.selectedId : s.journal.selectedId;
          return {
            journal: {
              ...s.journal,
              entries: merged.entries,
              loaded: true,
              error: null,
              hasOlder: page.entries.length >= FIRST_PAGE,
              oldestSeq: minSeq(page.entries),
              total: typeof page.total === 'number' ? Math.max(page.total, merged.entries.length) : null,
              selectedId,
              version: s.journal.version + 1,
            },
          };
        });
      } catch (err) {
        set((s) => ({ journal: { ...s.journal, loaded: true, error: toErrorInfo(err) } }));
      }
    },
    async loadOlderJournal() {
      const j = get().journal;
      if (j.loadingOlder || !j.hasOlder || j.oldestSeq === null) return;
      set((s) => ({ journal: { ...s.journal, loadingOlder: true } }));
      try {
        const page = await api.journal({ limit: OLDER_PAGE, beforeSeq: j.oldestSeq });
        set((s) => {
          const r = prependPage(s.journal.entries, ids, page.entries);
          const seq = minSeq(page.entries);
          return {
            journal: {
              ...s.journal,
              entries: r.entries,
              loadingOlder: false,
              hasOlder: page.entries.length >= OLDER_PAGE && seq !== null,
              oldestSeq: seq ?? s.journal.oldestSeq,
              version: s.journal.version + (r.added ? 1 : 0),
            },
          };
        });
      } catch (err) {
        set((s) => ({ journal: { ...s.journal, loadingOlder: false, error: toErrorInfo(err) } }));
      }
    },
    receiveJournal(entries) {
      pending.push(...entries);
      if (!flushScheduled) {
        flushScheduled = true;
        schedule(flush, FLUSH_MS);
      }
    },
    flushJournal: flush,
    setJournalFilter(patch) {
      set((s) => ({ journal: { ...s.journal, filter: { ...s.journal.filter, ...patch } } }));
    },
    selectEntry(id) {
      set((s) => ({ journal: { ...s.journal, selectedId: id } }));
    },
    async clearJournal() {
      try {
        await api.clearJournal();
        ids = new Set();
        pending = [];
        set((s) => ({
          journal: { ...s.journal, entries: [], selectedId: null, hasOlder: false, oldestSeq: null, total: 0, version: s.journal.version + 1 },
        }));
      } catch (err) {
        get().actions.notify('error', { key: 'clearJournalFailed', error: toErrorInfo(err) });
      }
    },
  };
}
