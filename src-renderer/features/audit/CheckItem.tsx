import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Spinner, formatDateTime } from '../../components/ui';
import type { AuditRerun, CheckResult, ExchangeEvidence, SdkGuess } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectAudits } from '../../store/slices/audits';
import { SaidText } from '../../i18n/said';
import { useCheckWords } from './check-text';
import { StatusBadge } from './status';

const FINDING_ICON = { fail: 'xCircle', warn: 'alert', info: 'info', pass: 'checkCircle' } as const;

/** One exchange of the evidence: what was sent, what came back, and the way to its journal entry. */
function Exchange({ x }: { x: ExchangeEvidence }): React.JSX.Element {
  const { t } = useTranslation();
  const { navigate } = useActions();
  const answer = x.response ? `HTTP ${x.response.status}` : (x.error ?? t('audit.noAnswer'));
  return (
    <li className="audit-exchange">
      <span className="mono xsmall" translate="no">
        {x.request.method}
      </span>
      <span className="audit-exchange-label" data-technical>
        <SaidText said={x.labelSaid} text={x.label} /> →{' '}
        <span translate="no">{answer}</span>
      </span>
      <span className="muted xsmall nowrap">{t('common.ms', { ms: x.ms })}</span>
      {x.journalId && (
        <button type="button" className="btn btn-xs" onClick={() => navigate({ view: 'inspector', params: [x.journalId!] })} data-testid="open-in-inspector">
          <Icon name="inspector" size={12} /> {t('audit.openInInspector')}
        </button>
      )}
    </li>
  );
}

function Timing({ check }: { check: CheckResult }): React.JSX.Element | null {
  const { t } = useTranslation();
  if (!check.evidence.timing?.length) return null;
  return (
    <>
      <h4>{t('audit.timing.title')}</h4>
      <div className="table-wrap">
        <table className="table" aria-label={t('audit.timing.title')}>
          <thead>
            <tr>
              <th>{t('audit.timing.kind')}</th>
              <th>{t('audit.timing.count')}</th>
              <th translate="no">p50</th>
              <th translate="no">p95</th>
              <th>{t('audit.timing.max')}</th>
              <th>{t('audit.timing.timeouts')}</th>
            </tr>
          </thead>
          <tbody>
            {check.evidence.timing.map((row) => (
              <tr key={row.kind}>
                <td className="mono" translate="no">
                  {row.kind}
                </td>
                <td>{row.count}</td>
                <td>{t('common.ms', { ms: row.p50 })}</td>
                <td>{t('common.ms', { ms: row.p95 })}</td>
                <td>{t('common.ms', { ms: row.max })}</td>
                <td>{row.timeouts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** What the check observed, in the reader's language; the observed values stay as the engine recorded them. */
function Findings({ check }: { check: CheckResult }): React.JSX.Element | null {
  const { t } = useTranslation();
  const { findings, notObserved, notObservedSaid } = check.evidence;
  if (!findings.length && !notObserved.length) return null;
  return (
    <>
      {findings.length > 0 && <h4>{t('audit.findings')}</h4>}
      <ul className="audit-findings" data-technical>
        {findings.map((f, i) => (
          <li key={i} data-level={f.level}>
            <Icon name={FINDING_ICON[f.level]} size={14} />
            <span>
              <SaidText said={f.said} text={f.text} />
            </span>
          </li>
        ))}
      </ul>
      {notObserved.length > 0 && (
        <>
          <h4>{t('audit.notObserved')}</h4>
          <ul className="audit-findings" data-technical>
            {notObserved.map((n, i) => (
              <li key={i} data-level="unseen">
                <Icon name="eyeOff" size={14} />
                <span>
                  <SaidText said={notObservedSaid?.[i]} text={n} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** A check of the report: status, why it matters, the fix, what was found, the evidence, "re-run this check". */
export function CheckItem({ auditId, check, sdk, reruns, busy }: { auditId: string; check: CheckResult; sdk?: SdkGuess; reruns: AuditRerun[]; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const words = useCheckWords()(check, sdk);
  const { rerunCheck } = useActions();
  const rerunning = (useStudio(selectAudits).running[auditId] ?? []).includes(check.id);
  const level = t(`audit.status.${check.severity}`);
  const severity = check.severity === check.defaultSeverity ? t('audit.severity', { level }) : t('audit.severityPolicy', { level, default: t(`audit.status.${check.defaultSeverity}`) });
  return (
    <details className="audit-check" data-check={check.id} data-status={check.status}>
      <summary>
        <StatusBadge status={check.status} />
        <span className="mono xsmall" translate="no">
          {check.id}
        </span>
        <span className="audit-check-title" data-technical>
          {words.title}
        </span>
        <span className="muted xsmall nowrap">{severity}</span>
      </summary>
      <div className="audit-check-body">
        <p className="audit-summary" data-technical>
          <SaidText said={check.summarySaid} text={check.summary} />
        </p>
        {reruns.map((r) => (
          <p key={r.at} className="muted small">
            {t('audit.rerunNote', { when: formatDateTime(r.at), before: t(`audit.status.${r.before}`), after: t(`audit.status.${r.after}`) })}
          </p>
        ))}
        <h4>{t('audit.why')}</h4>
        <p className="audit-why" data-technical>
          {words.why}
        </p>
        <h4>{t('audit.fix')}</h4>
        <p className="audit-fix" data-technical>
          {words.fix}
        </p>
        <Findings check={check} />
        <Timing check={check} />
        {check.evidence.exchanges.length > 0 && (
          <>
            <h4>{t('audit.evidence', { count: check.evidence.exchanges.length })}</h4>
            <ul className="audit-exchanges">
              {check.evidence.exchanges.map((x, i) => (
                <Exchange key={`${x.journalId ?? ''}${i}`} x={x} />
              ))}
            </ul>
          </>
        )}
        <div className="row">
          <button type="button" className="btn btn-sm" onClick={() => void rerunCheck(auditId, check.id)} disabled={busy || rerunning} data-testid="rerun-check">
            {rerunning ? <Spinner label={t('audit.rerunning')} /> : <Icon name="refresh" size={14} />} {rerunning ? t('audit.rerunning') : t('audit.rerun')}
          </button>
        </div>
      </div>
    </details>
  );
}
