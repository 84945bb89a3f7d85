import { OnceActions, SecretOnce } from '../../components/once';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field, Switch } from '../../components/form';
import { Callout, CopyButton, Dialog, formatDateTime } from '../../components/ui';
import type { Account, AccountType } from '../../api/types';
import { useActions, useApi } from '../../store/context';
import { toErrorInfo } from '../../store/errors';
import { useForm } from '../shared/use-form';

/** Basic configuration: developer ID and password (AppSecret, reset shown once), name, type, verification. */
export function BasicConfig({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount, notify } = useActions();
  const form = useForm({ name: account.name, type: account.type as AccountType, verified: account.verified });
  const [confirm, setConfirm] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const { t } = useTranslation();
  const dirty = form.values.name !== account.name || form.values.type !== account.type || form.values.verified !== account.verified;

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const saved = await form.submit(() => api.patchAccount(account.appId, form.values), ['name', 'type', 'verified']);
    if (saved) {
      upsertAccount(saved);
      notify('ok', { key: 'saved', values: { name: saved.name } });
    }
  };

  const reset = async (): Promise<void> => {
    setResetting(true);
    try {
      const r = await api.resetSecret(account.appId);
      setSecret(r.appSecret);
    } catch (err) {
      setConfirm(false);
      notify('error', { key: 'secretResetFailed', error: toErrorInfo(err) });
    } finally {
      setResetting(false);
    }
  };

  return (
    <div className="stack">
      <section className="stack-sm" aria-labelledby="dev-info">
        <h3 id="dev-info" className="form-section-title">
          {t('wechat.basic.developerInfo')}
        </h3>
        <dl className="kv">
          <dt>{t('fields.appId')}</dt>
          <dd>
            <span className="row">
              <span className="value-mono">{account.appId}</span>
              <CopyButton value={account.appId} label={t('copy.appId')} />
            </span>
          </dd>
          <dt>{t('fields.appSecret')}</dt>
          <dd>
            <span className="row">
              <span className="value-mono" aria-label={t('wechat.basic.secretMasked')}>
                {account.appSecretMasked ?? '••••••••••••••••'}
              </span>
              <button type="button" className="btn btn-sm" onClick={() => setConfirm(true)}>
                <Icon name="key" size={14} /> {t('wechat.basic.resetSecret')}
              </button>
            </span>
            <div className="field-hint" style={{ marginTop: 4 }}>
              {t('wechat.basic.secretHint')}
            </div>
          </dd>
          <dt>{t('wechat.basic.originalId')}</dt>
          <dd>
            <span className="row">
              <span className="value-mono">{account.originalId}</span>
              <CopyButton value={account.originalId} label={t('copy.originalId')} />
            </span>
          </dd>
          {account.createdAt ? (
            <>
              <dt>{t('common.created')}</dt>
              <dd>{formatDateTime(account.createdAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <form className="form" onSubmit={save} aria-labelledby="acct-info" noValidate>
        <h3 id="acct-info" className="form-section-title">
          {t('wechat.basic.account')}
        </h3>
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        <div className="form-grid">
          <Field label={t('fields.name')} error={form.errors.name} required>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
          </Field>
          <Field label={t('fields.type')} error={form.errors.type} hint={t('wechat.basic.typeHint')}>
            {(p) => (
              <select {...p} className="select" value={form.values.type} onChange={(e) => form.set('type', e.target.value as AccountType)}>
                <option value="service">{t('wechat.accountType.service')}</option>
                <option value="subscription">{t('wechat.accountType.subscription')}</option>
              </select>
            )}
          </Field>
          <div className="span-2">
            <Switch checked={form.values.verified} onChange={(v) => form.set('verified', v)} label={t('fields.verified')} />
            <div className="field-hint" style={{ marginTop: 4 }}>
              {t('wechat.basic.verifiedHint')}
            </div>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!dirty || form.submitting}>
            {t('common.save')}
          </button>
          {dirty && (
            <button type="button" className="btn btn-ghost" onClick={() => form.setValues({ name: account.name, type: account.type, verified: account.verified })}>
              {t('common.discard')}
            </button>
          )}
        </div>
      </form>

      <Dialog
        open={confirm}
        onClose={() => {
          setConfirm(false);
          setSecret(null);
        }}
        title={secret ? t('wechat.basic.newSecret') : t('wechat.basic.resetSecretTitle')}
        actions={
          <OnceActions
            done={Boolean(secret)}
            onClose={() => {
              setConfirm(false);
              setSecret(null);
            }}
            actionLabel={t('common.reset')}
            onAction={() => void reset()}
            busy={resetting}
          />
        }
      >
        {secret ? (
          <>
            <p>{t('wechat.basic.copyNow')}</p>
            <SecretOnce secret={secret} copyLabel={t('copy.newAppSecret')} testId="new-app-secret" />
          </>
        ) : (
          <p>
            <Trans i18nKey="wechat.basic.resetSecretBody" values={{ name: account.name }} components={{ strong: <strong translate="no" /> }} />
          </p>
        )}
      </Dialog>
    </div>
  );
}
