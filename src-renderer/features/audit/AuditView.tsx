import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Callout, Empty } from '../../components/ui';
import type { Account } from '../../api/types';
import { useActions, useStudio } from '../../store/context';
import { selectAudits } from '../../store/slices/audits';
import { AuditHistory } from './AuditHistory';
import { AuditProgress } from './AuditProgress';
import { AuditReportView } from './AuditReportView';
import { AuditStarter } from './AuditStarter';

/**
 * WeChat console → an account's server configuration → "Audit this server": run the developer-server
 * audit against the account's saved configuration, watch it check by check, read the report (in the
 * studio's language, the evidence opening in the inspector), re-run a check, compare with earlier audits.
 */
export function AuditView({ account, auditId }: { account: Account; auditId: string | undefined }): React.JSX.Element {
  const { t } = useTranslation();
  const { loadAudits, navigate } = useActions();
  const list = useStudio(selectAudits).lists[account.appId];
  useEffect(() => {
    void loadAudits(account.appId);
  }, [account.appId, loadAudits]);

  const open = (id?: string): void => navigate({ view: 'wechat', params: [account.appId, 'server', 'audit', ...(id ? [id] : [])] });
  const shown = auditId ? list?.find((a) => a.id === auditId) : list?.[0];
  const busy = Boolean(list?.some((a) => a.status === 'running'));

  let body: React.ReactNode;
  if (!list) body = <Empty icon="shield" title={t('common.loading')} />;
  else if (!shown) body = auditId ? <Callout tone="warn">{t('audit.notFound')}</Callout> : <Empty icon="shield" title={t('audit.none')}>{t('audit.noneHint')}</Empty>;
  else if (shown.status === 'running') body = <AuditProgress summary={shown} />;
  else if (shown.status === 'done') body = <AuditReportView id={shown.id} busy={busy} />;
  else
    body = (
      <Callout tone={shown.status === 'stopped' ? 'warn' : 'error'} title={t(`audit.history.${shown.status}`)}>
        <span translate="no">{shown.error}</span>
      </Callout>
    );

  return (
    <div className="stack audit" data-testid="audit-view">
      <div className="row wrap">
        <button type="button" className="btn btn-ghost btn-sm" onClick={() => navigate({ view: 'wechat', params: [account.appId, 'server'] })}>
          <Icon name="chevronLeft" size={14} /> {t('wechat.tabs.server')}
        </button>
      </div>
      <div className="audit-head">
        <h3>
          <Icon name="shield" /> {t('audit.title')}
        </h3>
        <p className="muted small">{t('audit.intro')}</p>
        <div className="row wrap">
          <span className="mono small break" translate="no">
            {account.server.url || '—'}
          </span>
          <Badge tone="outline">{t(`modes.${account.server.mode}.short`)}</Badge>
        </div>
      </div>
      <AuditStarter account={account} latest={list?.[0]} onStarted={(a) => open(a.id)} />
      {body}
      {list && list.length > 0 && <AuditHistory list={list} shownId={shown?.id} onOpen={open} />}
    </div>
  );
}
