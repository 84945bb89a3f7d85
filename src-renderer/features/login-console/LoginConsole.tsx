import { Icon } from '../../components/Icon';
import { Badge, CopyButton, Empty, Tabs } from '../../components/ui';
import { useActions, useStudio } from '../../store/context';
import { selectPools, selectRoute, selectSelectedPool } from '../../store/selectors';
import { Applications } from './Applications';
import { IdentitySources } from './IdentitySources';
import { Sessions } from './Sessions';
import { Users } from './Users';

type LoginTab = 'sources' | 'apps' | 'users' | 'sessions';
const TABS: ReadonlyArray<{ value: LoginTab; label: string }> = [
  { value: 'sources', label: 'Identity sources' },
  { value: 'apps', label: 'Applications' },
  { value: 'users', label: 'Users' },
  { value: 'sessions', label: 'Login sessions' },
];

/** The login server's console (seed steps 2–3): identity sources, applications, users, login sessions. */
export function LoginConsole(): React.JSX.Element {
  const pools = useStudio(selectPools);
  const pool = useStudio(selectSelectedPool);
  const route = useStudio(selectRoute);
  const { navigate, selectPool } = useActions();
  const tab: LoginTab = TABS.some((t) => t.value === route.params[0]) ? (route.params[0] as LoginTab) : 'sources';

  if (!pool) {
    return (
      <div className="view">
        <div className="card">
          <Empty icon="login" title={pools.loaded ? 'No user pool' : 'Loading…'}>
            {pools.error}
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
            <h2>{pool.name}</h2>
            <div className="row wrap">
              <span className="muted small">User pool ID</span>
              <span className="mono small">{pool.id}</span>
              <CopyButton value={pool.id} label="user pool ID" />
              <Badge tone="outline">{plural(pool.connections.length, 'identity source')}</Badge>
              <Badge tone="outline">{plural(pool.apps.length, 'application')}</Badge>
            </div>
          </div>
          {pools.data.length > 1 && (
            <label className="row small muted">
              User pool
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
        <Tabs label="Login console" idPrefix="login" tabs={TABS} value={tab} onChange={(t) => navigate({ view: 'login', params: [t] })} />
        <div role="tabpanel" id="login-panel" aria-labelledby={`login-tab-${tab}`} className="card-body">
          {tab === 'sources' && <IdentitySources pool={pool} />}
          {tab === 'apps' && <Applications pool={pool} />}
          {tab === 'users' && <Users pool={pool} />}
          {tab === 'sessions' && <Sessions pool={pool} />}
        </div>
      </div>
    </div>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
