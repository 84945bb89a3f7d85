import { useTranslation } from 'react-i18next';
import { Spinner } from '../../components/ui';
import type { AuditSummary } from '../../api/types';
import { useStudio } from '../../store/context';
import { selectAudits } from '../../store/slices/audits';
import { useSaidText } from '../../i18n/said';
import { useCheckTitle } from './check-text';
import { StatusBadge } from './status';

/** A running audit: how far it is, and each check with its status once done (the stream keeps it live). */
export function AuditProgress({ summary }: { summary: AuditSummary }): React.JSX.Element {
  const { t } = useTranslation();
  const title = useCheckTitle();
  const saidText = useSaidText();
  const running = useStudio(selectAudits).running[summary.id] ?? [];
  const p = summary.progress ?? { done: 0, total: 0, checks: [] };
  return (
    <section className="card audit-progress" aria-label={t('audit.progressTitle')} data-testid="audit-progress">
      <div className="card-head">
        <h3>{t('audit.running')}</h3>
        <span className="muted small" aria-live="polite">
          {t('audit.progress', { done: p.done, total: p.total })}
        </span>
      </div>
      <div className="card-body stack-sm">
        <progress className="audit-bar" max={p.total || 1} value={p.done} aria-label={t('audit.progressTitle')} />
        <ol className="audit-lines">
          {p.checks.map((c) => (
            <li key={c.id} data-check={c.id} title={c.summary === undefined ? undefined : saidText(c.summarySaid, c.summary)}>
              <span className="audit-line-state">
                {c.status ? <StatusBadge status={c.status} /> : running.includes(c.id) ? <Spinner label={t('audit.checkRunning')} /> : <span className="muted xsmall">{t('audit.checkPending')}</span>}
              </span>
              <span className="mono xsmall" translate="no">
                {c.id}
              </span>
              <span className="ellipsis">{title(c)}</span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
