import { OnceActions, SecretOnce } from '../../components/once';
import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Field, Switch } from '../../components/form';
import { Callout, Dialog } from '../../components/ui';
import type { Account, AccountType } from '../../api/types';
import { useActions, useApi } from '../../store/context';
import { useForm } from '../shared/use-form';

/** Creates an account; the answer carries the AppSecret, shown here once. */
export function NewAccountDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: Account) => void }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount } = useActions();
  const form = useForm({ name: '', type: 'service' as AccountType, verified: true });
  const [created, setCreated] = useState<(Account & { appSecret: string }) | null>(null);
  const { t } = useTranslation();

  const close = (): void => {
    if (created) onCreated(created);
    setCreated(null);
    form.setValues({ name: '', type: 'service', verified: true });
    form.setErrors({});
    form.setFormError(null);
    onClose();
  };

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!form.values.name.trim()) {
      form.setErrors({ name: t('rules.nameRequired') });
      return;
    }
    const a = await form.submit(() => api.createAccount({ ...form.values, name: form.values.name.trim() }), ['name', 'type', 'verified']);
    if (a) {
      upsertAccount(a);
      setCreated(a);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? t('wechat.newAccountDialog.created') : t('wechat.newAccountDialog.title')}
      actions={<OnceActions done={Boolean(created)} onClose={close} actionLabel={t('wechat.newAccountDialog.create')} form="new-account" busy={form.submitting} />}
    >
      {created ? (
        <div className="stack-sm">
          <p>
            <Trans
              i18nKey="wechat.newAccountDialog.createdBody"
              values={{ name: created.name, appId: created.appId }}
              components={{ strong: <strong translate="no" />, mono: <span className="mono" translate="no" /> }}
            />
          </p>
          <SecretOnce secret={created.appSecret} copyLabel={t('copy.appSecret')} testId="new-app-secret" />
        </div>
      ) : (
        <form id="new-account" className="form" onSubmit={submit} noValidate>
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <Field label={t('fields.name')} error={form.errors.name} required>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} autoFocus />}
          </Field>
          <Field label={t('fields.type')} hint={t('wechat.newAccountDialog.typeHint')}>
            {(p) => (
              <select {...p} className="select" value={form.values.type} onChange={(e) => form.set('type', e.target.value as AccountType)}>
                <option value="service">{t('wechat.accountType.service')}</option>
                <option value="subscription">{t('wechat.accountType.subscription')}</option>
              </select>
            )}
          </Field>
          <Switch checked={form.values.verified} onChange={(v) => form.set('verified', v)} label={t('fields.verified')} />
        </form>
      )}
    </Dialog>
  );
}
