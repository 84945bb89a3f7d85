import { useEffect } from 'react';
import { Badge, Empty, formatDateTime } from '../../components/ui';
import type { PoolDto } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectSessions, selectUsers } from '../../store/selectors';
import { statusTone } from '../stage/status';

/** QR login sessions of the pool, live: PENDING → SCANNED → AUTHORIZED, or EXPIRED / CANCELLED / ERROR. */
export function Sessions({ pool }: { pool: PoolDto }): React.JSX.Element {
  const all = useStudio(selectSessions);
  const users = useStudio(selectUsers)[pool.id];
  const { loadSessions, loadUsers } = useActions();
  useEffect(() => {
    void loadSessions(pool.id);
    void loadUsers(pool.id);
  }, [pool.id, loadSessions, loadUsers]);
  const sessions = all[pool.id];
  if (!sessions) return <Empty icon="clock" title="Loading sessions…" />;
  if (!sessions.length) return <Empty icon="clock" title="No login sessions yet">Each QR code a login page shows is one session.</Empty>;
  const userName = (id?: string): string => {
    if (!id) return '—';
    const u = users?.find((x) => x.id === id);
    return u ? u.nickname || u.username : id;
  };
  const appName = (id?: string): string => (id ? (pool.apps.find((a) => a.id === id)?.name ?? id) : '—');
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Login sessions">
        <thead>
          <tr>
            <th>Status</th>
            <th>Session</th>
            <th>Application</th>
            <th>Created</th>
            <th>Expires</th>
            <th>User</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <Badge tone={statusTone(s.status)}>{s.status}</Badge>
              </td>
              <td className="mono">{s.id.slice(0, 14)}</td>
              <td>{appName(s.appId)}</td>
              <td>{formatDateTime(s.createdAt)}</td>
              <td>{formatDateTime(s.expiresAt)}</td>
              <td>{userName(s.userId)}</td>
              <td className="small">{s.error ?? (s.needsBinding ? 'waiting for the user to bind an account' : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
