import { AesKeyInput } from '../shared/AesKeyInput';
import { AccountPicker } from '../shared/AccountPicker';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkConnectionForm,
  CONNECTION_FIELDS,
  type ConnectionField,
  type ConnectionFormValues,
} from '../../../src-main/contracts/login-rules';
import { Icon } from '../../components/Icon';
import { Field, RadioCards, SecretInput } from '../../components/form';
import { Callout } from '../../components/ui';
import type { LoginConnection } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { toErrorInfo } from '../../store/errors';
import { selectAccounts } from '../../store/selectors';
import { useForm } from '../shared/use-form';
import { useModeOptions } from '../shared/mode-options';
import type { AssociationValue, LoginModeValue } from '../../api/types';

const LOGIN_MODES: readonly LoginModeValue[] = ['login-and-register', 'login-only'];
const ASSOCIATIONS: readonly AssociationValue[] = ['off', 'field-matching', 'query-binding'];

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
  existing?: LoginConnection;
  onDone: (c: LoginConnection) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const api = useApi();
  const accounts = useStudio(selectAccounts).data;
  const { loadPools, notify } = useActions();
  const { t } = useTranslation();
  const modeOptions = useModeOptions();
  const loginModes = useMemo(
    () => LOGIN_MODES.map((value) => ({ value, title: t(`login.loginModes.${value}.title`), desc: t(`login.loginModes.${value}.desc`) })),
    [t],
  );
  const associations = useMemo(
    () => ASSOCIATIONS.map((value) => ({ value, title: t(`login.associations.${value}.title`), desc: t(`login.associations.${value}.desc`) })),
    [t],
  );
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
          qrExpireSeconds: existing.qrExpireSeconds,
        }
      : { ...EMPTY, displayName: t('login.form.defaultDisplayName') },
  );
  const [loaded, setLoaded] = useState(!existing);
  /** The QR lifetime as typed (blank: the default); the form's value is its number, checked on submit. */
  const [qrText, setQrText] = useState(existing?.qrExpireSeconds ? String(existing.qrExpireSeconds) : '');
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
        if (live) notify('error', { key: 'readConnectionFailed', error: toErrorInfo(err) });
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
      notify('ok', editing ? { key: 'saved', values: { name: saved.displayName } } : { key: 'sourceCreated', values: { name: saved.identifier } });
      onDone(saved);
    }
  };

  const e = form.errors;
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={editing ? t('login.sources.editWhat', { id: existing!.identifier }) : t('login.form.new')}>
      <div className="card-head">
        <h3>
          <Icon name="wechat" /> {editing ? t('login.form.editTitle', { name: existing!.displayName }) : t('login.form.kind')}
        </h3>
        {!editing && <AccountPicker label={t('login.form.fillFrom')} ariaLabel={t('login.form.fillFromAria')} accounts={accounts} onPick={(a) => fillFrom(a.appId)} />}
      </div>
      <div className="card-body form">
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        {Object.keys(e).some((k) => e[k as ConnectionField]) && <Callout tone="error">{t('login.form.fixFields')}</Callout>}
        <div className="form-grid">
          <Field label={t('fields.identifier')} required error={e.identifier} hint={editing ? t('login.form.identifierFixed') : t('login.form.identifierHint')}>
            {(p) => (
              <input {...p} className="input mono" value={v.identifier} readOnly={editing} onChange={(ev) => form.set('identifier', ev.target.value)} spellCheck={false} autoComplete="off" />
            )}
          </Field>
          <Field label={t('fields.displayName')} required error={e.displayName} hint={t('login.form.displayNameHint')}>
            {(p) => <input {...p} className="input" value={v.displayName} onChange={(ev) => form.set('displayName', ev.target.value)} maxLength={80} />}
          </Field>
          <Field label={t('fields.appId')} required error={e.appId} hint={t('login.form.appIdHint')}>
            {(p) => <input {...p} className="input mono" value={v.appId} onChange={(ev) => form.set('appId', ev.target.value)} spellCheck={false} autoComplete="off" placeholder="wx…" />}
          </Field>
          <Field
            label={t('fields.appSecret')}
            required={!editing}
            error={e.appSecret}
            hint={editing ? t('login.form.secretStored', { masked: existing!.appSecretMasked }) : t('login.form.secretHint')}
          >
            {(p) => <SecretInput control={p} value={v.appSecret} onChange={(x) => form.set('appSecret', x)} revealLabel={t('fields.appSecretShort')} />}
          </Field>
          <Field label={t('fields.token')} required error={e.token} hint={t('login.form.tokenHint')}>
            {(p) => <SecretInput control={p} value={v.token} onChange={(x) => form.set('token', x)} revealLabel={t('fields.token')} placeholder={loaded ? '' : t('common.loading')} />}
          </Field>
          <Field label={t('fields.encodingAesKey')} error={e.encodingAesKey} hint={t('login.form.aesKeyHint')}>
            {(p) => <AesKeyInput control={p} value={v.encodingAesKey} onChange={(x) => form.set('encodingAesKey', x)} />}
          </Field>
          <Field label={t('fields.qrExpireSeconds')} error={e.qrExpireSeconds} hint={t('qa.form.qrHint')}>
            {(p) => (
              <input
                {...p}
                className="input"
                inputMode="numeric"
                placeholder={t('qa.form.qrPlaceholder')}
                value={qrText}
                onChange={(ev) => {
                  setQrText(ev.target.value);
                  const raw = ev.target.value.trim();
                  form.set('qrExpireSeconds', raw === '' ? null : Number(raw));
                }}
              />
            )}
          </Field>
        </div>
        <RadioCards
          legend={t('fields.mode')}
          name={`conn-mode-${existing?.identifier ?? 'new'}`}
          value={v.mode}
          options={modeOptions}
          onChange={(m) => form.set('mode', m)}
          error={e.mode}
          row
        />
        <div className="form-grid">
          <RadioCards legend={t('fields.loginMode')} name={`conn-login-${existing?.identifier ?? 'new'}`} value={v.loginMode} options={loginModes} onChange={(m) => form.set('loginMode', m)} error={e.loginMode} />
          <RadioCards
            legend={t('fields.association')}
            name={`conn-assoc-${existing?.identifier ?? 'new'}`}
            value={v.association}
            options={associations}
            onChange={(m) => form.set('association', m)}
            error={e.association}
          />
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting || !loaded}>
          {editing ? t('common.save') : t('common.create')}
        </button>
      </div>
    </form>
  );
}
