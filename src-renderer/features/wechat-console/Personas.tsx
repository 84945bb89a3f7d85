import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Badge, Callout, Empty } from '../../components/ui';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectAccounts, selectPersonas } from '../../store/selectors';
import { useForm } from '../shared/use-form';

/** Personas are WeChat users: a name for the phone, an OpenID per account, an optional UnionID. */
export function Personas(): React.JSX.Element {
  const personas = useStudio(selectPersonas);
  const accounts = useStudio(selectAccounts).data;
  const api = useApi();
  const { loadPersonas, notify } = useActions();
  const form = useForm({ name: '', unionId: '' });
  const { t } = useTranslation();

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!form.values.name.trim()) {
      form.setErrors({ name: t('rules.nameRequired') });
      return;
    }
    const body = { name: form.values.name.trim(), ...(form.values.unionId.trim() ? { unionId: form.values.unionId.trim() } : {}) };
    const p = await form.submit(() => api.createPersona(body), ['name', 'unionId']);
    if (p) {
      form.setValues({ name: '', unionId: '' });
      await loadPersonas();
      notify('ok', { key: 'personaAdded', values: { name: p.name } });
    }
  };
  const nameOf = (appId: string): string => accounts.find((a) => a.appId === appId)?.name ?? appId;

  return (
    <>
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="users" /> {t('wechat.personas.title')}
          </h2>
          <span className="card-sub">{t('wechat.personas.sub')}</span>
        </div>
        {personas.data.length ? (
          <div className="table-wrap">
            <table className="table" aria-label={t('wechat.personas.title')}>
              <thead>
                <tr>
                  <th>{t('fields.name')}</th>
                  <th>{t('fields.unionId')}</th>
                  <th>{t('wechat.personas.accounts')}</th>
                </tr>
              </thead>
              <tbody>
                {personas.data.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <strong className="ellipsis" title={p.name} translate="no">
                        {p.name}
                      </strong>
                      <div className="mono xsmall muted" translate="no">
                        {p.id}
                      </div>
                    </td>
                    <td className="mono break" translate="no">
                      {p.unionId ?? '—'}
                    </td>
                    <td>
                      <div className="identities">
                        {p.accounts.length === 0 && <span className="muted">—</span>}
                        {p.accounts.map((a) => (
                          <div className="identity" key={a.appId}>
                            <span translate="no">{nameOf(a.appId)}</span>
                            <span className="mono muted break" translate="no">
                              {a.openId}
                            </span>
                            {a.following ? <Badge tone="green">{t('wechat.followers.following')}</Badge> : <Badge>{t('phone.notFollowing')}</Badge>}
                          </div>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty icon="users" title={personas.loaded ? t('phone.noPersonas') : t('common.loading')} />
        )}
      </div>
      <form className="card" onSubmit={submit} noValidate aria-label={t('wechat.personas.new')}>
        <div className="card-head">
          <h3>{t('wechat.personas.new')}</h3>
        </div>
        <div className="card-body form">
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <div className="form-grid">
            <Field label={t('fields.name')} required error={form.errors.name}>
              {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
            </Field>
            <Field label={t('fields.unionId')} error={form.errors.unionId} hint={t('wechat.personas.unionIdHint')}>
              {(p) => <input {...p} className="input mono" value={form.values.unionId} onChange={(e) => form.set('unionId', e.target.value)} spellCheck={false} />}
            </Field>
          </div>
        </div>
        <div className="card-foot">
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            <Icon name="plus" size={14} /> {t('wechat.personas.add')}
          </button>
        </div>
      </form>
    </>
  );
}
