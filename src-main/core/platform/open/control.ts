import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { okSchema } from '../../../contracts/api';
import {
  accountAdminsSchema,
  accountAuthorizationDetailSchema,
  accountAuthorizationListSchema,
  authorizationCancelledSchema,
  openPlatformCreatedSchema,
  openPlatformListSchema,
  openPlatformSchema,
  openSettingsSchema,
  phoneAuthorizeResultSchema,
  ticketPushedSchema,
  adminsBody,
  authorizationParams,
  componentParams,
  createPlatformSchema,
  openSettingsPatchSchema,
  phoneAuthorizeBody,
  updatePlatformSchema,
} from '../../../contracts/open-platform';
import type { RouteRegistry } from '../../http/routes';
import type { OpenPlatformService } from './index';

const appIdParams = z.object({ appId: z.string() });
const personaParams = z.object({ personaId: z.string() });

/** The Open Platform's part of the control API (studio server), documented in the OpenAPI like the rest. */
export function registerOpenControl(app: FastifyInstance, routes: RouteRegistry, service: OpenPlatformService): void {
  const tag = 'open-platform';
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/platforms',
    tag,
    summary: 'Create a third-party platform; the answer shows its componentAppSecret, the only time it is shown; a verify ticket is pushed at once',
    body: createPlatformSchema,
    status: 201,
    response: { 201: openPlatformCreatedSchema },
    handler: ({ body }) => service.createPlatform(body),
  });
  routes.add(app, { method: 'GET', url: '/api/wechat/platforms', tag, summary: 'Third-party platforms (secrets masked)', response: { 200: openPlatformListSchema }, handler: () => ({ platforms: service.listPlatforms() }) });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/platforms/:componentAppId',
    tag,
    summary: 'One third-party platform',
    params: componentParams,
    response: { 200: openPlatformSchema },
    handler: ({ params }) => service.getPlatform(params.componentAppId),
  });
  routes.add(app, {
    method: 'PATCH',
    url: '/api/wechat/platforms/:componentAppId',
    tag,
    summary: "Change a platform's name, URLs, Token, EncodingAESKey, initiation domain or IP whitelist",
    params: componentParams,
    body: updatePlatformSchema,
    response: { 200: openPlatformSchema },
    handler: ({ params, body }) => service.updatePlatform(params.componentAppId, body),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/wechat/platforms/:componentAppId',
    tag,
    summary: 'Delete a platform with its tickets, tokens and authorizations (nothing is pushed)',
    params: componentParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deletePlatform(params.componentAppId);
      return { ok: true } as const;
    },
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/platforms/:componentAppId/ticket',
    tag,
    summary: 'Push a component_verify_ticket now; answers once the platform answered',
    params: componentParams,
    response: { 200: ticketPushedSchema },
    handler: ({ params }) => service.pushTicket(params.componentAppId),
  });
  registerSettingsRoutes(app, routes, service);
  registerAccountRoutes(app, routes, service);
}

function registerSettingsRoutes(app: FastifyInstance, routes: RouteRegistry, service: OpenPlatformService): void {
  const tag = 'open-platform';
  routes.add(app, { method: 'GET', url: '/api/wechat/open-platform/settings', tag, summary: "The Open Platform's unconfirmed details, as settings", response: { 200: openSettingsSchema }, handler: () => service.settings() });
  routes.add(app, {
    method: 'PUT',
    url: '/api/wechat/open-platform/settings',
    tag,
    summary: 'Change Open Platform settings; keys not given keep their value',
    body: openSettingsPatchSchema,
    response: { 200: openSettingsSchema },
    handler: ({ body }) => service.updateSettings(body),
  });
}

/** The account's side: who administers it, its Authorization management page, and the admin's phone. */
function registerAccountRoutes(app: FastifyInstance, routes: RouteRegistry, service: OpenPlatformService): void {
  const tag = 'open-platform';
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/admins',
    tag,
    summary: "Personas who administer the account (they can authorize it on the authorization page)",
    params: appIdParams,
    response: { 200: accountAdminsSchema },
    handler: ({ params }) => service.admins(params.appId),
  });
  routes.add(app, {
    method: 'PUT',
    url: '/api/wechat/accounts/:appId/admins',
    tag,
    summary: 'Set who administers the account (replaces the list)',
    params: appIdParams,
    body: adminsBody,
    response: { 200: accountAdminsSchema },
    handler: ({ params, body }) => service.setAdmins(params.appId, body.personaIds),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/authorizations',
    tag,
    summary: "The account's Authorization management page: the platforms it authorized, with their permission sets",
    params: appIdParams,
    response: { 200: accountAuthorizationListSchema },
    handler: ({ params }) => ({ authorizations: service.authorizations(params.appId) }),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/authorizations/:componentAppId',
    tag,
    summary: 'View platform details',
    params: authorizationParams,
    response: { 200: accountAuthorizationDetailSchema },
    handler: ({ params }) => service.authorization(params.appId, params.componentAppId),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/wechat/accounts/:appId/authorizations/:componentAppId',
    tag,
    summary: 'Cancel authorization, as the admin does on the console: pushes unauthorized; tokens, codes and message pushes stop',
    params: authorizationParams,
    response: { 200: authorizationCancelledSchema },
    handler: ({ params }) => service.cancelAuthorization(params.appId, params.componentAppId),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/phone/:personaId/authorize',
    tag: 'phone',
    summary: 'Confirm the scanned authorization page: the account (one the persona administers) and the ticked permission sets; answers the redirect',
    params: personaParams,
    body: phoneAuthorizeBody,
    response: { 200: phoneAuthorizeResultSchema },
    handler: ({ params, body }) => service.authorize(params.personaId, body.appId, body.funcIds),
  });
}
