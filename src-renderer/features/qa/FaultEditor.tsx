import { useEffect, useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { FAULT_ANSWERS, faultSchema, type ConnectionFault, type FaultAnswer, type FaultInput } from '../../../src-main/contracts/faults';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout } from '../../components/ui';
import { ApiError } from '../../api/http';
import { useErrorText } from '../../i18n/hooks';
import { useActions, useApi } from '../../store/context';
import { toErrorInfo } from '../../store/errors';
import { describeFault, faultRuleText } from './fault-text';

type Times = 'all' | '1' | '3';

/**
 * The fault of one identity source's events endpoint: a delay, then what it answers, for how many pushes.
 * Checked with the contract's schema before it is sent; the stage's test tools and the login console share it.
 */
export function FaultEditor({ poolId, identifier, current }: { poolId: string; identifier: string; current: ConnectionFault | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const api = useApi();
  const { notify, loadFaults } = useActions();
  const errorText = useErrorText();
  const [delay, setDelay] = useState(String(current?.delayMs ?? 0));
  const [answer, setAnswer] = useState<FaultAnswer>(current?.answer ?? 'http500');
  const [times, setTimes] = useState<Times>(current?.times === 1 ? '1' : current?.times === 3 ? '3' : 'all');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { answer: useId(), times: useId() };

  // What the server holds wins when it changes (a counted fault used up, another window, a script).
  useEffect(() => {
    if (!current) return;
    setDelay(String(current.delayMs));
    setAnswer(current.answer);
  }, [current]);

  const ruleOr = (message: string): string => faultRuleText(t, message) ?? message;

  const apply = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const body: FaultInput = { delayMs: delay.trim() === '' ? Number.NaN : Number(delay), answer, times: times === 'all' ? null : Number(times) };
    const checked = faultSchema.safeParse(body);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      setError({ field: String(issue.path[0] ?? ''), message: ruleOr(issue.message) });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.setFault(poolId, identifier, checked.data);
      await loadFaults();
      notify('ok', { key: 'faultSet', values: { id: identifier } });
    } catch (err) {
      setError({ ...(err instanceof ApiError && err.field ? { field: err.field } : {}), message: faultRuleText(t, err instanceof Error ? err.message : '') ?? errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  const clear = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.clearFault(poolId, identifier);
      await loadFaults();
      notify('ok', { key: 'faultCleared', values: { id: identifier } });
    } catch (err) {
      notify('error', { key: 'faultFailed', error: toErrorInfo(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="fault-editor stack-sm" onSubmit={apply} noValidate aria-label={t('qa.fault.title')}>
      <p className="small muted">
        <Trans i18nKey="qa.fault.intro" values={{ id: identifier }} components={{ code: <code translate="no" /> }} />
      </p>
      <div className={`fault-state ${current ? 'on' : ''}`} data-testid="fault-state" role="status">
        <Icon name={current ? 'bolt' : 'checkCircle'} size={14} />
        <span>{current ? t('qa.fault.active', { what: describeFault(t, current) }) : t('qa.fault.none')}</span>
      </div>
      {error && !error.field && <Callout tone="error">{error.message}</Callout>}
      <div className="fault-grid">
        <Field label={t('qa.fault.delay')} error={error?.field === 'delayMs' ? error.message : null}>
          {(p) => <input {...p} className="input" inputMode="numeric" value={delay} onChange={(e) => setDelay(e.target.value)} />}
        </Field>
        <div className="field">
          <label className="field-label" htmlFor={ids.answer}>
            {t('qa.fault.answer')}
          </label>
          <select id={ids.answer} className="select" value={answer} onChange={(e) => setAnswer(e.target.value as FaultAnswer)} aria-invalid={error?.field === 'answer' || undefined}>
            {FAULT_ANSWERS.map((a) => (
              <option key={a} value={a}>
                {t(`qa.fault.answers.${a}`)}
              </option>
            ))}
          </select>
          {error?.field === 'answer' && (
            <div className="field-error" role="alert">
              <Icon name="alert" size={14} />
              <span>{error.message}</span>
            </div>
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={ids.times}>
            {t('qa.fault.times')}
          </label>
          <select id={ids.times} className="select" value={times} onChange={(e) => setTimes(e.target.value as Times)}>
            <option value="all">{t('qa.fault.timesAll')}</option>
            <option value="1">{t('qa.fault.timesOne')}</option>
            <option value="3">{t('qa.fault.timesThree')}</option>
          </select>
        </div>
      </div>
      <p className="field-hint">{t('qa.fault.delayHint')}</p>
      <div className="row">
        <button type="submit" className="btn btn-sm btn-primary" disabled={busy}>
          <Icon name="bolt" size={14} /> {t('qa.fault.apply')}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => void clear()} disabled={busy || !current}>
          {t('qa.fault.clear')}
        </button>
      </div>
    </form>
  );
}
