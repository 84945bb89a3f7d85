import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Empty, formatTime, Spinner } from '../../components/ui';
import type { JournalEntry, JournalRow } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectJournalFilter, selectJournalMeta, selectSelectedEntryId, selectVisibleJournal } from '../../store/selectors';
import { scrollToRow, virtualWindow } from './virtual';
import { SaidText, useSaidText } from '../../i18n/said';

/** Two lines: the summary, and for a failed exchange its first reason. */
export const ROW_H = 48;

const KIND_TONE = { push: 'green', verify: 'blue', api: 'violet', event: 'grey', oidc: 'amber', audit: 'outline' } as const;

export function entryTitle(e: JournalRow | JournalEntry): string {
  if (e.summary) return e.summary;
  const req = e.attempts[0]?.request;
  try {
    return `${req?.method ?? ''} ${new URL(e.url).pathname}`.trim();
  } catch {
    return e.url;
  }
}

/** The entry's title in the reader's language (its summary as a sentence, when it has one). */
export function EntryTitle({ entry }: { entry: JournalRow | JournalEntry }): React.JSX.Element {
  return <SaidText said={entry.summarySaid} text={entryTitle(entry)} />;
}

/** `(entry) => text`: the title as plain text, for tooltips. */
export function useEntryTitleText(): (e: JournalRow | JournalEntry) => string {
  const said = useSaidText();
  return useCallback((e: JournalRow | JournalEntry) => said(e.summarySaid, entryTitle(e)), [said]);
}

/** `(entry) => texts`: the verdict's reasons as plain text in the reader's language. */
export function useReasonTexts(): (e: JournalRow | JournalEntry) => string[] {
  const said = useSaidText();
  return useCallback((e: JournalRow | JournalEntry) => e.verdict.reasons.map((r, i) => said(e.verdict.said?.[i], r)), [said]);
}

function lastStatus(e: JournalRow): string {
  const a = e.attempts[e.attempts.length - 1];
  if (!a) return '';
  if (a.response) return String(a.response.status);
  return a.error ? 'ERR' : '';
}

function totalMs(e: JournalRow): number {
  return e.attempts.reduce((s, a) => s + (a.ms || 0), 0);
}

/** A duration as people read it: 0.4 ms, 3.2 ms, 48 ms, 5003 ms (no float noise from summing attempts). */
export function roundMs(ms: number): number {
  return ms < 10 ? Math.round(ms * 10) / 10 : Math.round(ms);
}

const Row = memo(function Row({ entry, index, selected, onSelect }: { entry: JournalRow; index: number; selected: boolean; onSelect: (id: string) => void }) {
  const tries = entry.attempts.length;
  const { t } = useTranslation();
  const titleText = useEntryTitleText();
  const reasonTexts = useReasonTexts();
  return (
    <div
      id={`jr-${entry.id}`}
      role="option"
      aria-selected={selected}
      className={`jr-row ${entry.verdict.ok ? '' : 'fail'}`}
      style={{ transform: `translateY(${index * ROW_H}px)` }}
      onClick={() => onSelect(entry.id)}
      data-entry-id={entry.id}
    >
      <span className="jr-time">{formatTime(entry.at, true)}</span>
      <span>
        <Badge tone={KIND_TONE[entry.kind] ?? 'grey'}>{t(`inspector.kinds.${entry.kind}`)}</Badge>
      </span>
      <span className="jr-summary" title={[titleText(entry), entry.url, ...reasonTexts(entry)].join('\n')}>
        <EntryTitle entry={entry} />
        {entry.source && <small>{t(`inspector.sources.${entry.source}`)}</small>}
        {tries > 1 && <small>×{tries}</small>}
        {!entry.verdict.ok && entry.verdict.reasons[0] && (
          <span className="jr-reason">
            <SaidText said={entry.verdict.said?.[0]} text={entry.verdict.reasons[0]} />
          </span>
        )}
      </span>
      <span className="jr-status">{lastStatus(entry)}</span>
      <span className="jr-ms">{t('common.ms', { ms: roundMs(totalMs(entry)) })}</span>
      <span className="jr-verdict">
        {entry.verdict.ok ? (
          <Icon name="checkCircle" className="ok" title={t('inspector.verdictPass')} />
        ) : (
          <Icon name="xCircle" className="bad" title={t('inspector.verdictFail')} />
        )}
      </span>
    </div>
  );
});

/**
 * The timeline, newest first, virtualized: only the rows in view (plus a few) are in the DOM, so 100,000
 * entries scroll as smoothly as ten. New entries arriving while the user reads older ones do not move what
 * they read; a pill offers to jump to the newest. Scrolling near the end loads the next older page.
 */
export function JournalList(): React.JSX.Element {
  const view = useStudio(selectVisibleJournal);
  const visible = view.rows;
  const meta = useStudio(selectJournalMeta);
  const filter = useStudio(selectJournalFilter);
  const selectedId = useStudio(selectSelectedEntryId);
  const { selectEntry, loadOlderJournal } = useActions();
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const [unseen, setUnseen] = useState(0);
  const count = view.count;
  const newest = visible[count - 1];
  const prev = useRef<{ count: number; newest: JournalRow | undefined; filter: typeof filter }>({ count, newest, filter });
  const selIndex = useMemo(() => {
    if (!selectedId) return -1;
    for (let i = view.count - 1; i >= 0; i--) if (view.rows[i]!.id === selectedId) return view.count - 1 - i;
    return -1;
  }, [view, selectedId]);

  useLayoutEffect(() => {
    const el = scroller.current;
    const p = prev.current;
    prev.current = { count, newest, filter };
    if (!el || p.filter !== filter || p.newest === newest || !p.newest) return;
    // Rows were added on top (newer entries): keep the rows the reader is looking at in place.
    const added = count - p.count;
    if (added > 0 && el.scrollTop > ROW_H / 2) {
      el.scrollTop += added * ROW_H;
      setScrollTop(el.scrollTop);
      setUnseen((n) => n + added);
    }
  }, [count, newest, filter]);

  // A new filter shows its newest match first, or keeps the selected entry in view when it still matches.
  const lastFilter = useRef(filter);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || lastFilter.current === filter) return;
    lastFilter.current = filter;
    el.scrollTop = selIndex >= 0 ? Math.max(0, selIndex * ROW_H - el.clientHeight / 2) : 0;
    setScrollTop(el.scrollTop);
    setUnseen(0);
  }, [filter, selIndex]);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport(el.clientHeight));
    ro.observe(el);
    setViewport(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const frame = useRef(0);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const el = scroller.current;
      if (!el) return;
      setScrollTop(el.scrollTop);
      if (el.scrollTop < ROW_H) setUnseen(0);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Near the end of what is loaded: fetch the next older page.
  useEffect(() => {
    if (meta.hasOlder && !meta.loadingOlder && scrollTop + viewport > count * ROW_H - ROW_H * 20) void loadOlderJournal();
  }, [scrollTop, viewport, count, meta.hasOlder, meta.loadingOlder, loadOlderJournal]);

  const onSelect = useCallback((id: string) => selectEntry(id), [selectEntry]);


  const onKey = (e: React.KeyboardEvent): void => {
    const el = scroller.current;
    if (!el || !count) return;
    let i = selIndex;
    const page = Math.max(1, Math.floor(viewport / ROW_H) - 1);
    switch (e.key) {
      case 'ArrowDown':
        i = Math.min(count - 1, i + 1);
        break;
      case 'ArrowUp':
        i = Math.max(0, i < 0 ? 0 : i - 1);
        break;
      case 'PageDown':
        i = Math.min(count - 1, Math.max(0, i) + page);
        break;
      case 'PageUp':
        i = Math.max(0, i - page);
        break;
      case 'Home':
        i = 0;
        break;
      case 'End':
        i = count - 1;
        break;
      default:
        return;
    }
    e.preventDefault();
    selectEntry(visible[count - 1 - i]!.id);
    el.scrollTop = scrollToRow(i, ROW_H, el.scrollTop, el.clientHeight);
    setScrollTop(el.scrollTop);
  };

  const win = virtualWindow(count, ROW_H, scrollTop, viewport);
  const rows: React.JSX.Element[] = [];
  for (let i = win.start; i < win.end; i++) {
    const entry = visible[count - 1 - i]!;
    rows.push(<Row key={entry.id} entry={entry} index={i} selected={entry.id === selectedId} onSelect={onSelect} />);
  }
  const activeId = selIndex >= win.start && selIndex < win.end && selectedId ? `jr-${selectedId}` : undefined;

  return (
    <div className="card timeline">
      <div className="timeline-head" aria-hidden="true">
        <span>{t('inspector.columns.time')}</span>
        <span>{t('inspector.kind')}</span>
        <span>{t('inspector.columns.exchange')}</span>
        <span style={{ textAlign: 'right' }}>{t('inspector.columns.status')}</span>
        <span style={{ textAlign: 'right' }}>{t('inspector.columns.took')}</span>
        <span />
      </div>
      {unseen > 0 && (
        <button
          type="button"
          className="btn btn-sm btn-primary new-pill"
          onClick={() => {
            if (scroller.current) scroller.current.scrollTop = 0;
            setScrollTop(0);
            setUnseen(0);
          }}
        >
          <Icon name="arrowDown" size={14} /> {t('inspector.newEntries', { count: unseen })}
        </button>
      )}
      <div
        ref={scroller}
        className="timeline-scroll"
        role="listbox"
        aria-label={t('inspector.journal')}
        aria-activedescendant={activeId}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKey}
        data-testid="journal-list"
        data-count={count}
      >
        <div style={{ height: win.totalHeight, position: 'relative' }}>{rows}</div>
        {count === 0 && (
          <div style={{ position: 'absolute', inset: 0 }}>
            <Empty icon="inspector" title={meta.loaded ? (meta.entries.length ? t('inspector.noMatch') : t('inspector.nothing')) : t('common.loading')}>
              {meta.loaded && !meta.entries.length ? t('inspector.nothingHint') : null}
            </Empty>
          </div>
        )}
      </div>
      <div className="timeline-foot" aria-live="polite">
        {meta.loadingOlder ? (
          <>
            <Spinner label={t('inspector.loadingOlder')} /> {t('inspector.loadingOlder')}
          </>
        ) : meta.hasOlder ? (
          <button type="button" className="btn btn-xs btn-ghost" onClick={() => void loadOlderJournal()}>
            {t('inspector.loadOlder')}
          </button>
        ) : meta.entries.length ? (
          t('inspector.start')
        ) : null}
      </div>
    </div>
  );
}
