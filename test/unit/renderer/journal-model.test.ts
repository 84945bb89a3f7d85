import { describe, expect, it } from 'vitest';
import type { JournalRow } from '../../../src-renderer/api/types';
import {
  appendEntries,
  createIncrementalFilter,
  EMPTY_FILTER,
  matcher,
  mergeFirstPage,
  minSeq,
  prependPage,
  type JournalFilter,
} from '../../../src-renderer/store/journal-model';

function row(n: number, over: Partial<JournalRow> = {}): JournalRow {
  return {
    id: `e${n}`,
    seq: n,
    at: 1000 + n,
    kind: 'push',
    source: 'wechat',
    url: `http://127.0.0.1:1/events?n=${n}`,
    summary: `entry ${n}`,
    attempts: [{ request: { method: 'POST', url: 'http://x/', headers: {}, body: '' }, response: { status: 200, headers: {}, body: '' }, ms: 1 }],
    verdict: { ok: true, reasons: [] },
    ...over,
  };
}

describe('journal model', () => {
  it('appends live entries once, in place, whatever the stream replays', () => {
    const ids = new Set<string>();
    const journal: JournalRow[] = [];
    let r = appendEntries(journal, ids, [row(1), row(2)], 100);
    expect(r.added).toBe(2);
    expect(r.entries).toBe(journal);
    r = appendEntries(r.entries, ids, [row(2), row(1)], 100);
    expect(r.added).toBe(0);
    r = appendEntries(r.entries, ids, [row(2), row(3)], 100);
    expect(r.entries.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(r.entries).toBe(journal);
  });

  it('drops the oldest entries into a new array past the cap (with slack), and forgets their ids', () => {
    const ids = new Set<string>();
    const r = appendEntries([], ids, Array.from({ length: 12 }, (_, i) => row(i + 1)), 10);
    expect(r.entries.map((e) => e.id)).toEqual(['e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10', 'e11', 'e12']);
    expect(ids.has('e2')).toBe(false);
    expect(ids.has('e3')).toBe(true);
  });

  it('prepends an older page (given newest first) before the entries, skipping known ones', () => {
    const ids = new Set(['e5', 'e6']);
    const r = prependPage([row(5), row(6)], ids, [row(5), row(4), row(3)]);
    expect(r.added).toBe(2);
    expect(r.entries.map((e) => e.id)).toEqual(['e3', 'e4', 'e5', 'e6']);
    expect(minSeq([row(9), row(3), row(7)])).toBe(3);
    expect(minSeq([])).toBeNull();
  });

  it('merges the first page with live entries that arrived while it loaded', () => {
    const { entries, ids } = mergeFirstPage([row(3), row(4)], [row(3), row(2), row(1)]);
    expect(entries.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4']);
    expect(ids.size).toBe(4);
    // A live entry older than the page's newest is put in time order.
    const late = mergeFirstPage([row(0, { id: 'late', at: 1001.5 })], [row(3), row(2), row(1)]);
    expect(late.entries.map((e) => e.id)).toEqual(['e1', 'late', 'e2', 'e3']);
  });

  it('matches on every word of the text, kind, source and verdict', () => {
    const failing = row(1, { summary: 'subscribe qrscene_1 → failed', verdict: { ok: false, reasons: ['signature mismatch: check the Token'] } });
    const f = (p: Partial<JournalFilter>) => matcher({ ...EMPTY_FILTER, ...p });
    expect(f({ text: 'SUBSCRIBE token' })(failing)).toBe(true);
    expect(f({ text: 'subscribe unknown' })(failing)).toBe(false);
    expect(f({ verdict: 'fail' })(failing)).toBe(true);
    expect(f({ verdict: 'ok' })(failing)).toBe(false);
    expect(f({ kind: 'api' })(failing)).toBe(false);
    expect(f({ source: 'auth' })(failing)).toBe(false);
    expect(f({ text: '200' })(failing)).toBe(true);
  });

  it('filters incrementally: same inputs give the same view, appends only test the tail', () => {
    const filter = createIncrementalFilter();
    const fails: JournalFilter = { ...EMPTY_FILTER, verdict: 'fail' };
    const ids = new Set<string>();
    const journal = appendEntries([], ids, [row(1), row(2, { verdict: { ok: false, reasons: [] } })], 100).entries;
    const v1 = filter(journal, fails);
    expect(v1.rows.slice(0, v1.count).map((e) => e.id)).toEqual(['e2']);
    expect(filter(journal, fails)).toBe(v1);
    appendEntries(journal, ids, [row(3), row(4, { verdict: { ok: false, reasons: [] } })], 100);
    const v2 = filter(journal, fails);
    expect(v2).not.toBe(v1);
    expect(v2.rows.slice(0, v2.count).map((e) => e.id)).toEqual(['e2', 'e4']);
    // v1 is a snapshot: its count did not change with the append.
    expect(v1.count).toBe(1);
    // An append with no match keeps the view.
    appendEntries(journal, ids, [row(5)], 100);
    expect(filter(journal, fails)).toBe(v2);
    // No filter: the journal itself, counted.
    const all = filter(journal, EMPTY_FILTER);
    expect(all.rows).toBe(journal);
    expect(all.count).toBe(5);
    // A prepended page is a new array: a full pass.
    const older = prependPage(journal, ids, [row(0, { verdict: { ok: false, reasons: [] } })]).entries;
    const v3 = filter(older, fails);
    expect(v3.rows.slice(0, v3.count).map((e) => e.id)).toEqual(['e0', 'e2', 'e4']);
  });

  it('filters 100,000 entries, then extends the same result with 1,000 appended ones', () => {
    const filter = createIncrementalFilter();
    const ids = new Set<string>();
    const journal = appendEntries([], ids, Array.from({ length: 100_000 }, (_, i) => row(i, { verdict: { ok: i % 10 !== 0, reasons: [] } })), 300_000).entries;
    const fails: JournalFilter = { ...EMPTY_FILTER, verdict: 'fail' };
    const v1 = filter(journal, fails);
    expect(v1.count).toBe(10_000);
    appendEntries(journal, ids, Array.from({ length: 1000 }, (_, i) => row(100_000 + i, { verdict: { ok: false, reasons: [] } })), 300_000);
    const v2 = filter(journal, fails);
    expect(v2.count).toBe(11_000);
    expect(v2.rows).toBe(v1.rows);
    expect(v2.rows[10_000]!.id).toBe('e100000');
  });
});
