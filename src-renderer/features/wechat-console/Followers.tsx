import { useTranslation } from 'react-i18next';
import { Badge, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { Account } from '../../api/types';
import { useStudio } from '../../store/context';
import { selectFollowers } from '../../store/selectors';

/** Personas who follow (or followed) the account, with the scene of their follow and the history. */
export function Followers({ account }: { account: Account }): React.JSX.Element {
  const { t } = useTranslation();
  const all = useStudio(selectFollowers);
  const followers = all[account.appId];
  if (!followers) return <Empty icon="users" title={t('common.loading')} />;
  if (!followers.length)
    return (
      <Empty icon="users" title={t('wechat.followers.none')}>
        {t('wechat.followers.noneHint')}
      </Empty>
    );
  const following = followers.filter((f) => f.following).length;
  const action = (a: string): string => (a === 'subscribe' || a === 'unsubscribe' ? t(`wechat.followers.action.${a}`) : a);
  return (
    <div className="stack-sm">
      <p className="muted small">{t('wechat.followers.summary', { following, unfollowed: followers.length - following })}</p>
      <div className="table-wrap">
        <table className="table" aria-label={t('wechat.tabs.followers')}>
          <thead>
            <tr>
              <th>{t('wechat.followers.persona')}</th>
              <th>OpenID</th>
              <th>{t('wechat.followers.state')}</th>
              <th>{t('wechat.followers.scene')}</th>
              <th>{t('wechat.followers.history')}</th>
            </tr>
          </thead>
          <tbody>
            {followers.map((f) => {
              const history = f.history ?? [];
              const last = history[history.length - 1];
              return (
                <tr key={f.openId}>
                  <td>
                    <strong className="nowrap" title={f.name} translate="no">
                      {f.name}
                    </strong>
                    {f.unionId && (
                      <div className="mono xsmall muted" translate="no">
                        UnionID {f.unionId}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className="row">
                      <span className="mono break" translate="no">
                        {f.openId}
                      </span>
                      <CopyButton value={f.openId} label={t('copy.openIdOf', { name: f.name })} />
                    </span>
                  </td>
                  <td>
                    {f.following ? <Badge tone="green">{t('wechat.followers.following')}</Badge> : <Badge>{t('wechat.followers.unfollowed')}</Badge>}
                    <div className="xsmall muted">{f.subscribeTime ? t('wechat.followers.since', { time: formatDateTime(f.subscribeTime * 1000) }) : ''}</div>
                  </td>
                  <td>
                    <span className="mono xsmall" translate="no">
                      {f.subscribeScene || '—'}
                    </span>
                    {f.qrSceneStr && (
                      <div className="mono xsmall muted" title={f.qrSceneStr}>
                        {t('wechat.followers.sceneValue', { scene: f.qrSceneStr.length > 16 ? `${f.qrSceneStr.slice(0, 16)}…` : f.qrSceneStr })}
                      </div>
                    )}
                  </td>
                  <td className="xsmall muted" title={history.map((h) => `${action(h.action)} ${formatDateTime(h.at)}`).join('\n')}>
                    {history.length ? t('wechat.followers.events', { count: history.length, last: action(last!.action) }) : '—'}
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
