import { useState } from 'react';
import { Switch } from '../../components/form';
import { Badge, Callout } from '../../components/ui';
import type { Account } from '../../api/types';
import type { ApiPermission } from '../../../src-main/contracts/permissions';
import { useActions, useApi } from '../../store/context';
import { errorText } from '../../store/errors';

/** The interface permissions the mock platform checks (WeChat's "接口权限" page). */
export const PERMISSIONS: ReadonlyArray<{ key: ApiPermission; name: string; api: string; desc: string; serviceOnly?: boolean }> = [
  {
    key: 'qrcode',
    name: '生成带参数的二维码 · Generate parametric QR codes',
    api: '/cgi-bin/qrcode/create',
    desc: 'Follow-to-log-in needs it: the login page shows one code per session. Verified service accounts only.',
    serviceOnly: true,
  },
  { key: 'user_info', name: '获取用户基本信息 · Get user info', api: '/cgi-bin/user/info', desc: 'Nickname-free profile and UnionID of a follower.' },
  { key: 'user_list', name: '获取用户列表 · Get followers', api: '/cgi-bin/user/get', desc: 'The OpenIDs of all followers, in pages.' },
  { key: 'custom_send', name: '客服消息 · Customer service messages', api: '/cgi-bin/message/custom/send', desc: 'Messages to a user within 48 h of their last action.' },
];

export function Permissions({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount, notify } = useActions();
  const [busy, setBusy] = useState<string | null>(null);
  const granted = account.permissions ?? [];
  const capable = account.type === 'service' && account.verified;

  const toggle = async (key: string, on: boolean): Promise<void> => {
    setBusy(key);
    try {
      const next = on ? [...new Set([...granted, key])] : granted.filter((k) => k !== key);
      upsertAccount(await api.patchAccount(account.appId, { permissions: next }));
    } catch (err) {
      notify('error', `Could not change the permission: ${errorText(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <p className="muted">Add the &quot;Generate a parametric QR code&quot; permission (seed step 1). A call without its permission gets WeChat&apos;s 48001.</p>
      {!capable && (
        <Callout tone="warn" title="This account cannot create parametric QR codes">
          Only verified service accounts have the QR code API, whatever the switch says.
        </Callout>
      )}
      <div className="perm-list" role="list" aria-label="API permissions">
        {PERMISSIONS.map((p) => (
          <div className="perm" role="listitem" key={p.key}>
            <div className="perm-main">
              <div className="perm-name">{p.name}</div>
              <div className="perm-desc">
                <code>{p.api}</code> — {p.desc}
              </div>
            </div>
            {p.serviceOnly && !capable ? <Badge tone="amber">not available</Badge> : granted.includes(p.key) ? <Badge tone="green">granted</Badge> : <Badge>off</Badge>}
            <Switch checked={granted.includes(p.key)} disabled={busy === p.key} onChange={(v) => void toggle(p.key, v)} label={<span className="sr-only">{p.name}</span>} />
          </div>
        ))}
      </div>
    </div>
  );
}
