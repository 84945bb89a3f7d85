import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { flattenSteps, type CaseResult, type CaseView, type Check, type StepView } from '../../../src-main/contracts/scenarios';
import { Icon } from '../../components/Icon';
import { Badge, Callout } from '../../components/ui';
import { EntryDetail } from '../inspector/EntryDetail';
import { EntryTitle, useEntryTitleText } from '../inspector/JournalList';
import { SaidText, useSaidText } from '../../i18n/said';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectScenarios } from '../../store/selectors';
import { caseTone, duration, stepDepth, stepTone } from './status';

export function ChecksTable({ checks }: { checks: Check[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <table className="table scn-checks" data-testid="checks">
      <thead>
        <tr>
          <th />
          <th>{t('scenarios.case.expected')}</th>
          <th>{t('scenarios.case.saw')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c, i) => (
          <tr key={i} className={c.ok ? 'ok' : 'bad'}>
            <th className="mono" translate="no">
              {c.key}
            </th>
            <td>
              <SaidText said={c.expectedSaid} text={c.expected} />
            </td>
            <td>
              <SaidText said={c.actualSaid} text={c.actual} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const STEP_ICON = { passed: 'checkCircle', failed: 'xCircle', skipped: 'more', running: 'clock' } as const;

interface StepProps {
  step: StepView;
  entries: Map<string, JournalEntry>;
  selected: string | null;
  onEntry: (id: string | null) => void;
  /** Opens the selected entry in the inspector. */
  onInspect: (id: string) => void;
}

function Step({ step, entries, selected, onEntry, onInspect }: StepProps): React.JSX.Element {
  const { t } = useTranslation();
  const titleText = useEntryTitleText();
  const open = selected && step.journalIds.includes(selected) ? entries.get(selected) : undefined;
  const failedChecks = step.checks?.some((c) => !c.ok);
  return (
    <li className={`scn-step ${step.status}`} style={{ marginLeft: stepDepth(step.id) * 20 }} data-testid="scenario-step" data-status={step.status}>
      <div className="scn-step-head">
        <span className={`tone-${stepTone(step.status)}`} title={t(`scenarios.stepStatus.${step.status}`)}>
          <Icon name={STEP_ICON[step.status]} size={15} />
        </span>
        <span className="mono xsmall muted">{step.id}</span>
        <span className="mono scn-step-label">
          <SaidText said={step.labelSaid} text={step.label} />
        </span>
        <span className="spacer" />
        <span className="xsmall muted nowrap">
          {t('scenarios.files.line', { line: step.line })}
          {step.at > 0 ? ` · +${duration(step.at)}` : ''}
          {step.ms > 0 ? ` · ${duration(step.ms)}` : ''}
        </span>
      </div>
      {step.status === 'failed' && step.error && !failedChecks && (
        <div className="scn-step-error" data-testid="step-error">
          <SaidText said={step.errorSaid} text={step.error} />
        </div>
      )}
      {step.status === 'failed' && step.checks ? (
        <ChecksTable checks={step.checks} />
      ) : step.detail ? (
        <div className="small muted" data-testid="step-detail">
          <SaidText said={step.detailSaid} text={step.detail} />
        </div>
      ) : null}
      {step.journalIds.length > 0 && (
        <div className="row wrap scn-entries" aria-label={t('scenarios.case.entries')}>
          {step.journalIds.map((id) => {
            const e = entries.get(id);
            return (
              <button key={id} type="button" className={`scn-entry${selected === id ? ' open' : ''}${e && !e.verdict.ok ? ' bad' : ''}`} aria-pressed={selected === id} onClick={() => onEntry(selected === id ? null : id)} title={e ? titleText(e) : id} data-testid="step-entry">
                <Icon name="inspector" size={12} />
                <span className="ellipsis">{e ? <EntryTitle entry={e} /> : <span translate="no">{id.slice(0, 8)}</span>}</span>
              </button>
            );
          })}
        </div>
      )}
      {open && (
        <div className="scn-entry-view">
          <div className="row">
            <span className="small muted">{t('scenarios.case.ownWorld')}</span>
            <span className="spacer" />
            <button type="button" className="btn btn-sm" onClick={() => onInspect(open.id)}>
              <Icon name="inspector" /> {t('scenarios.case.openInInspector')}
            </button>
          </div>
          <EntryDetail entry={open} />
        </div>
      )}
    </li>
  );
}

/** The finished case's full result (steps with their journal entries), fetched once it ended. */
function useCaseResult(runId: string | null, index: number, c: CaseView | undefined): CaseResult | null {
  const api = useApi();
  const [result, setResult] = useState<CaseResult | null>(null);
  const finished = c?.status === 'passed' || c?.status === 'failed';
  useEffect(() => {
    setResult(null);
    if (!runId || !finished || index < 0) return;
    let live = true;
    api.scenarioCase(runId, index).then(
      (r) => live && setResult(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, runId, index, finished, c?.id]);
  return result;
}

/** The case × mode opened in the matrix: why it failed, every step, and the journal entry of a step. */
export function CaseDetail(): React.JSX.Element | null {
  const { t } = useTranslation();
  const saidText = useSaidText();
  const s = useStudio(selectScenarios);
  const { openScenarioCase, navigate } = useActions();
  const run = s.shownRunId ? s.runs[s.shownRunId] : undefined;
  const index = run?.cases.findIndex((c) => c.id === s.openCaseId) ?? -1;
  const c = index >= 0 ? run?.cases[index] : undefined;
  const result = useCaseResult(run?.id ?? null, index, c);
  const [entryId, setEntryId] = useState<string | null>(null);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => setEntryId(null), [s.openCaseId]);
  // Opened from the matrix above: brought into view.
  useEffect(() => {
    if (s.openCaseId) ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [s.openCaseId]);
  const entries = useMemo(() => new Map((result?.timeline ?? []).flatMap((x) => (x.type === 'journal' ? [[x.entry.id, x.entry] as const] : []))), [result]);
  if (!run || !c) return null;
  const steps = result ? flattenSteps(result.steps) : c.steps;
  const f = c.failure;
  return (
    <section ref={ref} className="card scn-case-detail" aria-label={t('scenarios.case.title', { name: c.case })} data-testid="case-detail">
      <div className="card-head">
        <h2 translate="no">
          {c.case} <Badge tone="outline">{t(`modes.${c.mode}.short`)}</Badge>
        </h2>
        <Badge tone={caseTone(c.status)}>{t(`scenarios.status.${c.status}`)}</Badge>
        <span className="mono xsmall muted" translate="no">
          {c.file}
        </span>
        <span className="spacer" />
        {c.caseMs !== undefined && <span className="xsmall muted">{t('scenarios.case.times', { caseTime: duration(c.caseMs), wall: duration(c.wallMs) })}</span>}
        <button type="button" className="btn btn-xs btn-ghost btn-icon" aria-label={t('scenarios.case.close')} title={t('scenarios.case.close')} onClick={() => openScenarioCase(null)}>
          <Icon name="x" size={14} />
        </button>
      </div>
      <div className="stack-sm scn-case-body">
        {f && (
          <Callout tone="error" title={t('scenarios.case.failedAt', { id: f.stepId, step: saidText(f.stepSaid, f.step), line: f.line })}>
            <div data-testid="case-failure">{f.checks.length ? <ChecksTable checks={f.checks} /> : <SaidText said={f.messageSaid} text={f.message} />}</div>
          </Callout>
        )}
        {steps.some((x) => x.journalIds.length) && <p className="muted small">{t('scenarios.case.pickEntry')}</p>}
        <ol className="scn-steps">
          {steps.map((st) => (
            <Step key={st.id} step={st} entries={entries} selected={entryId} onEntry={setEntryId} onInspect={(id) => navigate({ view: 'inspector', params: ['scenario', run.id, id] })} />
          ))}
        </ol>
      </div>
    </section>
  );
}
