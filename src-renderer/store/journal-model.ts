import type { JournalEntry, JournalRow } from '../api/types';

/**
 * Pure helpers behind the inspector's timeline. Entries are kept oldest → newest in one array so that
 * live entries from the event stream are cheap appends; older pages from /api/journal are prepended.
 * Filtering is incremental: when the array only grew at its end and the filter did not change, only the
 * new tail is tested, so 100,000 entries with a busy stream stay cheap.
 */

export type VerdictFilter = 'all' | 'ok' | 'fail';

export interface JournalFilter {
  text: string;
  kind: 'all' | JournalEntry['kind'];
  verdict: VerdictFilter;
  source: 'all' | NonNullable<JournalEntry['source']>;
}

export const EMPTY_FILTER: JournalFilter = { text: '', kind: 'all', verdict: 'all', source: 'all' };

export function isFilterEmpty(f: JournalFilter): boolean {
  return f.text.trim() === '' && f.kind === 'all' && f.verdict === 'all' && f.source === 'all';
}

const haystacks = new WeakMap<JournalEntry, string>();

/** The lower-cased text a search looks in: summary, URL, kind, source, AppID, status and verdict reasons. */
export function searchText(e: JournalEntry): string {
  let s = haystacks.get(e);
  if (s === undefined) {
    const last = e.attempts[e.attempts.length - 1];
    s = [
      e.summary ?? '',
      e.url,
      e.kind,
      e.source ?? '',
      e.appId ?? '',
      last?.request.method ?? '',
      last?.response ? String(last.response.status) : (last?.error ?? ''),
      e.verdict.ok ? 'pass ok' : 'fail',
      ...e.verdict.reasons,
    ]
      .join('\n')
      .toLowerCase();
    haystacks.set(e, s);
  }
  return s;
}

/** A predicate for the filter; text is split on whitespace and every word must match. */
export function matcher(f: JournalFilter): (e: JournalEntry) => boolean {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return (e) => {
    if (f.kind !== 'all' && e.kind !== f.kind) return false;
    if (f.source !== 'all' && e.source !== f.source) return false;
    if (f.verdict === 'ok' && !e.verdict.ok) return false;
    if (f.verdict === 'fail' && e.verdict.ok) return false;
    if (words.length) {
      const hay = searchText(e);
      for (const w of words) if (!hay.includes(w)) return false;
    }
    return true;
  };
}

/**
 * What the timeline shows: `rows[0..count)`, oldest → newest. `rows` may be the journal's own array, which
 * only ever grows at its end, so a view is a snapshot by its `count`; a new view object means a change.
 */
export interface JournalView {
  rows: readonly JournalRow[];
  count: number;
}

interface FilterCache {
  entries: readonly JournalRow[];
  /** How many entries have been tested (a prefix of `entries`). */
  seen: number;
  filter: JournalFilter;
  rows: JournalRow[];
  view: JournalView;
}

/**
 * Returns a memoized filter. Same array, same length, same filter → the same view (stable for React).
 * When the array only grew at its end, only the new tail is tested and matches are appended: the cost of
 * a live append is the size of the append, not of the journal.
 */
export function createIncrementalFilter(): (entries: readonly JournalRow[], filter: JournalFilter) => JournalView {
  let cache: FilterCache | null = null;
  return (entries, filter) => {
    if (cache && cache.entries === entries && cache.filter === filter && cache.seen === entries.length) return cache.view;
    if (isFilterEmpty(filter)) {
      const view = { rows: entries, count: entries.length };
      cache = { entries, seen: entries.length, filter, rows: entries as JournalRow[], view };
      return view;
    }
    const test = matcher(filter);
    const grows = cache !== null && cache.entries === entries && cache.filter === filter && cache.seen <= entries.length;
    const rows: JournalRow[] = grows ? cache!.rows : [];
    const before = rows.length;
    for (let i = grows ? cache!.seen : 0; i < entries.length; i++) if (test(entries[i]!)) rows.push(entries[i]!);
    const view = grows && rows.length === before ? cache!.view : { rows, count: rows.length };
    cache = { entries, seen: entries.length, filter, rows, view };
    return view;
  };
}

export interface MergeResult {
  entries: JournalRow[];
  added: number;
}

/**
 * Appends live entries not seen before (the stream replays recent history on every reconnect), in place:
 * the journal array only grows at its end, so an append costs its own size, whatever the journal's.
 * Past the cap (plus a tenth, so trimming is rare) the oldest entries are dropped into a new array.
 */
export function appendEntries(entries: JournalRow[], ids: Set<string>, incoming: readonly JournalRow[], cap: number): MergeResult {
  let added = 0;
  for (const e of incoming) {
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    // Live entries normally arrive in order; an out-of-order one (a slow push recorded late) is rare and
    // still shown, in arrival order, rather than re-sorting 100k rows.
    entries.push(e);
    added++;
  }
  if (entries.length > cap + Math.ceil(cap / 10)) {
    const drop = entries.length - cap;
    for (let i = 0; i < drop; i++) ids.delete(entries[i]!.id);
    return { entries: entries.slice(drop), added };
  }
  return { entries, added };
}

/** Prepends an older page (given newest first, as /api/journal returns it). */
export function prependPage(entries: JournalRow[], ids: Set<string>, pageNewestFirst: readonly JournalRow[]): MergeResult {
  const older: JournalRow[] = [];
  for (let i = pageNewestFirst.length - 1; i >= 0; i--) {
    const e = pageNewestFirst[i]!;
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    older.push(e);
  }
  if (!older.length) return { entries, added: 0 };
  return { entries: older.concat(entries), added: older.length };
}

/**
 * The first page replaces what a previous load showed, but keeps live entries that arrived while it
 * was in flight (they are newer than the page, or duplicates of it).
 */
export function mergeFirstPage(live: readonly JournalRow[], pageNewestFirst: readonly JournalRow[]): { entries: JournalRow[]; ids: Set<string> } {
  const ids = new Set<string>();
  const entries: JournalRow[] = [];
  for (let i = pageNewestFirst.length - 1; i >= 0; i--) {
    const e = pageNewestFirst[i]!;
    if (ids.has(e.id)) continue;
    ids.add(e.id);
    entries.push(e);
  }
  const lastAt = entries.length ? entries[entries.length - 1]!.at : -Infinity;
  const extra = live.filter((e) => !ids.has(e.id));
  for (const e of extra) ids.add(e.id);
  if (extra.length && extra.some((e) => e.at < lastAt)) {
    const all = entries.concat(extra);
    // Stable: equal times keep their order.
    all.sort((a, b) => a.at - b.at);
    return { entries: all, ids };
  }
  return { entries: entries.concat(extra), ids };
}

/** The smallest storage sequence number of a page (the cursor for the next older page). */
export function minSeq(page: readonly JournalRow[]): number | null {
  let min: number | null = null;
  for (const e of page) if (typeof e.seq === 'number' && (min === null || e.seq < min)) min = e.seq;
  return min;
}
