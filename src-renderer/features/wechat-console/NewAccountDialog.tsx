import { useState } from 'react';
import { Field, Switch } from '../../components/form';
import { Callout, CopyButton, Dialog } from '../../components/ui';
import type { Account, AccountType } from '../../api/types';
import { useActions, useApi } from '../../store/context';
import { useForm } from '../shared/use-form';

/** Creates an account; the answer carries the AppSecret, shown here once. */
export function NewAccountDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (a: Account) => void }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount } = useActions();
  const form = useForm({ name: '', type: 'service' as AccountType, verified: true });
  const [created, setCreated] = useState<(Account & { appSecret: string }) | null>(null);

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
      form.setErrors({ name: 'name must not be empty' });
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
      title={created ? 'Account created' : 'New official account'}
      actions={
        created ? (
          <button type="button" className="btn btn-primary" onClick={close}>
            Done
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={close}>
              Cancel
            </button>
            <button type="submit" form="new-account" className="btn btn-primary" disabled={form.submitting}>
              Create account
            </button>
          </>
        )
      }
    >
      {created ? (
        <div className="stack-sm">
          <p>
            <strong>{created.name}</strong> has AppID <span className="mono">{created.appId}</span>. Its AppSecret is shown this once:
          </p>
          <div className="secret-once" data-testid="new-app-secret">
            <span style={{ flex: 1 }}>{created.appSecret}</span>
            <CopyButton value={created.appSecret} label="AppSecret" size="sm" text />
          </div>
        </div>
      ) : (
        <form id="new-account" className="form" onSubmit={submit} noValidate>
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <Field label="Name" error={form.errors.name} required>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} autoFocus />}
          </Field>
          <Field label="Account type" hint="Follow-to-log-in needs a verified service account (parametric QR codes).">
            {(p) => (
              <select {...p} className="select" value={form.values.type} onChange={(e) => form.set('type', e.target.value as AccountType)}>
                <option value="service">Service account (服务号)</option>
                <option value="subscription">Subscription account (订阅号)</option>
              </select>
            )}
          </Field>
          <Switch checked={form.values.verified} onChange={(v) => form.set('verified', v)} label="Verified (微信认证)" />
        </form>
      )}
    </Dialog>
  );
}
