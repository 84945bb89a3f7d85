import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Switch } from '../../components/form';
import { Badge, Callout } from '../../components/ui';
import type { Account } from '../../api/types';
import type { ApiPermission } from '../../../src-main/contracts/permissions';
import { useActions, useApi } from '../../store/context';
import { toErrorInfo } from '../../store/errors';

/** The interface permissions the mock platform checks (WeChat's "接口权限" page); names and descriptions in the catalogue. */
export const PERMISSIONS: ReadonlyArray<{ key: ApiPermission; api: string; serviceOnly?: boolean }> = [
  { key: 'qrcode', api: '/cgi-bin/qrcode/create', serviceOnly: true },
  { key: 'user_info', api: '/cgi-bin/user/info' },
  { key: 'user_list', api: '/cgi-bin/user/get' },
  { key: 'custom_send', api: '/cgi-bin/message/custom/send' },
];

export function Permissions({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount, notify } = useActions();
  const [busy, setBusy] = useState<string | null>(null);
  const granted = account.permissions ?? [];
  const capable = account.type === 'service' && account.verified;
  const { t } = useTranslation();

  const toggle = async (key: string, on: boolean): Promise<void> => {
    setBusy(key);
    try {
      const next = on ? [...new Set([...granted, key])] : granted.filter((k) => k !== key);
      upsertAccount(await api.patchAccount(account.appId, { permissions: next }));
    } catch (err) {
      notify('error', { key: 'permissionFailed', error: toErrorInfo(err) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <p className="muted">
        <Trans i18nKey="wechat.permissions.intro" components={{ code: <code /> }} />
      </p>
      {!capable && (
        <Callout tone="warn" title={t('wechat.permissions.incapableTitle')}>
          {t('wechat.permissions.incapableBody')}
        </Callout>
      )}
      <div className="perm-list" role="list" aria-label={t('wechat.tabs.permissions')}>
        {PERMISSIONS.map((p) => (
          <div className="perm" role="listitem" key={p.key}>
            <div className="perm-main">
              <div className="perm-name">{t(`wechat.permissions.items.${p.key}.name`)}</div>
              <div className="perm-desc">
                <code>{p.api}</code> — {t(`wechat.permissions.items.${p.key}.desc`)}
              </div>
            </div>
            {p.serviceOnly && !capable ? (
              <Badge tone="amber">{t('wechat.permissions.unavailable')}</Badge>
            ) : granted.includes(p.key) ? (
              <Badge tone="green">{t('wechat.permissions.granted')}</Badge>
            ) : (
              <Badge>{t('wechat.permissions.off')}</Badge>
            )}
            <Switch
              checked={granted.includes(p.key)}
              disabled={busy === p.key}
              onChange={(v) => void toggle(p.key, v)}
              label={<span className="sr-only">{t(`wechat.permissions.items.${p.key}.name`)}</span>}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
