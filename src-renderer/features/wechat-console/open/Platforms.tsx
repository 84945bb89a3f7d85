import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { Badge, DateTime, Empty } from '../../../components/ui';
import type { OpenPlatformDto } from '../../../api/types';
import { useErrorText } from '../../../i18n/hooks';
import { selectPlatforms } from '../../../store/open-selectors';
import { useActions, useApi, useStudio } from '../../../store/context';
import { toErrorInfo, type ErrorInfo } from '../../../store/errors';
import { CopyValue } from '../../shared/CopyValue';
import { useInspect } from '../../shared/use-inspect';
import { NewPlatformDialog } from './NewPlatformDialog';

type Pushed = { busy: true } | { ok: boolean; journalId: string } | { error: ErrorInfo };

/**
 * The Open Platform's third-party platforms (开放平台 → 第三方平台): their component AppID, the two URLs WeChat
 * pushes to, the initiation domain, how many accounts authorized them, and the verify ticket on demand.
 */
export function Platforms(): React.JSX.Element {
  const platforms = useStudio(selectPlatforms);
  const { loadPlatforms } = useActions();
  const [creating, setCreating] = useState(false);
  const { t } = useTranslation();
  const errorText = useErrorText();

  useEffect(() => {
    void loadPlatforms();
  }, [loadPlatforms]);

  return (
    <>
      <div className="card">
        <div className="card-head">
          <h2>
            <Icon name="app" /> {t('openPlatform.title')}
          </h2>
          <span className="card-sub">{t('openPlatform.sub')}</span>
          <span className="spacer" />
          <button type="button" className="btn btn-sm btn-primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={14} /> {t('openPlatform.create')}
          </button>
        </div>
        <div className="card-body stack">
          <p className="muted small">{t('openPlatform.intro')}</p>
          {platforms.data.map((p) => (
            <PlatformCard key={p.componentAppId} platform={p} />
          ))}
          {platforms.loaded && !platforms.data.length && (
            <Empty icon="app" title={t('openPlatform.none')}>
              {platforms.error ? errorText(platforms.error) : t('openPlatform.noneHint')}
            </Empty>
          )}
          {!platforms.loaded && <Empty icon="app" title={t('common.loading')} />}
        </div>
      </div>
      <NewPlatformDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function PlatformCard({ platform: p }: { platform: OpenPlatformDto }): React.JSX.Element {
  const api = useApi();
  const inspect = useInspect();
  const [pushed, setPushed] = useState<Pushed | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();

  const push = async (): Promise<void> => {
    setPushed({ busy: true });
    try {
      setPushed(await api.pushTicket(p.componentAppId));
    } catch (err) {
      setPushed({ error: toErrorInfo(err) });
    }
  };

  return (
    <article className="conn" aria-label={t('openPlatform.article', { name: p.name })}>
      <div style={{ minWidth: 0 }}>
        <div className="conn-title">
          <Icon name="app" size={18} />{' '}
          <span className="ellipsis" title={p.name} translate="no">
            {p.name}
          </span>
          <Badge tone="outline" data>
            {p.componentAppId}
          </Badge>
          <Badge tone={p.authorizerCount ? 'green' : 'grey'}>{t('openPlatform.authorizerCount', { count: p.authorizerCount })}</Badge>
        </div>
        <dl className="kv">
          <dt>{t('openPlatform.fields.componentAppSecret')}</dt>
          <dd className="value-mono">{p.componentAppSecretMasked}</dd>
          <dt>{t('openPlatform.fields.authEventUrl')}</dt>
          <dd>
            <CopyValue value={p.authEventUrl} label={t('openPlatform.fields.authEventUrl')} />
          </dd>
          <dt>{t('openPlatform.fields.messageUrl')}</dt>
          <dd>
            <CopyValue value={p.messageUrl} label={t('openPlatform.fields.messageUrl')} />
          </dd>
          <dt>{t('openPlatform.fields.initiationDomain')}</dt>
          <dd className="value-mono">{p.initiationDomain || '—'}</dd>
          <dt>{t('openPlatform.lastTicket')}</dt>
          <dd>{p.lastTicketAt ? <DateTime ms={p.lastTicketAt} /> : t('openPlatform.noTicket')}</dd>
        </dl>
        {pushed && 'ok' in pushed && (
          <div className="row small" role="status">
            {pushed.ok ? <Badge tone="green">{t('openPlatform.ticketAnswered')}</Badge> : <Badge tone="red">{t('openPlatform.ticketRefused')}</Badge>}
            <button type="button" className="btn btn-xs btn-ghost" onClick={() => inspect(pushed.journalId)}>
              <Icon name="inspector" size={13} /> {t('openPlatform.inspectPush')}
            </button>
          </div>
        )}
        {pushed && 'error' in pushed && (
          <div className="field-error" role="alert">
            {errorText(pushed.error)}
          </div>
        )}
      </div>
      <div className="stack-sm" style={{ alignContent: 'start' }}>
        <button type="button" className="btn btn-sm" onClick={() => void push()} disabled={pushed !== null && 'busy' in pushed}>
          <Icon name="send" size={14} /> {t('openPlatform.pushTicket')}
        </button>
      </div>
    </article>
  );
}
