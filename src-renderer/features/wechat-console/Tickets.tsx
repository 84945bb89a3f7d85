import { Badge, CopyButton, Empty, formatDateTime } from '../../components/ui';
import type { Account, QrTicket } from '../../api/types';
import { useStudio } from '../../store/context';
import { selectTickets } from '../../store/selectors';

function expiry(t: QrTicket): string {
  if (t.permanent || t.expiresAt === null) return 'never (permanent)';
  return formatDateTime(t.expiresAt);
}

/** The parametric QR tickets an account issued (the login server asks for one per login session). */
export function Tickets({ account }: { account: Account }): React.JSX.Element {
  const all = useStudio(selectTickets);
  const tickets = all[account.appId];
  if (!tickets) return <Empty icon="ticket" title="Loading QR tickets…" />;
  if (!tickets.length) return <Empty icon="ticket" title="No QR tickets yet">The login page asks for one each time it shows a QR code.</Empty>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="QR tickets">
        <thead>
          <tr>
            <th>State</th>
            <th>Scene</th>
            <th>Action</th>
            <th>Created</th>
            <th>Expires</th>
            <th>Scans</th>
            <th>Ticket</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((t) => (
            <tr key={t.ticket}>
              <td>{t.state === 'live' ? <Badge tone="green">live</Badge> : <Badge tone="red">{t.state}</Badge>}</td>
              <td className="mono">{t.scene}</td>
              <td className="mono">{t.action}</td>
              <td>{formatDateTime(t.createdAt)}</td>
              <td>{expiry(t)}</td>
              <td>{t.scanCount}</td>
              <td>
                <span className="row">
                  <span className="mono" title={t.ticket}>
                    {t.ticket.length > 18 ? `${t.ticket.slice(0, 18)}…` : t.ticket}
                  </span>
                  <CopyButton value={t.ticket} label="ticket" />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
