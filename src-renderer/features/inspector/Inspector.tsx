import { useEffect, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Segmented } from '../../components/form';
import type { JournalEntry } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import type { JournalFilter } from '../../store/journal-model';
import { selectJournalFilter, selectJournalMeta, selectRoute, selectSelectedEntry, selectSelectedEntryId, selectVisibleJournal } from '../../store/selectors';
import { EntryDetail } from './EntryDetail';
import { JournalList } from './JournalList';

const nf = new Intl.NumberFormat('en');

function FilterBar(): React.JSX.Element {
  const filter = useStudio(selectJournalFilter);
  const meta = useStudio(selectJournalMeta);
  const { count: shown } = useStudio(selectVisibleJournal);
  const { setJournalFilter, clearJournal } = useActions();
  const [text, setText] = useState(filter.text);

  // Typing is instant; filtering 100,000 entries waits for a pause.
  useEffect(() => {
    if (text === filter.text) return;
    const t = setTimeout(() => setJournalFilter({ text }), 120);
    return () => clearTimeout(t);
  }, [text, filter.text, setJournalFilter]);

  const loaded = meta.entries.length;
  return (
    <div className="inspector-bar" role="search">
      <div className="search">
        <Icon name="search" size={15} />
        <input className="input" type="search" aria-label="Filter journal" placeholder="Filter: subscribe, 401, signature, an OpenID…" value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <select className="select" aria-label="Kind" value={filter.kind} onChange={(e) => setJournalFilter({ kind: e.target.value as JournalFilter['kind'] })}>
        <option value="all">All kinds</option>
        <option value="push">Pushes</option>
        <option value="verify">URL verifications</option>
        <option value="api">API calls</option>
        <option value="event">Events</option>
        <option value="oidc">OpenID Connect</option>
      </select>
      <select className="select" aria-label="Source" value={filter.source} onChange={(e) => setJournalFilter({ source: e.target.value as JournalFilter['source'] })}>
        <option value="all">All sources</option>
        <option value="wechat">WeChat platform</option>
        <option value="auth">Login server</option>
        <option value="relay">Relay</option>
      </select>
      <Segmented
        label="Verdict"
        value={filter.verdict}
        onChange={(v) => setJournalFilter({ verdict: v })}
        options={[
          { value: 'all', label: 'All' },
          { value: 'ok', label: 'Passed' },
          { value: 'fail', label: 'Failed' },
        ]}
      />
      <span className="spacer" />
      <span className="inspector-count" aria-live="polite" data-testid="journal-count">
        {shown === loaded ? `${nf.format(loaded)} entries` : `${nf.format(shown)} of ${nf.format(loaded)} entries`}
        {meta.total !== null && meta.total > loaded ? ` (${nf.format(meta.total)} recorded)` : ''}
      </span>
      <button type="button" className="btn btn-sm" onClick={() => void clearJournal()} disabled={!loaded}>
        <Icon name="trash" size={14} /> Clear
      </button>
    </div>
  );
}

/** The journal as a live, filterable timeline beside the selected exchange. */
export function Inspector(): React.JSX.Element {
  const route = useStudio(selectRoute);
  const selectedId = useStudio(selectSelectedEntryId);
  const inMemory = useStudio(selectSelectedEntry);
  const api = useApi();
  const { selectEntry } = useActions();
  const [fetched, setFetched] = useState<JournalEntry | undefined>(undefined);

  // A link to an entry (#/inspector/<id>) selects it.
  const linked = route.params[0];
  useEffect(() => {
    if (linked) selectEntry(linked);
  }, [linked, selectEntry]);

  // An entry that is not among the loaded pages is fetched by id.
  useEffect(() => {
    setFetched(undefined);
    if (!selectedId || inMemory) return;
    let live = true;
    api.journalEntry(selectedId).then(
      (e) => live && setFetched(e),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [selectedId, inMemory, api]);

  return (
    <div className="inspector">
      <FilterBar />
      <div className="inspector-body">
        <JournalList />
        <EntryDetail entry={inMemory ?? fetched} />
      </div>
    </div>
  );
}
