import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fromZodError } from './errors';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteSpec<
  B extends z.ZodType = z.ZodType<unknown>,
  Q extends z.ZodType = z.ZodType<unknown>,
  P extends z.ZodType = z.ZodType<unknown>,
> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: B;
  query?: Q;
  params?: P;
  /** Status of a successful answer (default 200). */
  status?: number;
  handler: (
    input: { body: z.infer<B>; query: z.infer<Q>; params: z.infer<P> },
    req: FastifyRequest,
    reply: FastifyReply,
  ) => unknown;
}

/** Collects every route's schemas so that /api/openapi.json is generated from the same zod schemas that check requests. */
export class RouteRegistry {
  private readonly routes: RouteSpec[] = [];

  add<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType>(app: FastifyInstance, spec: RouteSpec<B, Q, P>): void {
    this.routes.push(spec as unknown as RouteSpec);
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (req, reply) => {
        const body = parseWith(spec.body, req.body ?? {}, 'body');
        const query = parseWith(spec.query, req.query ?? {}, 'query');
        const params = parseWith(spec.params, req.params ?? {}, 'params');
        const result = await spec.handler({ body, query, params } as never, req, reply);
        if (reply.sent) return reply;
        if (spec.status) reply.status(spec.status);
        return result;
      },
    });
  }

  openApi(info: { title: string; version: string }): unknown {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const r of this.routes) {
      const p = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      const op: Record<string, unknown> = { summary: r.summary, tags: [r.tag], responses: { [String(r.status ?? 200)]: { description: 'OK' } } };
      const parameters: unknown[] = [];
      for (const [where, schema] of [
        ['path', r.params],
        ['query', r.query],
      ] as const) {
        if (!schema) continue;
        const js = toJson(schema) as { properties?: Record<string, unknown>; required?: string[] };
        for (const [name, s] of Object.entries(js.properties ?? {})) {
          parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
        }
      }
      if (parameters.length) op.parameters = parameters;
      if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toJson(r.body) } } };
      (paths[p] ??= {})[r.method.toLowerCase()] = op;
    }
    return { openapi: '3.1.0', info, paths };
  }
}

function toJson(schema: z.ZodType): unknown {
  try {
    return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
  } catch {
    return {};
  }
}

function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): unknown {
  if (!schema) return value;
  const r = schema.safeParse(value);
  if (!r.success) throw fromZodError(r.error, where === 'body' ? undefined : undefined);
  return r.data;
}
