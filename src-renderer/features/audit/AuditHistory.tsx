import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/ui';
import type { AuditSummary } from '../../api/types';
import { Counts, StatusBadge } from './status';

/** The account's audits, newest first: open one to read it (and what changed since the one before). */
export function AuditHistory({ list, shownId, onOpen }: { list: AuditSummary[]; shownId: string | undefined; onOpen: (id: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="card" aria-label={t('audit.history.title')}>
      <div className="card-head">
        <h3>{t('audit.history.title')}</h3>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label={t('audit.history.title')} data-testid="audit-history">
          <thead>
            <tr>
              <th>{t('audit.history.when')}</th>
              <th>{t('audit.meta.mode')}</th>
              <th>{t('audit.history.verdict')}</th>
              <th>{t('audit.history.results')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((a) => (
              <tr key={a.id} aria-current={a.id === shownId ? 'true' : undefined} data-audit={a.id}>
                <td>
                  <DateTime ms={a.createdAt} />
                </td>
                <td>{t(`modes.${a.mode}.short`)}</td>
                <td>{a.verdict ? <StatusBadge status={a.verdict} /> : <span className="muted small">{t(`audit.history.${a.status}`)}</span>}</td>
                <td className="small">{a.counts ? <Counts counts={a.counts} /> : a.progress ? t('audit.progress', { done: a.progress.done, total: a.progress.total }) : ''}</td>
                <td>
                  {a.id === shownId ? (
                    <span className="muted xsmall">{t('audit.history.shown')}</span>
                  ) : (
                    <button type="button" className="btn btn-xs" onClick={() => onOpen(a.id)}>
                      {t('audit.history.open')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
