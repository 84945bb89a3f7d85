import { useTranslation } from 'react-i18next';
import { SCENARIO_MODES } from '../../../src-main/contracts/scenarios';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/ui';
import { useActions, useStudio } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { allTags, plannedRuns } from './plan';
import { SCENARIO_FILE_TYPES, useOpenFiles } from './open-files';

/** What "Run all" runs: the modes, tags and title filter; the files to add; the button itself. */
export function Toolbar(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const s = useStudio(selectScenarios);
  const { setScenarioFilters, startScenarioRun } = useActions();
  const openFiles = useOpenFiles();
  const files = [...s.library.files, ...s.userFiles.flatMap((f) => (f.check?.suite ? [f.check.suite] : []))];
  const planned = plannedRuns(files, s.filters);
  const tags = allTags(files);
  const running = Object.values(s.runs).some((r) => r?.kind === 'suite' && r.status === 'running');
  const f = s.filters;
  const toggleMode = (m: (typeof SCENARIO_MODES)[number]): void =>
    setScenarioFilters({ modes: f.modes.includes(m) ? f.modes.filter((x) => x !== m) : SCENARIO_MODES.filter((x) => x === m || f.modes.includes(x)) });
  const toggleTag = (tag: string): void => setScenarioFilters({ tags: f.tags.includes(tag) ? f.tags.filter((x) => x !== tag) : [...f.tags, tag] });

  return (
    <div className="card scn-toolbar" role="search" aria-label={t('scenarios.filters.label')}>
      <fieldset className="scn-filter">
        <legend>{t('scenarios.filters.modes')}</legend>
        {SCENARIO_MODES.map((m) => (
          <label key={m} className="scn-chip">
            <input type="checkbox" checked={f.modes.includes(m)} onChange={() => toggleMode(m)} />
            {t(`modes.${m}.short`)}
          </label>
        ))}
      </fieldset>
      {tags.length > 0 && (
        <fieldset className="scn-filter">
          <legend>{t('scenarios.filters.tags')}</legend>
          {tags.map((tag) => (
            <label key={tag} className="scn-chip" translate="no">
              <input type="checkbox" checked={f.tags.includes(tag)} onChange={() => toggleTag(tag)} />
              {tag}
            </label>
          ))}
        </fieldset>
      )}
      <div className="search scn-grep">
        <Icon name="search" size={15} />
        <input
          className="input"
          type="search"
          aria-label={t('scenarios.filters.grep')}
          placeholder={t('scenarios.filters.grepPlaceholder')}
          value={f.grep}
          aria-invalid={planned === null}
          onChange={(e) => setScenarioFilters({ grep: e.target.value })}
        />
      </div>
      <span className="spacer" />
      <label className="btn" title={t('scenarios.files.openTitle')}>
        <Icon name="upload" /> {t('scenarios.files.open')}
        <input type="file" accept={SCENARIO_FILE_TYPES} multiple hidden data-testid="scenario-file-input" onChange={(e) => {
          openFiles(e.target.files);
          e.target.value = '';
        }} />
      </label>
      <button type="button" className="btn btn-primary" data-testid="run-all" disabled={running || s.starting || !planned} onClick={() => void startScenarioRun()}>
        {s.starting ? <Spinner /> : <Icon name="play" />}
        {planned === null ? t('scenarios.filters.badGrep') : t('scenarios.runAll', { count: planned, n: new Intl.NumberFormat(i18n.language).format(planned) })}
      </button>
    </div>
  );
}
