import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { Badge, CopyButton, Dialog, Empty } from '../../components/ui';
import type { ConnectionDto, PoolDto } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { errorText } from '../../store/errors';
import { selectAccounts } from '../../store/selectors';
import { ConnectionForm } from './ConnectionForm';

const LOGIN_MODE_LABEL = { 'login-only': 'Login only', 'login-and-register': 'Login and register' } as const;
const ASSOC_LABEL = { off: 'Off', 'field-matching': 'Field matching', 'query-binding': 'Query binding' } as const;

/** Social identity sources of the pool: the "WeChat Official Account Follow" connections (seed step 2). */
export function IdentitySources({ pool }: { pool: PoolDto }): React.JSX.Element {
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ConnectionDto | null>(null);
  const accounts = useStudio(selectAccounts).data;
  const api = useApi();
  const { loadPools, notify, navigate } = useActions();

  const remove = async (): Promise<void> => {
    if (!deleting) return;
    try {
      await api.deleteConnection(pool.id, deleting.identifier);
      await loadPools();
      notify('ok', `Deleted ${deleting.identifier}.`);
    } catch (err) {
      notify('error', `Could not delete: ${errorText(err)}`);
    } finally {
      setDeleting(null);
    }
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="muted" style={{ flex: 1 }}>
          Users sign in by scanning the account&apos;s QR code and following it. Set the account&apos;s server URL to the events URL below (mode 1).
        </p>
        {editing !== 'new' && (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            <Icon name="plus" size={14} /> Create identity source
          </button>
        )}
      </div>
      {editing === 'new' && <ConnectionForm poolId={pool.id} onCancel={() => setEditing(null)} onDone={() => setEditing(null)} />}
      <div className="conn-list">
        {pool.connections.map((c) =>
          editing === c.identifier ? (
            <ConnectionForm key={c.identifier} poolId={pool.id} existing={c} onCancel={() => setEditing(null)} onDone={() => setEditing(null)} />
          ) : (
            <article className="conn" key={c.identifier} aria-label={`Identity source ${c.identifier}`}>
              <div style={{ minWidth: 0 }}>
                <div className="conn-title">
                  <Icon name="wechat" size={18} /> {c.displayName}
                  <Badge tone="outline">{c.identifier}</Badge>
                </div>
                <dl className="kv">
                  <dt>Developer ID (AppID)</dt>
                  <dd>
                    <span className="value-mono">{c.appId}</span>
                    {accounts.find((a) => a.appId === c.appId) ? (
                      <span className="muted small"> · {accounts.find((a) => a.appId === c.appId)!.name}</span>
                    ) : (
                      <Badge tone="amber">no such account on the WeChat console</Badge>
                    )}
                  </dd>
                  <dt>AppSecret</dt>
                  <dd className="value-mono">{c.appSecretMasked}</dd>
                  <dt>Message mode</dt>
                  <dd>
                    <Badge tone={c.mode === 'safe' ? 'green' : c.mode === 'compatible' ? 'blue' : 'amber'}>{c.mode}</Badge>
                  </dd>
                  <dt>Login mode</dt>
                  <dd>{LOGIN_MODE_LABEL[c.loginMode]}</dd>
                  <dt>Identity association</dt>
                  <dd>{ASSOC_LABEL[c.association]}</dd>
                  <dt>Events URL</dt>
                  <dd>
                    <span className="row">
                      <span className="value-mono">{c.eventsUrl}</span>
                      <CopyButton value={c.eventsUrl} label={`events URL of ${c.identifier}`} />
                    </span>
                  </dd>
                </dl>
              </div>
              <div className="stack-sm" style={{ alignContent: 'start' }}>
                <button type="button" className="btn btn-sm" onClick={() => setEditing(c.identifier)} aria-label={`Edit ${c.identifier}`}>
                  Edit
                </button>
                {accounts.some((a) => a.appId === c.appId) && (
                  <button type="button" className="btn btn-sm" onClick={() => navigate({ view: 'wechat', params: [c.appId, 'server'] })}>
                    Server config
                  </button>
                )}
                <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(c)} aria-label={`Delete ${c.identifier}`}>
                  Delete
                </button>
              </div>
            </article>
          ),
        )}
        {!pool.connections.length && editing !== 'new' && (
          <div className="card">
            <Empty icon="wechat" title="No identity sources">
              Create a WeChat Official Account Follow identity source with the account&apos;s AppID, AppSecret, Token and EncodingAESKey.
            </Empty>
          </div>
        )}
      </div>
      <Dialog
        open={Boolean(deleting)}
        onClose={() => setDeleting(null)}
        title="Delete the identity source?"
        actions={
          <>
            <button type="button" className="btn" onClick={() => setDeleting(null)}>
              Cancel
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void remove()}>
              Delete
            </button>
          </>
        }
      >
        <p>
          Users can no longer sign in with <strong>{deleting?.displayName}</strong> ({deleting?.identifier}); pushes to its events URL will fail.
        </p>
      </Dialog>
    </div>
  );
}
