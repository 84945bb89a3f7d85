import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiErrorBodySchema } from '../../contracts/api';
import { StudioError, fromZodError } from './errors';
import { sendDeclared } from './responses';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The answer of each success status, as a zod schema: what OpenAPI documents and the only fields sent. */
export type ResponseSchemas = Readonly<Record<number, z.ZodType>>;

type Answer<R extends ResponseSchemas> = z.input<R[keyof R]>;

export interface RouteSpec<
  B extends z.ZodType = z.ZodType<unknown>,
  Q extends z.ZodType = z.ZodType<unknown>,
  P extends z.ZodType = z.ZodType<unknown>,
  R extends ResponseSchemas = ResponseSchemas,
> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: B;
  /**
   * A body the handler checks itself; the schema documents it. For a form whose rules need stored state
   * and whose refusal names its first invalid field in form order (the handler gets the body unparsed, but
   * always an object: anything else is refused here).
   */
  formBody?: z.ZodType;
  query?: Q;
  params?: P;
  /** Status of a successful answer (default 200). */
  status?: number;
  /**
   * The answer per success status. Every answer is parsed through it: zod objects drop keys they do not
   * declare, so a field added to a DTO by mistake (a secret, say) never reaches the client.
   */
  response: R;
  /** A stream of server-sent events, each event's data of the `response` schema (the handler writes it). */
  eventStream?: true;
  /** A file download in one of these media types (the handler sends it); `response` describes its content. */
  files?: readonly string[];
  handler: (
    input: { body: z.infer<B>; query: z.infer<Q>; params: z.infer<P> },
    req: FastifyRequest,
    reply: FastifyReply,
  ) => NoInfer<Answer<R>> | Promise<NoInfer<Answer<R>>> | FastifyReply | Promise<FastifyReply> | void | Promise<void>;
}

/** A form's body as its handler may read it: a JSON object (absent is empty); a string, number or list is refused. */
function formObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new StudioError(422, 'invalid_field', 'the body must be a JSON object');
  return body as Record<string, unknown>;
}

/** Collects every route's schemas so that /api/openapi.json is generated from the same zod schemas that check requests and answers. */
export class RouteRegistry {
  private readonly routes: RouteSpec[] = [];

  add<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, R extends ResponseSchemas>(app: FastifyInstance, spec: RouteSpec<B, Q, P, R>): void {
    this.routes.push(spec as unknown as RouteSpec);
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (req, reply) => {
        const body = spec.formBody ? formObject(req.body) : parseWith(spec.body, req.body ?? {});
        const query = parseWith(spec.query, req.query ?? {});
        const params = parseWith(spec.params, req.params ?? {});
        const result = await spec.handler({ body, query, params } as never, req, reply);
        if (reply.sent) return reply;
        const status = spec.status ?? reply.statusCode;
        return sendDeclared(reply.status(status), spec.response[status], result, `${spec.method} ${spec.url}`);
      },
    });
  }

  openApi(info: { title: string; version: string }): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const p = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op: Record<string, unknown> = { summary: r.summary, tags: [r.tag], responses: responsesOf(r) };
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', r.params],
        ['query', r.query],
      ] as const) {
        if (!schema) continue;
        const js = toJson(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, s] of Object.entries(js.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
        }
      }
      if (parameters.length) op.parameters = parameters;
      const body = r.formBody ?? r.body;
      if (body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(body, 'input') } } };
      (paths[p] ??= {})[r.method.toLowerCase()] = op;
    }
    return { openapi: '3.1.0', info, paths };
  }
}

function responsesOf(r: RouteSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const types = r.eventStream ? ['text/event-stream'] : (r.files ?? ['application/json']);
  const description = r.eventStream ? 'A stream of server-sent events; each data line is one of these' : r.files ? 'A file' : 'OK';
  for (const [status, schema] of Object.entries(r.response)) {
    const json = toJson(schema, 'output');
    out[status] = { description, content: Object.fromEntries(types.map((type) => [type, { schema: json }])) };
  }
  out['4XX'] = { description: 'Refused: the code, a message naming the problem and, where it applies, the field', content: { 'application/json': { schema: toJson(apiErrorBodySchema, 'output') } } };
  return out;
}

function toJson(schema: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io });
  } catch {
    return {};
  }
}

function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown): unknown {
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error);
  return r.data;
}
