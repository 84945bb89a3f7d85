import { useTranslation } from 'react-i18next';
import type { ScenarioFileDto, ScenarioRunView } from '../../../src-main/contracts/scenarios';
import { Icon } from '../../components/Icon';
import { Badge, Callout, Empty, Spinner } from '../../components/ui';
import { useErrorText } from '../../i18n/hooks';
import { SaidText } from '../../i18n/said';
import { useActions, useStudio } from '../../store/context';
import type { UserScenarioFile } from '../../store/scenarios-types';
import { selectScenarios } from '../../store/selectors';
import { keptModes } from './plan';
import type { PlayTarget } from './PlayDialog';
import { caseTone } from './status';

type Case = ScenarioFileDto['cases'][number];

/** The case's results in the run shown, one dot per mode. */
function Results({ run, file, c }: { run: ScenarioRunView | undefined; file: string; c: Case }): React.JSX.Element | null {
  const { t } = useTranslation();
  const mine = run?.cases.filter((x) => x.file === file && x.case === c.name) ?? [];
  if (!mine.length) return null;
  return (
    <span className="scn-dots">
      {mine.map((x) => (
        <span key={x.mode} className={`scn-dot tone-${caseTone(x.status)}`} title={`${t(`modes.${x.mode}.short`)}: ${t(`scenarios.status.${x.status}`)}`} />
      ))}
    </span>
  );
}

function CaseRow({ file, c, onPlay }: { file: ScenarioFileDto; c: Case; onPlay: (p: PlayTarget) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const s = useStudio(selectScenarios);
  const { startScenarioRun } = useActions();
  const kept = keptModes(file, c, s.filters);
  const busy = s.starting || Object.values(s.runs).some((r) => r?.kind === 'suite' && r.status === 'running');
  return (
    <li className={`scn-case${kept.length ? '' : ' filtered'}`} data-testid="scenario-case" data-case={c.name}>
      <div className="scn-case-main">
        <span className="scn-case-name" translate="no">
          {c.name}
        </span>
        <span className="row wrap scn-case-meta">
          {c.modes.map((m) => (
            <Badge key={m} tone={kept.includes(m) ? 'outline' : 'grey'}>
              {t(`modes.${m}.short`)}
            </Badge>
          ))}
          {c.tags.map((tag) => (
            <Badge key={tag} tone="violet" data>
              {tag}
            </Badge>
          ))}
          {c.clock === 'wall' && <Badge tone="amber">{t('scenarios.wallClock')}</Badge>}
          <Results run={s.shownRunId ? s.runs[s.shownRunId] : undefined} file={file.file} c={c} />
        </span>
      </div>
      <button type="button" className="btn btn-sm btn-icon" title={t('scenarios.runCase')} aria-label={t('scenarios.runCaseNamed', { name: c.name })} disabled={busy} onClick={() => void startScenarioRun({ file: file.file, case: c.name })}>
        <Icon name="play" />
      </button>
      <button type="button" className="btn btn-sm btn-icon" title={t('scenarios.play.button')} aria-label={t('scenarios.play.buttonNamed', { name: c.name })} onClick={() => onPlay({ file: file.file, c })}>
        <Icon name="stage" />
      </button>
    </li>
  );
}

function FileBlock({ file, onPlay, actions }: { file: ScenarioFileDto; onPlay: (p: PlayTarget) => void; actions?: React.ReactNode }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="scn-file" aria-label={file.name}>
      <header className="scn-file-head">
        <strong translate="no">{file.name}</strong>
        <span className="mono xsmall muted ellipsis" translate="no" title={file.file}>
          {file.file}
        </span>
        <span className="spacer" />
        <span className="xsmall muted">{t('scenarios.caseCount', { count: file.cases.length })}</span>
        {actions}
      </header>
      <ul className="scn-cases">
        {file.cases.map((c) => (
          <CaseRow key={c.name} file={file} c={c} onPlay={onPlay} />
        ))}
      </ul>
    </section>
  );
}

function UserFile({ f, onPlay }: { f: UserScenarioFile; onPlay: (p: PlayTarget) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { closeScenarioFile } = useActions();
  const errorText = useErrorText();
  const close = (
    <button type="button" className="btn btn-xs btn-ghost btn-icon" aria-label={t('scenarios.files.close', { name: f.name })} title={t('scenarios.files.close', { name: f.name })} onClick={() => closeScenarioFile(f.name)}>
      <Icon name="x" size={14} />
    </button>
  );
  if (f.check?.suite) return <FileBlock file={f.check.suite} onPlay={onPlay} actions={close} />;
  return (
    <section className="scn-file" aria-label={f.name} data-testid="scenario-file-problems">
      <header className="scn-file-head">
        <strong translate="no">{f.name}</strong>
        <span className="spacer" />
        {!f.check && !f.error && <Spinner />}
        {close}
      </header>
      {f.error && <Callout tone="error">{errorText(f.error)}</Callout>}
      {f.check && (
        <Callout tone="error" title={t('scenarios.files.problems', { count: f.check.problems.length })}>
          <ul className="scn-problems">
            {f.check.problems.map((p, i) => (
              <li key={i} data-testid="scenario-problem">
                <span className="mono">{t('scenarios.files.line', { line: p.line })}</span>{' '}
                {p.path ? (
                  <span className="mono" translate="no">
                    {p.path}:{' '}
                  </span>
                ) : null}
                <SaidText said={p.messageSaid} text={p.message} />
              </li>
            ))}
          </ul>
        </Callout>
      )}
    </section>
  );
}

/** The user's files (first: the ones being worked on) and the built-in library, each case with its modes, tags, Run and Play on stage. */
export function Library({ onPlay }: { onPlay: (p: PlayTarget) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const s = useStudio(selectScenarios);
  const errorText = useErrorText();
  return (
    <div className="stack scn-library">
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="folder" /> {t('scenarios.files.title')}
          </h2>
        </div>
        <div className="scn-files">
          {s.userFiles.length === 0 && <p className="muted small scn-hint">{t('scenarios.files.hint')}</p>}
          {s.userFiles.map((f) => (
            <UserFile key={f.name} f={f} onPlay={onPlay} />
          ))}
        </div>
      </div>
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="flask" /> {t('scenarios.library.title')}
          </h2>
          <span className="xsmall muted">{t('scenarios.caseCount', { count: s.library.files.reduce((n, f) => n + f.cases.length, 0) })}</span>
        </div>
        <div className="scn-files">
          {!s.library.loaded && <Spinner />}
          {s.library.error && <Callout tone="error">{errorText(s.library.error)}</Callout>}
          {s.library.loaded && !s.library.error && !s.library.files.length && <Empty icon="flask" title={t('scenarios.library.empty')} />}
          {s.library.files.map((f) => (
            <FileBlock key={f.file} file={f} onPlay={onPlay} />
          ))}
        </div>
      </div>
    </div>
  );
}
