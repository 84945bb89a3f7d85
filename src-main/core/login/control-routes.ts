import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  loginApplicationCreatedSchema,
  loginApplicationListSchema,
  loginConnectionListSchema,
  loginConnectionSchema,
  loginPoolListSchema,
  loginPoolSchema,
  loginSessionListSchema,
  loginUserListSchema,
  loginUserSchema,
  okSchema,
  qrSessionViewSchema,
} from '../../contracts/api';
import { appNameSchema, connectionFormSchema, connectionPatchSchema, passwordSchema, poolNameSchema, usernameSchema } from '../../contracts/login-rules';
import type { RouteRegistry } from '../http/routes';
import { loginSettingsSchema, type LoginService } from './service';

/** The studio's control routes for the login server (the automation contract's /api/login/*). */

const tag = 'login';

const poolParams = z.object({ poolId: z.string().min(1) });
const connParams = z.object({ poolId: z.string().min(1), identifier: z.string().min(1) });
const appParams = z.object({ poolId: z.string().min(1), appId: z.string().min(1) });
const userParams = z.object({ userId: z.string().min(1) });
const poolQuery = z.object({ poolId: z.string().min(1).optional() });
const revealQuery = z.object({ reveal: z.enum(['true', 'false', '1', '0']).optional() });
const poolBody = z.object({ name: poolNameSchema });
const appBody = z.object({
  name: appNameSchema,
  /** Each must be https, or http on a loopback host, without a fragment (checked by the directory, naming the entry). */
  redirectUris: z.array(z.string({ error: 'redirectUris must be a list of URLs' }), { error: 'redirectUris must be a list of URLs' }).optional(),
  qrExpireSeconds: z.number().nullable().optional(),
});
const userBody = z.object({
  poolId: z.string({ error: 'poolId is required' }).min(1, { error: 'poolId is required' }),
  username: usernameSchema,
  password: passwordSchema.optional(),
  nickname: z.string().max(64, { error: 'nickname must be at most 64 characters' }).optional(),
  unionId: z.string().max(64, { error: 'unionId must be at most 64 characters' }).optional(),
});
function poolRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  routes.add(app, { method: 'GET', url: '/api/login/pools', tag, summary: 'User pools with their connections and applications', response: { 200: loginPoolListSchema }, handler: () => ({ pools: service.listPools() }) });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/pools',
    tag,
    summary: 'Create a user pool',
    body: poolBody,
    status: 201,
    response: { 201: loginPoolSchema },
    handler: ({ body }) => service.createPool({ name: body.name }),
  });
  routes.add(app, { method: 'GET', url: '/api/login/pools/:poolId', tag, summary: 'One user pool', params: poolParams, response: { 200: loginPoolSchema }, handler: ({ params }) => service.getPool(params.poolId) });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/login/pools/:poolId',
    tag,
    summary: 'Delete a user pool and everything in it',
    params: poolParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deletePool(params.poolId);
      return { ok: true } as const;
    },
  });
}

function connectionRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/connections',
    tag,
    summary: 'WeChat Official Account Follow connections of a pool (secrets masked)',
    params: poolParams,
    response: { 200: loginConnectionListSchema },
    handler: ({ params }) => ({ connections: service.listConnections(params.poolId) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/pools/:poolId/connections',
    tag,
    summary: 'Create a WeChat Official Account Follow connection; 422 names the first invalid field and nothing is saved',
    params: poolParams,
    // Checked by the directory: the refusal names the first invalid field in form order, with the form's own message.
    formBody: connectionFormSchema,
    status: 201,
    response: { 201: loginConnectionSchema },
    handler: ({ params, body }) => service.createConnection(params.poolId, body),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/connections/:identifier',
    tag,
    summary: 'One connection, with the events URL for the WeChat console; ?reveal=true shows Token and EncodingAESKey',
    params: connParams,
    query: revealQuery,
    response: { 200: loginConnectionSchema },
    handler: ({ params, query }) => service.getConnection(params.poolId, params.identifier, query.reveal === 'true' || query.reveal === '1'),
  });
  routes.add(app, {
    method: 'PATCH',
    url: '/api/login/pools/:poolId/connections/:identifier',
    tag,
    summary: 'Edit a connection: absent fields (the AppSecret too) keep their value; the Unique ID cannot change',
    params: connParams,
    // Checked by the directory against the stored connection (the Unique ID cannot change; the key is judged with the mode).
    formBody: connectionPatchSchema,
    response: { 200: loginConnectionSchema },
    handler: ({ params, body }) => service.updateConnection(params.poolId, params.identifier, body),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/login/pools/:poolId/connections/:identifier',
    tag,
    summary: 'Delete a connection',
    params: connParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deleteConnection(params.poolId, params.identifier);
      return { ok: true } as const;
    },
  });
}

function applicationRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/login/pools/:poolId/apps',
    tag,
    summary: 'Applications of a pool',
    params: poolParams,
    response: { 200: loginApplicationListSchema },
    handler: ({ params }) => ({ apps: service.listApps(params.poolId) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/pools/:poolId/apps',
    tag,
    summary: 'Create an application; its secret is shown once, here',
    params: poolParams,
    body: appBody,
    status: 201,
    response: { 201: loginApplicationCreatedSchema },
    handler: ({ params, body }) =>
      service.createApp(params.poolId, {
        name: body.name,
        ...(body.redirectUris ? { redirectUris: body.redirectUris } : {}),
        ...(body.qrExpireSeconds !== undefined ? { qrExpireSeconds: body.qrExpireSeconds } : {}),
      }),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/login/pools/:poolId/apps/:appId',
    tag,
    summary: 'Delete an application',
    params: appParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deleteApp(params.appId);
      return { ok: true } as const;
    },
  });
}

function userRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/login/users',
    tag,
    summary: 'Users with their WeChat identities and recent logins',
    query: poolQuery,
    response: { 200: loginUserListSchema },
    handler: ({ query }) => ({ users: service.listUsers(query.poolId) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/users',
    tag,
    summary: 'Create a password account (for query binding) or a user with a UnionID field (for field matching)',
    body: userBody,
    status: 201,
    response: { 201: loginUserSchema },
    handler: ({ body }) =>
      service.createUser({
        poolId: body.poolId,
        username: body.username,
        ...(body.password !== undefined ? { password: body.password } : {}),
        ...(body.nickname !== undefined ? { nickname: body.nickname } : {}),
        ...(body.unionId !== undefined ? { unionId: body.unionId } : {}),
      }),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/login/users/:userId',
    tag,
    summary: 'Delete a user with their identities and logins',
    params: userParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      service.deleteUser(params.userId);
      return { ok: true } as const;
    },
  });
}

function sessionAndSettingsRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/login/sessions',
    tag,
    summary: 'QR login sessions, newest first',
    query: poolQuery,
    response: { 200: loginSessionListSchema },
    handler: ({ query }) => ({ sessions: service.listSessions(query.poolId) }),
  });
  routes.add(app, {
    method: 'POST',
    url: '/api/login/sessions/:id/expire',
    tag,
    summary: 'Expire now: the session\'s QR code stops working at once, as if its lifetime had passed',
    params: z.object({ id: z.string().min(1).max(64) }),
    response: { 200: qrSessionViewSchema },
    handler: ({ params }) => service.expireSession(params.id),
  });
  routes.add(app, { method: 'GET', url: '/api/login/settings', tag, summary: 'Login server settings', response: { 200: loginSettingsSchema }, handler: () => service.getSettings() });
  routes.add(app, {
    method: 'PUT',
    url: '/api/login/settings',
    tag,
    summary: 'Change login server settings (timestamp window of the events endpoint)',
    body: loginSettingsSchema,
    response: { 200: loginSettingsSchema },
    handler: ({ body }) => service.setSettings(body),
  });
}

export function registerLoginControlRoutes(app: FastifyInstance, routes: RouteRegistry, service: LoginService): void {
  for (const group of [poolRoutes, connectionRoutes, applicationRoutes, userRoutes, sessionAndSettingsRoutes]) group(app, routes, service);
}
