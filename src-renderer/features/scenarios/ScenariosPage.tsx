import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Callout } from '../../components/ui';
import { useErrorText } from '../../i18n/hooks';
import { SaidText } from '../../i18n/said';
import { useActions, useStudio } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { CaseDetail } from './CaseDetail';
import { Library } from './Library';
import { useOpenFiles } from './open-files';
import { PlayDialog, type PlayTarget } from './PlayDialog';
import { RunPanel } from './RunPanel';
import { Toolbar } from './Toolbar';

function RefusedRun(): React.JSX.Element | null {
  const { error } = useStudio(selectScenarios);
  const errorText = useErrorText();
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Callout tone="error" title={t('scenarios.refused')}>
      {errorText(error)}
      {error.problems && (
        <ul className="scn-problems">
          {error.problems.map((p, i) => (
            <li key={i}>
              <span translate="no">
                {p.file}:{p.line}: {p.path ? `${p.path}: ` : ''}
              </span>
              <SaidText said={p.messageSaid} text={p.message} />
            </li>
          ))}
        </ul>
      )}
    </Callout>
  );
}

/**
 * QA scenarios in the studio: the built-in library and the user's files (opened or dropped), run with the
 * mode matrix and filters, live per case and step; a failing case opens to its step's expected and seen,
 * and each step to the journal entries of the case's own world. A case can also play on the stage.
 */
export function ScenariosPage(): React.JSX.Element {
  const { t } = useTranslation();
  const { loadScenarioLibrary, loadLatestScenarioRun } = useActions();
  const openFiles = useOpenFiles();
  const [dragging, setDragging] = useState(false);
  const [play, setPlay] = useState<PlayTarget | null>(null);

  useEffect(() => {
    void loadScenarioLibrary();
    void loadLatestScenarioRun();
  }, [loadScenarioLibrary, loadLatestScenarioRun]);

  return (
    <div
      className={`view scenarios-view${dragging ? ' dragging' : ''}`}
      data-testid="scenarios"
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        openFiles(e.dataTransfer.files);
      }}
    >
      <Toolbar />
      <RefusedRun />
      <div className="scn-cols">
        <Library onPlay={setPlay} />
        <div className="stack scn-main">
          <RunPanel />
          <CaseDetail />
        </div>
      </div>
      <PlayDialog target={play} onClose={() => setPlay(null)} />
      {dragging && (
        <div className="scn-drop" aria-hidden="true">
          <Icon name="upload" size={28} />
          <span>{t('scenarios.files.drop')}</span>
        </div>
      )}
    </div>
  );
}
