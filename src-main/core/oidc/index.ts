import type Provider from 'oidc-provider';
import type { OidcClientPatch, OidcInfo } from '../../contracts/oidc';
import type { CoreContext } from '../context';
import { registerGuardApi } from '../login/guard-api';
import type { LoginService } from '../login/service';
import type { DomainModule } from '../module';
import { createClients, type Clients } from './clients';
import { registerOidcControlRoutes } from './control-routes';
import { createKeyring, type Keyring } from './keys';
import { buildProvider, INTERACTION_TTL } from './provider';
import { MOUNT, registerOidcRoutes } from './routes';
import { startSampleSite, type SampleBinding, type SampleProblem } from './sample/site';
import { createOidcStore } from './store';

/**
 * The login server as an OpenID Connect provider at `${auth}/oidc` (GenAuth's paths), the Guard-compatible
 * QR polling API beside it, the studio's control routes for keys and client settings, and the sample
 * website that signs in through it.
 */

export interface OidcOptions {
  https: boolean;
  /** Path of the local CA's certificate when https. */
  authCa: string | null;
  /** Serve the sample website (default true). */
  sample?: boolean;
}

export interface Oidc extends DomainModule {
  issuer(): string;
  clients: Clients;
  keyring: Keyring;
  info(): OidcInfo;
  /** The provider in use (rebuilt when the signing keys change), once built; null before start. */
  provider(): Promise<Provider> | null;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const COOKIE_KEYS = 'oidc.cookieKeys';
const SAMPLE_APP = 'oidc.sampleAppId';
const SAMPLE_URLS = 'oidc.sampleUrls';
const PRUNE_EVERY_MS = 3600_000;
/** Finished QR logins are remembered (against reuse) far longer than an interaction lives. */
const QR_LOGIN_MEMORY_MS = 7 * 86_400_000;

export function createOidc(core: CoreContext, service: LoginService, options: OidcOptions): Oidc {
  const store = createOidcStore(core.db);
  const issuer = (): string => `${core.urls.auth}${MOUNT}`;
  const clients = createClients(core, store, service, issuer);
  const keyring = createKeyring(store, core.clock);
  let provider: Promise<Provider> | null = null;
  let cookieKeys: string[] = [];
  let pruner: { cancel(): void } | undefined;
  let sample: { url: string; stop(): Promise<void> } | null = null;

  const setting = (key: string): string | undefined => store.q.settingGet.get(key)?.value;
  /** Built in the background: requests to /oidc wait for it; a failure is logged and answered with 503. */
  const rebuild = (): void => {
    provider = (async () => {
      await keyring.ensure();
      return buildProvider(issuer(), { core, store, clients, keyring, users: service, cookieKeys, https: options.https });
    })();
    provider.catch((err: unknown) => core.log.error('oidc: the provider could not start', { error: (err as Error).message }));
  };

  /** Which application the sample website signs in with (default: the first pool's first). */
  function chooseSampleApp(appId: string): OidcInfo {
    service.getApp(appId);
    store.q.settingSet.run(SAMPLE_APP, appId);
    return info();
  }

  function sampleAppId(): string | null {
    const chosen = setting(SAMPLE_APP);
    const pools = service.listPools();
    if (chosen && pools.some((p) => p.apps.some((a) => a.id === chosen))) return chosen;
    return pools[0]?.apps[0]?.id ?? null;
  }

  /** Registers the sample site's current callback and home on its application, replacing those of an earlier run. */
  function bindSample(callback: string, home: string): SampleBinding | SampleProblem {
    const appId = sampleAppId();
    if (!appId) return 'noApplication';
    const s = clients.settings(appId);
    const previous = JSON.parse(setting(SAMPLE_URLS) ?? '[]') as string[];
    const keep = (list: string[], add: string): string[] => [...list.filter((u) => u === add || !previous.includes(u)), ...(list.includes(add) ? [] : [add])];
    const patch: OidcClientPatch = {};
    if (!s.redirectUris.includes(callback)) patch.redirectUris = keep(s.redirectUris, callback);
    if (!s.postLogoutRedirectUris.includes(home)) patch.postLogoutRedirectUris = keep(s.postLogoutRedirectUris, home);
    if (patch.redirectUris || patch.postLogoutRedirectUris) {
      clients.update(appId, patch);
      store.q.settingSet.run(SAMPLE_URLS, JSON.stringify([callback, home]));
    }
    const row = clients.row(appId);
    if (!row.secret && (row.authMethod !== 'none' || row.idTokenAlg === 'HS256')) return 'noSecret';
    return { appId, secret: row.secret, idTokenAlg: row.idTokenAlg, authMethod: row.authMethod };
  }

  function prune(): void {
    const now = core.clock.now();
    store.q.modelPrune.run(now);
    store.q.ticketPrune.run(now);
    store.q.qrLoginPrune.run(now - QR_LOGIN_MEMORY_MS);
    store.q.interactionStartPrune.run(now - INTERACTION_TTL * 1000);
    if (keyring.prune() > 0 && provider) rebuild();
  }

  const info = (): OidcInfo => ({
    issuer: issuer(),
    discoveryUrl: `${issuer()}/.well-known/openid-configuration`,
    jwksUri: `${issuer()}/.well-known/jwks.json`,
    https: options.https,
    authCa: options.authCa,
    sample: sample ? { url: sample.url, appId: sampleAppId() } : null,
  });

  return {
    issuer,
    clients,
    keyring,
    info,
    provider: () => provider,
    register(apps, routes) {
      registerOidcRoutes(apps.auth, { core, store, users: service, provider: () => provider, getSession: (id) => service.getSession(id) });
      registerGuardApi(apps.auth, {
        core,
        store,
        createSession: (input) => service.createSession(input),
        getSession: (id) => service.getSession(id),
        getApp: (id) => service.getApp(id),
        listApps: (poolId) => service.listApps(poolId),
        getUser: (id) => service.getUser(id),
      });
      registerOidcControlRoutes(apps.studio, routes, { clients, keyring, info, keysChanged: rebuild, chooseSampleApp });
    },
    async start() {
      const stored = setting(COOKIE_KEYS);
      cookieKeys = stored ? (JSON.parse(stored) as string[]) : [core.random(32).toString('base64url')];
      if (!stored) store.q.settingSet.run(COOKIE_KEYS, JSON.stringify(cookieKeys));
      keyring.prune();
      rebuild();
      prune();
      pruner = core.clock.setInterval(prune, PRUNE_EVERY_MS);
      if (options.sample !== false) sample = await startSampleSite({ core, issuer, bind: bindSample });
    },
    async stop() {
      pruner?.cancel();
      await provider?.catch(() => undefined);
      await sample?.stop();
      sample = null;
    },
  };
}
