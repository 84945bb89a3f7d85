import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge } from '../../components/ui';
import type { Said } from '../../../src-main/contracts/said';
import { SaidText } from '../../i18n/said';
import { useActions, useStudio } from '../../store/context';
import { selectStageRun } from '../../store/selectors';
import { duration, runTone } from './status';

/** Where the step's label goes in a translated line: the label is data (the file's words) or a sentence. */
const LABEL = '\u0000';

function StepAt({ line, label, said }: { line: string; label: string; said: Said | undefined }): React.JSX.Element {
  const [before = '', after = ''] = line.split(LABEL);
  return (
    <>
      {before}
      <SaidText said={said} text={label} />
      {after}
    </>
  );
}

/**
 * On the stage while a case plays there: the case, the step it is at, "Next step" (one step at a time, for
 * a demo), the pace, Stop; once it ended, its result and the way to its steps on the Scenarios page.
 */
export function StagePlayBar(): React.JSX.Element | null {
  const { t } = useTranslation();
  const run = useStudio(selectStageRun);
  const { stageNext, setStagePace, cancelScenarioRun, showScenarioRun, closeStageRun, navigate } = useActions();
  if (!run) return null;
  const c = run.cases[0];
  // Where it got to: a stopped case lists the steps it never reached as skipped.
  const last = c?.steps.findLast((st) => st.status !== 'skipped');
  const waiting = run.stage?.waiting ?? null;
  const manual = run.stage?.pace.manual ?? false;
  const playing = run.status === 'running';
  return (
    <div className="stage-play" role="region" aria-label={t('scenarios.play.bar')} data-testid="stage-play" data-status={run.status}>
      <Icon name={playing ? 'play' : 'flask'} />
      <div className="stage-play-main">
        <div className="row wrap">
          <strong translate="no">{c?.case}</strong>
          {c && <Badge tone="outline">{t(`modes.${c.mode}.short`)}</Badge>}
          <Badge tone={runTone(run.status)}>
            <span data-testid="stage-play-status">{t(`scenarios.runStatus.${run.status}`)}</span>
          </Badge>
        </div>
        <div className="small muted" data-testid="stage-play-step">
          {waiting ? (
            <StepAt line={t('scenarios.play.next', { id: waiting.stepId, label: LABEL })} label={waiting.label} said={waiting.labelSaid} />
          ) : last ? (
            <StepAt line={t('scenarios.play.step', { id: last.id, label: LABEL })} label={last.label} said={last.labelSaid} />
          ) : (
            t('scenarios.play.setting')
          )}
          {!playing && c?.failure ? (
            <>
              {' · '}
              <SaidText said={c.failure.messageSaid} text={c.failure.message} />
            </>
          ) : null}
          {!playing && run.wallMs !== null ? ` · ${duration(run.wallMs)}` : ''}
        </div>
      </div>
      {playing ? (
        <>
          <label className="scn-chip">
            <input type="checkbox" checked={manual} onChange={(e) => void setStagePace({ manual: e.target.checked })} />
            {t('scenarios.play.manual')}
          </label>
          <button type="button" className="btn btn-primary btn-sm" data-testid="stage-next" disabled={!waiting} onClick={() => void stageNext()}>
            <Icon name="skip" /> {t('scenarios.play.nextStep')}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => void cancelScenarioRun(run.id)}>
            <Icon name="stop" /> {t('common.stop')}
          </button>
        </>
      ) : (
        <>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              showScenarioRun(run.id, c?.id);
              navigate({ view: 'scenarios', params: [] });
            }}
          >
            <Icon name="list" /> {t('scenarios.play.openSteps')}
          </button>
          <button type="button" className="btn btn-xs btn-ghost btn-icon" aria-label={t('common.dismiss')} title={t('common.dismiss')} onClick={closeStageRun}>
            <Icon name="x" size={14} />
          </button>
        </>
      )}
    </div>
  );
}
