import { z } from 'zod';

/**
 * DTOs of the control API (the stable automation contract, see README "Automation contract"): one zod
 * schema per shape, with its TypeScript type inferred from it, shared by the engine (which sends every
 * answer through its schema), the renderer and the tests. The shapes live by domain; this file gathers them.
 */

export * from './said';
export * from './journal';
export * from './login-api';
export * from './wechat-api';
export type { MessageMode } from './rules';

/** Every refusal of the control API: a code, a message naming the problem and, where it applies, the field. */
export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

/** The answer of a change that has nothing else to say (a deletion, a stop). */
export const okSchema = z.object({ ok: z.literal(true) });

/** GET /api/health */
export const healthSchema = z.object({ ok: z.literal(true), version: z.string() });
