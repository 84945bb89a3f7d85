import { useTranslation } from 'react-i18next';
import { Badge, CopyButton, DateTime, Empty } from '../../components/ui';
import type { Account } from '../../api/types';
import { useStudio } from '../../store/context';
import { selectTickets } from '../../store/selectors';

/** The parametric QR tickets an account issued (the login server asks for one per login session). */
export function Tickets({ account }: { account: Account }): React.JSX.Element {
  const all = useStudio(selectTickets);
  const { t } = useTranslation();
  const tickets = all[account.appId];
  if (!tickets) return <Empty icon="ticket" title={t('common.loading')} />;
  if (!tickets.length)
    return (
      <Empty icon="ticket" title={t('wechat.tickets.none')}>
        {t('wechat.tickets.noneHint')}
      </Empty>
    );
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('wechat.tabs.tickets')}>
        <thead>
          <tr>
            <th>{t('wechat.tickets.state')}</th>
            <th>{t('wechat.tickets.scene')}</th>
            <th>{t('wechat.tickets.action')}</th>
            <th>{t('common.created')}</th>
            <th>{t('wechat.tickets.expires')}</th>
            <th>{t('wechat.tickets.scans')}</th>
            <th>{t('wechat.tickets.ticket')}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((tk) => (
            <tr key={tk.ticket}>
              <td>{tk.state === 'live' ? <Badge tone="green">{t('wechat.tickets.live')}</Badge> : <Badge tone="red">{t('wechat.tickets.expired')}</Badge>}</td>
              <td className="mono break" translate="no">
                {tk.scene}
              </td>
              <td className="mono break" translate="no">
                {tk.action}
              </td>
              <td>
                <DateTime ms={tk.createdAt} />
              </td>
              <td>{tk.permanent || tk.expiresAt === null ? t('wechat.tickets.never') : <DateTime ms={tk.expiresAt} />}</td>
              <td>{tk.scanCount}</td>
              <td>
                <span className="row">
                  <span className="mono" title={tk.ticket} translate="no">
                    {tk.ticket.length > 12 ? `${tk.ticket.slice(0, 12)}…` : tk.ticket}
                  </span>
                  <CopyButton value={tk.ticket} label={t('copy.ticket')} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
