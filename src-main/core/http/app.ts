import type http from 'node:http';
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import { ZodError } from 'zod';
import type { Logger } from '../logger';
import { StudioError, fromZodError } from './errors';
import { closeServer } from './listen';

export interface HttpAppOptions {
  name: 'studio' | 'wechat' | 'auth' | 'relay' | 'sample';
  log: Logger;
  bodyLimit?: number;
  /** A server that already listens (see bindServer): the app answers on it and closes it on close. */
  server?: http.Server;
}

/**
 * A Fastify app with the conventions every server here shares: bodies of any text type arrive as
 * strings (WeChat pushes are XML, sometimes mislabelled), JSON is parsed, and no request can crash
 * the process — a thrown error becomes a 4xx problem or a logged 500 without the request's content.
 */
export function createHttpApp(o: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: o.bodyLimit ?? 1_048_576,
    forceCloseConnections: true,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    ...(o.server
      ? {
          serverFactory: (handler: http.RequestListener) => {
            o.server!.on('request', handler);
            return o.server!;
          },
        }
      : {}),
  });
  if (o.server) {
    const server = o.server;
    app.addHook('onClose', async () => closeServer(server));
  }
  app.addContentTypeParser(['text/xml', 'application/xml', 'text/plain', 'text/html'], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError | Error, req, reply) => {
    if (err instanceof StudioError) return reply.status(err.status).send(err.toBody());
    if (err instanceof ZodError) {
      const e = fromZodError(err);
      return reply.status(e.status).send(e.toBody());
    }
    const status = (err as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: (err as FastifyError).code ?? 'bad_request', message: err.message } });
    }
    o.log.error(`${o.name}: unhandled error on ${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`, {
      error: err.message,
    });
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error; see the studio log' } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } }),
  );
  return app;
}
