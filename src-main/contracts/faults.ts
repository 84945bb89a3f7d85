import { z } from 'zod';

/**
 * Fault injection on the login server's events endpoint: what a connection's endpoint does to the next
 * pushes before it processes them, so a slow or failing server can be tried without writing one.
 * Pure: no Node imports, this file is bundled into the renderer.
 */

/** What the endpoint answers: processes the push as usual, or fails it in one of three ways. */
export const FAULT_ANSWERS = ['process', 'http500', 'garbage', 'drop'] as const;
export type FaultAnswer = (typeof FAULT_ANSWERS)[number];

/** A delay longer than WeChat's 5 s timeout is allowed on purpose: that is how a timeout is tried. */
export const FAULT_MAX_DELAY_MS = 60_000;
export const FAULT_MAX_TIMES = 100;

export const FAULT_RULES = {
  delayMs: `Delay must be a whole number of milliseconds from 0 to ${FAULT_MAX_DELAY_MS}`,
  answer: 'Answer must be process, http500, garbage or drop',
  times: `Number of pushes must be a whole number from 1 to ${FAULT_MAX_TIMES}, or null for every push`,
  nothing: 'A fault needs a delay or an answer other than process',
} as const;

const faultShape = {
    delayMs: z
      .number({ error: FAULT_RULES.delayMs })
      .int({ error: FAULT_RULES.delayMs })
      .min(0, { error: FAULT_RULES.delayMs })
      .max(FAULT_MAX_DELAY_MS, { error: FAULT_RULES.delayMs })
      .default(0),
    answer: z.enum(FAULT_ANSWERS, { error: FAULT_RULES.answer }).default('process'),
    /** How many of the next pushes it applies to; null: every push until cleared. */
    times: z
      .number({ error: FAULT_RULES.times })
      .int({ error: FAULT_RULES.times })
      .min(1, { error: FAULT_RULES.times })
      .max(FAULT_MAX_TIMES, { error: FAULT_RULES.times })
      .nullable()
      .default(null),
};

export const faultSchema = z
  .object(faultShape)
  .strict()
  .refine((f) => f.delayMs > 0 || f.answer !== 'process', { error: FAULT_RULES.nothing, path: ['answer'] });

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema>;

/** A fault as the control API lists it: which connection, and how many pushes it still applies to. */
export const connectionFaultSchema = z.object({ ...faultShape, poolId: z.string(), identifier: z.string() });
export type ConnectionFault = z.output<typeof connectionFaultSchema>;

/** GET /api/login/faults */
export const faultListSchema = z.object({ faults: z.array(connectionFaultSchema) });

/** The fixed bodies of the failing answers (the 500's is what a crashed framework typically sends). */
export const FAULT_BODIES = {
  http500: 'Internal Server Error',
  garbage: '\u00ff\u00fe<xm1>%%garbled reply from fault injection%%</xm',
} as const;

/**
 * A dropped connection is recorded with nginx's 444 ("connection closed without response"): no status is
 * ever sent, the number only marks the entry.
 */
export const DROPPED_STATUS = 444;
