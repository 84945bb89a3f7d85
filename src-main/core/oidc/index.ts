import type Provider from 'oidc-provider';
import { z } from 'zod';
import type { OidcClientPatch, OidcInfo } from '../../contracts/oidc';
import type { Timer } from '../clock';
import type { CoreContext } from '../context';
import type { LoginService } from '../login';
import type { DomainModule } from '../module';
import { createSettingsStore } from '../settings';
import { createClients, type Clients } from './clients';
import { registerOidcControlRoutes } from './control-routes';
import { createKeyring, type Keyring } from './keys';
import { buildProvider, INTERACTION_TTL } from './provider';
import { MOUNT } from './mount';
import { registerOidcRoutes } from './routes';
import { startSampleSite, type SampleBinding, type SampleProblem } from './sample/site';
import { createOidcStore } from './store';

/**
 * The login server as an OpenID Connect provider at `${auth}/oidc` (GenAuth's paths), the studio's control
 * routes for keys and client settings, and the sample website that signs in through it. It builds on the
 * login server's service (applications are the clients, users the accounts, QR login sessions the login
 * step); the login server does not know it.
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

interface OidcSettings {
  /** Keys that sign the provider's cookies; made once, so browsers stay signed in across restarts. */
  cookieKeys: string[];
  /** The application the sample website signs in with (null: the first pool's first). */
  sampleAppId: string | null;
  /** The sample website's callback and home of the last run, registered on its application. */
  sampleUrls: string[];
}

const settingsSchema = z.object({
  cookieKeys: z.array(z.string().min(16)),
  sampleAppId: z.string().min(1).nullable(),
  sampleUrls: z.array(z.string()),
});

const PRUNE_EVERY_MS = 3600_000;
/** Finished QR logins are remembered (against reuse) far longer than an interaction lives. */
const QR_LOGIN_MEMORY_MS = 7 * 86_400_000;

export function createOidc(core: CoreContext, service: LoginService, options: OidcOptions): Oidc {
  const store = createOidcStore(core.store);
  const settings = createSettingsStore<OidcSettings>(core.store, 'oidc.settings', { full: settingsSchema, patch: settingsSchema.partial().strict() }, () => ({
    cookieKeys: [],
    sampleAppId: null,
    sampleUrls: [],
  }));
  const issuer = (): string => `${core.urls.auth}${MOUNT}`;
  const clients = createClients(core, store, service, issuer);
  const keyring = createKeyring(store, core.clock);
  let provider: Promise<Provider> | null = null;
  let pruner: Timer | undefined;
  let sample: { url: string; stop(): Promise<void> } | null = null;
  service.onAppCreated((app) => clients.keepSecret(app));

  /** Built in the background: requests to /oidc wait for it; a failure is logged and answered with 503. */
  const rebuild = (): void => {
    provider = (async () => {
      await keyring.ensure();
      return buildProvider(issuer(), { core, store, clients, keyring, users: service, cookieKeys: settings.get().cookieKeys, https: options.https });
    })();
    provider.catch((err: unknown) => core.log.error('oidc: the provider could not start', { error: (err as Error).message }));
  };

  const sampleAppId = (): string | null => {
    const chosen = settings.get().sampleAppId;
    const pools = service.listPools();
    if (chosen && pools.some((p) => p.apps.some((a) => a.id === chosen))) return chosen;
    return pools[0]?.apps[0]?.id ?? null;
  };

  const info = (): OidcInfo => ({
    issuer: issuer(),
    discoveryUrl: `${issuer()}/.well-known/openid-configuration`,
    jwksUri: `${issuer()}/.well-known/jwks.json`,
    https: options.https,
    authCa: options.authCa,
    sample: sample ? { url: sample.url, appId: sampleAppId() } : null,
  });

  /** Which application the sample website signs in with (default: the first pool's first). */
  const chooseSampleApp = (appId: string): OidcInfo => {
    service.getApp(appId);
    settings.update({ sampleAppId: appId });
    return info();
  };

  /** Registers the sample site's current callback and home on its application, replacing those of an earlier run. */
  function bindSample(callback: string, home: string): SampleBinding | SampleProblem {
    const appId = sampleAppId();
    if (!appId) return 'noApplication';
    const s = clients.settings(appId);
    const previous = settings.get().sampleUrls;
    const keep = (list: string[], add: string): string[] => [...list.filter((u) => u === add || !previous.includes(u)), ...(list.includes(add) ? [] : [add])];
    const patch: OidcClientPatch = {};
    if (!s.redirectUris.includes(callback)) patch.redirectUris = keep(s.redirectUris, callback);
    if (!s.postLogoutRedirectUris.includes(home)) patch.postLogoutRedirectUris = keep(s.postLogoutRedirectUris, home);
    if (patch.redirectUris || patch.postLogoutRedirectUris) {
      core.store.tx(() => {
        clients.update(appId, patch);
        settings.update({ sampleUrls: [callback, home] });
      });
    }
    const row = clients.row(appId);
    if (!row.secret && (row.authMethod !== 'none' || row.idTokenAlg === 'HS256')) return 'noSecret';
    return { appId, secret: row.secret, idTokenAlg: row.idTokenAlg, authMethod: row.authMethod };
  }

  function prune(): void {
    const now = core.clock.now();
    core.store.tx(() => {
      store.q.modelPrune.run(now);
      store.q.qrLoginPrune.run(now - QR_LOGIN_MEMORY_MS);
      store.q.interactionStartPrune.run(now - INTERACTION_TTL * 1000);
    });
    if (keyring.prune() > 0 && provider) rebuild();
  }

  return {
    issuer,
    clients,
    keyring,
    info,
    provider: () => provider,
    register(apps, routes) {
      registerOidcRoutes(apps.auth, { core, store, users: service, provider: () => provider, getSession: (id) => service.getSession(id) });
      registerOidcControlRoutes(apps.studio, routes, { clients, keyring, info, keysChanged: rebuild, chooseSampleApp });
    },
    async start() {
      if (!settings.get().cookieKeys.length) settings.update({ cookieKeys: [core.random(32).toString('base64url')] });
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
