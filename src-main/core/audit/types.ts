import type { HttpRequestRecord, HttpResponseRecord } from '../../contracts/api';

/** The developer-server audit's vocabulary: what is audited, what a check yields, what a report holds. */

export type AuditMode = 'plaintext' | 'compatible' | 'safe';
export const AUDIT_MODES: readonly AuditMode[] = ['plaintext', 'compatible', 'safe'];

/** What a check's failure counts as (its default, or the policy file's choice). */
export type Severity = 'FAIL' | 'WARN' | 'INFO';
export type PolicyLevel = Severity | 'IGNORE';
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'INFO' | 'SKIP';
export type Verdict = 'PASS' | 'WARN' | 'FAIL';

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

/** Where a single finding stands: the check's criterion broken, a lesser concern, or a plain fact. */
export type FindingLevel = 'fail' | 'warn' | 'info' | 'pass';
export interface Finding {
  level: FindingLevel;
  text: string;
}

/** How an answer to a push or a GET was read. */
export type AnswerKind = 'ack' | 'reply' | 'refused' | 'server-error' | 'redirect' | 'invalid' | 'timeout' | 'no-answer';

/** One request the audit sent and what came back, kept byte for byte (bodies over 64 KiB are cut). */
export interface ExchangeEvidence {
  label: string;
  request: HttpRequestRecord;
  response?: HttpResponseRecord;
  error?: string;
  ms: number;
  answer: AnswerKind;
  /** The message XML before sealing: what the server should have read. */
  message?: string;
  /** The passive reply's own XML (decrypted when it came encrypted). */
  reply?: string;
  /** What the mock platform, reading the answer as WeChat does, makes of it. */
  platform?: string;
}

export interface TimingRow {
  kind: string;
  count: number;
  p50: number;
  p95: number;
  max: number;
  timeouts: number;
}

export interface CheckEvidence {
  summary: string;
  findings: Finding[];
  /** What the audit could not see, said plainly (e.g. side effects of an arbitrary server). */
  notObserved: string[];
  exchanges: ExchangeEvidence[];
  timing?: TimingRow[];
}

export interface CheckResult {
  id: string;
  title: string;
  /** Severity in force for this run (the policy file may have changed it). */
  severity: Severity;
  defaultSeverity: Severity;
  status: CheckStatus;
  /** One line: what the check found. */
  summary: string;
  /** What a WeChat user sees when this goes wrong. */
  why: string;
  fix: string;
  evidence: CheckEvidence;
  durationMs: number;
}

export interface SdkGuess {
  id: 'node-webot' | 'express' | 'php' | 'python' | 'java' | 'go';
  name: string;
  /** The observed detail it rests on. */
  basis: string;
}

export interface AuditReport {
  tool: 'follow-studio audit';
  verdict: Verdict;
  mode: AuditMode;
  url: string;
  startedAt: string;
  durationMs: number;
  account: { appId: string; originalId: string; madeUp: string[] };
  /** What let the audit see side effects (the studio's login server), if anything. */
  observer?: string;
  sdk?: SdkGuess;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

/** Progress, one event per check start and end, for a live console line or the studio's progress view. */
export type AuditProgress =
  | { type: 'start'; total: number; checks: Array<{ id: string; title: string }> }
  | { type: 'check-start'; id: string; title: string }
  | { type: 'check-done'; result: CheckResult; done: number; total: number }
  | { type: 'done'; report: AuditReport };

/**
 * Lets the audit see what a push did on the server side: the studio's login server (or a test's own
 * server) prepares a login and says how many sign-ins it recorded. Without one, checks that need side
 * effects judge the answers alone and say what they could not see.
 */
export interface LoginObserver {
  readonly description: string;
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
