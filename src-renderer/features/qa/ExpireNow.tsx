import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { useActions, useApi } from '../../store/context';
import { toErrorInfo } from '../../store/errors';

/** "Expire now" for the login session the PC page shows: its QR code stops working at once. */
export function ExpireNow({ sessionId }: { sessionId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const api = useApi();
  const { notify } = useActions();
  const [busy, setBusy] = useState(false);
  const run = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.expireSession(sessionId);
    } catch (err) {
      notify('error', { key: 'expireFailed', error: toErrorInfo(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn btn-xs" onClick={() => void run()} disabled={busy} title={t('qa.expireNowTitle')} data-testid="expire-now">
      <Icon name="clock" size={13} /> {t('qa.expireNow')}
    </button>
  );
}
