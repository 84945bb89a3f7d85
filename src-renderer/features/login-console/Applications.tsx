import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { PoolDto } from '../../api/types';
import { useActions, useApi, useDesktop } from '../../store/context';
import { useForm } from '../shared/use-form';

/** Applications of the pool, each with its hosted login page and "Experience login" (seed step 3). */
export function Applications({ pool }: { pool: PoolDto }): React.JSX.Element {
  const api = useApi();
  const desktop = useDesktop();
  const { loadPools, notify, setLoginApp, navigate } = useActions();
  const form = useForm({ name: '' });

  const create = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    if (!form.values.name.trim()) {
      form.setErrors({ name: 'Application name is required, at most 64 characters' });
      return;
    }
    const app = await form.submit(() => api.createApp(pool.id, { name: form.values.name.trim() }), ['name']);
    if (app) {
      form.setValues({ name: '' });
      await loadPools();
      notify('ok', `Created ${app.name}.`);
    }
  };

  return (
    <div className="stack">
      <p className="muted">
        &quot;Experience login&quot; opens the application&apos;s hosted login page in a pop-up window, as a site would. The stage shows the same page in its PC browser.
      </p>
      <div className="conn-list">
        {pool.apps.map((a) => (
          <article className="app-card" key={a.id} aria-label={`Application ${a.name}`}>
            <span className="app-icon">
              <Icon name="app" size={20} />
            </span>
            <div style={{ flex: 1, minWidth: 0 }}>
              <div className="conn-title" style={{ fontSize: 'var(--fs-md)' }}>
                {a.name}
              </div>
              <div className="row small muted">
                <span className="value-mono" style={{ fontSize: 'var(--fs-xs)' }}>
                  {a.loginUrl}
                </span>
                <CopyButton value={a.loginUrl} label={`login URL of ${a.name}`} />
              </div>
              <div className="xsmall muted">
                App ID <span className="mono">{a.id}</span>
                {a.createdAt ? ` · created ${formatDateTime(a.createdAt)}` : ''}
              </div>
            </div>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setLoginApp(a.id);
                navigate({ view: 'stage', params: [] });
              }}
            >
              <Icon name="stage" size={14} /> Show on stage
            </button>
            <button type="button" className="btn btn-primary" onClick={() => desktop.openPopup(a.loginUrl, `experience-login-${a.id}`)} aria-label={`Experience login for ${a.name}`}>
              <Icon name="external" size={14} /> Experience login
            </button>
          </article>
        ))}
        {!pool.apps.length && (
          <div className="card">
            <Empty icon="app" title="No applications">Create one to get a hosted login page.</Empty>
          </div>
        )}
      </div>
      <form className="card" onSubmit={create} noValidate aria-label="New application">
        <div className="card-head">
          <h3>New application</h3>
        </div>
        <div className="card-body form">
          {form.formError && <Callout tone="error">{form.formError}</Callout>}
          <Field label="Application name" required error={form.errors.name}>
            {(p) => <input {...p} className="input" value={form.values.name} onChange={(e) => form.set('name', e.target.value)} maxLength={64} />}
          </Field>
        </div>
        <div className="card-foot">
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            <Icon name="plus" size={14} /> Create application
          </button>
        </div>
      </form>
    </div>
  );
}
