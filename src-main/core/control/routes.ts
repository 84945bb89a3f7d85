import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { CoreContext } from '../context';
import { JOURNAL_KINDS, healthSchema, journalEntrySchema, journalPageSchema, okSchema } from '../../contracts/api';
import { studioEventSchema } from '../../contracts/events';
import type { RouteRegistry } from '../http/routes';
import { notFound } from '../http/errors';
import { VERSION } from '../version';
import { registerJournalExport } from './journal-export';
import { streamEvents } from './sse';

const journalQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  beforeSeq: z.coerce.number().int().positive().optional(),
  kind: z.enum(JOURNAL_KINDS).optional(),
  appId: z.string().optional(),
  ok: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** The studio's own routes: health, the event stream, the journal, and the OpenAPI document. */
export function registerControlRoutes(app: FastifyInstance, ctx: CoreContext, routes: RouteRegistry): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/health',
    tag: 'studio',
    summary: 'Liveness and version',
    response: { 200: healthSchema },
    handler: () => ({ ok: true as const, version: VERSION }),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/events',
    tag: 'studio',
    summary: 'Server-sent events: every journal entry and state change; recent history first',
    response: { 200: studioEventSchema },
    eventStream: true,
    handler: (_input, req, reply) => streamEvents(ctx.bus, req, reply),
  });
  routes.add(app, {
    method: 'GET',
    url: '/api/journal',
    tag: 'journal',
    summary: 'Journal entries, newest first',
    query: journalQuery,
    response: { 200: journalPageSchema },
    handler: ({ query }) => ({ entries: ctx.journal.list(query), total: ctx.journal.count() }),
  });
  registerJournalExport(app, ctx, routes);
  routes.add(app, {
    method: 'GET',
    url: '/api/journal/:id',
    tag: 'journal',
    summary: 'One journal entry',
    params: z.object({ id: z.string() }),
    response: { 200: journalEntrySchema },
    handler: ({ params }) => {
      const entry = ctx.journal.get(params.id);
      if (!entry) throw notFound('journal entry', params.id, 'id');
      return entry;
    },
  });
  routes.add(app, {
    method: 'DELETE',
    url: '/api/journal',
    tag: 'journal',
    summary: 'Clear the journal',
    response: { 200: okSchema },
    handler: () => {
      ctx.journal.clear();
      return { ok: true } as const;
    },
  });
  app.get('/api/openapi.json', async () => routes.openApi({ title: 'Follow Studio control API', version: VERSION }));
}
