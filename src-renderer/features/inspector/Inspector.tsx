import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Segmented } from '../../components/form';
import type { JournalEntry } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import type { JournalFilter } from '../../store/journal-model';
import { selectJournalFilter, selectJournalMeta, selectRoute, selectSelectedEntry, selectSelectedEntryId, selectVisibleJournal } from '../../store/selectors';
import { EntryDetail } from './EntryDetail';
import { JournalList } from './JournalList';
import { ScenarioEntry } from '../scenarios/ScenarioEntry';

/**
 * Downloads of the journal (redacted) as HAR or NDJSON, with the kind and verdict filters applied. Plain
 * links: the browser downloads them itself, and the session cookie goes along.
 */
function ExportLinks({ filter }: { filter: JournalFilter }): React.JSX.Element {
  const api = useApi();
  const { t } = useTranslation();
  const query = {
    ...(filter.kind !== 'all' ? { kind: filter.kind } : {}),
    ...(filter.verdict !== 'all' ? { ok: filter.verdict === 'ok' } : {}),
  };
  return (
    <span className="export-links" role="group" aria-label={t('qa.inspector.export')} title={t('qa.inspector.exportTitle')}>
      <Icon name="download" size={14} />
      <span className="muted small">{t('qa.inspector.export')}</span>
      <a className="btn btn-sm" href={api.journalExportUrl('har', query)} download data-testid="export-har" title={t('qa.inspector.exportHar')}>
        HAR
      </a>
      <a className="btn btn-sm" href={api.journalExportUrl('ndjson', query)} download data-testid="export-ndjson" title={t('qa.inspector.exportNdjson')}>
        NDJSON
      </a>
    </span>
  );
}

function FilterBar(): React.JSX.Element {
  const filter = useStudio(selectJournalFilter);
  const meta = useStudio(selectJournalMeta);
  const { count: shown } = useStudio(selectVisibleJournal);
  const { setJournalFilter, clearJournal } = useActions();
  const [text, setText] = useState(filter.text);
  const { t, i18n } = useTranslation();
  const nf = new Intl.NumberFormat(i18n.language);

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
        <input className="input" type="search" aria-label={t('inspector.filter')} placeholder={t('inspector.filterPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <select className="select" aria-label={t('inspector.kind')} value={filter.kind} onChange={(e) => setJournalFilter({ kind: e.target.value as JournalFilter['kind'] })}>
        <option value="all">{t('inspector.allKinds')}</option>
        <option value="push">{t('inspector.kindFilter.push')}</option>
        <option value="verify">{t('inspector.kindFilter.verify')}</option>
        <option value="api">{t('inspector.kindFilter.api')}</option>
        <option value="event">{t('inspector.kindFilter.event')}</option>
        <option value="oidc">{t('inspector.kindFilter.oidc')}</option>
        <option value="audit">{t('inspector.kindFilter.audit')}</option>
      </select>
      <select className="select" aria-label={t('inspector.source')} value={filter.source} onChange={(e) => setJournalFilter({ source: e.target.value as JournalFilter['source'] })}>
        <option value="all">{t('inspector.allSources')}</option>
        <option value="wechat">{t('inspector.sourceFilter.wechat')}</option>
        <option value="auth">{t('inspector.sourceFilter.auth')}</option>
        <option value="relay">{t('inspector.sourceFilter.relay')}</option>
      </select>
      <Segmented
        label={t('inspector.sections.verdict')}
        value={filter.verdict}
        onChange={(v) => setJournalFilter({ verdict: v })}
        options={[
          { value: 'all', label: t('inspector.all') },
          { value: 'ok', label: t('inspector.passed') },
          { value: 'fail', label: t('inspector.failed') },
        ]}
      />
      <span className="spacer" />
      <span className="inspector-count" aria-live="polite" data-testid="journal-count">
        {shown === loaded ? t('inspector.entries', { count: loaded, n: nf.format(loaded) }) : t('inspector.entriesOf', { count: loaded, shown: nf.format(shown), n: nf.format(loaded) })}
        {meta.total !== null && meta.total > loaded ? ` ${t('inspector.recorded', { n: nf.format(meta.total) })}` : ''}
      </span>
      <ExportLinks filter={filter} />
      <button type="button" className="btn btn-sm" onClick={() => void clearJournal()} disabled={!loaded}>
        <Icon name="trash" size={14} /> {t('inspector.clear')}
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

  // A link to an entry (#/inspector/<id>) selects it; #/inspector/scenario/<run>/<id> is a scenario case's own.
  const scenario = route.params[0] === 'scenario' && route.params[2] ? { runId: route.params[1]!, entryId: route.params[2] } : null;
  const linked = scenario ? undefined : route.params[0];
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
        {scenario ? <ScenarioEntry runId={scenario.runId} entryId={scenario.entryId} /> : <EntryDetail entry={inMemory ?? fetched} />}
      </div>
    </div>
  );
}
