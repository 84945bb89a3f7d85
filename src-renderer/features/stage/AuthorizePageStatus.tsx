import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui';
import type { PcQr } from '../../store/types';

const TONE = { PENDING: 'amber', SCANNED: 'blue', AUTHORIZED: 'green', EXPIRED: 'red' } as const;
type PageStatus = keyof typeof TONE;

const isPageStatus = (s: string | undefined): s is PageStatus => s !== undefined && s in TONE;

/**
 * The status line under the PC frame while it shows the authorization flow: what WeChat's authorization
 * page says it shows (its QR code, scanned, confirmed and on its way to the redirect), and the way back.
 */
export function AuthorizePageStatus({ qr, onBack }: { qr: PcQr | null; onBack: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const status = qr?.status;
  return (
    <>
      {isPageStatus(status) && <Badge tone={TONE[status]}>{t(`stagePc.badge.${status}`)}</Badge>}
      <span data-testid="pc-status" className="ellipsis" style={{ flex: 1 }}>
        {isPageStatus(status) ? t(`stagePc.status.${status}`) : t('stagePc.status.opening')}
      </span>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onBack}>
        {t('stagePc.back')}
      </button>
    </>
  );
}
