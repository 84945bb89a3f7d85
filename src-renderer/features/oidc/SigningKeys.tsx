import { useCallback, useEffect, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Callout, DateTime, Dialog, Empty, Spinner, formatDateTime } from '../../components/ui';
import type { OidcSigningKey } from '../../api/types';
import { useErrorText } from '../../i18n/hooks';
import { useActions, useApi } from '../../store/context';

/** The provider's RS256 signing keys: the active one, retired ones still in the JWKS; Rotate, Remove a retired key. */
export function SigningKeys(): React.JSX.Element {
  const api = useApi();
  const { notify } = useActions();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [keys, setKeys] = useState<OidcSigningKey[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rotating, setRotating] = useState(false);
  const [removing, setRemoving] = useState<OidcSigningKey | null>(null);

  const load = useCallback(async () => {
    try {
      setKeys((await api.listOidcKeys()).keys);
    } catch (err) {
      setError(t('oidc.keys.failed', { error: errorText(err) }));
    }
  }, [api, t, errorText]);
  useEffect(() => void load(), [load]);

  const run = async (action: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(t('oidc.keys.failed', { error: errorText(err) }));
    }
    await load();
  };
  const rotate = (): Promise<void> =>
    run(async () => {
      setRotating(true);
      try {
        const key = await api.rotateOidcKey();
        notify('ok', { key: 'created', values: { name: t('oidc.keys.rotated', { kid: key.kid }) } });
      } finally {
        setRotating(false);
      }
    });
  const remove = (key: OidcSigningKey): Promise<void> =>
    run(async () => {
      setRemoving(null);
      await api.removeOidcKey(key.kid);
      notify('ok', { key: 'deleted', values: { name: t('oidc.keys.rotated', { kid: key.kid }) } });
    });

  return (
    <section className="card" aria-labelledby="oidc-keys">
      <div className="card-head">
        <h3 id="oidc-keys">
          <Icon name="key" /> {t('oidc.keys.title')}
        </h3>
        <span className="spacer" />
        <button type="button" className="btn btn-sm" onClick={() => void rotate()} disabled={rotating}>
          {rotating ? <Spinner label={t('oidc.keys.rotating')} /> : <Icon name="refresh" size={14} />} {t('oidc.keys.rotate')}
        </button>
      </div>
      <div className="card-body stack-sm">
        <p className="muted small">{t('oidc.keys.intro')}</p>
        {error && <Callout tone="error">{error}</Callout>}
        {!keys ? (
          <Empty icon="key" title={t('common.loading')} />
        ) : !keys.length ? (
          <Empty icon="key" title={t('oidc.keys.none')} />
        ) : (
          <KeyTable keys={keys} onRemove={setRemoving} />
        )}
      </div>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        title={t('oidc.keys.removeTitle')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-danger" onClick={() => removing && void remove(removing)}>
              {t('oidc.keys.remove')}
            </button>
          </>
        }
      >
        <p>
          <Trans i18nKey="oidc.keys.removeBody" values={{ kid: removing?.kid ?? '' }} components={{ strong: <strong className="break" translate="no" /> }} />
        </p>
      </Dialog>
    </section>
  );
}

function KeyTable({ keys, onRemove }: { keys: OidcSigningKey[]; onRemove: (k: OidcSigningKey) => void }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" aria-label={t('oidc.keys.title')}>
        <thead>
          <tr>
            <th>{t('oidc.keys.kid')}</th>
            <th>{t('oidc.keys.alg')}</th>
            <th>{t('oidc.keys.created')}</th>
            <th>{t('oidc.keys.retired')}</th>
            <th>{t('oidc.keys.status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.kid} data-kid={k.kid}>
              <td className="mono break" translate="no">
                {k.kid}
              </td>
              <td className="mono" translate="no">
                {k.alg}
              </td>
              <td>
                <DateTime ms={k.createdAt} />
              </td>
              <td>{k.retiredAt ? <DateTime ms={k.retiredAt} /> : '—'}</td>
              <td>
                {k.active ? <Badge tone="green">{t('oidc.keys.active')}</Badge> : <Badge tone="outline">{t('oidc.keys.retiredBadge')}</Badge>}
                {k.publishedUntil && <div className="xsmall muted">{t('oidc.keys.publishedUntil', { time: formatDateTime(k.publishedUntil) })}</div>}
              </td>
              <td>
                {!k.active && (
                  <button type="button" className="btn btn-xs btn-ghost" onClick={() => onRemove(k)} aria-label={t('oidc.keys.removeWhat', { kid: k.kid })}>
                    <Icon name="trash" size={14} /> {t('oidc.keys.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
