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

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!form.values.name.trim()) {
      form.setErrors({ name: 'name must not be empty' });
      return;
    }
    const body = { name: form.values.name.trim(), ...(form.values.unionId.trim() ? { unionId: form.values.unionId.trim() } : {}) };
    const p = await form.submit(() => api.createPersona(body), ['name', 'unionId']);
    if (p) {
      form.setValues({ name: '', unionId: '' });
      await loadPersonas();
      notify('ok', `${p.name} can now hold the phone.`);
    }
  };
  const nameOf = (appId: string): string => accounts.find((a) => a.appId === appId)?.name ?? appId;

  return (
    <>
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="users" /> Personas
          </h2>
          <span className="card-sub">Who holds the phone on the stage</span>
        </div>
        {personas.data.length ? (
          <div className="table-wrap">
            <table className="table" aria-label="Personas">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>UnionID</th>
                  <th>Accounts (OpenID · state)</th>
                </tr>
              </thead>
              <tbody>
                {personas.data.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <strong>{p.name}</strong>
                      <div className="mono xsmall muted">{p.id}</div>
                    </td>
                    <td className="mono">{p.unionId ?? '—'}</td>
                    <td>
                      <div className="identities">
                        {p.accounts.length === 0 && <span className="muted">—</span>}
                        {p.accounts.map((a) => (
                          <div className="identity" key={a.appId}>
                            <span>{nameOf(a.appId)}</span>
                            <span className="mono muted">{a.openId}</span>
                            {a.following ? <Badge tone="green">following</Badge> : <Badge>not following</Badge>}
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
          <Empty icon="users" title={personas.loaded ? 'No personas' : 'Loading…'} />
        )}
      </div>
      <form className="card" onSubmit={submit} noValidate aria-label="New persona">
        <div className="card-head">
          <h3>New persona</h3>
        </div>
        <div className="card-body form">
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <div className="form-grid">
            <Field label="Name" required error={form.errors.name}>
              {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
            </Field>
            <Field label="UnionID" error={form.errors.unionId} hint="Optional: 28 characters starting with “o”. Identity association by field matching uses it.">
              {(p) => <input {...p} className="input mono" value={form.values.unionId} onChange={(e) => form.set('unionId', e.target.value)} spellCheck={false} />}
            </Field>
          </div>
        </div>
        <div className="card-foot">
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            <Icon name="plus" size={14} /> Add persona
          </button>
        </div>
      </form>
    </>
  );
}
