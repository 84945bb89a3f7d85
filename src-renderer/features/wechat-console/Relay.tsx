import { useCallback, useEffect, useMemo, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Badge, Callout, Empty } from '../../components/ui';
import type { Account, Relay as RelayDto } from '../../api/types';
import { useActions, useApi, useStudio } from '../../store/context';
import { selectPools } from '../../store/selectors';
import { errorText } from '../../store/errors';

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
  }, [api, account.appId]);

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
      notify('ok', 'Relay started; the account now pushes to it (URL verified).');
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
      notify('error', `Could not stop the relay: ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };

  const pointsAtRelay = (r: RelayDto): boolean => account.server.url === r.url;

  return (
    <div className="stack">
      <p className="muted">
        Mode 2: WeChat pushes to your own server, which keeps its other events and forwards scan and follow events to the login server,
        re-signed and re-encrypted with the identity source&apos;s Token and EncodingAESKey. The studio runs such a relay on loopback; texts
        are answered by the relay itself.
      </p>
      {error && <Callout tone="error">{error}</Callout>}
      {connections.length === 0 ? (
        <Empty icon="info" title="No identity source uses this account">
          Create one in the Login console with this AppID, then start a relay here.
        </Empty>
      ) : (
        <div className="row wrap" style={{ gap: 8, alignItems: 'flex-end' }}>
          <label className="field" style={{ minWidth: 280 }}>
            <span className="field-label">Forward scan and follow events to</span>
            <select className="input" value={chosen ? `${chosen.poolId}/${chosen.identifier}` : ''} onChange={(e) => setTarget(e.target.value)}>
              {connections.map((c) => (
                <option key={`${c.poolId}/${c.identifier}`} value={`${c.poolId}/${c.identifier}`}>
                  {c.displayName} ({c.identifier}, {c.poolName})
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy || !account.server.token}>
            <Icon name="plus" size={14} /> Start a relay and point this account at it
          </button>
        </div>
      )}
      <div className="table-wrap">
      <table className="table" aria-label="Relays">
        <thead>
          <tr>
            <th>Relay URL</th>
            <th>Forwards to</th>
            <th>Received</th>
            <th>Forwarded</th>
            <th>Answered</th>
            <th>Refused</th>
          </tr>
        </thead>
        <tbody>
          {(relays ?? []).map((r) => (
            <tr key={r.id}>
              <td>
                <span className="mono">{r.url}</span>
                <div className="row" style={{ gap: 8, marginTop: 4 }}>
                  {pointsAtRelay(r) && <Badge tone="green">account points here</Badge>}
                  <button type="button" className="btn btn-xs" onClick={() => void stop(r)} disabled={busy}>
                    Stop
                  </button>
                </div>
              </td>
              <td>
                <span className="mono">{r.forwardTo.identifier ?? r.forwardTo.url}</span> <Badge tone="outline">{r.forwardTo.mode}</Badge>
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
                No relay runs for this account.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      </div>
      <div className="row" style={{ gap: 8 }}>
        <button type="button" className="btn" onClick={() => void refresh()}>
          Refresh counts
        </button>
        <span className="muted">Relays live in memory: they stop with the studio. After stopping one, point the account back at the events URL (Server configuration).</span>
      </div>
    </div>
  );
}
