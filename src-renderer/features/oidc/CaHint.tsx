import { useTranslation } from 'react-i18next';
import { Callout, CopyButton } from '../../components/ui';

/** Over https the auth server's certificate comes from the studio's local CA: websites and browsers must trust it. */
export function CaHint({ authCa }: { authCa: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <Callout tone="info" icon="lock" title={t('oidc.ca.title')}>
      <div className="stack-sm" data-testid="ca-hint">
        <span>{t('oidc.ca.body')}</span>
        <span className="row">
          <code className="break" translate="no">
            {authCa}
          </code>
          <CopyButton value={authCa} label={t('oidc.ca.path')} />
        </span>
        <ul className="oidc-list">
          <li>
            {t('oidc.ca.node')}{' '}
            <code className="break" translate="no">
              NODE_EXTRA_CA_CERTS={authCa}
            </code>
          </li>
          <li>{t('oidc.ca.browser')}</li>
        </ul>
      </div>
    </Callout>
  );
}
