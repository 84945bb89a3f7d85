import { useTranslation } from 'react-i18next';
import { Field } from '../../components/form';
import { Callout } from '../../components/ui';
import { useActions, useApi } from '../../store/context';
import { useForm } from '../shared/use-form';

interface Values {
  username: string;
  password: string;
  nickname: string;
  unionId: string;
}
const FIELDS = ['username', 'password', 'nickname', 'unionId'] as const;
const EMPTY: Values = { username: '', password: '', nickname: '', unionId: '' };

/**
 * An existing account of the pool, made by hand: with a password it is what query binding signs in to;
 * with a UnionID it is what field matching finds. The server's rules name the field that is wrong.
 */
export function NewUserForm({ poolId }: { poolId: string }): React.JSX.Element {
  const api = useApi();
  const { loadUsers, notify } = useActions();
  const form = useForm<Values>(EMPTY);
  const { t } = useTranslation();
  const v = form.values;

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const created = await form.submit(
      () =>
        api.createUser({
          poolId,
          username: v.username.trim(),
          ...(v.password ? { password: v.password } : {}),
          ...(v.nickname.trim() ? { nickname: v.nickname.trim() } : {}),
          ...(v.unionId.trim() ? { unionId: v.unionId.trim() } : {}),
        }),
      FIELDS,
    );
    if (created) {
      notify('ok', { key: 'userCreated', values: { name: v.username.trim() } });
      form.setValues(EMPTY);
      await loadUsers(poolId);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('login.users.new')}>
      {form.formError && <Callout tone="error">{form.formError}</Callout>}
      <div className="form-grid">
        <Field label={t('fields.username')} required error={form.errors.username}>
          {(p) => <input {...p} className="input" value={v.username} onChange={(e) => form.set('username', e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('fields.password')} error={form.errors.password} hint={t('login.users.passwordHint')}>
          {(p) => <input {...p} type="password" className="input" value={v.password} onChange={(e) => form.set('password', e.target.value)} autoComplete="new-password" />}
        </Field>
        <Field label={t('fields.nickname')} error={form.errors.nickname}>
          {(p) => <input {...p} className="input" value={v.nickname} onChange={(e) => form.set('nickname', e.target.value)} />}
        </Field>
        <Field label={t('fields.unionId')} error={form.errors.unionId} hint={t('login.users.unionIdHint')}>
          {(p) => <input {...p} className="input mono" value={v.unionId} onChange={(e) => form.set('unionId', e.target.value)} spellCheck={false} />}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.submitting}>
          {t('login.users.create')}
        </button>
      </div>
    </form>
  );
}
