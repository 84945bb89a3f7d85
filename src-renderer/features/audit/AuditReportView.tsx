import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Segmented } from '../../components/form';
import { Callout, Empty, formatDateTime } from '../../components/ui';
import type { AuditComparison, CheckStatus, SavedAudit } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectAudits } from '../../store/slices/audits';
import { useCheckTitle } from './check-text';
import { CheckItem } from './CheckItem';
import { Counts, StatusBadge } from './status';

/** What the report rests on: the target, when, the server stack recognised, what was observed, the policy. */
function Meta({ audit }: { audit: SavedAudit }): React.JSX.Element {
  const { t } = useTranslation();
  const r = audit.report!;
  return (
    <dl className="kv audit-meta">
      <dt>{t('audit.meta.url')}</dt>
      <dd className="mono break" translate="no">
        {r.url}
      </dd>
      <dt>{t('audit.meta.mode')}</dt>
      <dd>{t(`modes.${r.mode}.short`)}</dd>
      <dt>{t('audit.meta.started')}</dt>
      <dd>{t('audit.meta.startedAt', { when: formatDateTime(audit.createdAt), seconds: (r.durationMs / 1000).toFixed(1) })}</dd>
      <dt>{t('audit.meta.timeout')}</dt>
      <dd>{t('audit.meta.timeoutValue', { seconds: (r.timeoutMs ?? 5000) / 1000 })}</dd>
      <dt>{t('audit.meta.stack')}</dt>
      <dd translate={r.sdk ? 'no' : undefined}>{r.sdk ? `${r.sdk.name} — ${r.sdk.basis}` : t('audit.meta.stackUnknown')}</dd>
      <dt>{t('audit.meta.sideEffects')}</dt>
      <dd>{r.observer ? t('audit.meta.observed') : t('audit.meta.notObserved')}</dd>
      <dt>{t('audit.meta.policy')}</dt>
      <dd>
        {audit.policy.trim() ? (
          <pre className="code audit-policy" translate="no">
            {audit.policy.trim()}
          </pre>
        ) : (
          t('audit.meta.noPolicy')
        )}
      </dd>
    </dl>
  );
}

/** "Since the previous audit": the checks whose status changed, or why there is nothing to say. */
function Changes({ cmp }: { cmp: AuditComparison | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const title = useCheckTitle();
  const status = (s: CheckStatus | null): string => (s ? t(`audit.status.${s}`) : t('audit.changes.notRun'));
  let body: React.ReactNode;
  if (!cmp) body = <p className="muted small">{t('common.loading')}</p>;
  else if (!cmp.previous) body = <p className="muted small">{t('audit.changes.first')}</p>;
  else if (!cmp.changes.length) body = <p className="small">{t('audit.changes.none', { when: formatDateTime(cmp.previous.createdAt) })}</p>;
  else
    body = (
      <>
        <p className="small">{t('audit.changes.some', { count: cmp.changes.length, when: formatDateTime(cmp.previous.createdAt) })}</p>
        <ul className="audit-changes">
          {cmp.changes.map((c) => (
            <li key={c.id} data-check={c.id}>
              <span className="mono xsmall" translate="no">
                {c.id}
              </span>
              <span className="ellipsis">{title(c)}</span>
              <span className="nowrap audit-change">
                <span data-status={c.before ?? 'none'}>{status(c.before)}</span> → <span data-status={c.after ?? 'none'}>{status(c.after)}</span>
              </span>
            </li>
          ))}
        </ul>
      </>
    );
  return (
    <section className="audit-section" aria-label={t('audit.changes.title')} data-testid="audit-changes">
      <h3>{t('audit.changes.title')}</h3>
      {cmp?.targetChanged && <Callout tone="info">{t('audit.changes.target')}</Callout>}
      {body}
    </section>
  );
}

function Downloads({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation();
  const api = useApi();
  return (
    <div className="row wrap" role="group" aria-label={t('audit.download')}>
      <span className="muted small">{t('audit.download')}</span>
      {(['html', 'json', 'junit'] as const).map((f) => (
        <a key={f} className="btn btn-xs" href={api.auditReportUrl(id, f)} download data-testid={`download-${f}`}>
          <Icon name="arrowDown" size={12} /> {t(`audit.formats.${f}`)}
        </a>
      ))}
    </div>
  );
}

/** A finished audit: the verdict, what changed since the previous one, and every check with its evidence. */
export function AuditReportView({ id, busy }: { id: string; busy: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const { loadAudit, loadComparison } = useActions();
  const audits = useStudio(selectAudits);
  const audit = audits.details[id];
  const cmp = audits.comparisons[id];
  const [filter, setFilter] = useState<'all' | 'problems' | null>(null);
  useEffect(() => {
    void loadAudit(id);
    void loadComparison(id);
  }, [id, loadAudit, loadComparison]);

  const report = audit?.report;
  if (!audit || !report) return <Empty icon="shield" title={t('common.loading')} />;
  const problems = report.checks.filter((c) => c.status === 'FAIL' || c.status === 'WARN');
  const mode = filter ?? (problems.length ? 'problems' : 'all');
  const shown = mode === 'problems' ? problems : report.checks;
  return (
    <article className="card audit-report" aria-label={t('audit.reportTitle')} data-testid="audit-report" data-verdict={report.verdict}>
      <div className={`audit-verdict verdict-${report.verdict}`}>
        <StatusBadge status={report.verdict} />
        <strong>{t(`audit.verdict.${report.verdict}`)}</strong>
        <Counts counts={report.counts} />
        <span className="spacer" />
        <Downloads id={id} />
      </div>
      <div className="card-body stack">
        <Meta audit={audit} />
        <Changes cmp={cmp} />
        <section className="audit-section" aria-label={t('audit.checksTitle')}>
          <div className="row wrap">
            <h3>{t('audit.checksTitle')}</h3>
            <span className="spacer" />
            <Segmented
              label={t('audit.filter.label')}
              value={mode}
              onChange={(v) => setFilter(v)}
              options={[
                { value: 'problems', label: t('audit.filter.problems', { count: problems.length }) },
                { value: 'all', label: t('audit.filter.all', { count: report.checks.length }) },
              ]}
            />
          </div>
          {!shown.length && <p className="muted small">{t('audit.noProblems')}</p>}
          <div className="audit-checks">
            {shown.map((c) => (
              <CheckItem key={c.id} auditId={id} check={c} {...(report.sdk ? { sdk: report.sdk } : {})} reruns={audit.reruns.filter((r) => r.checkId === c.id)} busy={busy} />
            ))}
          </div>
        </section>
      </div>
    </article>
  );
}
