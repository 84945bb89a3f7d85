import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import type { JournalEntry } from '../../api/types';
import { useActions } from '../../store/context';

/** In the inspector, an audit's exchange says which checks it is the evidence of and leads back to the report. */
export function AuditLink({ appId, audit }: { appId: string; audit: NonNullable<JournalEntry['audit']> }): React.JSX.Element {
  const { t } = useTranslation();
  const { navigate } = useActions();
  return (
    <div className="row wrap small" data-testid="audit-link">
      <Icon name="shield" size={14} />
      <span>{t('audit.inspector.evidenceOf', { checks: audit.checks.join(', ') })}</span>
      <button type="button" className="btn btn-xs" onClick={() => navigate({ view: 'wechat', params: [appId, 'server', 'audit', audit.reportId] })}>
        {t('audit.inspector.back')}
      </button>
    </div>
  );
}
