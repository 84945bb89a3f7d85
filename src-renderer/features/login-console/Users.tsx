import { useEffect } from 'react';
import { Badge, Empty, formatDateTime } from '../../components/ui';
import type { LoginUserDto, PoolDto } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectAccounts, selectUsers } from '../../store/selectors';
import { NewUserForm } from './NewUserForm';

/** Users of the pool with their WeChat identities and their recent logins. */
export function Users({ pool }: { pool: PoolDto }): React.JSX.Element {
  const all = useStudio(selectUsers);
  const accounts = useStudio(selectAccounts).data;
  const { loadUsers } = useActions();
  useEffect(() => {
    void loadUsers(pool.id);
  }, [pool.id, loadUsers]);
  const users = all[pool.id];
  return (
    <div className="stack">
      <details className="disclosure">
        <summary>New user (for query binding or field matching)</summary>
        <NewUserForm poolId={pool.id} />
      </details>
      <UserTable pool={pool} users={users} accountName={(appId) => accounts.find((a) => a.appId === appId)?.name ?? appId} />
    </div>
  );
}

function UserTable({
  pool,
  users,
  accountName,
}: {
  pool: PoolDto;
  users: LoginUserDto[] | undefined;
  accountName: (appId: string) => string;
}): React.JSX.Element {
  if (!users) return <Empty icon="users" title="Loading users…" />;
  if (!users.length) return <Empty icon="users" title="No users yet">A first-time WeChat user who scans and follows becomes one (unless the source is login-only).</Empty>;
  const appName = (id: string | null): string => (id ? (pool.apps.find((a) => a.id === id)?.name ?? id) : '—');
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Users">
        <thead>
          <tr>
            <th>User</th>
            <th>Identities</th>
            <th>Logins</th>
            <th>Created</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <strong>{u.nickname || u.username}</strong>
                <div className="mono xsmall muted">{u.username}</div>
                {u.unionId && <div className="mono xsmall muted">UnionID {u.unionId}</div>}
                {u.hasPassword && <Badge tone="outline">password</Badge>}
              </td>
              <td>
                <div className="identities">
                  {u.identities.length === 0 && <span className="muted">—</span>}
                  {u.identities.map((i) => (
                    <div className="identity" key={`${i.appId}:${i.openId}`}>
                      <Badge tone="green">{i.connection}</Badge>
                      <span className="mono">{i.openId}</span>
                      <span className="muted">{accountName(i.appId)}</span>
                      {i.unionId && <span className="mono muted">UnionID {i.unionId}</span>}
                    </div>
                  ))}
                </div>
              </td>
              <td>
                <div className="identities">
                  {u.logins.length === 0 && <span className="muted">never</span>}
                  {u.logins.slice(0, 4).map((l, n) => (
                    <div className="identity" key={n}>
                      {formatDateTime(l.at)} · {appName(l.appId)} <span className="muted">via {l.connection}</span>
                    </div>
                  ))}
                  {u.logins.length > 4 && <div className="xsmall muted">and {u.logins.length - 4} more</div>}
                </div>
              </td>
              <td>{formatDateTime(u.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
