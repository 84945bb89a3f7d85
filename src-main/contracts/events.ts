import type { JournalEntry, LoginSessionDto, PhoneScreen } from './api';
import type { ScenarioProgress } from './scenarios';
import type { AuditEventBody } from './audit';

/** Topics of state that changed; subscribers refetch what they show. */
export type StateTopic =
  | 'accounts'
  | 'personas'
  | 'tickets'
  | 'followers'
  | 'pools'
  | 'connections'
  | 'applications'
  | 'users'
  | 'sessions'
  | 'relays'
  /** The mock Open Platform: third-party platforms, their authorizations, account administrators. */
  | 'platforms'
  /** Faults injected on the login server's events endpoint. */
  | 'faults'
  /** Saved audits of accounts' servers. */
  | 'audits';

export type StudioEventBody =
  | { type: 'journal'; entry: JournalEntry }
  | { type: 'changed'; topic: StateTopic; id?: string }
  | { type: 'phone'; personaId: string; screen: PhoneScreen }
  | { type: 'login-session'; session: LoginSessionDto }
  /** A scenario run's progress (the Scenarios page, the stage playing a case), a few items at a time. */
  | { type: 'scenario'; runId: string; progress: ScenarioProgress[]; /** The run view's version once these are applied. */ version: number }
  /** An audit of an account's server as it runs: started, each check, done (saved) or failed, re-runs. */
  | { type: 'audit'; auditId: string; appId: string; progress: AuditEventBody };

/** What the bus delivers: the body plus a monotonically increasing sequence number and a time. */
export type StudioEvent = StudioEventBody & { seq: number; at: number };

export type StudioEventType = StudioEventBody['type'];

/** One entry per member of the union: adding an event type without listing it here does not compile. */
const EVENT_TYPES: Record<StudioEventType, true> = { journal: true, changed: true, phone: true, 'login-session': true, scenario: true, audit: true };

/** Every event type the studio stream names (an EventSource listens per type). */
export const STUDIO_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly StudioEventType[];
