import { useTranslation } from 'react-i18next';
import { componentConfigSchema } from '../../../../src-main/contracts/open-platform';
import { Field, SecretInput } from '../../../components/form';
import { Callout } from '../../../components/ui';
import { useActions, useApi } from '../../../store/context';
import { AesKeyInput } from '../../shared/AesKeyInput';
import { useForm } from '../../shared/use-form';

const FIELDS = ['componentAppId', 'componentAppSecret', 'token', 'encodingAesKey'] as const;
type ComponentField = (typeof FIELDS)[number];
type Values = Record<ComponentField, string>;

/**
 * The pool's third-party platform credentials entered by hand, as the Open Platform's console shows them
 * (the AppSecret once, at creation). Saving asks WeChat to push a verify ticket at once.
 */
export function ComponentForm({ poolId, onDone }: { poolId: string; onDone: () => void }): React.JSX.Element {
  const api = useApi();
  const { loadComponent } = useActions();
  const form = useForm<Values>({ componentAppId: '', componentAppSecret: '', token: '', encodingAesKey: '' });
  const { t } = useTranslation();
  const v = form.values;

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const r = componentConfigSchema.safeParse(v);
    if (!r.success) {
      const bad = new Set(r.error.issues.map((i) => i.path[0] as ComponentField));
      form.setErrors(Object.fromEntries([...bad].map((f) => [f, t(`component.rules.${f}`)])));
      return;
    }
    const saved = await form.submit(() => api.putComponent(poolId, r.data), FIELDS);
    if (saved) {
      await loadComponent(poolId);
      onDone();
    }
  };

  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('component.formTitle')}>
      <div className="card-head">
        <h3>{t('component.formTitle')}</h3>
      </div>
      <div className="card-body form">
        {form.formError && <Callout tone="error">{form.formError}</Callout>}
        <div className="form-grid">
          <Field label={t('component.componentAppId')} error={form.errors.componentAppId} required>
            {(p) => <input {...p} className="input mono" value={v.componentAppId} onChange={(e) => form.set('componentAppId', e.target.value.trim())} spellCheck={false} />}
          </Field>
          <Field label={t('component.componentAppSecret')} error={form.errors.componentAppSecret} required hint={t('component.secretHint')}>
            {(p) => <SecretInput control={p} value={v.componentAppSecret} onChange={(x) => form.set('componentAppSecret', x.trim())} revealLabel={t('component.componentAppSecret')} />}
          </Field>
          <Field label={t('component.token')} error={form.errors.token} required>
            {(p) => <SecretInput control={p} value={v.token} onChange={(x) => form.set('token', x)} revealLabel={t('component.token')} />}
          </Field>
          <Field label={t('component.encodingAesKey')} error={form.errors.encodingAesKey} required>
            {(p) => <AesKeyInput control={p} value={v.encodingAesKey} onChange={(x) => form.set('encodingAesKey', x)} />}
          </Field>
        </div>
      </div>
      <div className="card-foot">
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
