import { useState } from 'react';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout } from '../../components/ui';
import type { Account } from '../../api/types';
import { ApiError } from '../../api/http';
import { useActions, useApi } from '../../store/context';
import { errorText } from '../../store/errors';
import { parseIpList } from './ip-list';

/** The login server calls WeChat's API from loopback, like GenAuth's servers from their published IPs. */
const LOGIN_SERVER_IPS = ['127.0.0.1'];

/** IP whitelist: only these callers may get an access token (empty = anyone, as before WeChat enforced it). */
export function IpWhitelist({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const { upsertAccount, notify } = useActions();
  const [text, setText] = useState(account.ipWhitelist.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const list = parseIpList(text);
  const dirty = list.join('\n') !== account.ipWhitelist.join('\n');

  const save = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await api.patchAccount(account.appId, { ipWhitelist: list });
      upsertAccount(saved);
      setText(saved.ipWhitelist.join('\n'));
      notify('ok', 'IP whitelist saved.');
    } catch (err) {
      if (err instanceof ApiError && err.field?.startsWith('ipWhitelist')) {
        const index = Number(err.field.split('.')[1]);
        setError(Number.isInteger(index) ? `Line ${index + 1} (${list[index] ?? ''}): ${err.message.replace(/^ipWhitelist\.\d+:\s*/, '')}` : err.message);
      } else setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const missing = LOGIN_SERVER_IPS.filter((ip) => !list.includes(ip));
  return (
    <form className="form" onSubmit={save} noValidate>
      <p className="muted">
        Add the IP of the login server to the whitelist (seed step 1). When the list is not empty, WeChat answers{' '}
        <code>40164</code> to an access-token request from any other address.
      </p>
      {list.length === 0 ? (
        <Callout tone="info">The whitelist is empty: every caller may request an access token.</Callout>
      ) : missing.length > 0 ? (
        <Callout tone="warn" title="The login server's IP is not in the list">
          It calls from {missing.join(', ')}; its token requests will fail with 40164.
        </Callout>
      ) : null}
      <Field label="IP addresses" hint="One per line: an IPv4 address, an IPv4 range (10.0.0.0/8) or an IPv6 address." error={error}>
        {(p) => (
          <textarea
            {...p}
            className="textarea mono"
            rows={6}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            spellCheck={false}
          />
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={!dirty || saving}>
          Save whitelist
        </button>
        {missing.length > 0 && (
          <button type="button" className="btn" onClick={() => setText([...list, ...missing].join('\n'))}>
            <Icon name="plus" size={14} /> Add the login server&apos;s IP
          </button>
        )}
      </div>
    </form>
  );
}
