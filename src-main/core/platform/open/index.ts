import type { PhoneAuthorizeResult, CreatePlatformInput, OpenPlatformDto, OpenSettings, UpdatePlatformInput, AccountAuthorizationDto } from '../../../contracts/open-platform';
import type { PhoneScreen } from '../../../contracts/api';
import type { Apps } from '../../module';
import type { RouteRegistry } from '../../http/routes';
import { StudioError } from '../../http/errors';
import type { Domain } from '../domain';
import type { Handler } from '../routes/cgi-bin';
import { componentApis } from './api';
import { AUTH_QR_PREFIX, createAuthFlow, firstValues } from './auth-flow';
import { registerAuthPages } from './auth-page';
import { createAuthorizations } from './authorizations';
import { createComponents, messageUrlFor, type Component } from './components';
import { registerOpenControl } from './control';
import { createCredentials } from './credentials';
import { createAuthEventPusher, type AuthEventOutcome } from './pushes';
import { createOpenRepo } from './repo';
import { createOpenSettings } from './settings';
import { createTicketTimer } from './ticket-timer';

/**
 * The mock Open Platform (third-party-platform spec): platforms, verify tickets, the component APIs, the
 * authorization page and the admin's phone, authorizations with their tokens, the pushes to the two URLs,
 * and the account's Authorization management. Plugs into the platform through its hooks.
 */
export function createOpenPlatform(d: Domain) {
  const repo = createOpenRepo(d.ctx.store);
  const settings = createOpenSettings(d.ctx);
  const components = createComponents(d.ctx, repo);
  const credentials = createCredentials(d.ctx, repo, components, settings);
  const authz = createAuthorizations(d.ctx, repo, components, d.accounts, settings);
  const pusher = createAuthEventPusher(d, settings);
  const flow = createAuthFlow(d, repo, components, authz, pusher, settings);

  const pushTicket = (c: Component): Promise<AuthEventOutcome> => {
    const { ticket } = credentials.newTicket(c.componentAppId);
    return pusher.push(c, 'component_verify_ticket', [['ComponentVerifyTicket', ticket]], 'component_verify_ticket');
  };
  const timer = createTicketTimer(d.ctx.clock, components, settings, pushTicket);
  const apis: Record<string, Handler> = componentApis({ components, credentials, authz, pushTicket });

  d.hooks.authorizerToken = (token, permission) => authz.authenticate(token, permission)?.account;
  d.hooks.pushReceiver = (account) => {
    const c = authz.messageReceiver(account.appId);
    return c ? { url: messageUrlFor(c, account.appId), token: c.token, encodingAesKey: c.aesKey, mode: 'safe', appId: c.componentAppId } : undefined;
  };
  d.hooks.scan = (personaId, content) => {
    const screen = flow.scanned(personaId, content);
    return screen ? Promise.resolve(screen) : undefined;
  };
  d.hooks.reset = () => {
    repo.resetAll();
    settings.reset();
  };

  const service = {
    createPlatform(input: CreatePlatformInput): OpenPlatformDto & { componentAppSecret: string } {
      const { component, appSecret } = components.create(input);
      // A new platform gets its first ticket at once, as WeChat starts pushing after review.
      void pushTicket(component);
      return { ...components.dto(component), componentAppSecret: appSecret };
    },
    updatePlatform(componentAppId: string, patch: UpdatePlatformInput): OpenPlatformDto {
      return components.dto(components.update(componentAppId, patch));
    },
    listPlatforms(): OpenPlatformDto[] {
      return components.list().map((c) => components.dto(c));
    },
    getPlatform(componentAppId: string): OpenPlatformDto {
      return components.dto(components.get(componentAppId));
    },
    /** The platforms' URLs that pointed at a previous run's origin follow it to this run's (see the studio). */
    rebaseServerUrls(from: string, to: string): string[] {
      return components.rebaseUrls(from, to);
    },
    deletePlatform(componentAppId: string): void {
      components.remove(componentAppId);
    },
    /** Pushes a verify ticket now; resolves with the journal entry once the platform answered. */
    async pushTicket(componentAppId: string): Promise<{ ok: boolean; journalId: string }> {
      const out = await pushTicket(components.get(componentAppId));
      return { ok: out.ok, journalId: out.entry.id };
    },
    admins(appId: string): { appId: string; admins: Array<{ personaId: string; name: string }> } {
      d.accounts.get(appId);
      return { appId, admins: repo.adminsOf.all(appId) };
    },
    /** Replaces who administers the account; every id must be a persona. */
    setAdmins(appId: string, personaIds: string[]): { appId: string; admins: Array<{ personaId: string; name: string }> } {
      d.accounts.get(appId);
      personaIds.forEach((id, i) => d.personas.get(id, `personaIds.${i}`));
      repo.tx(() => {
        repo.adminsClear.run(appId);
        for (const id of personaIds) repo.adminInsert.run(appId, id);
      });
      return this.admins(appId);
    },
    /**
     * What a browser and the admin's phone do with an authorization page URL, in-process (scenario steps):
     * open the page as its PC form (the Referer is the initiation page), then scan its QR code.
     */
    scanAuthorizationPage(personaId: string, pageUrl: string, referer?: string): Promise<PhoneScreen> {
      const u = new URL(pageUrl);
      const { session } = flow.open(firstValues(Object.fromEntries(u.searchParams)), 'pc', referer);
      return d.phone.scan(personaId, AUTH_QR_PREFIX + session.uuid);
    },
    /** The phone confirms the authorization page it scanned. */
    authorize(personaId: string, appId: string, funcIds?: number[]): Promise<PhoneAuthorizeResult> {
      return flow.authorize(personaId, appId, funcIds);
    },
    /** The account's Authorization management page: the platforms it authorized. */
    authorizations(appId: string): AccountAuthorizationDto[] {
      return authz.ofAccount(appId);
    },
    authorization(appId: string, componentAppId: string): AccountAuthorizationDto & { platform: OpenPlatformDto } {
      const found = authz.ofAccount(appId).find((a) => a.componentAppId === componentAppId);
      if (!found) throw new StudioError(404, 'not_found', `${appId} has not authorized the third-party platform ${componentAppId}`, 'componentAppId');
      return { ...found, platform: components.dto(components.get(componentAppId)) };
    },
    /** "Cancel authorization" on the account's console (§15): every effect, then the unauthorized push. */
    async cancelAuthorization(appId: string, componentAppId: string): Promise<{ ok: true; pushed: boolean; journalId: string }> {
      const c = authz.cancel(appId, componentAppId);
      const out = await pusher.push(c, 'unauthorized', [['AuthorizerAppid', appId]], `unauthorized ${appId}`, appId);
      return { ok: true, pushed: out.ok, journalId: out.entry.id };
    },
    settings(): OpenSettings {
      return settings.get();
    },
    updateSettings(patch: Partial<OpenSettings>): OpenSettings {
      const next = d.ctx.store.tx(() => {
        d.ctx.store.touch('platforms');
        return settings.update(patch);
      });
      timer.rearm();
      return next;
    },
  };

  return {
    service,
    apis,
    register(apps: Apps, routes: RouteRegistry): void {
      registerAuthPages(apps.wechat, d, flow);
      registerOpenControl(apps.studio, routes, service);
    },
    start(): void {
      timer.start();
    },
    async stop(): Promise<void> {
      // No new tickets; notices in flight get the same grace as account pushes, and are journaled either way.
      timer.stop();
      await pusher.stop(2000);
    },
  };
}

export type OpenPlatform = ReturnType<typeof createOpenPlatform>;
export type OpenPlatformService = OpenPlatform['service'];
