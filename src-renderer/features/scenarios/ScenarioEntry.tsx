import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { Icon } from '../../components/Icon';
import { Callout } from '../../components/ui';
import { EntryDetail } from '../inspector/EntryDetail';
import { useErrorText } from '../../i18n/hooks';
import { useActions, useApi } from '../../store/context';

/**
 * A journal entry of a scenario case's own world, opened in the inspector (#/inspector/scenario/<run>/<id>):
 * the case ran in a world of its own, so the entry comes from the run, not from the studio's journal.
 */
export function ScenarioEntry({ runId, entryId }: { runId: string; entryId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const { navigate } = useActions();
  const [found, setFound] = useState<{ caseId: string; entry: JournalEntry } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setFound(null);
    setError(null);
    api.scenarioEntry(runId, entryId).then(
      (r) => live && setFound(r),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, runId, entryId]);
  return (
    <div className="stack-sm scn-inspector-entry">
      <Callout tone="info" title={t('scenarios.inspector.title')}>
        <span translate="no">{found?.caseId ?? ''}</span>
        <div>
          <button type="button" className="btn btn-xs" onClick={() => navigate({ view: 'scenarios', params: [] })}>
            <Icon name="arrowLeft" size={12} /> {t('scenarios.inspector.back')}
          </button>
        </div>
      </Callout>
      {error ? <Callout tone="error">{errorText(error)}</Callout> : <EntryDetail entry={found?.entry} />}
    </div>
  );
}
