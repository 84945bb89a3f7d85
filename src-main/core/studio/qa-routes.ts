import type { FastifyInstance } from 'fastify';
import { accountWithWarningsSchema } from '../../contracts/api';
import { demoGuideSchema, type DemoGuide } from '../../contracts/demo';
import type { RouteRegistry } from '../http/routes';
import type { Login } from '../login';
import type { Platform } from '../platform';
import { pointBack, pointBackBody } from './point-back';
import { DEMO, type DemoIds } from './seed';

/** What the stage says about the demo: never the AppSecret the stored IDs also hold. */
export function demoGuide(ids: DemoIds | undefined, login: Login): DemoGuide {
  const pool = ids ? login.service.listPools().find((p) => p.id === ids.poolId) : undefined;
  if (!ids || !pool) return { seeded: false, personas: [] };
  const p = ids.platform.personas;
  return {
    seeded: true,
    poolId: ids.poolId,
    applicationId: ids.applicationId,
    appId: ids.platform.appId,
    identifier: DEMO.identifier,
    credentials: { username: DEMO.username, password: DEMO.password },
    personas: [
      { id: p.newUser, role: 'newUser' },
      { id: p.follower, role: 'follower' },
      { id: p.unionUser, role: 'unionUser' },
    ],
  };
}

/** The stage's QA routes that need both domains: "point back" and the demo guide. */
export function registerQaRoutes(app: FastifyInstance, routes: RouteRegistry, deps: { platform: Platform; login: Login; demoIds: () => DemoIds | undefined }): void {
  routes.add(app, {
    method: 'POST',
    url: '/api/studio/point-back',
    tag: 'studio',
    summary: "Point the identity source's account back at its events endpoint: URL, Token, EncodingAESKey and mode from the identity source, enabled, with WeChat's URL verification",
    body: pointBackBody,
    response: { 200: accountWithWarningsSchema },
    handler: ({ body }) => pointBack(deps.platform, deps.login, body),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/studio/demo',
    tag: 'studio',
    summary: "The demo's password account (for query binding) and the part each demo persona plays",
    response: { 200: demoGuideSchema },
    handler: () => demoGuide(deps.demoIds(), deps.login),
  });
}
