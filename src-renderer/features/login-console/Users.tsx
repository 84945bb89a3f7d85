import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, DateTime, Empty, formatDateTime } from '../../components/ui';
import type { LoginUser, LoginPool } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectAccounts, selectUsers } from '../../store/selectors';
import { NewUserForm } from './NewUserForm';

/** Users of the pool with their WeChat identities and their recent logins. */
export function Users({ pool }: { pool: LoginPool }): React.JSX.Element {
  const all = useStudio(selectUsers);
  const accounts = useStudio(selectAccounts).data;
  const { loadUsers } = useActions();
  useEffect(() => {
    void loadUsers(pool.id);
  }, [pool.id, loadUsers]);
  const users = all[pool.id];
  const { t } = useTranslation();
  return (
    <div className="stack">
      <details className="disclosure">
        <summary>{t('login.users.newSummary')}</summary>
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
  pool: LoginPool;
  users: LoginUser[] | undefined;
  accountName: (appId: string) => string;
}): React.JSX.Element {
  const { t } = useTranslation();
  if (!users) return <Empty icon="users" title={t('common.loading')} />;
  if (!users.length)
    return (
      <Empty icon="users" title={t('login.users.none')}>
        {t('login.users.noneHint')}
      </Empty>
    );
  const appName = (id: string | null): string => (id ? (pool.apps.find((a) => a.id === id)?.name ?? id) : '—');
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('login.tabs.users')}>
        <thead>
          <tr>
            <th>{t('login.users.user')}</th>
            <th>{t('login.users.identities')}</th>
            <th>{t('login.users.logins')}</th>
            <th>{t('common.created')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                <strong className="ellipsis" title={u.nickname || u.username} translate="no">
                  {u.nickname || u.username}
                </strong>
                <div className="mono xsmall muted" translate="no">
                  {u.username}
                </div>
                {u.unionId && (
                  <div className="mono xsmall muted break" translate="no">
                    UnionID {u.unionId}
                  </div>
                )}
                {u.hasPassword && <Badge tone="outline">{t('login.users.hasPassword')}</Badge>}
              </td>
              <td>
                <div className="identities">
                  {u.identities.length === 0 && <span className="muted">—</span>}
                  {u.identities.map((i) => (
                    <div className="identity" key={`${i.appId}:${i.openId}`}>
                      <Badge tone="green" data>
                        {i.connection}
                      </Badge>
                      <span className="mono break" translate="no">
                        {i.openId}
                      </span>
                      <span className="muted" translate="no">
                        {accountName(i.appId)}
                      </span>
                      {i.unionId && (
                        <span className="mono muted break" translate="no">
                          UnionID {i.unionId}
                        </span>
                      )}
                    </div>
                  ))}
                </div>
              </td>
              <td>
                <div className="identities">
                  {u.logins.length === 0 && <span className="muted">{t('login.users.never')}</span>}
                  {u.logins.slice(0, 4).map((l, n) => (
                    <div className="identity" key={n}>
                      {formatDateTime(l.at)} · <span translate="no">{appName(l.appId)}</span>{' '}
                      <span className="muted">{t('login.users.via', { connection: l.connection })}</span>
                    </div>
                  ))}
                  {u.logins.length > 4 && <div className="xsmall muted">{t('login.users.more', { count: u.logins.length - 4 })}</div>}
                </div>
              </td>
              <td>
                <DateTime ms={u.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
