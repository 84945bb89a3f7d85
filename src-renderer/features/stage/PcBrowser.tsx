import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Empty } from '../../components/ui';
import { useActions, useDesktop, useStudio } from '../../store/context';
import { selectAllLoginApps, selectLoginApp, selectPcKey, selectPcQr, selectPools, selectSessions } from '../../store/selectors';
import { selectPcAddress, selectPcPage } from '../../store/open-selectors';
import { AuthorizePageStatus } from './AuthorizePageStatus';
import { StoryButton } from '../story/StoryBar';
import { originOf, parseQrMessage } from './pc-message';
import { isStatus, statusTone } from './status';
import { useErrorText } from '../../i18n/hooks';
import { ExpireNow } from '../qa/ExpireNow';
import { StageTools } from '../qa/StageTools';
import { selectDemo } from '../../store/qa-selectors';
import { SiteSwitch } from '../oidc/SiteSwitch';
import { usePcPage } from '../oidc/use-pc-site';

/** A session only moves forward: PENDING → SCANNED → a final state. */
function progress(status: string): number {
  return status === 'PENDING' ? 0 : status === 'SCANNED' ? 1 : status ? 2 : -1;
}

/**
 * A desktop browser window showing the site's login page: the hosted login page of the chosen application,
 * or the sample website that signs in with it (and leads to that page), live in an iframe. The hosted page
 * posts its QR image here (postMessage, from the auth origin); the phone's scanner decodes it.
 */
export function PcBrowser(): React.JSX.Element {
  const app = useStudio(selectLoginApp);
  const apps = useStudio(selectAllLoginApps);
  const pools = useStudio(selectPools);
  const pcKey = useStudio(selectPcKey);
  const qr = useStudio(selectPcQr);
  const sessions = useStudio(selectSessions);
  const pcPage = useStudio(selectPcPage);
  const pcAddress = useStudio(selectPcAddress);
  const { setPcQr, reloadPc, setLoginApp, navigate, closePcPage, setPcAddress } = useActions();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const frame = useRef<HTMLIFrameElement>(null);
  const desktop = useDesktop();
  /** The last QR image the page posted, kept across status-only updates. */
  const prevImage = useRef<string | null>(null);
  const page = usePcPage(app);
  // The authorization flow's pages take the frame's place of the login page or the sample website while they are open.
  const url = pcPage?.url ?? page.url;
  // The QR comes from the hosted page, on the auth server, whichever site the frame opened first.
  const origin = originOf(app?.loginUrl);
  const origins = useMemo(() => [origin, ...(pcPage?.origins ?? [])].filter((o): o is string => Boolean(o)), [origin, pcPage]);

  useEffect(() => {
    const onMessage = (e: MessageEvent): void => {
      const msg = parseQrMessage(e, { origin: origins, source: frame.current?.contentWindow ?? null });
      if (!msg) return;
      if (msg.href) setPcAddress(msg.href);
      const prev = prevImage.current;
      const live = msg.status === 'PENDING' || msg.status === 'SCANNED';
      // A status-only update keeps the code the page still shows; a finished session shows none.
      const image = msg.image || (live && prev ? prev : '');
      prevImage.current = image || null;
      setPcQr({ image, status: msg.status, sessionId: msg.sessionId, at: Date.now() });
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [origins, setPcQr, setPcAddress]);
  useEffect(() => {
    prevImage.current = qr?.image || null;
  }, [qr]);

  // The login server's own word on the session (live over the event stream) wins over the page's last message.
  const session = qr?.sessionId ? Object.values(sessions).flatMap((l) => l ?? []).find((s) => s.id === qr.sessionId) : undefined;
  const status = session && progress(session.status) >= progress(qr?.status ?? '') ? session.status : (qr?.status ?? '');
  // The identity source behind the page: the one of its session's QR code, else the pool's first.
  const pool = pools.data.find((p) => p.id === app?.poolId);
  const source = pool?.connections.find((c) => c.identifier === session?.connection) ?? pool?.connections[0];
  const demo = useStudio(selectDemo);
  const live = Boolean(qr?.sessionId) && (status === 'PENDING' || status === 'SCANNED');

  const reloadLabel = page.site === 'sample' ? t('oidc.stage.reload') : t('stage.pc.reload');
  let host = '';
  try {
    host = url ? new URL(url).host : '';
  } catch {
    host = '';
  }

  return (
    <div className="stage-col">
      <div className="stage-col-head">
        <h2>
          <Icon name="globe" /> <span className="stage-col-title">{t('stage.pc.title')}</span>
        </h2>
        <StoryButton />
        <span className="spacer" />
        <SiteSwitch sampleAvailable={page.sampleAvailable} />
        <label htmlFor="stage-site">{t('stage.pc.site')}</label>
        <select
          id="stage-site"
          className="select"
          value={app?.id ?? ''}
          onChange={(e) => {
            closePcPage();
            setLoginApp(e.target.value);
          }}
          disabled={!apps.length}
        >
          {!apps.length && <option value="">{t('stage.pc.noApplication')}</option>}
          {apps.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
              {pools.data.length > 1 ? ` · ${a.poolName}` : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="browser">
        <div className="browser-tabs" aria-hidden="true">
          <span className="browser-dots">
            <span />
            <span />
            <span />
          </span>
          <span className="browser-tab">
            <span className="favicon">
              <Icon name="login" size={11} strokeWidth={2.6} />
            </span>
            {pcPage ? t('stagePc.tabTitle') : (page.tabTitle ?? (app ? t('stage.pc.tabTitle', { name: app.name }) : t('stage.pc.newTab')))}
          </span>
        </div>
        <div className="browser-bar">
          <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={t('common.back')} disabled>
            <Icon name="arrowLeft" />
          </button>
          <button type="button" className="btn btn-ghost btn-icon btn-sm" aria-label={reloadLabel} title={reloadLabel} onClick={reloadPc} disabled={!url}>
            <Icon name="refresh" />
          </button>
          <div className="address" title={url} translate="no">
            <Icon name="lock" size={14} />
            <input aria-label={t('stage.pc.address')} value={pcAddress ?? url} placeholder="about:blank" readOnly spellCheck={false} onFocus={(e) => e.currentTarget.select()} />
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-icon btn-sm"
            aria-label={desktop.isDesktop ? t('stage.pc.openSystem') : t('stage.pc.openTab')}
            title={desktop.isDesktop ? t('stage.pc.openSystem') : t('stage.pc.openTab')}
            onClick={() => desktop.openExternal(url)}
            disabled={!url}
          >
            <Icon name="external" />
          </button>
        </div>
        <div className="browser-view">
          {url ? (
            <iframe
              key={`${pcKey}:${url}`}
              ref={frame}
              title={t('stage.pc.frameTitle')}
              src={url}
              sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
            />
          ) : (
            <div className="browser-empty">
              <Empty icon="app" title={pools.loaded ? (page.note ?? t('stage.pc.emptyTitle')) : t('common.loading')}>
                {pools.loaded && !page.note && (
                  <>
                    {t('stage.pc.emptyBody')}
                    <div style={{ marginTop: 12 }}>
                      <button type="button" className="btn btn-sm" onClick={() => navigate({ view: 'login', params: ['apps'] })}>
                        {t('stage.pc.openLoginConsole')}
                      </button>
                    </div>
                  </>
                )}
              </Empty>
            </div>
          )}
        </div>
      </div>
      <div className="browser-status" aria-live="polite">
        {pcPage ? (
          <AuthorizePageStatus qr={qr} onBack={closePcPage} />
        ) : qr ? (
          <>
            <Badge tone={statusTone(status)} title={status}>
              {isStatus(status) ? t(`status.${status}`) : status}
            </Badge>
            <span data-testid="pc-status">
              {status === 'AUTHORIZED'
                ? page.site === 'sample'
                  ? t('oidc.stage.backToSite')
                  : t('stage.pc.signedIn')
                : status === 'ERROR'
                  ? session?.error
                    ? t('stage.pc.failedWhy', { error: errorText({ code: 'session', message: session.error }) })
                    : t('stage.pc.failed')
                  : qr.image
                    ? t('stage.pc.showsQr')
                    : t('stage.pc.showsNoQr')}
              {qr.sessionId ? (
                <>
                  {' · '}
                  {t('stage.pc.session')} <span className="mono" translate="no">{qr.sessionId.slice(0, 12)}</span>
                </>
              ) : null}
            </span>
            {session?.needsBinding && demo?.credentials && (
              <span className="binding-hint" data-testid="binding-hint">
                {t('qa.demo.bindingNeeded', { username: demo.credentials.username, password: demo.credentials.password })}
              </span>
            )}
            <span className="spacer" />
            {live && qr.sessionId && <ExpireNow sessionId={qr.sessionId} />}
          </>
        ) : (
          <span>{url ? (page.site === 'sample' ? t('oidc.stage.waiting') : t('stage.pc.waiting', { host })) : ''}</span>
        )}
        <StageTools source={source} />
      </div>
    </div>
  );
}
