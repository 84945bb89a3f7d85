import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../i18n/hooks';
import { Badge, DateTime, Empty } from '../../components/ui';
import type { LoginPool } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectSessions, selectUsers } from '../../store/selectors';
import { isStatus, statusTone } from '../stage/status';

/** QR login sessions of the pool, live: PENDING → SCANNED → AUTHORIZED, or EXPIRED / CANCELLED / ERROR. */
export function Sessions({ pool }: { pool: LoginPool }): React.JSX.Element {
  const all = useStudio(selectSessions);
  const users = useStudio(selectUsers)[pool.id];
  const { loadSessions, loadUsers } = useActions();
  const { t } = useTranslation();
  const errorText = useErrorText();
  useEffect(() => {
    void loadSessions(pool.id);
    void loadUsers(pool.id);
  }, [pool.id, loadSessions, loadUsers]);
  const sessions = all[pool.id];
  if (!sessions) return <Empty icon="clock" title={t('common.loading')} />;
  if (!sessions.length)
    return (
      <Empty icon="clock" title={t('login.sessions.none')}>
        {t('login.sessions.noneHint')}
      </Empty>
    );
  const userName = (id?: string): string => {
    if (!id) return '—';
    const u = users?.find((x) => x.id === id);
    return u ? u.nickname || u.username : id;
  };
  const appName = (id?: string): string => (id ? (pool.apps.find((a) => a.id === id)?.name ?? id) : '—');
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('login.tabs.sessions')}>
        <thead>
          <tr>
            <th>{t('login.sessions.status')}</th>
            <th>{t('login.sessions.session')}</th>
            <th>{t('login.sessions.application')}</th>
            <th>{t('common.created')}</th>
            <th>{t('login.sessions.expires')}</th>
            <th>{t('login.users.user')}</th>
            <th>{t('login.sessions.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr key={s.id}>
              <td>
                <Badge tone={statusTone(s.status)} title={s.status}>
                  {isStatus(s.status) ? t(`status.${s.status}`) : s.status}
                </Badge>
              </td>
              <td className="mono" title={s.id} translate="no">
                {s.id.slice(0, 14)}
              </td>
              <td className="ellipsis" title={appName(s.appId)} translate="no">
                {appName(s.appId)}
              </td>
              <td>
                <DateTime ms={s.createdAt} />
              </td>
              <td>
                <DateTime ms={s.expiresAt} />
              </td>
              <td className="ellipsis" title={userName(s.userId)} translate="no">
                {userName(s.userId)}
              </td>
              <td className="small">{s.error ? errorText({ code: 'session', message: s.error }) : s.needsBinding ? t('login.sessions.waitingBind') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
