import { useTranslation } from 'react-i18next';
import { CopyButton } from '../../components/ui';
import type { LoginPool } from '../../api/types';
import { CaHint } from './CaHint';
import { useOidcInfo } from './use-oidc';

/** Where the provider is (issuer, discovery, JWKS), the sample website, and the local CA when https. */
export function ProviderCard({ pool }: { pool: LoginPool }): React.JSX.Element | null {
  const { t } = useTranslation();
  const info = useOidcInfo().data;
  if (!info) return null;
  const sampleApp = info.sample?.appId ? pool.apps.find((a) => a.id === info.sample!.appId) : undefined;
  const rows: Array<[string, string]> = [
    [t('oidc.client.issuer'), info.issuer],
    [t('oidc.client.discovery'), info.discoveryUrl],
    [t('oidc.client.jwks'), info.jwksUri],
  ];
  return (
    <section className="card" aria-labelledby="oidc-provider">
      <div className="card-head">
        <h3 id="oidc-provider">{t('oidc.provider.title')}</h3>
      </div>
      <div className="card-body stack-sm">
        <p className="muted small">{t('oidc.provider.intro')}</p>
        <dl className="kv">
          {rows.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd>
                <span className="row">
                  <span className="value-mono break" translate="no">
                    {value}
                  </span>
                  <CopyButton value={value} label={label} />
                </span>
              </dd>
            </div>
          ))}
          {info.sample && (
            <>
              <dt>{t('oidc.provider.sample')}</dt>
              <dd>
                <span className="value-mono break" translate="no">
                  {info.sample.url}
                </span>{' '}
                {sampleApp && <span className="muted small">{t('oidc.provider.sampleApp', { name: sampleApp.name })}</span>}
              </dd>
            </>
          )}
        </dl>
        {info.https && info.authCa && <CaHint authCa={info.authCa} />}
      </div>
    </section>
  );
}
