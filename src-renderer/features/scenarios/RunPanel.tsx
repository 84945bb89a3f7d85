import { useTranslation } from 'react-i18next';
import { SCENARIO_MODES, type CaseView, type ReportFormat, type ScenarioRunView } from '../../../src-main/contracts/scenarios';
import { scenarioReportUrl } from '../../api/scenarios-api';
import { Icon } from '../../components/Icon';
import { Badge, Empty } from '../../components/ui';
import { useActions, useStudio } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { caseKey, caseTone, duration, runTone } from './status';

const REPORTS: ReadonlyArray<{ format: ReportFormat; icon: 'download' }> = [
  { format: 'html', icon: 'download' },
  { format: 'junit', icon: 'download' },
  { format: 'json', icon: 'download' },
];

/** Rows of the matrix: one per case (file order), its cells per mode. */
function rowsOf(run: ScenarioRunView): Array<{ file: string; suite: string; name: string; cells: CaseView[] }> {
  const rows = new Map<string, { file: string; suite: string; name: string; cells: CaseView[] }>();
  for (const c of run.cases) {
    const key = caseKey(c.file, c.case);
    const row = rows.get(key) ?? { file: c.file, suite: c.suite, name: c.case, cells: [] };
    row.cells.push(c);
    rows.set(key, row);
  }
  return [...rows.values()];
}

function Summary({ run }: { run: ScenarioRunView }): React.JSX.Element {
  const { t } = useTranslation();
  const done = run.passed + run.failed;
  const elapsed = run.wallMs ?? Date.now() - run.startedAt;
  return (
    <div className="scn-summary" aria-live="polite">
      <progress className="scn-progress" max={Math.max(1, run.total)} value={run.status === 'running' ? done : run.total} aria-label={t('scenarios.run.progress')} />
      <span data-testid="run-summary">
        {t('scenarios.run.counts', { passed: run.passed, failed: run.failed, total: run.total })}
        {run.status === 'running' && ` · ${t('scenarios.run.left', { count: run.total - done })}`}
        {run.notRun > 0 && ` · ${t('scenarios.run.notRun', { count: run.notRun })}`}
        {' · '}
        {duration(elapsed)}
      </span>
    </div>
  );
}

function Matrix({ run }: { run: ScenarioRunView }): React.JSX.Element {
  const { t } = useTranslation();
  const { openScenarioCase } = useActions();
  const open = useStudio(selectScenarios).openCaseId;
  const modes = SCENARIO_MODES.filter((m) => run.cases.some((c) => c.mode === m));
  let lastFile = '';
  return (
    <div className="table-wrap">
      <table className="table scn-matrix">
        <thead>
          <tr>
            <th>{t('scenarios.run.case')}</th>
            {modes.map((m) => (
              <th key={m} className="scn-mode-col">
                {t(`modes.${m}.short`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rowsOf(run).flatMap((row) => {
            const head =
              row.file !== lastFile ? (
                <tr key={`file:${row.file}`} className="scn-file-row">
                  <th colSpan={modes.length + 1} translate="no">
                    {row.suite} <span className="mono xsmall muted">{row.file}</span>
                  </th>
                </tr>
              ) : null;
            lastFile = row.file;
            const line = (
              <tr key={caseKey(row.file, row.name)}>
                <td className="scn-case-cell" translate="no">
                  {row.name}
                </td>
                {modes.map((m) => {
                  const cell = row.cells.find((c) => c.mode === m);
                  if (!cell) return <td key={m} className="scn-mode-col muted">—</td>;
                  const label = t(`scenarios.status.${cell.status}`);
                  return (
                    <td key={m} className="scn-mode-col">
                      <button
                        type="button"
                        className={`scn-cell tone-${caseTone(cell.status)}${open === cell.id ? ' open' : ''}`}
                        aria-label={t('scenarios.run.cell', { name: row.name, mode: t(`modes.${m}.short`), status: label })}
                        aria-pressed={open === cell.id}
                        data-testid="matrix-cell"
                        data-status={cell.status}
                        onClick={() => openScenarioCase(open === cell.id ? null : cell.id)}
                      >
                        {label}
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
            return head ? [head, line] : [line];
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The run shown: its status, progress, the case × mode matrix, Stop, and its reports once it ended. */
export function RunPanel(): React.JSX.Element {
  const { t } = useTranslation();
  const s = useStudio(selectScenarios);
  const { cancelScenarioRun } = useActions();
  const run = s.shownRunId ? s.runs[s.shownRunId] : undefined;
  return (
    <section className="card scn-run" aria-label={t('scenarios.run.title')} data-testid="scenario-run" data-status={run?.status ?? ''}>
      <div className="card-head">
        <h2>
          <Icon name="list" /> {t('scenarios.run.title')}
        </h2>
        {run && (
          <Badge tone={runTone(run.status)}>
            <span data-testid="run-status">{t(`scenarios.runStatus.${run.status}`)}</span>
          </Badge>
        )}
        <span className="spacer" />
        {run?.status === 'running' && (
          <button type="button" className="btn btn-sm" onClick={() => void cancelScenarioRun(run.id)}>
            <Icon name="stop" /> {t('common.stop')}
          </button>
        )}
        {run && run.status !== 'running' && (
          <span className="row" role="group" aria-label={t('scenarios.run.reports')}>
            {REPORTS.map((r) => (
              <a key={r.format} className="btn btn-sm" href={scenarioReportUrl(run.id, r.format)} download data-testid={`report-${r.format}`}>
                <Icon name={r.icon} /> {t(`scenarios.run.report.${r.format}`)}
              </a>
            ))}
          </span>
        )}
      </div>
      <div className="card-body stack-sm">
        {run ? (
          <>
            <Summary run={run} />
            <Matrix run={run} />
          </>
        ) : (
          <Empty icon="flask" title={t('scenarios.run.emptyTitle')}>
            {t('scenarios.run.emptyBody')}
          </Empty>
        )}
      </div>
    </section>
  );
}
