import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginConnection } from '../../api/types';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/ui';
import { useActions, useApi, useStudio } from '../../store/context';
import { toErrorInfo } from '../../store/errors';
import { accountByAppId, selectAccounts } from '../../store/selectors';

/** Where the identity source's account points now: here, elsewhere, nowhere. */
export function PointBackStatus({ source }: { source: LoginConnection }): React.JSX.Element {
  const { t } = useTranslation();
  const account = accountByAppId(useStudio(selectAccounts).data, source.appId);
  if (!account) return <p className="small muted">{t('qa.pointBack.noAccount', { appId: source.appId })}</p>;
  const here = account.server.enabled && account.server.url === source.eventsUrl;
  const text = here
    ? t('qa.pointBack.pointsHere', { account: account.name })
    : !account.server.enabled || !account.server.url
      ? t('qa.pointBack.off', { account: account.name })
      : t('qa.pointBack.pointsElsewhere', { account: account.name, url: account.server.url });
  return (
    <p className={`small point-state ${here ? 'ok' : 'away'}`} data-testid="point-state" data-here={here}>
      <Icon name={here ? 'checkCircle' : 'alert'} size={14} /> <span>{text}</span>
    </p>
  );
}

/**
 * "Point the account back at the login server": one click fills the account's server configuration from the
 * identity source (URL, Token, EncodingAESKey, mode) and enables it, after WeChat's URL verification.
 */
export function PointBackButton({ source, size = 'sm', short }: { source: LoginConnection; size?: 'sm' | 'xs'; short?: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  const api = useApi();
  const { notify, upsertAccount } = useActions();
  const account = accountByAppId(useStudio(selectAccounts).data, source.appId);
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      const { warnings: _warnings, ...saved } = await api.pointBack(source.poolId, source.identifier);
      upsertAccount(saved);
      notify('ok', { key: 'pointedBack', values: { account: saved.name } });
    } catch (err) {
      notify('error', { key: 'pointBackFailed', error: toErrorInfo(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className={`btn btn-${size}`}
      onClick={() => void run()}
      disabled={busy || !account}
      title={t('qa.pointBack.hint', { account: account?.name ?? source.appId, id: source.identifier })}
    >
      {busy ? <Spinner /> : <Icon name="refresh" size={14} />} {short ? t('qa.source.pointBack') : t('qa.pointBack.button')}
    </button>
  );
}
