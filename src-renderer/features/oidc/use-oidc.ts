import { useCallback, useEffect, useState } from 'react';
import type { OidcClientSettings, OidcInfo } from '../../api/types';
import { useApi, useStudio } from '../../store/context';
import { toErrorInfo, type ErrorInfo } from '../../store/errors';
import { selectPools } from '../../store/selectors';

export interface Loaded<T> {
  data: T | null;
  error: ErrorInfo | null;
  reload(): void;
}

/**
 * Reads one control-API resource into a component, again whenever the login server's pools change (the
 * `applications` topic reloads them: a reset, a new application, saved settings in another window).
 */
function useLoaded<T>(load: (() => Promise<T>) | null): Loaded<T> & { set(data: T): void } {
  const pools = useStudio(selectPools).data;
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
      },
      (err: unknown) => live && setError(toErrorInfo(err)),
    );
    return () => {
      live = false;
    };
  }, [load, pools, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, reload, set: setData };
}

/** GET /api/oidc: the issuer, discovery, the local CA (https) and the sample website. */
export function useOidcInfo(): Loaded<OidcInfo> & { set(info: OidcInfo): void } {
  const api = useApi();
  const load = useCallback(() => api.oidcInfo(), [api]);
  return useLoaded(load);
}

/** GET /api/login/apps/{appId}/oidc. */
export function useOidcClient(appId: string): Loaded<OidcClientSettings> & { set(s: OidcClientSettings): void } {
  const api = useApi();
  const load = useCallback(() => api.getOidcClient(appId), [api, appId]);
  return useLoaded(load);
}
