import type { FastifyReply } from 'fastify';
import type { z } from 'zod';

/** An answer that does not match its declared schema: a defect of the server, answered as a plain 500. */
export class UndeclaredAnswerError extends Error {}

/**
 * The answer as its schema declares it: zod objects drop the keys they do not list, so a field added to a
 * DTO by mistake (a secret kept on a row, say) never leaves the server. An answer that does not fit is a
 * defect: the caller gets the fixed 500 and the log names where the answer went wrong (paths, never values).
 */
export function declared<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) throw new UndeclaredAnswerError(`${where}: no response schema for this status`);
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`);
    throw new UndeclaredAnswerError(`${where}: the answer does not match its response schema (${issues.join('; ')})`);
  }
  return r.data;
}

/** Sends `value` through its schema (see `declared`). */
export function sendDeclared(reply: FastifyReply, schema: z.ZodType | undefined, value: unknown, where: string): FastifyReply {
  return reply.send(declared(schema, value, where));
}

