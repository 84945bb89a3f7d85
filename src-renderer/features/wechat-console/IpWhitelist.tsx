import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Field } from '../../components/form';
import { Callout } from '../../components/ui';
import type { Account } from '../../api/types';
import { ApiError } from '../../api/http';
import { useActions, useApi } from '../../store/context';
import { useErrorText } from '../../i18n/hooks';
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
  const { t } = useTranslation();
  const errorText = useErrorText();
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
      notify('ok', { key: 'whitelistSaved' });
    } catch (err) {
      if (err instanceof ApiError && err.field?.startsWith('ipWhitelist')) {
        const index = Number(err.field.split('.')[1]);
        setError(
          Number.isInteger(index)
            ? t('wechat.ip.lineError', { line: index + 1, value: list[index] ?? '' })
            : errorText(err),
        );
      } else setError(errorText(err));
    } finally {
      setSaving(false);
    }
  };

  const missing = LOGIN_SERVER_IPS.filter((ip) => !list.includes(ip));
  return (
    <form className="form" onSubmit={save} noValidate>
      <p className="muted">
        <Trans i18nKey="wechat.ip.intro" components={{ code: <code /> }} />
      </p>
      {list.length === 0 ? (
        <Callout tone="info">{t('wechat.ip.empty')}</Callout>
      ) : missing.length > 0 ? (
        <Callout tone="warn" title={t('wechat.ip.missingTitle')}>
          {t('wechat.ip.missingBody', { ips: missing.join(', ') })}
        </Callout>
      ) : null}
      <Field label={t('wechat.ip.addresses')} hint={t('wechat.ip.hint')} error={error}>
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
          {t('wechat.ip.save')}
        </button>
        {missing.length > 0 && (
          <button type="button" className="btn" onClick={() => setText([...list, ...missing].join('\n'))}>
            <Icon name="plus" size={14} /> {t('wechat.ip.addLoginServer')}
          </button>
        )}
      </div>
    </form>
  );
}
