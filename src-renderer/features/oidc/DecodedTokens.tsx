import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { CopyButton, formatDateTime } from '../../components/ui';
import type { DecodedToken } from '../../api/types';
import { claimText, claimTime } from './token-view';
import './oidc.css';

function Claims({ values, label }: { values: Record<string, unknown>; label: string }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <table className="claims" aria-label={label}>
      <thead className="sr-only">
        <tr>
          <th>{t('oidc.tokens.claim')}</th>
          <th>{t('oidc.tokens.value')}</th>
        </tr>
      </thead>
      <tbody translate="no">
        {Object.entries(values).map(([name, value]) => {
          const time = claimTime(name, value);
          return (
            <tr key={name} data-claim={name}>
              <th scope="row">{name}</th>
              <td>
                {claimText(value)}
                {time !== null && <span className="when">{formatDateTime(time)}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Token({ token }: { token: DecodedToken }): React.JSX.Element {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="token-card" role="group" aria-labelledby={id} data-where={token.where}>
      <h4>
        <Icon name="key" size={14} />
        <span id={id} className="mono" translate="no">
          {token.where}
        </span>
        <span className="spacer" />
        <CopyButton value={JSON.stringify(token.claims, null, 2)} label={t('oidc.tokens.copyClaims')} />
      </h4>
      <div className="xsmall muted">{t('oidc.tokens.header')}</div>
      <Claims values={token.header} label={t('oidc.tokens.header')} />
      <div className="xsmall muted">{t('oidc.tokens.claims')}</div>
      <Claims values={token.claims} label={t('oidc.tokens.claims')} />
    </div>
  );
}

/**
 * The tokens an OpenID Connect exchange carried (id_token, access or refresh tokens that are JWTs, an
 * id_token_hint), decoded by the journal: header and claims. The tokens themselves stay masked.
 */
export function DecodedTokens({ tokens }: { tokens: readonly DecodedToken[] }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div data-testid="decoded-tokens">
      <p className="muted small" style={{ marginTop: 0 }}>
        {t('oidc.tokens.intro')}
      </p>
      {tokens.map((tok, i) => (
        <Token key={`${tok.where}:${i}`} token={tok} />
      ))}
    </div>
  );
}
