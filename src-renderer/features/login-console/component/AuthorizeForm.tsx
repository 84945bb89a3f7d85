import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { authorizeConnectionSchema } from '../../../../src-main/contracts/open-platform';
import { Icon } from '../../../components/Icon';
import { Field, RadioCards } from '../../../components/form';
import { Callout } from '../../../components/ui';
import type { AssociationValue, AuthorizeStartResult, LoginModeValue } from '../../../api/types';
import { componentOf, selectComponents } from '../../../store/open-selectors';
import { useActions, useApi, useStudio } from '../../../store/context';
import { useForm } from '../../shared/use-form';

const LOGIN_MODES: readonly LoginModeValue[] = ['login-and-register', 'login-only'];
const ASSOCIATIONS: readonly AssociationValue[] = ['off', 'field-matching', 'query-binding'];
const FIELDS = ['identifier', 'displayName', 'loginMode', 'association'] as const;

interface Values {
  identifier: string;
  displayName: string;
  loginMode: LoginModeValue;
  association: AssociationValue;
}

/**
 * The second way to create a "WeChat Official Account Follow" identity source: by authorization. Only what
 * the login needs is asked (no AppID, AppSecret, Token or key: the account's admin authorizes on WeChat);
 * the answer is the authorization page to open.
 */
export function AuthorizeForm({ poolId, onStarted, onCancel }: { poolId: string; onStarted: (r: AuthorizeStartResult) => void; onCancel: () => void }): React.JSX.Element {
  const api = useApi();
  const config = componentOf(useStudio(selectComponents), poolId);
  const { loadPools, loadLinks, navigate } = useActions();
  const { t } = useTranslation();
  const form = useForm<Values>({ identifier: 'wechat-authorized', displayName: t('login.form.defaultDisplayName'), loginMode: 'login-and-register', association: 'off' });
  const v = form.values;
  const loginModes = useMemo(() => LOGIN_MODES.map((value) => ({ value, title: t(`login.loginModes.${value}.title`), desc: t(`login.loginModes.${value}.desc`) })), [t]);
  const associations = useMemo(() => ASSOCIATIONS.map((value) => ({ value, title: t(`login.associations.${value}.title`), desc: t(`login.associations.${value}.desc`) })), [t]);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const r = authorizeConnectionSchema.safeParse(v);
    if (!r.success) {
      const bad = new Set(r.error.issues.map((i) => String(i.path[0])));
      form.setErrors(Object.fromEntries([...bad].filter((f) => f === 'identifier' || f === 'displayName').map((f) => [f, t(`component.rules.${f as 'identifier' | 'displayName'}`)])));
      return;
    }
    const started = await form.submit(() => api.startAuthorization(poolId, r.data), FIELDS);
    if (started) {
      await Promise.all([loadPools(), loadLinks(poolId)]);
      onStarted(started);
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('component.authorize.formTitle')}>
      <div className="card-head">
        <h3>
          <Icon name="wechat" /> {t('component.authorize.formTitle')}
        </h3>
        <span className="card-sub">{t('login.form.kind')}</span>
      </div>
      <div className="card-body form">
        <p className="muted small">{t('component.authorize.formIntro')}</p>
        {config && !config.configured && (
          <Callout tone="warn" title={t('component.authorize.notConfigured')}>
            <button type="button" className="btn btn-sm" onClick={() => navigate({ view: 'login', params: ['platform'] })}>
              {t('component.authorize.configure')}
            </button>
          </Callout>
        )}
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        <div className="form-grid">
          <Field label={t('fields.identifier')} error={form.errors.identifier} required hint={t('login.form.identifierHint')}>
            {(p) => <input {...p} className="input mono" value={v.identifier} onChange={(e) => form.set('identifier', e.target.value)} spellCheck={false} />}
          </Field>
          <Field label={t('fields.displayName')} error={form.errors.displayName} required hint={t('login.form.displayNameHint')}>
            {(p) => <input {...p} className="input" value={v.displayName} onChange={(e) => form.set('displayName', e.target.value)} maxLength={64} />}
          </Field>
        </div>
        <RadioCards legend={t('fields.loginMode')} name="authorize-login-mode" value={v.loginMode} options={loginModes} onChange={(x) => form.set('loginMode', x)} row />
        <RadioCards legend={t('fields.association')} name="authorize-association" value={v.association} options={associations} onChange={(x) => form.set('association', x)} />
      </div>
      <div className="card-foot">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          <Icon name="wechat" size={14} /> {t('component.authorize.start')}
        </button>
      </div>
    </form>
  );
}
