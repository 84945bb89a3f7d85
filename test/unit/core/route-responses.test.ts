import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { accountSchema } from '../../../src-main/contracts/api';
import { createHttpApp } from '../../../src-main/core/http/app';
import { RouteRegistry } from '../../../src-main/core/http/routes';
import { createLogger } from '../../../src-main/core/logger';

/**
 * The route registry sends every answer through the schema the route declares: a field the schema does not
 * list never reaches the client, an answer that does not fit is a plain 500 (its values stay out of the
 * answer and the log), and OpenAPI documents the same schema.
 */

const ACCOUNT = {
  appId: 'wx0123456789abcdef',
  originalId: 'gh_0123456789ab',
  name: 'Shop',
  type: 'service' as const,
  verified: true,
  ipWhitelist: [],
  server: { url: 'http://127.0.0.1:1/wx', token: 'tok123', encodingAesKey: '', mode: 'plaintext' as const, enabled: true },
  appSecretMasked: 'a1b2••••9f0e',
};
const SECRET = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';

describe('route answers through their response schema', () => {
  let app: FastifyInstance;
  let logs: string[];
  afterEach(() => app.close());

  async function start(register: (app: FastifyInstance, routes: RouteRegistry) => void): Promise<RouteRegistry> {
    logs = [];
    app = createHttpApp({ name: 'studio', log: createLogger((l) => logs.push(l)) });
    const routes = new RouteRegistry();
    register(app, routes);
    await app.ready();
    return routes;
  }

  it('drops a field the schema does not declare, at any depth (a secret added to a DTO by mistake)', async () => {
    await start((a, routes) =>
      routes.add(a, {
        method: 'GET',
        url: '/api/account',
        tag: 'test',
        summary: 'An account with its secret attached by mistake',
        response: { 200: z.object({ accounts: z.array(accountSchema) }) },
        handler: () => ({ accounts: [{ ...ACCOUNT, appSecret: SECRET, server: { ...ACCOUNT.server, aesKeyBytes: SECRET } }] }),
      }),
    );
    const res = await app.inject({ method: 'GET', url: '/api/account' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(SECRET);
    const account = res.json<{ accounts: Array<Record<string, unknown>> }>().accounts[0]!;
    expect(account).toEqual(ACCOUNT);
    expect(account).not.toHaveProperty('appSecret');
  });

  it('answers a plain 500 when the answer does not fit its schema, with no value of it in the answer or the log', async () => {
    await start((a, routes) =>
      routes.add(a, {
        method: 'GET',
        url: '/api/broken',
        tag: 'test',
        summary: 'An answer of the wrong shape',
        response: { 200: accountSchema },
        handler: () => ({ ...ACCOUNT, verified: SECRET }) as never,
      }),
    );
    const res = await app.inject({ method: 'GET', url: '/api/broken' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'internal error; see the studio log' } });
    expect(logs.join('\n')).toContain('verified');
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('answers the declared status, and a status without a schema is a 500', async () => {
    await start((a, routes) => {
      routes.add(a, { method: 'POST', url: '/api/made', tag: 'test', summary: 'Created', status: 201, response: { 201: z.object({ id: z.string() }) }, handler: () => ({ id: 'x', extra: 1 }) });
      routes.add(a, {
        method: 'GET',
        url: '/api/teapot',
        tag: 'test',
        summary: 'Sets a status it does not declare',
        response: { 200: z.object({ ok: z.boolean() }) },
        handler: (_i, _req, reply) => {
          reply.status(202);
          return { ok: true };
        },
      });
    });
    const made = await app.inject({ method: 'POST', url: '/api/made', payload: {} });
    expect([made.statusCode, made.json()]).toEqual([201, { id: 'x' }]);
    expect((await app.inject({ method: 'GET', url: '/api/teapot' })).statusCode).toBe(500);
  });

  it('documents each success answer and the refusal in OpenAPI', async () => {
    const routes = await start((a, r) =>
      r.add(a, { method: 'GET', url: '/api/accounts/:appId', tag: 'test', summary: 'One', params: z.object({ appId: z.string() }), response: { 200: accountSchema }, handler: () => ACCOUNT }),
    );
    const doc = routes.openApi({ title: 't', version: '0' }) as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { properties?: Record<string, unknown> } }> }> }>> };
    const responses = doc.paths['/api/accounts/{appId}']!.get!.responses;
    expect(Object.keys(responses['200']!.content['application/json']!.schema.properties ?? {})).toEqual(expect.arrayContaining(['appId', 'server', 'appSecretMasked']));
    expect(Object.keys(responses['200']!.content['application/json']!.schema.properties ?? {})).not.toContain('appSecret');
    expect(Object.keys(responses['4XX']!.content['application/json']!.schema.properties ?? {})).toEqual(['error']);
  });
});
