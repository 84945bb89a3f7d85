import { AesKeyInput } from '../shared/AesKeyInput';
import { AccountPicker } from '../shared/AccountPicker';
import { useEffect, useState } from 'react';
import {
  checkConnectionForm,
  CONNECTION_FIELDS,
  type ConnectionField,
  type ConnectionFormValues,
} from '../../../src-main/contracts/login-rules';
import { Icon } from '../../components/Icon';
import { Field, RadioCards, SecretInput } from '../../components/form';
import { Callout } from '../../components/ui';
import type { ConnectionDto } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { errorText } from '../../store/errors';
import { selectAccounts } from '../../store/selectors';
import { useForm } from '../shared/use-form';
import { MODE_OPTIONS } from '../wechat-console/ServerConfig';

const LOGIN_MODES = [
  { value: 'login-and-register' as const, title: 'Login and register', desc: 'A first-time WeChat user gets a new account.' },
  { value: 'login-only' as const, title: 'Login only', desc: 'Only existing accounts can log in; no new accounts. Choose carefully.' },
];
const ASSOCIATIONS = [
  { value: 'off' as const, title: 'Off', desc: 'A new user is created for a new identity.' },
  { value: 'field-matching' as const, title: 'Field matching', desc: 'Log in to the existing user with the same UnionID.' },
  { value: 'query-binding' as const, title: 'Query binding', desc: 'Ask the user to sign in to an existing account once.' },
];

const EMPTY: ConnectionFormValues = {
  identifier: '',
  displayName: 'WeChat',
  appId: '',
  appSecret: '',
  token: '',
  encodingAesKey: '',
  mode: 'safe',
  loginMode: 'login-and-register',
  association: 'off',
};

function toErrors(problems: Array<{ field: ConnectionField; message: string }>): Partial<Record<ConnectionField, string>> {
  const out: Partial<Record<ConnectionField, string>> = {};
  for (const p of problems) out[p.field] ??= p.message;
  return out;
}

/**
 * The "WeChat Official Account Follow" identity source form (seed step 2.4), in the seed's field order,
 * checked with the same rules as the API (src-main/contracts/login-rules): every problem shows under its
 * field, and nothing is sent until the form is valid.
 */
export function ConnectionForm({
  poolId,
  existing,
  onDone,
  onCancel,
}: {
  poolId: string;
  existing?: ConnectionDto;
  onDone: (c: ConnectionDto) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const api = useApi();
  const accounts = useStudio(selectAccounts).data;
  const { loadPools, notify } = useActions();
  const editing = Boolean(existing);
  const form = useForm<ConnectionFormValues>(
    existing
      ? {
          identifier: existing.identifier,
          displayName: existing.displayName,
          appId: existing.appId,
          appSecret: '',
          token: '',
          encodingAesKey: '',
          mode: existing.mode,
          loginMode: existing.loginMode,
          association: existing.association,
        }
      : EMPTY,
  );
  const [loaded, setLoaded] = useState(!existing);
  const v = form.values;
  const { setValues } = form;

  // Editing: the list masks Token and EncodingAESKey; fetch them revealed to fill the form.
  useEffect(() => {
    if (!existing) return;
    let live = true;
    api.getConnection(poolId, existing.identifier, true).then(
      (c) => {
        if (!live) return;
        setValues((cur) => ({ ...cur, token: c.token, encodingAesKey: c.encodingAesKey }));
        setLoaded(true);
      },
      (err) => {
        if (live) notify('error', `Could not read the connection: ${errorText(err)}`);
      },
    );
    return () => {
      live = false;
    };
  }, [api, poolId, existing, setValues, notify]);

  const fillFrom = (appId: string): void => {
    const a = accounts.find((x) => x.appId === appId);
    if (!a) return;
    setValues((cur) => ({ ...cur, appId: a.appId, token: a.server.token || cur.token, encodingAesKey: a.server.encodingAesKey || cur.encodingAesKey, mode: a.server.mode }));
    form.setErrors({});
  };

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const body: Partial<ConnectionFormValues> = { ...v };
    if (editing) {
      delete body.identifier;
      if (!v.appSecret) delete body.appSecret;
    }
    const problems = checkConnectionForm(body, editing && existing ? { current: { ...existing, token: v.token, encodingAesKey: v.encodingAesKey } } : {});
    if (problems.length) {
      form.setErrors(toErrors(problems));
      return;
    }
    const saved = await form.submit(
      () => (editing ? api.patchConnection(poolId, existing!.identifier, body) : api.createConnection(poolId, v)),
      CONNECTION_FIELDS,
    );
    if (saved) {
      await loadPools();
      notify('ok', editing ? `Saved ${saved.displayName}.` : `Created the identity source ${saved.identifier}.`);
      onDone(saved);
    }
  };

  const e = form.errors;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={editing ? `Edit ${existing!.identifier}` : 'New identity source'}>
      <div className="card-head">
        <h3>
          <Icon name="wechat" /> {editing ? `Edit ${existing!.displayName}` : 'WeChat Official Account Follow'}
        </h3>
        {!editing && <AccountPicker label="Fill from the WeChat console" ariaLabel="Fill from a WeChat account" accounts={accounts} onPick={(a) => fillFrom(a.appId)} />}
      </div>
      <div className="card-body form">
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        {Object.keys(e).some((k) => e[k as ConnectionField]) && (
          <Callout tone="error">Fix the fields marked below; nothing was saved.</Callout>
        )}
        <div className="form-grid">
          <Field
            label="Unique ID"
            required
            error={e.identifier}
            hint={editing ? 'Cannot be changed after creation.' : "Lower-case letters, digits and '-', shorter than 32. Cannot be changed later; it is part of the events URL."}
          >
            {(p) => (
              <input {...p} className="input mono" value={v.identifier} readOnly={editing} onChange={(ev) => form.set('identifier', ev.target.value)} spellCheck={false} autoComplete="off" />
            )}
          </Field>
          <Field label="Display Name" required error={e.displayName} hint="Shown on the login button.">
            {(p) => <input {...p} className="input" value={v.displayName} onChange={(ev) => form.set('displayName', ev.target.value)} maxLength={80} />}
          </Field>
          <Field label="Developer ID (AppID)" required error={e.appId} hint="From Basic configuration on the WeChat console.">
            {(p) => <input {...p} className="input mono" value={v.appId} onChange={(ev) => form.set('appId', ev.target.value)} spellCheck={false} autoComplete="off" placeholder="wx…" />}
          </Field>
          <Field
            label="Developer Password (AppSecret)"
            required={!editing}
            error={e.appSecret}
            hint={editing ? `Stored: ${existing!.appSecretMasked}. Leave blank to keep it.` : 'Shown once on the WeChat console when created or reset.'}
          >
            {(p) => <SecretInput control={p} value={v.appSecret} onChange={(t) => form.set('appSecret', t)} revealLabel="AppSecret" />}
          </Field>
          <Field label="Token" required error={e.token} hint="English letters or digits, 3–32 characters; the same as on the WeChat console.">
            {(p) => <SecretInput control={p} value={v.token} onChange={(t) => form.set('token', t)} revealLabel="Token" placeholder={loaded ? '' : 'Loading…'} />}
          </Field>
          <Field label="EncodingAESKey" error={e.encodingAesKey} hint="Message encryption key: 43 characters of A–Z, a–z, 0–9. May be blank in plaintext mode.">
            {(p) => (
              <AesKeyInput control={p} value={v.encodingAesKey} onChange={(t) => form.set('encodingAesKey', t)} />
            )}
          </Field>
        </div>
        <RadioCards
          legend="Message encryption method"
          name={`conn-mode-${existing?.identifier ?? 'new'}`}
          value={v.mode}
          options={MODE_OPTIONS}
          onChange={(m) => form.set('mode', m)}
          error={e.mode}
          row
        />
        <div className="form-grid">
          <RadioCards legend="Login mode" name={`conn-login-${existing?.identifier ?? 'new'}`} value={v.loginMode} options={LOGIN_MODES} onChange={(m) => form.set('loginMode', m)} error={e.loginMode} />
          <RadioCards
            legend="Account identity association"
            name={`conn-assoc-${existing?.identifier ?? 'new'}`}
            value={v.association}
            options={ASSOCIATIONS}
            onChange={(m) => form.set('association', m)}
            error={e.association}
          />
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting || !loaded}>
          {editing ? 'Save' : 'Create'}
        </button>
      </div>
    </form>
  );
}
