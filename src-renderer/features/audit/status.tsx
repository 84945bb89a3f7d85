import { useTranslation } from 'react-i18next';
import { Badge } from '../../components/ui';
import type { CheckStatus, Verdict } from '../../api/types';

/** Colours of the audit's statuses, as in its HTML report: fail red, warning amber, pass green, info blue. */
export const STATUS_TONE: Record<CheckStatus, 'red' | 'amber' | 'green' | 'blue' | 'grey'> = { FAIL: 'red', WARN: 'amber', PASS: 'green', INFO: 'blue', SKIP: 'grey' };

export const STATUS_ORDER: readonly CheckStatus[] = ['FAIL', 'WARN', 'PASS', 'INFO', 'SKIP'];

export function StatusBadge({ status }: { status: CheckStatus | Verdict }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span className="audit-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`audit.status.${status}`)}</Badge>
    </span>
  );
}

/** "2 failed · 1 warning · 20 passed …", the zero counts left out. */
export function Counts({ counts }: { counts: Record<CheckStatus, number> }): React.JSX.Element {
  const { t } = useTranslation();
  const parts = STATUS_ORDER.filter((s) => counts[s] > 0).map((s) => t(`audit.counts.${s}`, { count: counts[s] }));
  return <span className="audit-counts">{parts.join(' · ')}</span>;
}
