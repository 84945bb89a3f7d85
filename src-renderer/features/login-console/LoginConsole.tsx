import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useErrorText } from '../../i18n/hooks';
import { Badge, CopyButton, Empty, Tabs } from '../../components/ui';
import { useActions, useStudio } from '../../store/context';
import { selectPools, selectRoute, selectSelectedPool } from '../../store/selectors';
import { Applications } from './Applications';
import { IdentitySources } from './IdentitySources';
import { Sessions } from './Sessions';
import { Users } from './Users';
import { ComponentPanel } from './component/ComponentPanel';

type LoginTab = 'sources' | 'apps' | 'users' | 'sessions' | 'platform';
const TABS: readonly LoginTab[] = ['sources', 'apps', 'users', 'sessions', 'platform'];

/** The login server's console (seed steps 2–3): identity sources, applications, users, login sessions. */
export function LoginConsole(): React.JSX.Element {
  const pools = useStudio(selectPools);
  const pool = useStudio(selectSelectedPool);
  const route = useStudio(selectRoute);
  const { navigate, selectPool } = useActions();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const tab: LoginTab = TABS.includes(route.params[0] as LoginTab) ? (route.params[0] as LoginTab) : 'sources';

  if (!pool) {
    return (
      <div className="view">
        <div className="card">
          <Empty icon="login" title={pools.loaded ? t('login.noPool') : t('common.loading')}>
            {pools.error ? errorText(pools.error) : null}
          </Empty>
        </div>
      </div>
    );
  }

  return (
    <div className="view">
      <div className="card">
        <div className="account-head">
          <span className="wx-avatar" style={{ background: 'var(--blue)' }} aria-hidden="true">
            <Icon name="login" size={22} />
          </span>
          <div style={{ minWidth: 0, flex: 1 }}>
            <h2 className="ellipsis" title={pool.name} translate="no">
              {pool.name}
            </h2>
            <div className="row wrap">
              <span className="muted small">{t('login.poolId')}</span>
              <span className="mono small" translate="no">
                {pool.id}
              </span>
              <CopyButton value={pool.id} label={t('login.poolId')} />
              <Badge tone="outline">{t('login.sourceCount', { count: pool.connections.length })}</Badge>
              <Badge tone="outline">{t('login.appCount', { count: pool.apps.length })}</Badge>
            </div>
          </div>
          {pools.data.length > 1 && (
            <label className="row small muted">
              {t('login.pool')}
              <select className="select" style={{ width: 200 }} value={pool.id} onChange={(e) => selectPool(e.target.value)}>
                {pools.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <Tabs label={t('views.login.title')} idPrefix="login" tabs={TABS.map((value) => ({ value, label: value === 'platform' ? t('component.tab') : t(`login.tabs.${value}`) }))} value={tab} onChange={(t) => navigate({ view: 'login', params: [t] })} />
        <div role="tabpanel" id="login-panel" aria-labelledby={`login-tab-${tab}`} className="card-body">
          {tab === 'sources' && <IdentitySources pool={pool} />}
          {tab === 'apps' && <Applications pool={pool} />}
          {tab === 'users' && <Users pool={pool} />}
          {tab === 'sessions' && <Sessions pool={pool} />}
          {tab === 'platform' && <ComponentPanel pool={pool} />}
        </div>
      </div>
    </div>
  );
}
