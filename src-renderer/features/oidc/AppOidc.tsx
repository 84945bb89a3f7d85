import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Callout, CodeBlock, Empty } from '../../components/ui';
import type { LoginApplication } from '../../api/types';
import { useErrorText } from '../../i18n/hooks';
import { useActions } from '../../store/context';
import { EndpointInfo } from './EndpointInfo';
import { OidcSettingsForm } from './OidcSettingsForm';
import { openidClientSnippet } from './snippet';
import { useOidcClient, useOidcInfo } from './use-oidc';
import './oidc.css';

const EXAMPLE_REDIRECT = 'http://localhost:3000/callback';

/** One application as an OpenID Connect client: endpoint information, its settings, and the code of a website using it. */
export function AppOidc({ app }: { app: LoginApplication }): React.JSX.Element {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { navigate, setLoginApp, setPcSite } = useActions();
  const client = useOidcClient(app.id);
  const info = useOidcInfo();
  const s = client.data;

  return (
    <div className="stack" aria-label={t('oidc.apps.detail', { name: app.name })} role="region">
      <div className="row wrap">
        <button type="button" className="btn btn-sm btn-ghost" onClick={() => navigate({ view: 'login', params: ['apps'] })}>
          <Icon name="arrowLeft" size={14} /> {t('oidc.apps.back')}
        </button>
        <h3 className="ellipsis" style={{ margin: 0 }} title={app.name} translate="no">
          {app.name}
        </h3>
        <span className="spacer" />
        {info.data?.sample && (
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              setLoginApp(app.id);
              setPcSite('sample');
              navigate({ view: 'stage', params: [] });
            }}
          >
            <Icon name="stage" size={14} /> {t('oidc.apps.signInOnSample')}
          </button>
        )}
      </div>
      {client.error && <Callout tone="error">{t('oidc.client.loadFailed', { error: errorText(client.error) })}</Callout>}
      {!s && !client.error && <Empty icon="key" title={t('common.loading')} />}
      {s && (
        <>
          <EndpointInfo app={app} settings={s} info={info.data} onChanged={client.reload} />
          <OidcSettingsForm key={app.id} app={app} settings={s} onSaved={client.set} />
          <section className="card" aria-labelledby="oidc-snippet">
            <div className="card-head">
              <h3 id="oidc-snippet">{t('oidc.snippet.title')}</h3>
            </div>
            <div className="card-body stack-sm">
              <p className="muted small">{t('oidc.snippet.intro')}</p>
              <CodeBlock
                title={t('oidc.snippet.copy')}
                copyLabel={t('oidc.snippet.copy')}
                value={openidClientSnippet({
                  issuer: s.issuer,
                  clientId: s.clientId,
                  authMethod: s.tokenEndpointAuthMethod,
                  idTokenAlg: s.idTokenAlg,
                  redirectUri: s.redirectUris[0] ?? EXAMPLE_REDIRECT,
                  authCa: info.data?.https ? info.data.authCa : null,
                })}
              />
            </div>
          </section>
        </>
      )}
    </div>
  );
}
