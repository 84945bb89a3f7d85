import { useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon';
import { Badge, Callout, DateTime, Dialog, Empty } from '../../../components/ui';
import type { Account, AccountAuthorizationDto } from '../../../api/types';
import { useErrorText } from '../../../i18n/hooks';
import { authorizationOf, selectAuthorizations, selectStory } from '../../../store/open-selectors';
import { useActions, useApi, useStudio } from '../../../store/context';
import { selectRoute } from '../../../store/selectors';
import { toErrorInfo, type ErrorInfo } from '../../../store/errors';
import { useInspect } from '../../shared/use-inspect';

type Cancelled = { name: string; pushed: boolean; journalId: string };

/**
 * The account's Authorization management page (设置与开发 → 公众号设置 → 授权管理): the third-party platforms
 * it authorized; "View platform details" (查看平台详情) shows the permission sets granted and when; "Cancel
 * authorization" (取消授权) pushes `unauthorized` to the platform, whose tokens and pushes stop at once.
 */
export function Authorizations({ account }: { account: Account }): React.JSX.Element {
  const all = useStudio(selectAuthorizations);
  const route = useStudio(selectRoute);
  const { loadAuthorizations, navigate } = useActions();
  const [cancelled, setCancelled] = useState<Cancelled | null>(null);
  const { t } = useTranslation();
  const list = all[account.appId];
  const detailId = route.params[2];
  const detail = authorizationOf(list, detailId);

  useEffect(() => {
    void loadAuthorizations(account.appId);
  }, [account.appId, loadAuthorizations]);

  const open = (componentAppId?: string): void => navigate({ view: 'wechat', params: [account.appId, 'account', ...(componentAppId ? [componentAppId] : [])] });

  return (
    <div className="stack">
      <nav className="crumbs" aria-label={t('openPlatform.authz.path')}>
        <span>{t('openPlatform.authz.crumbs.settings')}</span>
        <Icon name="chevronRight" size={12} />
        <span>{t('openPlatform.authz.crumbs.account')}</span>
        <Icon name="chevronRight" size={12} />
        <strong>{t('openPlatform.authz.crumbs.authz')}</strong>
      </nav>
      {cancelled && <CancelledNote cancelled={cancelled} />}
      {!list && <Empty icon="shield" title={t('common.loading')} />}
      {list && !detail && (
        <>
          <p className="muted">{t('openPlatform.authz.intro')}</p>
          {list.length ? (
            <AuthorizationTable list={list} onOpen={open} />
          ) : (
            <Empty icon="shield" title={t('openPlatform.authz.none')}>
              {t('openPlatform.authz.noneHint')}
            </Empty>
          )}
          {detailId && <Callout tone="info">{t('openPlatform.authz.gone')}</Callout>}
        </>
      )}
      {detail && (
        <PlatformDetails
          account={account}
          authz={detail}
          onBack={() => open()}
          onCancelled={(c) => {
            setCancelled(c);
            open();
          }}
        />
      )}
    </div>
  );
}

function AuthorizationTable({ list, onOpen }: { list: AccountAuthorizationDto[]; onOpen: (componentAppId: string) => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('openPlatform.authz.table')}>
        <thead>
          <tr>
            <th>{t('openPlatform.authz.platform')}</th>
            <th>{t('openPlatform.authz.funcs')}</th>
            <th>{t('openPlatform.authz.authTime')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.componentAppId}>
              <td>
                <strong className="ellipsis" title={a.componentName} translate="no">
                  {a.componentName}
                </strong>
                <div className="mono xsmall muted" translate="no">
                  {a.componentAppId}
                </div>
              </td>
              <td>{t('openPlatform.authz.funcCount', { count: a.funcs.length })}</td>
              <td>
                <DateTime ms={a.authTime * 1000} />
              </td>
              <td>
                <button type="button" className="btn btn-sm" onClick={() => onOpen(a.componentAppId)} aria-label={t('openPlatform.authz.viewWhat', { name: a.componentName })}>
                  {t('openPlatform.authz.view')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlatformDetails({ account, authz, onBack, onCancelled }: { account: Account; authz: AccountAuthorizationDto; onBack: () => void; onCancelled: (c: Cancelled) => void }): React.JSX.Element {
  const [asking, setAsking] = useState(false);
  const { t } = useTranslation();
  return (
    <section className="card" aria-label={t('openPlatform.authz.details')}>
      <div className="card-head">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onBack}>
          <Icon name="arrowLeft" size={14} /> {t('openPlatform.authz.back')}
        </button>
        <h3>{t('openPlatform.authz.details')}</h3>
      </div>
      <div className="card-body stack">
        <dl className="kv">
          <dt>{t('openPlatform.authz.platform')}</dt>
          <dd translate="no">
            <strong>{authz.componentName}</strong> <span className="mono muted small">{authz.componentAppId}</span>
          </dd>
          <dt>{t('openPlatform.authz.authTime')}</dt>
          <dd>
            <DateTime ms={authz.authTime * 1000} />
          </dd>
          <dt>{t('openPlatform.authz.funcs')}</dt>
          <dd>
            <div className="row wrap" role="list" aria-label={t('openPlatform.authz.funcs')}>
              {authz.funcs.map((f) => (
                <span role="listitem" key={f.id}>
                  <Badge tone="blue" data>
                    {f.name}
                  </Badge>
                </span>
              ))}
            </div>
          </dd>
        </dl>
      </div>
      <div className="card-foot">
        <button type="button" className="btn btn-danger" onClick={() => setAsking(true)}>
          {t('openPlatform.authz.cancel')}
        </button>
      </div>
      <CancelDialog account={account} authz={authz} asking={asking} onClose={() => setAsking(false)} onCancelled={onCancelled} />
    </section>
  );
}

/** 取消授权's confirmation; the stage's story shows it while it cancels, as the admin would see it. */
function CancelDialog({ account, authz, asking, onClose, onCancelled }: { account: Account; authz: AccountAuthorizationDto; asking: boolean; onClose: () => void; onCancelled: (c: Cancelled) => void }): React.JSX.Element {
  const api = useApi();
  const story = useStudio(selectStory);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();
  const cue = story.status === 'running' && story.step === 'cancel';

  const cancel = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.cancelAuthorization(account.appId, authz.componentAppId);
      onClose();
      onCancelled({ name: authz.componentName, pushed: r.pushed, journalId: r.journalId });
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={asking || cue}
      onClose={onClose}
      title={t('openPlatform.authz.confirmTitle')}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('openPlatform.authz.keep')}
          </button>
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void cancel()}>
            {t('openPlatform.authz.confirm')}
          </button>
        </>
      }
    >
      <p>
        <Trans
          i18nKey="openPlatform.authz.confirmBody"
          values={{ platform: authz.componentName, account: account.name }}
          components={{ strong: <strong translate="no" /> }}
        />
      </p>
      {error && <Callout tone="error">{errorText(error)}</Callout>}
    </Dialog>
  );
}

function CancelledNote({ cancelled }: { cancelled: Cancelled }): React.JSX.Element {
  const inspect = useInspect();
  const { t } = useTranslation();
  return (
    <Callout tone={cancelled.pushed ? 'ok' : 'warn'} title={t('openPlatform.authz.cancelled', { name: cancelled.name })}>
      <div className="row wrap">
        <span>{cancelled.pushed ? t('openPlatform.authz.pushed') : t('openPlatform.authz.pushFailed')}</span>
        <button
          type="button"
          className="btn btn-xs btn-ghost"
          onClick={() => inspect(cancelled.journalId)}
        >
          <Icon name="inspector" size={13} /> {t('openPlatform.inspectPush')}
        </button>
      </div>
    </Callout>
  );
}
