import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { say } from '../../contracts/said';
import { note, type ExchangeNote } from '../journal/recorder';
import type { Logger } from '../logger';
import { describeExchange } from './exchange-journal';

/**
 * oidc-provider (a Koa app) mounted on the auth server under /oidc. Koa works out the answer but does not
 * write it: the Fastify reply sends it, so the auth server's recorder journals the exchange like any other,
 * with the request and response masked by the provider's rules and the tokens decoded.
 */

export const MOUNT = '/oidc';

interface Answer {
  status: number;
  body: unknown;
  note: ExchangeNote;
}

type RawRequest = IncomingMessage & { originalUrl?: string };
type Callback = (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;

/** Answers by request, from the Koa middleware to the Fastify handler that called it. */
const ANSWERS = new WeakMap<IncomingMessage, Answer>();

function describeSafely(ctx: KoaContextWithOIDC, log: Logger): ExchangeNote {
  try {
    return describeExchange(ctx, (ctx.req as RawRequest).originalUrl ?? ctx.originalUrl);
  } catch (err) {
    log.warn('oidc: could not describe an exchange for the journal', { error: (err as Error).message });
    return { kind: 'oidc' };
  }
}

/** The outermost Koa middleware: keeps the answer for Fastify instead of writing it. */
function holdAnswer(log: Logger) {
  return async (ctx: KoaContextWithOIDC, next: () => Promise<unknown>): Promise<void> => {
    try {
      await next();
    } catch (err) {
      // oidc-provider renders its own errors; this one escaped it.
      log.error('oidc: provider error', { error: (err as Error).message });
      ctx.status = 500;
      ctx.body = { error: 'server_error', error_description: 'oops! something went wrong' };
    }
    ctx.respond = false;
    ANSWERS.set(ctx.req, { status: ctx.status, body: ctx.body, note: describeSafely(ctx, log) });
  };
}

function payloadOf(body: unknown): string | Buffer | Readable | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return body as Readable;
  return JSON.stringify(body);
}

export function mountProvider(app: FastifyInstance, provider: () => Promise<Provider> | null, log: Logger): void {
  const callbacks = new WeakMap<Provider, Callback>();
  const callbackOf = (p: Provider): Callback => {
    let cb = callbacks.get(p);
    if (!cb) {
      p.use(holdAnswer(log) as Parameters<Provider['use']>[0]);
      callbacks.set(p, (cb = p.callback() as Callback));
    }
    return cb;
  };
  const handle = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const p = await provider()?.catch(() => null);
    if (!p) {
      note(req, { kind: 'oidc', summary: say('oidc.unavailable') });
      return reply.status(503).send({ error: 'temporarily_unavailable', error_description: 'the provider is not available' });
    }
    const raw = req.raw as RawRequest;
    const url = raw.url ?? '/';
    // As Express mounts it: oidc-provider works out its mount path from originalUrl minus url.
    raw.originalUrl = url;
    raw.url = url.slice(MOUNT.length) || '/';
    try {
      await callbackOf(p)(raw, reply.raw);
    } finally {
      raw.url = url;
    }
    const answer = ANSWERS.get(raw);
    ANSWERS.delete(raw);
    // Koa wrote an answer itself (an error in Koa's own handling): nothing is left for Fastify to send.
    if (!answer) return reply.hijack();
    note(req, answer.note);
    return reply.status(answer.status).send(payloadOf(answer.body));
  };
  void app.register(async (child) => {
    // oidc-provider reads the body itself (its own size limit and parsers): Fastify must not consume it.
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, _payload, done) => done(null));
    for (const url of [MOUNT, `${MOUNT}/*`]) {
      child.route({ method: ['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'PATCH'], url, handler: handle });
    }
  });
}
