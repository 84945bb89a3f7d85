import { useEffect, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Badge, Empty, Tabs } from '../../components/ui';
import type { Account } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectAccounts, selectPersonas, selectRoute } from '../../store/selectors';
import { BasicConfig } from './BasicConfig';
import { Followers } from './Followers';
import { IpWhitelist } from './IpWhitelist';
import { NewAccountDialog } from './NewAccountDialog';
import { Permissions } from './Permissions';
import { Personas } from './Personas';
import { PlatformSettings } from './PlatformSettings';
import { ServerConfig } from './ServerConfig';
import { Relay } from './Relay';
import { Tickets } from './Tickets';

type AccountTab = 'basic' | 'ip' | 'permissions' | 'server' | 'relay' | 'followers' | 'tickets';
const TABS: ReadonlyArray<{ value: AccountTab; label: string }> = [
  { value: 'basic', label: 'Basic configuration' },
  { value: 'ip', label: 'IP whitelist' },
  { value: 'permissions', label: 'API permissions' },
  { value: 'server', label: 'Server configuration' },
  { value: 'relay', label: 'Relay' },
  { value: 'followers', label: 'Followers' },
  { value: 'tickets', label: 'QR tickets' },
];

export const MODE_LABEL: Record<string, string> = { plaintext: 'Plaintext', compatible: 'Compatible', safe: 'Safe' };

/** The mock WeChat Official Account platform's console (seed step 1): accounts, their settings, personas. */
export function WechatConsole(): React.JSX.Element {
  const accounts = useStudio(selectAccounts);
  const personas = useStudio(selectPersonas);
  const route = useStudio(selectRoute);
  const { navigate } = useActions();
  const [creating, setCreating] = useState(false);

  const [first, second] = route.params;
  const section = first === 'personas' ? 'personas' : first === 'settings' ? 'settings' : 'account';
  const account = section === 'account' ? (accounts.data.find((a) => a.appId === first) ?? accounts.data[0]) : undefined;
  const tab: AccountTab = TABS.some((t) => t.value === second) ? (second as AccountTab) : 'basic';

  const go = (params: string[]): void => navigate({ view: 'wechat', params });

  return (
    <div className="view">
      <div className="split">
        <div className="stack">
          <div className="card">
            <div className="card-head">
              <h2>Accounts</h2>
              <button type="button" className="btn btn-sm" onClick={() => setCreating(true)}>
                <Icon name="plus" size={14} /> New account
              </button>
            </div>
            <nav className="list-nav" aria-label="Accounts">
              {accounts.data.map((a) => (
                <button
                  type="button"
                  key={a.appId}
                  className="list-item"
                  aria-current={account?.appId === a.appId ? 'true' : undefined}
                  onClick={() => go([a.appId, tab])}
                >
                  <span className="list-item-title">
                    {a.name}
                    <AccountModeBadge account={a} />
                  </span>
                  <span className="list-item-sub">{a.appId}</span>
                </button>
              ))}
              {accounts.loaded && !accounts.data.length && (
                <Empty icon="wechat" title="No accounts">
                  {accounts.error ?? 'Create one to get an AppID and AppSecret.'}
                </Empty>
              )}
            </nav>
          </div>
          <div className="card">
            <nav className="list-nav" aria-label="Platform">
              <button type="button" className="list-item" aria-current={section === 'personas' ? 'true' : undefined} onClick={() => go(['personas'])}>
                <span className="list-item-title">
                  <Icon name="users" /> Personas
                  <Badge>{personas.data.length}</Badge>
                </span>
                <span className="list-item-sub" style={{ fontFamily: 'inherit' }}>
                  WeChat users who hold the phone
                </span>
              </button>
              <button type="button" className="list-item" aria-current={section === 'settings' ? 'true' : undefined} onClick={() => go(['settings'])}>
                <span className="list-item-title">
                  <Icon name="server" /> Platform settings
                </span>
                <span className="list-item-sub" style={{ fontFamily: 'inherit' }}>
                  Push timeout, retries, protocol details
                </span>
              </button>
            </nav>
          </div>
        </div>

        <div className="console-detail">
          {section === 'personas' && <Personas />}
          {section === 'settings' && <PlatformSettings />}
          {section === 'account' && account && (
            <AccountDetail key={account.appId} account={account} tab={tab} onTab={(t) => go([account.appId, t])} />
          )}
          {section === 'account' && !account && (
            <div className="card">
              <Empty icon="wechat" title={accounts.loaded ? 'No account selected' : 'Loading accounts…'} />
            </div>
          )}
        </div>
      </div>
      <NewAccountDialog open={creating} onClose={() => setCreating(false)} onCreated={(a) => go([a.appId, 'basic'])} />
    </div>
  );
}

export function AccountModeBadge({ account }: { account: Account }): React.JSX.Element {
  if (!account.server.enabled) return <Badge tone="outline">server off</Badge>;
  return <Badge tone={account.server.mode === 'safe' ? 'green' : account.server.mode === 'compatible' ? 'blue' : 'amber'}>{MODE_LABEL[account.server.mode]}</Badge>;
}

function AccountDetail({ account, tab, onTab }: { account: Account; tab: AccountTab; onTab: (t: AccountTab) => void }): React.JSX.Element {
  const { loadTickets, loadFollowers } = useActions();
  useEffect(() => {
    if (tab === 'tickets') void loadTickets(account.appId);
    if (tab === 'followers') void loadFollowers(account.appId);
  }, [tab, account.appId, loadTickets, loadFollowers]);

  return (
    <div className="card">
      <div className="account-head">
        <span className="wx-avatar" aria-hidden="true">
          {[...account.name][0]}
        </span>
        <div style={{ minWidth: 0 }}>
          <h2>{account.name}</h2>
          <div className="row wrap">
            <Badge tone="outline">{account.type === 'service' ? 'Service account' : 'Subscription account'}</Badge>
            {account.verified ? <Badge tone="green">Verified</Badge> : <Badge tone="amber">Not verified</Badge>}
            <AccountModeBadge account={account} />
            <span className="mono muted xsmall">{account.originalId}</span>
          </div>
        </div>
      </div>
      <Tabs label="Account settings" idPrefix="wx" tabs={TABS} value={tab} onChange={onTab} />
      <div role="tabpanel" id="wx-panel" aria-labelledby={`wx-tab-${tab}`} className="card-body">
        {tab === 'basic' && <BasicConfig account={account} />}
        {tab === 'ip' && <IpWhitelist account={account} />}
        {tab === 'permissions' && <Permissions account={account} />}
        {tab === 'server' && <ServerConfig account={account} />}
        {tab === 'relay' && <Relay account={account} />}
        {tab === 'followers' && <Followers account={account} />}
        {tab === 'tickets' && <Tickets account={account} />}
      </div>
    </div>
  );
}
