import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Empty, Tabs } from '../../components/ui';
import type { Account, MessageMode } from '../../api/types';
import { useErrorText } from '../../i18n/hooks';
import { useActions, useStudio } from '../../store/context';
import { selectAccounts, selectPersonas, selectRoute } from '../../store/selectors';
import { BasicConfig } from './BasicConfig';
import { Followers } from './Followers';
import { IpWhitelist } from './IpWhitelist';
import { NewAccountDialog } from './NewAccountDialog';
import { Permissions } from './Permissions';
import { Personas } from './Personas';
import { PlatformSettingsForm } from './PlatformSettings';
import { ServerConfig } from './ServerConfig';
import { Relay } from './Relay';
import { Tickets } from './Tickets';
import { AccountSettings } from './open/AccountSettings';
import { Platforms } from './open/Platforms';
import { AuditView } from '../audit/AuditView';

type AccountTab = 'basic' | 'ip' | 'permissions' | 'server' | 'relay' | 'followers' | 'tickets' | 'account';
const TABS: readonly AccountTab[] = ['basic', 'ip', 'permissions', 'server', 'relay', 'followers', 'tickets', 'account'];

/** Badge tone of a message mode: safe is the recommended one. */
export function modeTone(mode: MessageMode): 'green' | 'blue' | 'amber' {
  return mode === 'safe' ? 'green' : mode === 'compatible' ? 'blue' : 'amber';
}

/** The mock WeChat Official Account platform's console (seed step 1): accounts, their settings, personas. */
export function WechatConsole(): React.JSX.Element {
  const accounts = useStudio(selectAccounts);
  const personas = useStudio(selectPersonas);
  const route = useStudio(selectRoute);
  const { navigate } = useActions();
  const [creating, setCreating] = useState(false);
  const { t } = useTranslation();
  const errorText = useErrorText();

  const [first, second] = route.params;
  const section = first === 'personas' ? 'personas' : first === 'settings' ? 'settings' : first === 'platforms' ? 'platforms' : 'account';
  const account = section === 'account' ? (accounts.data.find((a) => a.appId === first) ?? accounts.data[0]) : undefined;
  const tab: AccountTab = TABS.includes(second as AccountTab) ? (second as AccountTab) : 'basic';

  const go = (params: string[]): void => navigate({ view: 'wechat', params });

  return (
    <div className="view">
      <div className="split">
        <div className="stack">
          <div className="card">
            <div className="card-head">
              <h2>{t('wechat.accounts')}</h2>
              <button type="button" className="btn btn-sm" onClick={() => setCreating(true)}>
                <Icon name="plus" size={14} /> {t('wechat.newAccount')}
              </button>
            </div>
            <nav className="list-nav" aria-label={t('wechat.accounts')}>
              {accounts.data.map((a) => (
                <button
                  type="button"
                  key={a.appId}
                  className="list-item"
                  aria-current={account?.appId === a.appId ? 'true' : undefined}
                  onClick={() => go([a.appId, tab])}
                >
                  <span className="list-item-title">
                    <span className="ellipsis" title={a.name} translate="no">
                      {a.name}
                    </span>
                    <AccountModeBadge account={a} />
                  </span>
                  <span className="list-item-sub" translate="no">
                    {a.appId}
                  </span>
                </button>
              ))}
              {accounts.loaded && !accounts.data.length && (
                <Empty icon="wechat" title={t('wechat.noAccounts')}>
                  {accounts.error ? errorText(accounts.error) : t('wechat.noAccountsHint')}
                </Empty>
              )}
            </nav>
          </div>
          <div className="card">
            <nav className="list-nav" aria-label={t('wechat.platform')}>
              <button type="button" className="list-item" aria-current={section === 'personas' ? 'true' : undefined} onClick={() => go(['personas'])}>
                <span className="list-item-title">
                  <Icon name="users" /> {t('wechat.personas.title')}
                  <Badge>{personas.data.length}</Badge>
                </span>
                <span className="list-item-sub" style={{ fontFamily: 'inherit' }}>
                  {t('wechat.personas.navSub')}
                </span>
              </button>
              <button type="button" className="list-item" aria-current={section === 'platforms' ? 'true' : undefined} onClick={() => go(['platforms'])}>
                <span className="list-item-title">
                  <Icon name="app" /> {t('openPlatform.title')}
                </span>
                <span className="list-item-sub" style={{ fontFamily: 'inherit' }}>
                  {t('openPlatform.navSub')}
                </span>
              </button>
              <button type="button" className="list-item" aria-current={section === 'settings' ? 'true' : undefined} onClick={() => go(['settings'])}>
                <span className="list-item-title">
                  <Icon name="server" /> {t('wechat.settings.title')}
                </span>
                <span className="list-item-sub" style={{ fontFamily: 'inherit' }}>
                  {t('wechat.settings.navSub')}
                </span>
              </button>
            </nav>
          </div>
        </div>

        <div className="console-detail">
          {section === 'personas' && <Personas />}
          {section === 'settings' && <PlatformSettingsForm />}
          {section === 'platforms' && <Platforms />}
          {section === 'account' && account && (
            <AccountDetail key={account.appId} account={account} tab={tab} sub={route.params.slice(2)} onTab={(t) => go([account.appId, t])} />
          )}
          {section === 'account' && !account && (
            <div className="card">
              <Empty icon="wechat" title={accounts.loaded ? t('wechat.noAccountSelected') : t('common.loading')} />
            </div>
          )}
        </div>
      </div>
      <NewAccountDialog open={creating} onClose={() => setCreating(false)} onCreated={(a) => go([a.appId, 'basic'])} />
    </div>
  );
}

export function AccountModeBadge({ account }: { account: Account }): React.JSX.Element {
  const { t } = useTranslation();
  if (!account.server.enabled) return <Badge tone="outline">{t('wechat.serverOff')}</Badge>;
  return <Badge tone={modeTone(account.server.mode)}>{t(`modes.${account.server.mode}.short`)}</Badge>;
}

function AccountDetail({ account, tab, sub, onTab }: { account: Account; tab: AccountTab; sub: string[]; onTab: (t: AccountTab) => void }): React.JSX.Element {
  const { loadTickets, loadFollowers } = useActions();
  const { t } = useTranslation();
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
          <h2 className="ellipsis" title={account.name} translate="no">
            {account.name}
          </h2>
          <div className="row wrap">
            <Badge tone="outline">{t(`wechat.accountType.${account.type}`)}</Badge>
            {account.verified ? <Badge tone="green">{t('wechat.verified')}</Badge> : <Badge tone="amber">{t('wechat.notVerified')}</Badge>}
            <AccountModeBadge account={account} />
            <span className="mono muted xsmall" translate="no">
              {account.originalId}
            </span>
          </div>
        </div>
      </div>
      <Tabs label={t('wechat.accountSettings')} idPrefix="wx" tabs={TABS.map((value) => ({ value, label: value === 'account' ? t('openPlatform.tabs.account') : t(`wechat.tabs.${value}`) }))} value={tab} onChange={onTab} />
      <div role="tabpanel" id="wx-panel" aria-labelledby={`wx-tab-${tab}`} className="card-body">
        {tab === 'basic' && <BasicConfig account={account} />}
        {tab === 'ip' && <IpWhitelist account={account} />}
        {tab === 'permissions' && <Permissions account={account} />}
        {tab === 'server' && (sub[0] === 'audit' ? <AuditView account={account} auditId={sub[1]} /> : <ServerConfig account={account} />)}
        {tab === 'relay' && <Relay account={account} />}
        {tab === 'followers' && <Followers account={account} />}
        {tab === 'tickets' && <Tickets account={account} />}
        {tab === 'account' && <AccountSettings account={account} />}
      </div>
    </div>
  );
}
