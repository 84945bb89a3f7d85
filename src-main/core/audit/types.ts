/**
 * The developer-server audit's vocabulary. What a report holds is a contract (src-main/contracts/audit.ts,
 * shared with the studio's renderer); what is audited and how side effects are observed is the engine's.
 */
export {
  AUDIT_MODES,
  type AnswerKind,
  type AuditMode,
  type AuditProgress,
  type AuditReport,
  type CheckEvidence,
  type CheckResult,
  type CheckStatus,
  type ExchangeEvidence,
  type Finding,
  type FindingLevel,
  type PolicyLevel,
  type SdkGuess,
  type Severity,
  type TimingRow,
  type Verdict,
} from '../../contracts/audit';
import type { AuditMode } from '../../contracts/audit';
import type { Said } from '../../contracts/said';

/** The developer's server as configured on WeChat's console. */
export interface AuditTarget {
  url: string;
  token: string;
  mode: AuditMode;
  /** Required in compatible and safe mode. */
  encodingAesKey?: string;
  /** The account's AppID (the appid inside every ciphertext); made up when absent. */
  appId?: string;
  /** The account's original ID (gh_…, the pushes' ToUserName); made up when absent. */
  originalId?: string;
}

/**
 * Lets the audit see what a push did on the server side: the studio's login server (or a test's own
 * server) prepares a login and says how many sign-ins it recorded. Without one, checks that need side
 * effects judge the answers alone and say what they could not see.
 */
export interface LoginObserver {
  readonly description: string;
  /** The description as a sentence. */
  readonly describedAs?: Said;
  /** The observed server's own events endpoint, to tell a relay in front of it from the endpoint itself. */
  readonly eventsUrl: string;
  newLogin(): Promise<ObservedLogin>;
}

export interface ObservedLogin {
  /** What the login's QR code carries: subscribe gets `qrscene_<scene>`, SCAN the bare scene. */
  scene: string;
  ticket?: string;
  /** Names the login in evidence (e.g. the session id). */
  label: string;
  /** Sign-ins the server recorded for this login so far. */
  signIns(): Promise<number>;
}
