import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { okSchema } from '../../contracts/api';
import { connectionFaultSchema, FAULT_ANSWERS, faultListSchema } from '../../contracts/faults';
import type { RouteRegistry } from '../http/routes';
import type { Faults } from './faults';

const tag = 'login';
const connParams = z.object({ poolId: z.string().min(1), identifier: z.string().min(1) });
/** Documents the fault's fields; checking them (with the message of the first invalid one) is faults.set's job. */
const faultBody = z.looseObject({
  delayMs: z.unknown().optional().describe('milliseconds to wait before answering, 0–60000 (WeChat gives up after 5000)'),
  answer: z.unknown().optional().describe(`then: ${FAULT_ANSWERS.join(' | ')} (default process)`),
  times: z.unknown().optional().describe('apply to the next N pushes only (1–100); null or absent: every push until cleared'),
});

/** The control routes of fault injection: list, set and clear a connection's fault. */
export function registerFaultRoutes(app: FastifyInstance, routes: RouteRegistry, faults: Faults): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/login/faults',
    tag,
    summary: 'Faults injected on the events endpoints, per connection',
    response: { 200: faultListSchema },
    handler: () => ({ faults: faults.list() }),
  });
  routes.add(app, {
    method: 'PUT',
    url: '/api/login/pools/:poolId/connections/:identifier/fault',
    tag,
    summary: "Inject a fault on the connection's events endpoint: a delay, then process / HTTP 500 / a garbled body / a dropped connection",
    params: connParams,
    body: faultBody,
    response: { 200: connectionFaultSchema },
    handler: ({ params, body }) => faults.set(params.poolId, params.identifier, body),
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/login/pools/:poolId/connections/:identifier/fault',
    tag,
    summary: "Clear the connection's fault: its events endpoint answers as usual",
    params: connParams,
    response: { 200: okSchema },
    handler: ({ params }) => {
      faults.clear(params.poolId, params.identifier);
      return { ok: true } as const;
    },
  });
}
