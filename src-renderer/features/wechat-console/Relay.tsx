import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { Badge, Callout, Empty } from '../../components/ui';
import type { Account, Relay as RelayDto } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectPools } from '../../store/selectors';
import { toErrorInfo } from '../../store/errors';
import { useErrorText } from '../../i18n/hooks';

/**
 * Mode 2 (seed step 1): the account's server URL points at a relay of the developer's own, which answers
 * everything itself and forwards only scan and follow events to the login server, sealed again for it.
 * The studio runs such a relay on loopback; this tab starts one, shows what it did, and stops it.
 */
export function Relay({ account }: { account: Account }): React.JSX.Element {
  const api = useApi();
  const pools = useStudio(selectPools);
  const { upsertAccount, notify } = useActions();
  const [relays, setRelays] = useState<RelayDto[] | null>(null);
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const errorText = useErrorText();

  const connections = useMemo(
    () => pools.data.flatMap((p) => p.connections.filter((c) => c.appId === account.appId).map((c) => ({ ...c, poolName: p.name }))),
    [pools.data, account.appId],
  );
  const chosen = connections.find((c) => `${c.poolId}/${c.identifier}` === target) ?? connections[0];

  const refresh = useCallback(async (): Promise<void> => {
    try {
      const { relays: all } = await api.listRelays();
      setRelays(all.filter((r) => r.appId === account.appId));
    } catch (err) {
      setError(errorText(err));
    }
  }, [api, account.appId, errorText]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const start = async (): Promise<void> => {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      await api.startRelay({
        appId: account.appId,
        token: account.server.token,
        encodingAesKey: account.server.encodingAesKey,
        mode: account.server.mode,
        forwardTo: { poolId: chosen.poolId, identifier: chosen.identifier },
        configureAccount: true,
      });
      const { accounts } = await api.listAccounts();
      const updated = accounts.find((a) => a.appId === account.appId);
      if (updated) upsertAccount(updated);
      notify('ok', { key: 'relayStarted' });
      await refresh();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const stop = async (relay: RelayDto): Promise<void> => {
    setBusy(true);
    try {
      await api.stopRelay(relay.id);
      await refresh();
    } catch (err) {
      notify('error', { key: 'relayStopFailed', error: toErrorInfo(err) });
    } finally {
      setBusy(false);
    }
  };

  const pointsAtRelay = (r: RelayDto): boolean => account.server.url === r.url;

  return (
    <div className="stack">
      <p className="muted">{t('wechat.relay.intro')}</p>
      {error && <Callout tone="error">{error}</Callout>}
      {connections.length === 0 ? (
        <Empty icon="info" title={t('wechat.relay.noSource')}>
          {t('wechat.relay.noSourceHint')}
        </Empty>
      ) : (
        <div className="row wrap" style={{ gap: 8, alignItems: 'flex-end' }}>
          <label className="field" style={{ minWidth: 280 }}>
            <span className="field-label">{t('wechat.relay.forwardTo')}</span>
            <select className="input" value={chosen ? `${chosen.poolId}/${chosen.identifier}` : ''} onChange={(e) => setTarget(e.target.value)}>
              {connections.map((c) => (
                <option key={`${c.poolId}/${c.identifier}`} value={`${c.poolId}/${c.identifier}`}>
                  {c.displayName} ({c.identifier}, {c.poolName})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy || !account.server.token}>
            <Icon name="plus" size={14} /> {t('wechat.relay.start')}
          </button>
        </div>
      )}
      <div className="table-wrap">
      <table className="table" aria-label={t('wechat.relay.table')}>
        <thead>
          <tr>
            <th>{t('wechat.relay.url')}</th>
            <th>{t('wechat.relay.forwardsTo')}</th>
            <th>{t('wechat.relay.received')}</th>
            <th>{t('wechat.relay.forwarded')}</th>
            <th>{t('wechat.relay.answered')}</th>
            <th>{t('wechat.relay.refused')}</th>
          </tr>
        </thead>
        <tbody>
          {(relays ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <span className="mono break" translate="no">
                  {r.url}
                </span>
                <div className="row" style={{ gap: 8, marginTop: 4 }}>
                  {pointsAtRelay(r) && <Badge tone="green">{t('wechat.relay.pointsHere')}</Badge>}
                  <button type="button" className="btn btn-xs" onClick={() => void stop(r)} disabled={busy}>
                    {t('common.stop')}
                  </button>
                </div>
              </td>
              <td>
                <span className="mono" translate="no">
                  {r.forwardTo.identifier ?? r.forwardTo.url}
                </span>{' '}
                <Badge tone="outline">{t(`modes.${r.forwardTo.mode}.short`)}</Badge>
              </td>
              <td>{r.stats.received}</td>
              <td>{r.stats.forwarded}</td>
              <td>{r.stats.handled}</td>
              <td>{r.stats.refused}</td>
            </tr>
          ))}
          {relays && relays.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('wechat.relay.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      </div>
      <div className="row" style={{ gap: 8 }}>
        <button type="button" className="btn" onClick={() => void refresh()}>
          {t('wechat.relay.refresh')}
        </button>
        <span className="muted">{t('wechat.relay.memoryNote')}</span>
      </div>
    </div>
  );
}
