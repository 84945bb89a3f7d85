import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import {
  accountCreatedSchema,
  accountListSchema,
  accountSchema,
  accountWithWarningsSchema,
  followerListSchema,
  okSchema,
  personaListSchema,
  personaSchema,
  phoneScreenSchema,
  phoneStateSchema,
  platformSettingsSchema,
  secretResetSchema,
  ticketListSchema,
} from '../../../contracts/api';
import type { RouteRegistry } from '../../http/routes';
import type { Domain } from '../domain';
import type { PlatformService } from '../service';
import {
  appIdBody,
  appIdParams,
  createAccountSchema,
  createPersonaSchema,
  messageBody,
  personaParams,
  scanBody,
  serverConfigSchema,
  settingsPatchSchema,
  updateAccountSchema,
} from '../schemas';

const tag = 'wechat';

type Register = (app: FastifyInstance, routes: RouteRegistry, d: Domain, service: PlatformService) => void;

const accountRoutes: Register = (app, routes, _d, service) => {
  routes.add(app, { method: 'GET', url: '/api/wechat/accounts', tag, summary: 'Accounts (AppSecret masked)', response: { 200: accountListSchema }, handler: () => ({ accounts: service.listAccounts() }) });
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/accounts',
    tag,
    summary: 'Create an account; the answer shows its AppSecret, the only time it is shown',
    body: createAccountSchema,
    status: 201,
    response: { 201: accountCreatedSchema },
    handler: ({ body }) => {
      const { account, appSecret } = service.createAccount(body);
      return { ...account, appSecret };
    },
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId',
    tag,
    summary: 'One account',
    params: appIdParams,
    response: { 200: accountSchema },
    handler: ({ params }) => {
      const account = service.getAccount(params.appId);
      if (!account) throw notFound('account', params.appId, 'appId');
      return account;
    },
  });
  routes.add(app, {
    method: 'PATCH',
    url: '/api/wechat/accounts/:appId',
    tag,
    summary: 'Change name, type, verification, IP whitelist or API permissions',
    params: appIdParams,
    body: updateAccountSchema,
    response: { 200: accountSchema },
    handler: ({ params, body }) => service.updateAccount(params.appId, body),
  });
};

const accountDetailRoutes: Register = (app, routes, d, service) => {
  routes.add(app, {
    method: 'DELETE',
    url: '/api/wechat/accounts/:appId',
    tag,
    summary: 'Delete an account with its tokens, tickets, follows and chats',
    params: appIdParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deleteAccount(params.appId);
      return { ok: true } as const;
    },
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/accounts/:appId/secret',
    tag,
    summary: 'Reset the AppSecret; the old one and its tokens stop working',
    params: appIdParams,
    response: { 200: secretResetSchema },
    handler: ({ params }) => ({ appSecret: service.resetSecret(params.appId) }),
  });
  routes.add(app, {
    method: 'PUT',
    url: '/api/wechat/accounts/:appId/server',
    tag,
    summary: "Save the server configuration after WeChat's URL verification against its URL passed",
    params: appIdParams,
    body: serverConfigSchema,
    response: { 200: accountWithWarningsSchema },
    handler: async ({ params, body }) => {
      const { account, warnings } = await service.setServerConfig(params.appId, body, { verify: true });
      return { ...account, warnings };
    },
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/tickets',
    tag,
    summary: 'QR tickets of an account, newest first, with their state',
    params: appIdParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(10_000).default(200) }),
    response: { 200: ticketListSchema },
    handler: ({ params, query }) => {
      d.accounts.get(params.appId);
      return { tickets: d.tickets.list(params.appId, query.limit) };
    },
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/wechat/accounts/:appId/followers',
    tag,
    summary: 'Personas who follow or followed the account, with follow history',
    params: appIdParams,
    response: { 200: followerListSchema },
    handler: ({ params }) => {
      d.accounts.get(params.appId);
      const rows = d.repo.followersOfApp.all(params.appId);
      return {
        followers: rows.map((r) => ({
          personaId: r.persona_id,
          name: r.name,
          openId: r.open_id,
          unionId: r.union_id,
          following: r.following === 1,
          subscribeTime: r.subscribe_time,
          subscribeScene: r.subscribe_scene,
          qrScene: r.qr_scene,
          qrSceneStr: r.qr_scene_str,
          history: d.personas.history(r.persona_id, params.appId),
        })),
      };
    },
  });
};

const settingsAndPersonaRoutes: Register = (app, routes, _d, service) => {
  routes.add(app, { method: 'GET', url: '/api/wechat/settings', tag, summary: 'Platform settings (the unconfirmed protocol details)', response: { 200: platformSettingsSchema }, handler: () => service.settings() });
  routes.add(app, {
    method: 'PUT',
    url: '/api/wechat/settings',
    tag,
    summary: 'Change platform settings; keys not given keep their value',
    body: settingsPatchSchema,
    response: { 200: platformSettingsSchema },
    handler: ({ body }) => service.updateSettings(body),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/wechat/personas',
    tag,
    summary: 'Create a persona (a WeChat user)',
    body: createPersonaSchema,
    status: 201,
    response: { 201: personaSchema },
    handler: ({ body }) => service.createPersona(body),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/wechat/personas/:personaId',
    tag,
    summary: 'Delete a persona with its OpenIDs, follows and chats (no unsubscribe is pushed)',
    params: personaParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deletePersona(params.personaId);
      return { ok: true } as const;
    },
  });
  routes.add(app, { method: 'GET', url: '/api/wechat/personas', tag, summary: 'Personas with, per account, OpenID and follow state', response: { 200: personaListSchema }, handler: () => ({ personas: service.listPersonas() }) });

};

const phoneRoutes: Register = (app, routes, _d, service) => {
  const phone = 'phone';
  routes.add(app, {
    method: 'GET',
    url: '/api/phone/:personaId',
    tag: phone,
    summary: "The persona's current screen and chat history per account",
    params: personaParams,
    response: { 200: phoneStateSchema },
    handler: ({ params }) => service.phone(params.personaId),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/phone/:personaId/scan',
    tag: phone,
    summary: 'Scan a QR code by its content; pushes SCAN for a follower, shows the profile otherwise',
    params: personaParams,
    body: scanBody,
    response: { 200: phoneScreenSchema },
    handler: ({ params, body }) => service.scan(params.personaId, body.content),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/phone/:personaId/follow',
    tag: phone,
    summary: 'Follow; pushes subscribe (with the scanned QR scene and Ticket, if any) and waits for the reply',
    params: personaParams,
    body: appIdBody,
    response: { 200: phoneScreenSchema },
    handler: ({ params, body }) => service.follow(params.personaId, body.appId),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/phone/:personaId/unfollow',
    tag: phone,
    summary: 'Unfollow; pushes unsubscribe',
    params: personaParams,
    body: appIdBody,
    response: { 200: phoneScreenSchema },
    handler: ({ params, body }) => service.unfollow(params.personaId, body.appId),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/phone/:personaId/message',
    tag: phone,
    summary: 'Send a text message; pushes text with MsgId and waits for the reply',
    params: personaParams,
    body: messageBody,
    response: { 200: phoneScreenSchema },
    handler: ({ params, body }) => service.sendMessage(params.personaId, body.appId, body.text),
  });
};

/** The platform's part of the control API (studio server): the stable contract's /api/wechat and /api/phone routes. */
export function registerControl(app: FastifyInstance, routes: RouteRegistry, d: Domain, service: PlatformService): void {
  for (const group of [accountRoutes, accountDetailRoutes, settingsAndPersonaRoutes, phoneRoutes]) group(app, routes, d, service);
}
