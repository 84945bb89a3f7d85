import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PhoneScreen } from '../../contracts/api';
import type { AuthorizeConnectionInput, ComponentConfigDto, ComponentLinkDto } from '../../contracts/open-platform';
import type { CoreContext } from '../context';
import { StudioError } from '../http/errors';
import { componentConfiguredSchema } from '../../contracts/open-platform';
import type { RouteRegistry } from '../http/routes';
import type { Login } from '../login';
import type { Platform } from '../platform';
import { newEncodingAesKey, newToken } from '../wechat/ids';

const poolParams = z.object({ poolId: z.string().min(1) });
const registerBody = z.object({ name: z.string().trim().min(1).max(64).optional() });

export interface AuthorizingAdmin {
  personaId: string;
  appId: string;
  funcIds?: number[];
}

/**
 * The third-party platform story across both domains: the login server's pool registered as a platform
 * on the mock Open Platform (what its operator does on the Open Platform console), and "Authorize with
 * WeChat" played in-process for scenario steps and demos. Each side is driven only through its service.
 */
export function createStudioOpenPlatform(ctx: CoreContext, platform: Platform, login: Login) {
  return {
    /**
     * Registers the pool's two URLs as a new platform on the mock Open Platform (fresh Token and
     * EncodingAESKey, the auth server as the initiation domain) and saves the credentials it returns.
     */
    async registerComponent(poolId: string, name?: string): Promise<ComponentConfigDto & { ticketRequest: string }> {
      const pool = login.service.getPool(poolId);
      const urls = login.component.service.config(poolId);
      const token = newToken(32, ctx.random);
      const encodingAesKey = newEncodingAesKey(ctx.random);
      const created = platform.open.createPlatform({
        name: name ?? `${pool.name} (login server)`,
        authEventUrl: urls.authEventUrl,
        messageUrl: urls.messageUrl,
        token,
        encodingAesKey,
        initiationDomain: new URL(ctx.urls.auth).host,
      });
      return login.component.service.configure(poolId, { componentAppId: created.componentAppId, componentAppSecret: created.componentAppSecret, token, encodingAesKey });
    },

    /**
     * The whole "Authorize with WeChat" story: start, the admin's phone scans the authorization page and
     * confirms, the browser follows WeChat's redirect to the auth server. Resolves with the identity source
     * as the console shows it.
     */
    async authorizeWithWeChat(poolId: string, input: AuthorizeConnectionInput, admin: AuthorizingAdmin): Promise<ComponentLinkDto> {
      const started = await login.component.links.start(poolId, input);
      const screen: PhoneScreen = await platform.open.scanAuthorizationPage(admin.personaId, started.authorizationUrl, started.initiationUrl);
      if (screen.screen !== 'authorize') throw new StudioError(409, 'authorization_refused', screen.error ?? 'the authorization page refused the scan', 'personaId');
      const done = await platform.open.authorize(admin.personaId, admin.appId, admin.funcIds);
      const res = await ctx.fetch(done.redirect, { redirect: 'manual' });
      await res.text();
      return login.component.links.get(poolId, input.identifier);
    },

    register(app: FastifyInstance, routes: RouteRegistry): void {
      routes.add(app, {
        method: 'POST',
        url: '/api/login/pools/:poolId/component/register',
        tag: 'login',
        summary: "Register this pool's URLs as a new platform on the mock Open Platform and save its credentials (what a user does on the Open Platform console)",
        params: poolParams,
        body: registerBody,
        status: 201,
        response: { 201: componentConfiguredSchema },
        handler: ({ params, body }) => this.registerComponent(params.poolId, body.name),
      });
    },
  };
}

export type StudioOpenPlatform = ReturnType<typeof createStudioOpenPlatform>;
