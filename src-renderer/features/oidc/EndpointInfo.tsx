import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Callout, CopyButton, Dialog } from '../../components/ui';
import type { LoginApplication, OidcClientSettings, OidcInfo } from '../../api/types';
import { useApi } from '../../store/context';
import { useErrorText } from '../../i18n/hooks';
import { CaHint } from './CaHint';
import { SecretOnce } from './SecretOnce';

function Value({ value, copy }: { value: string; copy: string }): React.JSX.Element {
  return (
    <span className="row">
      <span className="value-mono break" translate="no">
        {value}
      </span>
      <CopyButton value={value} label={copy} />
    </span>
  );
}

/**
 * What a website needs to sign in with the application (GenAuth's "endpoint information"): client ID and
 * secret (masked; a reset shows the new one once, after a confirmation), issuer, discovery and JWKS.
 */
export function EndpointInfo({ app, settings, info, onChanged }: { app: LoginApplication; settings: OidcClientSettings; info: OidcInfo | null; onChanged: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="oidc-endpoint">
      <div className="card-head">
        <h3 id="oidc-endpoint">{t('oidc.client.title')}</h3>
      </div>
      <div className="card-body stack">
        <p className="muted small">{t('oidc.client.intro')}</p>
        <dl className="kv">
          <dt>{t('oidc.client.clientId')}</dt>
          <dd>
            <Value value={settings.clientId} copy={t('oidc.client.clientId')} />
          </dd>
          <dt>{t('oidc.client.clientSecret')}</dt>
          <dd>
            <ClientSecret app={app} settings={settings} onReset={onChanged} />
          </dd>
          <dt>{t('oidc.client.issuer')}</dt>
          <dd>
            <Value value={settings.issuer} copy={t('oidc.client.issuer')} />
          </dd>
          <dt>{t('oidc.client.discovery')}</dt>
          <dd>
            <Value value={settings.discoveryUrl} copy={t('oidc.client.discovery')} />
          </dd>
          {info && (
            <>
              <dt>{t('oidc.client.jwks')}</dt>
              <dd>
                <Value value={info.jwksUri} copy={t('oidc.client.jwks')} />
              </dd>
            </>
          )}
        </dl>
        {info?.https && info.authCa && <CaHint authCa={info.authCa} />}
      </div>
    </section>
  );
}

/** The masked secret and "Reset secret": confirm first, then the new secret once. */
function ClientSecret({ app, settings, onReset }: { app: LoginApplication; settings: OidcClientSettings; onReset: () => void }): React.JSX.Element {
  const api = useApi();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [asking, setAsking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setSecret((await api.resetAppSecret(app.id)).secret);
      onReset();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const close = (): void => {
    setAsking(false);
    setSecret(null);
    setError(null);
  };

  return (
    <>
      <span className="row">
        {settings.hasSecret ? (
          <span className="value-mono" aria-label={t('oidc.client.secretMasked')} translate="no">
            {settings.secretMasked}
          </span>
        ) : null}
        <button type="button" className="btn btn-sm" onClick={() => setAsking(true)} data-testid="reset-secret">
          <Icon name="key" size={14} /> {t('oidc.client.resetSecret')}
        </button>
      </span>
      {!settings.hasSecret && (
        <div className="field-hint" style={{ marginTop: 4 }}>
          {t('oidc.client.noSecret')}
        </div>
      )}
      <Dialog
        open={asking}
        onClose={close}
        title={secret ? t('oidc.client.newSecretTitle') : t('oidc.client.resetTitle')}
        actions={
          secret ? (
            <button type="button" className="btn btn-primary" onClick={close}>
              {t('common.done')}
            </button>
          ) : (
            <>
              <button type="button" className="btn" onClick={close}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void reset()} disabled={busy}>
                {t('common.reset')}
              </button>
            </>
          )
        }
      >
        {error && <Callout tone="error">{error}</Callout>}
        {secret ? (
          <>
            <p>{t('oidc.client.copyNow')}</p>
            <SecretOnce secret={secret} copyLabel={t('oidc.client.copySecret')} />
          </>
        ) : (
          <p>
            <Trans i18nKey="oidc.client.resetBody" values={{ name: app.name }} components={{ strong: <strong translate="no" /> }} />
          </p>
        )}
      </Dialog>
    </>
  );
}
