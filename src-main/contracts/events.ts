import { z } from 'zod';
import { auditEventBodySchema } from './audit';
import { journalEntrySchema } from './journal';
import { loginSessionSchema } from './login-api';
import { scenarioProgressSchema } from './scenarios';
import { phoneScreenSchema } from './wechat-api';

/** Topics of state that changed; subscribers refetch what they show. */
export const STATE_TOPICS = [
  'accounts',
  'personas',
  'tickets',
  'followers',
  'pools',
  'connections',
  'applications',
  'users',
  'sessions',
  'relays',
  /** The mock Open Platform: third-party platforms, their authorizations, account administrators. */
  'platforms',
  /** Faults injected on the login server's events endpoint. */
  'faults',
  /** Saved audits of accounts' servers. */
  'audits',
] as const;
export type StateTopic = (typeof STATE_TOPICS)[number];

const EVENT_BODIES = [
  z.object({ type: z.literal('journal'), entry: journalEntrySchema }),
  z.object({ type: z.literal('changed'), topic: z.enum(STATE_TOPICS), id: z.string().optional() }),
  z.object({ type: z.literal('phone'), personaId: z.string(), screen: phoneScreenSchema }),
  z.object({ type: z.literal('login-session'), session: loginSessionSchema }),
  /** A scenario run's progress (the Scenarios page, the stage playing a case), a few items at a time. */
  z.object({ type: z.literal('scenario'), runId: z.string(), progress: z.array(scenarioProgressSchema), /** The run view's version once these are applied. */ version: z.number() }),
  /** An audit of an account's server as it runs: started, each check, done (saved) or failed, re-runs. */
  z.object({ type: z.literal('audit'), auditId: z.string(), appId: z.string(), progress: auditEventBodySchema }),
] as const;

export const studioEventBodySchema = z.discriminatedUnion('type', EVENT_BODIES);
export type StudioEventBody = z.infer<typeof studioEventBodySchema>;

/** What the stream delivers: the body plus a monotonically increasing sequence number and a time. */
const stamp = { seq: z.number(), at: z.number() };
export const studioEventSchema = z.discriminatedUnion('type', [
  EVENT_BODIES[0].extend(stamp),
  EVENT_BODIES[1].extend(stamp),
  EVENT_BODIES[2].extend(stamp),
  EVENT_BODIES[3].extend(stamp),
  EVENT_BODIES[4].extend(stamp),
  EVENT_BODIES[5].extend(stamp),
]);
export type StudioEvent = StudioEventBody & { seq: number; at: number };

export type StudioEventType = StudioEventBody['type'];

/** One entry per member of the union: adding an event type without listing it here does not compile. */
const EVENT_TYPES: Record<StudioEventType, true> = { journal: true, changed: true, phone: true, 'login-session': true, scenario: true, audit: true };

/** Every event type the studio stream names (an EventSource listens per type). */
export const STUDIO_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly StudioEventType[];
