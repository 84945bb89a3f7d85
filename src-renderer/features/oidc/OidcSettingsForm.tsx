import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CLIENT_AUTH_METHODS, type ClientAuthMethod } from '../../../src-main/contracts/oidc';
import { ApiError } from '../../api/http';
import { Field, RadioCards, Switch } from '../../components/form';
import { Callout } from '../../components/ui';
import type { LoginApplication, OidcClientSettings } from '../../api/types';
import { useActions, useApi } from '../../store/context';
import { useForm } from '../shared/use-form';
import { checkOidcForm, durationParts, fieldOf, formValues, OIDC_FIELDS, toPatch, type OidcFormValues, type OidcProblem } from './oidc-form';

/** A lifetime field's hint: the seconds typed, in days, hours or minutes. */
function useDuration(): (text: string) => string | null {
  const { t } = useTranslation();
  return (text) => {
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || n <= 0) return null;
    const { unit, count } = durationParts(n);
    return t('oidc.form.duration', { value: t(`oidc.units.${unit}`, { count }) });
  };
}

/** A server refusal naming "redirectUris.1" lands under the redirect URIs field. */
async function underItsField<T>(run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (err) {
    const field = err instanceof ApiError && err.field ? fieldOf(err.field) : null;
    if (err instanceof ApiError && field) throw new ApiError(err.status, err.code, err.message, field, err.body);
    throw err;
  }
}

/**
 * An application's OpenID Connect settings (GenAuth's "authentication configuration"): callback URLs,
 * id_token algorithm, token endpoint authentication, lifetimes, PKCE. Checked with the contract's rules
 * before anything is sent: every problem shows under its field and nothing is saved.
 */
export function OidcSettingsForm({ app, settings, onSaved }: { app: LoginApplication; settings: OidcClientSettings; onSaved: (s: OidcClientSettings) => void }): React.JSX.Element {
  const api = useApi();
  const { notify } = useActions();
  const { t } = useTranslation();
  const duration = useDuration();
  const initial = useMemo(() => formValues(settings), [settings]);
  const form = useForm<OidcFormValues>(initial);
  const v = form.values;
  const e = form.errors;
  const dirty = JSON.stringify(v) !== JSON.stringify(initial);
  // Settings changed elsewhere (another window, the sample website registering its callback): an untouched form follows.
  const shown = useRef(initial);
  const { setValues } = form;
  useEffect(() => {
    const before = shown.current;
    shown.current = initial;
    setValues((cur) => (JSON.stringify(cur) === JSON.stringify(before) ? initial : cur));
  }, [initial, setValues]);
  const problemText = (p: OidcProblem): string => t(`oidc.rules.${p.rule}`, p.values);

  const submit = async (ev: React.FormEvent): Promise<void> => {
    ev.preventDefault();
    const problems = checkOidcForm(v);
    if (problems.length) {
      form.setErrors(Object.fromEntries(problems.map((p) => [p.field, problemText(p)])));
      return;
    }
    const saved = await form.submit(() => underItsField(api.patchOidcClient(app.id, toPatch(v))), OIDC_FIELDS);
    if (saved) {
      onSaved(saved);
      form.setValues(formValues(saved));
      notify('ok', { key: 'saved', values: { name: t('oidc.form.saved', { name: app.name }) } });
    }
  };

  const algs = [
    { value: 'HS256' as const, title: 'HS256', desc: t('oidc.form.hs256') },
    { value: 'RS256' as const, title: 'RS256', desc: t('oidc.form.rs256') },
  ];
  const hasErrors = Object.values(e).some(Boolean);
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('oidc.form.title')}>
      <div className="card-head">
        <h3>{t('oidc.form.title')}</h3>
      </div>
      <div className="card-body form">
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        {hasErrors && <Callout tone="error">{t('oidc.form.fixFields')}</Callout>}
        <div className="form-grid">
          <Field label={t('oidc.form.redirectUris')} error={e.redirectUris} hint={t('oidc.form.uriHint')}>
            {(p) => <textarea {...p} className="textarea mono" rows={3} value={v.redirectUris} onChange={(x) => form.set('redirectUris', x.target.value)} spellCheck={false} placeholder="https://example.com/callback" />}
          </Field>
          <Field label={t('oidc.form.postLogoutRedirectUris')} error={e.postLogoutRedirectUris} hint={t('oidc.form.uriHint')}>
            {(p) => <textarea {...p} className="textarea mono" rows={3} value={v.postLogoutRedirectUris} onChange={(x) => form.set('postLogoutRedirectUris', x.target.value)} spellCheck={false} placeholder="https://example.com/" />}
          </Field>
        </div>
        <RadioCards legend={t('oidc.form.idTokenAlg')} name={`oidc-alg-${app.id}`} value={v.idTokenAlg} options={algs} onChange={(a) => form.set('idTokenAlg', a)} error={e.idTokenAlg} row />
        <div className="form-grid">
          <Field label={t('oidc.form.authMethod')} error={e.tokenEndpointAuthMethod} hint={t('oidc.form.authMethodHint')}>
            {(p) => (
              <select {...p} className="select mono" value={v.tokenEndpointAuthMethod} onChange={(x) => form.set('tokenEndpointAuthMethod', x.target.value as ClientAuthMethod)} translate="no">
                {CLIENT_AUTH_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <Switch checked={v.pkceRequired} onChange={(x) => form.set('pkceRequired', x)} label={t('oidc.form.pkceRequired')} />
            <div className="field-hint">{t('oidc.form.pkceHint')}</div>
          </div>
          <Field label={t('oidc.form.accessTokenTtl')} error={e.accessTokenTtl} hint={duration(v.accessTokenTtl)}>
            {(p) => <input {...p} className="input mono" inputMode="numeric" value={v.accessTokenTtl} onChange={(x) => form.set('accessTokenTtl', x.target.value)} />}
          </Field>
          <Field label={t('oidc.form.refreshTokenTtl')} error={e.refreshTokenTtl} hint={duration(v.refreshTokenTtl)}>
            {(p) => <input {...p} className="input mono" inputMode="numeric" value={v.refreshTokenTtl} onChange={(x) => form.set('refreshTokenTtl', x.target.value)} />}
          </Field>
        </div>
      </div>
      <div className="card-foot">
        {dirty && (
          <button type="button" className="btn btn-ghost" onClick={() => (form.setValues(initial), form.setErrors({}))}>
            {t('common.discard')}
          </button>
        )}
        <button type="submit" className="btn btn-primary" disabled={!dirty || form.submitting}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
