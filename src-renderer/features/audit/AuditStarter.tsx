import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout, Spinner } from '../../components/ui';
import type { Account, AuditSummary } from '../../api/types';
import { useErrorText } from '../../i18n/hooks';
import type { ErrorInfo } from '../../store/errors';
import { useActions } from '../../store/context';

/** Example input, the same in every language: check IDs and policy lines are the engine's own words. */
const EXAMPLE = { only: 'URL-01, REP-02', policy: 'SEC-01 FAIL\nTIME-02 IGNORE' };

/** Run an audit (with the checks to run and a severity policy, both optional), or stop the one running. */
export function AuditStarter({ account, latest, onStarted }: { account: Account; latest: AuditSummary | undefined; onStarted: (a: AuditSummary) => void }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { startAudit, stopAudit } = useActions();
  const [only, setOnly] = useState('');
  const [policy, setPolicy] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [starting, setStarting] = useState(false);
  const running = latest?.status === 'running' ? latest : undefined;

  // The policy of the account's last audit is the starting point of the next one.
  useEffect(() => {
    if (policy === null && latest) setPolicy(latest.policy);
  }, [latest, policy]);

  const run = async (): Promise<void> => {
    setStarting(true);
    setError(null);
    const ids = only.split(/[\s,]+/).filter(Boolean);
    const result = await startAudit(account.appId, { ...(ids.length ? { only: ids } : {}), ...(policy ? { policy } : {}) });
    setStarting(false);
    if (result.ok) onStarted(result.audit);
    else setError(result.error);
  };

  const fieldError = (field: string): string | null => (error?.field === field ? errorText(error) : null);
  const generalError = error && error.field !== 'only' && error.field !== 'policy' ? errorText(error) : null;

  return (
    <div className="stack-sm">
      <div className="row wrap">
        {running ? (
          <button type="button" className="btn" onClick={() => void stopAudit(running.id)} data-testid="audit-stop">
            <Icon name="x" size={14} /> {t('audit.stop')}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={starting || !account.server.url} data-testid="audit-run">
            {starting ? <Spinner label={t('audit.starting')} /> : <Icon name="shield" size={14} />} {latest ? t('audit.runAgain') : t('audit.run')}
          </button>
        )}
        <span className="muted small">{account.server.url ? t('audit.savedConfig') : t('audit.noUrl')}</span>
      </div>
      {generalError && <Callout tone="error">{generalError}</Callout>}
      <details className="disclosure" open={Boolean(fieldError('only') || fieldError('policy')) || undefined}>
        <summary>{t('audit.options')}</summary>
        <div className="form-grid">
          <Field label={t('audit.only')} hint={t('audit.onlyHint')} error={fieldError('only')}>
            {(p) => <input {...p} className="input mono" value={only} onChange={(e) => setOnly(e.target.value)} placeholder={EXAMPLE.only} spellCheck={false} />}
          </Field>
          <Field label={t('audit.policy')} hint={<span data-technical>{t('audit.policyHint')}</span>} error={fieldError('policy')}>
            {(p) => <textarea {...p} className="textarea mono" rows={3} value={policy ?? ''} onChange={(e) => setPolicy(e.target.value)} placeholder={EXAMPLE.policy} spellCheck={false} />}
          </Field>
        </div>
      </details>
    </div>
  );
}
