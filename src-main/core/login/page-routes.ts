import { openEventStream } from '../http/event-stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { qrSessionViewSchema, type QrSessionView } from '../../contracts/api';
import { declared } from '../http/responses';
import type { CoreContext } from '../context';
import { StudioError, fromZodError } from '../http/errors';
import type { LoginRepo } from './repo';
import { pageCsp, renderLoginPage } from './page';
import { pageAssetsOf, registerPageAssets } from './page-assets';
import { pageLanguage } from './page-i18n';
import { PAGE_TEXT } from './replies';
import type { QrSessions } from './qr-sessions';
import type { Binding } from './binding';
import type { EventsEndpoint } from './events/endpoint';
import { note } from '../journal/recorder';
import { say } from '../../contracts/said';
import { errorSaid } from '../wechat/errors';

/**
 * The auth server's public routes: the events endpoint, the hosted login page and the page's session API.
 * The exchanges that change something (pushes, new sessions, cancel, bind) are journaled by the recorder;
 * page loads, the session stream and status polls are not.
 */

const createBody = z.object({
  appId: z.string({ error: 'appId is required' }).min(1, { error: 'appId is required' }),
  connection: z.string().min(1).optional(),
});
const bindBody = z.object({
  username: z.string({ error: 'Username is required' }).trim().min(1, { error: 'Username is required' }).max(64),
  password: z.string({ error: 'Password is required' }).min(1, { error: 'Password is required' }).max(256),
});
const idParams = z.object({ id: z.string().min(1).max(64) });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('x-content-type-options', 'nosniff');
}

export function registerAuthRoutes(
  app: FastifyInstance,
  ctx: CoreContext,
  repo: LoginRepo,
  sessions: QrSessions,
  binding: Binding,
  events: EventsEndpoint,
): void {
  const { q } = repo;

  for (const method of ['GET', 'POST'] as const) {
    app.route({ method, url: '/connections/social/:identifier/:userPoolId/events', handler: (req, reply) => events.handle(req, reply) });
  }

  const pageFiles = pageAssetsOf(ctx.config.rendererDir);
  registerPageAssets(app, ctx.config.rendererDir, pageFiles);

  app.get('/login/:appId', async (req, reply) => {
    const { appId } = req.params as { appId: string };
    const lang = pageLanguage((req.query as { lang?: unknown }).lang, req.headers['accept-language']);
    const application = q.appGet.get(appId);
    const connections = application
      ? q.connByPool.all(application.poolId).map((c) => ({ identifier: c.identifier, displayName: c.displayName }))
      : [];
    const problem = !application ? { unknownApp: true as const } : connections.length === 0 ? { message: PAGE_TEXT.noConnection } : undefined;
    // An OpenID Connect authorization waiting for this login (see core/oidc): the page finishes it once AUTHORIZED.
    const interaction = /^[A-Za-z0-9_-]{1,64}$/.exec(String((req.query as { interaction?: unknown }).interaction ?? ''))?.[0];
    const html = renderLoginPage({
      ...(interaction ? { interaction } : {}),
      appId,
      appName: application?.name ?? null,
      connections,
      lang,
      path: `/login/${encodeURIComponent(appId)}`,
      assets: pageFiles()?.assets ?? null,
      ...(problem ? { problem } : {}),
    });
    return noStore(reply)
      .status(application ? 200 : 404)
      .header('content-security-policy', pageCsp(ctx.urls.studio))
      .header('referrer-policy', 'no-referrer')
      .header('content-language', lang)
      .header('vary', 'Accept-Language')
      .type('text/html; charset=utf-8')
      .send(html);
  });

  const journal = { journal: true };
  app.post('/api/qr/sessions', { config: journal }, async (req, reply) => {
    const body = parse(createBody, req.body);
    note(req, { kind: 'api', summary: say('login.page.qrRequested', { appId: body.appId }) });
    try {
      const view = await sessions.create(body);
      note(req, { summary: say('login.page.qrCreated', { app: view.appName, session: view.id.slice(0, 8) }), requestBody: JSON.stringify(body) });
      return noStore(reply).status(201).send(declared(qrSessionViewSchema, view, 'POST /api/qr/sessions'));
    } catch (err) {
      note(req, { verdict: { ok: false, reasons: [errorSaid(err)] } });
      // The page's visitor is anyone: why WeChat refused (a wrong AppSecret, say) is for the journal only.
      if (err instanceof StudioError && err.code === 'wechat_error') {
        return noStore(reply).status(424).send({ error: { code: 'wechat_error', message: PAGE_TEXT.qrUnavailable } });
      }
      throw err;
    }
  });

  app.get('/api/qr/sessions/:id', async (req, reply) => {
    const { id } = parse(idParams, req.params);
    return noStore(reply).send(declared(qrSessionViewSchema, sessions.get(id), 'GET /api/qr/sessions/:id'));
  });

  app.post('/api/qr/sessions/:id/cancel', { config: journal }, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    note(req, { kind: 'api', summary: say('login.page.cancelled') });
    return noStore(reply).send(declared(qrSessionViewSchema, sessions.cancel(id), 'POST /api/qr/sessions/:id/cancel'));
  });

  app.post('/api/qr/sessions/:id/bind', { config: journal }, async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const body = parse(bindBody, req.body);
    note(req, { kind: 'event', summary: say('login.page.bindSignIn', { username: body.username }) });
    const view = await binding.bind(id, body);
    note(req, { summary: say('login.page.bound', { username: body.username, status: view.status }) });
    return noStore(reply).send(declared(qrSessionViewSchema, view, 'POST /api/qr/sessions/:id/bind'));
  });

  // Server-sent events: the first message is the current state, then every change as it commits.
  app.get('/api/qr/sessions/:id/events', async (req, reply) => {
    const { id } = parse(idParams, req.params);
    const first = sessions.get(id); // 404 before the stream starts when the id is unknown
    const stream = openEventStream(req, reply, 1000);
    const send = (v: QrSessionView): void => {
      const r = qrSessionViewSchema.safeParse(v); // only the declared fields reach the page
      if (r.success) stream.send('session', r.data);
    };
    send(first);
    stream.onClose(sessions.subscribe(id, send));
    // The state may have changed between the first read and the subscription: send it again if so.
    const now = sessions.get(id);
    if (now.status !== first.status || now.needsBinding !== first.needsBinding) send(now);
  });
}
