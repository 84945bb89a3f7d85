import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { Field, Switch } from '../../components/form';
import { Callout, CopyButton, Dialog, formatDateTime } from '../../components/ui';
import type { Account, AccountType } from '../../api/types';
import { useActions, useApi } from '../../store/context';
import { errorText } from '../../store/errors';
import { useForm } from '../shared/use-form';

/** Basic configuration: developer ID and password (AppSecret, reset shown once), name, type, verification. */
export function BasicConfig({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount, notify } = useActions();
  const form = useForm({ name: account.name, type: account.type as AccountType, verified: account.verified });
  const [confirm, setConfirm] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const dirty = form.values.name !== account.name || form.values.type !== account.type || form.values.verified !== account.verified;

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const saved = await form.submit(() => api.patchAccount(account.appId, form.values), ['name', 'type', 'verified']);
    if (saved) {
      upsertAccount(saved);
      notify('ok', `Saved ${saved.name}.`);
    }
  };

  const reset = async (): Promise<void> => {
    setResetting(true);
    try {
      const r = await api.resetSecret(account.appId);
      setSecret(r.appSecret);
    } catch (err) {
      setConfirm(false);
      notify('error', `Reset failed: ${errorText(err)}`);
    } finally {
      setResetting(false);
    }
  };

  return (
    <div className="stack">
      <section className="stack-sm" aria-labelledby="dev-info">
        <h3 id="dev-info" className="form-section-title">
          Developer information
        </h3>
        <dl className="kv">
          <dt>Developer ID (AppID)</dt>
          <dd>
            <span className="row">
              <span className="value-mono">{account.appId}</span>
              <CopyButton value={account.appId} label="AppID" />
            </span>
          </dd>
          <dt>Developer Password (AppSecret)</dt>
          <dd>
            <span className="row">
              <span className="value-mono" aria-label="AppSecret (masked)">
                {account.appSecretMasked ?? '••••••••••••••••'}
              </span>
              <button type="button" className="btn btn-sm" onClick={() => setConfirm(true)}>
                <Icon name="key" size={14} /> Reset AppSecret
              </button>
            </span>
            <div className="field-hint" style={{ marginTop: 4 }}>
              WeChat shows an AppSecret once, when it is created or reset. Resetting stops the old one and its access tokens at once.
            </div>
          </dd>
          <dt>Original ID</dt>
          <dd>
            <span className="row">
              <span className="value-mono">{account.originalId}</span>
              <CopyButton value={account.originalId} label="original ID" />
            </span>
          </dd>
          {account.createdAt ? (
            <>
              <dt>Created</dt>
              <dd>{formatDateTime(account.createdAt)}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <form className="form" onSubmit={save} aria-labelledby="acct-info" noValidate>
        <h3 id="acct-info" className="form-section-title">
          Account
        </h3>
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        <div className="form-grid">
          <Field label="Name" error={form.errors.name} required>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
          </Field>
          <Field label="Account type" error={form.errors.type} hint="Only service accounts can create parametric QR codes.">
            {(p) => (
              <select {...p} className="select" value={form.values.type} onChange={(e) => form.set('type', e.target.value as AccountType)}>
                <option value="service">Service account (服务号)</option>
                <option value="subscription">Subscription account (订阅号)</option>
              </select>
            )}
          </Field>
          <div className="span-2">
            <Switch checked={form.values.verified} onChange={(v) => form.set('verified', v)} label="Verified (微信认证)" />
            <div className="field-hint" style={{ marginTop: 4 }}>
              Unverified accounts get WeChat&apos;s 48001 error when they ask for a QR code.
            </div>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={!dirty || form.submitting}>
            Save
          </button>
          {dirty && (
            <button type="button" className="btn btn-ghost" onClick={() => form.setValues({ name: account.name, type: account.type, verified: account.verified })}>
              Discard
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
        title={secret ? 'New AppSecret' : 'Reset the AppSecret?'}
        actions={
          secret ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                setConfirm(false);
                setSecret(null);
              }}
            >
              Done
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={() => setConfirm(false)}>
                Cancel
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void reset()} disabled={resetting}>
                Reset
              </button>
            </>
          )
        }
      >
        {secret ? (
          <>
            <p>Copy it now: it will not be shown again. Update the login server&apos;s identity source with it.</p>
            <div className="secret-once" data-testid="new-app-secret">
              <span style={{ flex: 1 }}>{secret}</span>
              <CopyButton value={secret} label="new AppSecret" size="sm" text />
            </div>
          </>
        ) : (
          <p>
            The current AppSecret of <strong>{account.name}</strong> stops working immediately, and so do the access tokens issued with
            it. Anything that uses it (the login server&apos;s identity source) must be updated.
          </p>
        )}
      </Dialog>
    </div>
  );
}
