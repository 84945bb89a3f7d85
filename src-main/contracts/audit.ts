import type { HttpRequestRecord, HttpResponseRecord } from './api';

/**
 * The developer-server audit's report (the JSON report, a contract for CI scripts) and the studio's saved
 * audits. Pure types: shared by the engine, the command line, the studio's routes and the renderer.
 */

export type AuditMode = 'plaintext' | 'compatible' | 'safe';
export const AUDIT_MODES: readonly AuditMode[] = ['plaintext', 'compatible', 'safe'];

/** What a check's failure counts as (its default, or the policy's choice). */
export type Severity = 'FAIL' | 'WARN' | 'INFO';
export type PolicyLevel = Severity | 'IGNORE';
export type CheckStatus = 'PASS' | 'WARN' | 'FAIL' | 'INFO' | 'SKIP';
export type Verdict = 'PASS' | 'WARN' | 'FAIL';

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
  /** The studio's journal entry of this exchange (audits run from the studio). */
  journalId?: string;
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
  /** Stable: the key of the check's title, why and fix in every language. */
  id: string;
  title: string;
  /** Severity in force for this run (the policy may have changed it). */
  severity: Severity;
  defaultSeverity: Severity;
  status: CheckStatus;
  /** One line: what the check found. */
  summary: string;
  /** What a WeChat user sees when this goes wrong. */
  why: string;
  /** How to fix it; the detected server stack's own fix, when the check has one, is appended. */
  fix: string;
  evidence: CheckEvidence;
  durationMs: number;
}

export type SdkId = 'node-webot' | 'express' | 'php' | 'python' | 'java' | 'go';

export interface SdkGuess {
  id: SdkId;
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
  /** How long the audit waited for each answer, as WeChat does (5000 ms unless the mock platform's push timeout says otherwise). */
  timeoutMs?: number;
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

// ---- the studio: audits of an account's server, saved per account ----------------------------------------

export type AuditRunStatus = 'running' | 'done' | 'failed' | 'stopped';

/** One check's line while an audit runs (the stream's progress events keep it current). */
export interface AuditCheckLine {
  id: string;
  title: string;
  status?: CheckStatus;
  severity?: Severity;
  summary?: string;
}

/** An audit in a list: enough to show its verdict and counts, without the evidence. */
export interface AuditSummary {
  id: string;
  appId: string;
  createdAt: number;
  status: AuditRunStatus;
  url: string;
  mode: AuditMode;
  verdict?: Verdict;
  counts?: Record<CheckStatus, number>;
  durationMs?: number;
  /** The policy file's text in force (empty: every check at its default severity). */
  policy: string;
  only: string[];
  /** Why it did not finish (failed: unreachable, stopped by the user or the studio). */
  error?: string;
  /** While running: every selected check, with the status of those done. */
  progress?: { done: number; total: number; checks: AuditCheckLine[] };
}

/** A check re-run after the audit: when, and its status before and after. */
export interface AuditRerun {
  checkId: string;
  at: number;
  before: CheckStatus;
  after: CheckStatus;
}

/** GET /api/audits/{id}: a saved audit with its report (the JSON report, evidence included). */
export interface SavedAudit extends AuditSummary {
  report?: AuditReport;
  reruns: AuditRerun[];
}

export interface AuditChange {
  id: string;
  title: string;
  /** null: the check was not in that audit (`--only`, or a check added since). */
  before: CheckStatus | null;
  after: CheckStatus | null;
}

/** GET /api/audits/{id}/compare: the checks whose status changed since the earlier audit. */
export interface AuditComparison {
  id: string;
  /** The audit compared with (by default the account's previous finished audit); null when there is none. */
  previous: AuditSummary | null;
  changes: AuditChange[];
  /** The server URL or the mode differ between the two audits. */
  targetChanged: { url?: { before: string; after: string }; mode?: { before: AuditMode; after: AuditMode } } | null;
}

/** POST /api/wechat/accounts/{appId}/audits */
export interface StartAuditBody {
  /** Check IDs to run (all when absent or empty). */
  only?: string[];
  /** A policy file's text: one `ID LEVEL` per line (IGNORE, INFO, WARN or FAIL). */
  policy?: string;
}

/** What the event stream says about an audit as it runs. */
export type AuditEventBody =
  | { phase: 'start'; summary: AuditSummary }
  | { phase: 'check-start'; checkId: string }
  | { phase: 'check-done'; check: AuditCheckLine; done: number; total: number }
  | { phase: 'done'; summary: AuditSummary }
  | { phase: 'failed'; summary: AuditSummary }
  | { phase: 'rerun-start'; checkId: string }
  | { phase: 'rerun-done'; checkId: string; summary: AuditSummary };
