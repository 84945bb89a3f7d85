import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { Badge, Callout, DateTime, Empty } from '../../../components/ui';
import type { LoginPool } from '../../../api/types';
import { useErrorText } from '../../../i18n/hooks';
import { selectComponents } from '../../../store/open-selectors';
import { useActions, useApi, useStudio } from '../../../store/context';
import { toErrorInfo, type ErrorInfo } from '../../../store/errors';
import { CopyValue } from '../../shared/CopyValue';
import { ComponentForm } from './ComponentForm';

/**
 * The pool as a WeChat third-party platform: the two URLs it serves (to register on the Open Platform),
 * its component credentials, the last verify ticket; registered on the mock Open Platform in one click,
 * or with credentials pasted from the Open Platform's console.
 */
export function ComponentPanel({ pool }: { pool: LoginPool }): React.JSX.Element {
  const config = useStudio(selectComponents)[pool.id];
  const { loadComponent } = useActions();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();

  useEffect(() => {
    void loadComponent(pool.id);
  }, [pool.id, loadComponent]);

  if (!config) return <Empty icon="app" title={t('common.loading')} />;

  const register = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.registerComponent(pool.id);
      await loadComponent(pool.id);
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack" data-testid="component-panel">
      <p className="muted">{t('component.intro')}</p>
      <section className="conn" aria-label={t('component.title')}>
        <div style={{ minWidth: 0 }}>
          <div className="conn-title">
            <Icon name="app" size={18} /> {t('component.title')}
            {config.configured ? <Badge tone="green">{t('component.configured')}</Badge> : <Badge tone="amber">{t('component.notConfigured')}</Badge>}
          </div>
          <dl className="kv">
            <dt>{t('component.authEventUrl')}</dt>
            <dd>
              <CopyValue value={config.authEventUrl} label={t('component.authEventUrl')} />
            </dd>
            <dt>{t('component.messageUrl')}</dt>
            <dd>
              <CopyValue value={config.messageUrl} label={t('component.messageUrl')} />
            </dd>
            <dt>{t('component.initiationDomain')}</dt>
            <dd>
              <CopyValue value={config.initiationDomain} label={t('component.initiationDomain')} />
            </dd>
            {config.configured && (
              <>
                <dt>{t('component.componentAppId')}</dt>
                <dd className="value-mono">{config.componentAppId}</dd>
                <dt>{t('component.componentAppSecret')}</dt>
                <dd className="value-mono">{config.componentAppSecretMasked}</dd>
                <dt>{t('component.token')}</dt>
                <dd className="value-mono">{config.tokenMasked}</dd>
                <dt>{t('component.encodingAesKey')}</dt>
                <dd className="value-mono">{config.encodingAesKeyMasked}</dd>
                <dt>{t('component.ticket')}</dt>
                <dd data-testid="component-ticket">{config.ticketReceivedAt ? <DateTime ms={config.ticketReceivedAt} /> : t('component.noTicket')}</dd>
              </>
            )}
          </dl>
        </div>
        <div className="stack-sm" style={{ alignContent: 'start' }}>
          <button type="button" className="btn btn-primary btn-sm" onClick={() => void register()} disabled={busy}>
            <Icon name="sparkle" size={14} /> {config.configured ? t('component.registerAgain') : t('component.register')}
          </button>
          <button type="button" className="btn btn-sm" onClick={() => setEditing(true)} disabled={editing}>
            {t('component.enter')}
          </button>
        </div>
      </section>
      <p className="muted small">{t('component.registerHint')}</p>
      {error && <Callout tone="error">{errorText(error)}</Callout>}
      {editing && <ComponentForm poolId={pool.id} onDone={() => setEditing(false)} />}
    </div>
  );
}
