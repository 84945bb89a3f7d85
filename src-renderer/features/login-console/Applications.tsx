import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout, CopyButton, Dialog, Empty, formatDateTime } from '../../components/ui';
import type { LoginApplicationCreated, LoginPool } from '../../api/types';
import { useActions, useApi, useDesktop, useStudio } from '../../store/context';
import { selectRoute } from '../../store/selectors';
import { useForm } from '../shared/use-form';
import { APP_NAME_RULE } from '../../../src-main/contracts/login-rules';
import { AppOidc } from '../oidc/AppOidc';
import { ProviderCard } from '../oidc/ProviderCard';
import { SecretOnce } from '../oidc/SecretOnce';
import { SigningKeys } from '../oidc/SigningKeys';

/**
 * Applications of the pool, each with its hosted login page and "Experience login" (seed step 3), and its
 * OpenID Connect settings (#/login/apps/{appId}); below them, the provider and its signing keys.
 */
export function Applications({ pool }: { pool: LoginPool }): React.JSX.Element {
  const route = useStudio(selectRoute);
  const { t } = useTranslation();
  const openId = route.params[1];
  if (openId) {
    const app = pool.apps.find((a) => a.id === openId);
    if (app) return <AppOidc key={app.id} app={app} />;
    return <Empty icon="app" title={t('oidc.apps.notFound', { id: openId })} />;
  }
  return <ApplicationList pool={pool} />;
}

function ApplicationList({ pool }: { pool: LoginPool }): React.JSX.Element {
  const api = useApi();
  const desktop = useDesktop();
  const { loadPools, notify, setLoginApp, setPcSite, navigate } = useActions();
  const form = useForm({ name: '' });
  const [created, setCreated] = useState<LoginApplicationCreated | null>(null);
  const { t } = useTranslation();

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!form.values.name.trim()) {
      form.setErrors({ name: APP_NAME_RULE });
      return;
    }
    const app = await form.submit(() => api.createApp(pool.id, { name: form.values.name.trim() }), ['name']);
    if (app) {
      form.setValues({ name: '' });
      setCreated(app);
      await loadPools();
      notify('ok', { key: 'created', values: { name: app.name } });
    }
  };

  return (
    <div className="stack">
      <p className="muted">
        <Trans i18nKey="login.apps.intro" components={{ strong: <strong /> }} />
      </p>
      <div className="conn-list">
        {pool.apps.map((a) => (
          <article className="app-card" key={a.id} aria-label={t('login.apps.article', { name: a.name })}>
            <span className="app-icon">
              <Icon name="app" size={20} />
            </span>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="conn-title ellipsis" style={{ fontSize: 'var(--fs-md)' }} title={a.name} translate="no">
                {a.name}
              </div>
              <div className="row small muted">
                <span className="value-mono break" style={{ fontSize: 'var(--fs-xs)' }}>
                  {a.loginUrl}
                </span>
                <CopyButton value={a.loginUrl} label={t('copy.loginUrlOf', { name: a.name })} />
              </div>
              <div className="xsmall muted">
                {t('login.apps.appId')}{' '}
                <span className="mono" translate="no">
                  {a.id}
                </span>
                {a.createdAt ? ` · ${t('login.apps.createdAt', { time: formatDateTime(a.createdAt) })}` : ''}
              </div>
            </div>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setLoginApp(a.id);
                setPcSite('hosted');
                navigate({ view: 'stage', params: [] });
              }}
            >
              <Icon name="stage" size={14} /> {t('login.apps.showOnStage')}
            </button>
            <button type="button" className="btn" onClick={() => navigate({ view: 'login', params: ['apps', a.id] })} aria-label={t('oidc.apps.openFor', { name: a.name })}>
              <Icon name="key" size={14} /> {t('oidc.apps.open')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => desktop.openPopup(a.loginUrl, `experience-login-${a.id}`)} aria-label={t('login.apps.experienceFor', { name: a.name })}>
              <Icon name="external" size={14} /> {t('login.apps.experience')}
            </button>
          </article>
        ))}
        {!pool.apps.length && (
          <div className="card">
            <Empty icon="app" title={t('login.apps.none')}>
              {t('login.apps.noneHint')}
            </Empty>
          </div>
        )}
      </div>
      <form className="card" onSubmit={create} noValidate aria-label={t('login.apps.new')}>
        <div className="card-head">
          <h3>{t('login.apps.new')}</h3>
        </div>
        <div className="card-body form">
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <Field label={t('login.apps.name')} required error={form.errors.name}>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
          </Field>
        </div>
        <div className="card-foot">
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            <Icon name="plus" size={14} /> {t('login.apps.create')}
          </button>
        </div>
      </form>
      <ProviderCard pool={pool} />
      <SigningKeys />
      <Dialog
        open={created !== null}
        onClose={() => setCreated(null)}
        title={t('oidc.apps.createdTitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setCreated(null)}>
            {t('common.done')}
          </button>
        }
      >
        {created && (
          <>
            <p>
              <Trans i18nKey="oidc.apps.createdBody" values={{ name: created.name }} components={{ strong: <strong translate="no" /> }} />
            </p>
            <SecretOnce secret={created.secret} copyLabel={t('oidc.client.copySecret')} />
          </>
        )}
      </Dialog>
    </div>
  );
}
