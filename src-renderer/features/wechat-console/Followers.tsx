import { Badge, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { Account } from '../../api/types';
import { useStudio } from '../../store/context';
import { selectFollowers } from '../../store/selectors';

/** Personas who follow (or followed) the account, with the scene of their follow and the history. */
export function Followers({ account }: { account: Account }): React.JSX.Element {
  const all = useStudio(selectFollowers);
  const followers = all[account.appId];
  if (!followers) return <Empty icon="users" title="Loading followers…" />;
  if (!followers.length) return <Empty icon="users" title="No followers yet">Scan a login QR code on the stage and follow to add one.</Empty>;
  const following = followers.filter((f) => f.following).length;
  return (
    <div className="stack-sm">
      <p className="muted small">
        {following} following · {followers.length - following} unfollowed
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Followers">
          <thead>
            <tr>
              <th>Persona</th>
              <th>OpenID</th>
              <th>State</th>
              <th>Subscribe scene</th>
              <th>History</th>
            </tr>
          </thead>
          <tbody>
            {followers.map((f) => {
              const history = f.history ?? [];
              const last = history[history.length - 1];
              return (
                <tr key={f.openId}>
                  <td>
                    <strong className="nowrap">{f.name}</strong>
                    {f.unionId && <div className="mono xsmall muted">UnionID {f.unionId}</div>}
                  </td>
                  <td>
                    <span className="row">
                      <span className="mono nowrap">{f.openId}</span>
                      <CopyButton value={f.openId} label={`OpenID of ${f.name}`} />
                    </span>
                  </td>
                  <td>
                    {f.following ? <Badge tone="green">following</Badge> : <Badge>unfollowed</Badge>}
                    <div className="xsmall muted">{f.subscribeTime ? `since ${formatDateTime(f.subscribeTime * 1000)}` : ''}</div>
                  </td>
                  <td>
                    <span className="mono xsmall">{f.subscribeScene || '—'}</span>
                    {f.qrSceneStr && (
                      <div className="mono xsmall muted" title={f.qrSceneStr}>
                        scene {f.qrSceneStr.length > 16 ? `${f.qrSceneStr.slice(0, 16)}…` : f.qrSceneStr}
                      </div>
                    )}
                  </td>
                  <td className="xsmall muted" title={history.map((h) => `${h.action} ${formatDateTime(h.at)}`).join('\n')}>
                    {history.length ? `${history.length} event${history.length > 1 ? 's' : ''} · last ${last!.action}` : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
