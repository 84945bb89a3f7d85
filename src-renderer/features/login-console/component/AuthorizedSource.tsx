import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FUNC_SETS } from '../../../../src-main/contracts/open-platform';
import { Icon } from '../../../components/Icon';
import { Badge, Callout, CopyButton, DateTime } from '../../../components/ui';
import type { AuthorizeStartResult, ComponentLinkDto, LoginConnection } from '../../../api/types';
import { useErrorText } from '../../../i18n/hooks';
import { useActions, useApi, useDesktop } from '../../../store/context';
import { toErrorInfo, type ErrorInfo } from '../../../store/errors';
import { originOf } from '../../stage/pc-message';

/** Permission sets the follow login needs: user events (消息管理) and parametric QR codes (帐号服务). */
const NEEDED = [1, 3];
const funcName = (id: number): string => FUNC_SETS.find((f) => f.id === id)?.name ?? String(id);

/**
 * An identity source connected by authorization, as the login console shows it: not connected (and the
 * way to authorize), or the account it is connected to — name, avatar, original ID, the permission sets
 * granted — live: the account's admin cancelling on WeChat turns it back to "not connected" at once.
 */
export function AuthorizedSource({
  conn,
  link,
  launch,
  onLaunch,
  onDelete,
}: {
  conn: LoginConnection;
  link: ComponentLinkDto;
  launch: AuthorizeStartResult | null;
  onLaunch: (r: AuthorizeStartResult) => void;
  onDelete: () => void;
}): React.JSX.Element {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();
  const connected = link.status === 'connected' && link.authorizer !== null;

  const authorize = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onLaunch(await api.startAuthorization(conn.poolId, { identifier: conn.identifier, displayName: conn.displayName, loginMode: conn.loginMode, association: conn.association }));
    } catch (err) {
      setError(toErrorInfo(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="conn" aria-label={t('login.sources.article', { id: conn.identifier })} data-status={link.status}>
      <div style={{ minWidth: 0 }}>
        <div className="conn-title">
          <Icon name="wechat" size={18} />{' '}
          <span className="ellipsis" title={conn.displayName} translate="no">
            {conn.displayName}
          </span>
          <Badge tone="outline" data>
            {conn.identifier}
          </Badge>
          <Badge tone="violet">{t('component.link.kind')}</Badge>
          {connected ? <Badge tone="green">{t('component.link.connected')}</Badge> : <Badge tone="amber">{t('component.link.notConnected')}</Badge>}
        </div>
        {connected ? <Authorizer link={link} /> : <p className="muted small">{link.note ? t('component.link.cancelledNote') : t('component.link.notConnectedHint')}</p>}
        <dl className="kv">
          {connected && <AuthorizerRows link={link} />}
          <dt>{t('fields.loginMode')}</dt>
          <dd>{t(`login.loginModes.${conn.loginMode}.title`)}</dd>
          <dt>{t('fields.association')}</dt>
          <dd>{t(`login.associations.${conn.association}.title`)}</dd>
        </dl>
        {launch && <Launcher launch={launch} />}
        {error && <Callout tone="error">{errorText(error)}</Callout>}
      </div>
      <div className="stack-sm" style={{ alignContent: 'start' }}>
        <button type="button" className={`btn btn-sm ${connected ? '' : 'btn-primary'}`} onClick={() => void authorize()} disabled={busy}>
          <Icon name="wechat" size={14} /> {connected ? t('component.link.reauthorize') : t('component.link.authorize')}
        </button>
        <button type="button" className="btn btn-sm btn-danger" onClick={onDelete} aria-label={t('login.sources.deleteWhat', { id: conn.identifier })}>
          {t('common.delete')}
        </button>
      </div>
    </article>
  );
}

function Authorizer({ link }: { link: ComponentLinkDto }): React.JSX.Element | null {
  const { t } = useTranslation();
  const a = link.authorizer;
  if (!a) return null;
  const missing = NEEDED.filter((id) => !a.funcIds.includes(id));
  return (
    <>
      <div className="authorizer" data-testid="authorizer">
        {a.headImg ? <img className="authorizer-avatar" src={a.headImg} alt="" /> : <span className="authorizer-avatar" />}
        <div style={{ minWidth: 0 }}>
          <div className="authorizer-name ellipsis" translate="no" title={a.nickName}>
            {a.nickName}
          </div>
          <div className="small muted">
            {t('component.link.originalId')}{' '}
            <span className="mono" translate="no">
              {a.userName}
            </span>
            {' · '}
            <span className="mono" translate="no">
              {a.appId}
            </span>
          </div>
        </div>
      </div>
      {missing.length > 0 && <Callout tone="warn">{t('component.link.missing', { sets: missing.map(funcName).join('、') })}</Callout>}
    </>
  );
}

/** What api_get_authorizer_info said besides the name: the entity, the sets granted, when. */
function AuthorizerRows({ link }: { link: ComponentLinkDto }): React.JSX.Element | null {
  const { t } = useTranslation();
  const a = link.authorizer;
  if (!a) return null;
  return (
    <>
      <dt>{t('component.link.principal')}</dt>
      <dd translate="no">{a.principalName || '—'}</dd>
      <dt>{t('component.link.funcs')}</dt>
      <dd>
        <span className="row wrap">
          {a.funcIds.map((id) => (
            <Badge key={id} tone="blue" data>
              {funcName(id)}
            </Badge>
          ))}
        </span>
      </dd>
      <dt>{t('component.link.connectedAt')}</dt>
      <dd>
        <DateTime ms={a.connectedAt} />
      </dd>
    </>
  );
}

/** The authorization page, ready: open it in the stage's PC frame (where the phone can scan it) or a pop-up. */
function Launcher({ launch }: { launch: AuthorizeStartResult }): React.JSX.Element {
  const { openPcPage, navigate } = useActions();
  const desktop = useDesktop();
  const { t } = useTranslation();
  const origins = [originOf(launch.initiationUrl), originOf(launch.authorizationUrl)].filter((o): o is string => Boolean(o));
  return (
    <div className="launcher" role="status">
      <div>
        <strong>{t('component.launch.ready')}</strong> <span className="muted small">{t('component.launch.hint', { minutes: Math.round(launch.preAuthCodeExpiresIn / 60) })}</span>
      </div>
      <div className="row wrap">
        <button
          type="button"
          className="btn btn-sm btn-primary"
          onClick={() => {
            openPcPage({ url: launch.initiationUrl, origins });
            navigate({ view: 'stage', params: [] });
          }}
        >
          <Icon name="stage" size={14} /> {t('component.launch.onStage')}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => desktop.openPopup(launch.initiationUrl, 'authorize-with-wechat')}>
          <Icon name="external" size={14} /> {t('component.launch.popup')}
        </button>
        <span className="value-mono small break">{launch.initiationUrl}</span>
        <CopyButton value={launch.initiationUrl} label={t('component.launch.url')} />
      </div>
    </div>
  );
}
