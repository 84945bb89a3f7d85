import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, CopyButton, Dialog, Empty } from '../../components/ui';
import type { LoginConnection, LoginPool } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { toErrorInfo } from '../../store/errors';
import { modeTone } from '../wechat-console/WechatConsole';
import { selectAccounts } from '../../store/selectors';
import { ConnectionForm } from './ConnectionForm';
import { QR_EXPIRE_DEFAULT_SECONDS } from '../../../src-main/contracts/login-rules';
import { FaultEditor } from '../qa/FaultEditor';
import { PointBackButton } from '../qa/PointBack';
import { describeFault } from '../qa/fault-text';
import { faultOf, selectFaults } from '../../store/qa-selectors';
import { AuthorizeForm } from './component/AuthorizeForm';
import { AuthorizedSource } from './component/AuthorizedSource';
import { selectLinks } from '../../store/open-selectors';
import type { AuthorizeStartResult } from '../../api/types';

/** An authorization page opened from a card; shown until the source connects (anew). */
interface Launch {
  identifier: string;
  result: AuthorizeStartResult;
  connectedAtBefore: number | null;
}

/** Social identity sources of the pool: the "WeChat Official Account Follow" connections (seed step 2). */
export function IdentitySources({ pool }: { pool: LoginPool }): React.JSX.Element {
  const [editing, setEditing] = useState<string | 'new' | 'authorize' | null>(null);
  const [launch, setLaunch] = useState<Launch | null>(null);
  const links = useStudio(selectLinks)[pool.id];
  const [deleting, setDeleting] = useState<LoginConnection | null>(null);
  const [faulting, setFaulting] = useState<LoginConnection | null>(null);
  const faults = useStudio(selectFaults).data;
  const accounts = useStudio(selectAccounts).data;
  const api = useApi();
  const { loadPools, notify, navigate, loadLinks, loadComponent } = useActions();

  useEffect(() => {
    void loadLinks(pool.id);
    void loadComponent(pool.id);
  }, [pool.id, loadLinks, loadComponent]);
  const linkOf = (identifier: string) => links?.find((l) => l.identifier === identifier);
  const connectedAt = (identifier: string): number | null => linkOf(identifier)?.authorizer?.connectedAt ?? null;
  const launched = (result: AuthorizeStartResult): void => setLaunch({ identifier: result.link.identifier, result, connectedAtBefore: connectedAt(result.link.identifier) });
  const { t } = useTranslation();

  const remove = async (): Promise<void> => {
    if (!deleting) return;
    try {
      await api.deleteConnection(pool.id, deleting.identifier);
      await loadPools();
      notify('ok', { key: 'deleted', values: { name: deleting.identifier } });
    } catch (err) {
      notify('error', { key: 'deleteFailed', error: toErrorInfo(err) });
    } finally {
      setDeleting(null);
    }
  };

  return (
    <div className="stack">
      <div className="toolbar">
        <p className="muted" style={{ flex: 1 }}>
          {t('login.sources.intro')}
        </p>
        {editing !== 'new' && editing !== 'authorize' && (
          <>
            <button type="button" className="btn" onClick={() => setEditing('authorize')}>
              <Icon name="wechat" size={14} /> {t('component.authorize.button')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
              <Icon name="plus" size={14} /> {t('login.sources.create')}
            </button>
          </>
        )}
      </div>
      {editing === 'new' && <ConnectionForm poolId={pool.id} onCancel={() => setEditing(null)} onDone={() => setEditing(null)} />}
      {editing === 'authorize' && (
        <AuthorizeForm
          poolId={pool.id}
          onCancel={() => setEditing(null)}
          onStarted={(r) => {
            setEditing(null);
            launched(r);
          }}
        />
      )}
      <div className="conn-list">
        {pool.connections.map((c) =>
          linkOf(c.identifier) ? (
            <AuthorizedSource
              key={c.identifier}
              conn={c}
              link={linkOf(c.identifier)!}
              launch={launch?.identifier === c.identifier && connectedAt(c.identifier) === launch.connectedAtBefore ? launch.result : null}
              onLaunch={launched}
              onDelete={() => setDeleting(c)}
            />
          ) : editing === c.identifier ? (
            <ConnectionForm key={c.identifier} poolId={pool.id} existing={c} onCancel={() => setEditing(null)} onDone={() => setEditing(null)} />
          ) : (
            <article className="conn" key={c.identifier} aria-label={t('login.sources.article', { id: c.identifier })}>
              <div style={{ minWidth: 0 }}>
                <div className="conn-title">
                  <Icon name="wechat" size={18} />{' '}
                  <span className="ellipsis" title={c.displayName} translate="no">
                    {c.displayName}
                  </span>
                  <Badge tone="outline" data>
                    {c.identifier}
                  </Badge>
                </div>
                <dl className="kv">
                  <dt>{t('fields.appId')}</dt>
                  <dd>
                    <span className="value-mono">{c.appId}</span>
                    {accounts.find((a) => a.appId === c.appId) ? (
                      <span className="muted small" translate="no">
                        {' · '}
                        {accounts.find((a) => a.appId === c.appId)!.name}
                      </span>
                    ) : (
                      <Badge tone="amber">{t('login.sources.noSuchAccount')}</Badge>
                    )}
                  </dd>
                  <dt>{t('fields.appSecretShort')}</dt>
                  <dd className="value-mono">{c.appSecretMasked}</dd>
                  <dt>{t('fields.mode')}</dt>
                  <dd>
                    <Badge tone={modeTone(c.mode)}>{t(`modes.${c.mode}.short`)}</Badge>
                  </dd>
                  <dt>{t('fields.loginMode')}</dt>
                  <dd>{t(`login.loginModes.${c.loginMode}.title`)}</dd>
                  <dt>{t('fields.association')}</dt>
                  <dd>{t(`login.associations.${c.association}.title`)}</dd>
                  <dt>{t('fields.qrExpireSeconds')}</dt>
                  <dd>{c.qrExpireSeconds ? t('qa.source.qrLifetime', { seconds: c.qrExpireSeconds }) : t('qa.source.qrDefault', { seconds: QR_EXPIRE_DEFAULT_SECONDS })}</dd>
                  <dt>{t('qa.source.fault')}</dt>
                  <dd data-testid={`fault-of-${c.identifier}`}>
                    {faultOf(faults, pool.id, c.identifier) ? (
                      <Badge tone="amber">{describeFault(t, faultOf(faults, pool.id, c.identifier)!)}</Badge>
                    ) : (
                      <span className="muted">{t('qa.fault.none')}</span>
                    )}
                  </dd>
                  <dt>{t('login.sources.eventsUrl')}</dt>
                  <dd>
                    <span className="row">
                      <span className="value-mono">{c.eventsUrl}</span>
                      <CopyButton value={c.eventsUrl} label={t('copy.eventsUrlOf', { id: c.identifier })} />
                    </span>
                  </dd>
                </dl>
              </div>
              <div className="stack-sm" style={{ alignContent: 'start' }}>
                <button type="button" className="btn btn-sm" onClick={() => setEditing(c.identifier)} aria-label={t('login.sources.editWhat', { id: c.identifier })}>
                  {t('common.edit')}
                </button>
                {accounts.some((a) => a.appId === c.appId) && (
                  <button type="button" className="btn btn-sm" onClick={() => navigate({ view: 'wechat', params: [c.appId, 'server'] })}>
                    {t('login.sources.serverConfig')}
                  </button>
                )}
                {accounts.some((a) => a.appId === c.appId) && <PointBackButton source={c} short />}
                <button type="button" className="btn btn-sm" onClick={() => setFaulting(c)} aria-label={t('qa.source.injectTitle', { id: c.identifier })} data-testid="inject-fault">
                  <Icon name="bolt" size={14} /> {t('qa.source.inject')}
                </button>
                <button type="button" className="btn btn-sm btn-danger" onClick={() => setDeleting(c)} aria-label={t('login.sources.deleteWhat', { id: c.identifier })}>
                  {t('common.delete')}
                </button>
              </div>
            </article>
          ),
        )}
        {!pool.connections.length && editing !== 'new' && editing !== 'authorize' && (
          <div className="card">
            <Empty icon="wechat" title={t('login.sources.none')}>
              {t('login.sources.noneHint')}
            </Empty>
          </div>
        )}
      </div>
      <Dialog
        open={Boolean(faulting)}
        onClose={() => setFaulting(null)}
        title={t('qa.source.injectTitle', { id: faulting?.identifier ?? '' })}
        actions={
          <button type="button" className="btn" onClick={() => setFaulting(null)}>
            {t('qa.close')}
          </button>
        }
      >
        {faulting && <FaultEditor poolId={pool.id} identifier={faulting.identifier} current={faultOf(faults, pool.id, faulting.identifier)} />}
      </Dialog>
      <Dialog
        open={Boolean(deleting)}
        onClose={() => setDeleting(null)}
        title={t('login.sources.deleteTitle')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void remove()}>
              {t('common.delete')}
            </button>
          </>
        }
      >
        <p>
          <Trans
            i18nKey="login.sources.deleteBody"
            values={{ name: deleting?.displayName ?? '', id: deleting?.identifier ?? '' }}
            components={{ strong: <strong translate="no" /> }}
          />
        </p>
      </Dialog>
    </div>
  );
}
