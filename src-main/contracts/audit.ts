import { z } from 'zod';
import { httpRequestRecordSchema, httpResponseRecordSchema } from './journal';
import { saidSchema } from './said';

/**
 * The developer-server audit's report (the JSON report, a contract for CI scripts) and the studio's saved
 * audits: one zod schema per shape, its type inferred from it. Shared by the engine, the command line, the
 * studio's routes (which answer through these schemas) and the renderer.
 */

export const AUDIT_MODES = ['plaintext', 'compatible', 'safe'] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];

const SEVERITIES = ['FAIL', 'WARN', 'INFO'] as const;
const CHECK_STATUSES = ['PASS', 'WARN', 'FAIL', 'INFO', 'SKIP'] as const;

/** What a check's failure counts as (its default, or the policy's choice). */
export type Severity = (typeof SEVERITIES)[number];
export type PolicyLevel = Severity | 'IGNORE';
export type CheckStatus = (typeof CHECK_STATUSES)[number];
const severitySchema = z.enum(SEVERITIES);
const checkStatusSchema = z.enum(CHECK_STATUSES);
const verdictSchema = z.enum(['PASS', 'WARN', 'FAIL']);
export type Verdict = z.infer<typeof verdictSchema>;

/** Where a single finding stands: the check's criterion broken, a lesser concern, or a plain fact. */
export const findingSchema = z.object({
  level: z.enum(['fail', 'warn', 'info', 'pass']),
  /** In English, as reports, JUnit files and scripts read it. */
  text: z.string(),
  /** The same as a sentence, for the studio to say in its reader's language. */
  said: saidSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;
export type FindingLevel = Finding['level'];

/** How an answer to a push or a GET was read. */
const answerKindSchema = z.enum(['ack', 'reply', 'refused', 'server-error', 'redirect', 'invalid', 'timeout', 'no-answer']);
export type AnswerKind = z.infer<typeof answerKindSchema>;

/** One request the audit sent and what came back, kept byte for byte (bodies over 64 KiB are cut). */
export const exchangeEvidenceSchema = z.object({
  label: z.string(),
  /** The label as a sentence. */
  labelSaid: saidSchema.optional(),
  request: httpRequestRecordSchema,
  response: httpResponseRecordSchema.optional(),
  error: z.string().optional(),
  ms: z.number(),
  answer: answerKindSchema,
  /** The message XML before sealing: what the server should have read. */
  message: z.string().optional(),
  /** The passive reply's own XML (decrypted when it came encrypted). */
  reply: z.string().optional(),
  /** What the mock platform, reading the answer as WeChat does, makes of it. */
  platform: z.string().optional(),
  /** The studio's journal entry of this exchange (audits run from the studio). */
  journalId: z.string().optional(),
});
export type ExchangeEvidence = z.infer<typeof exchangeEvidenceSchema>;

export const timingRowSchema = z.object({ kind: z.string(), count: z.number(), p50: z.number(), p95: z.number(), max: z.number(), timeouts: z.number() });
export type TimingRow = z.infer<typeof timingRowSchema>;

export const checkEvidenceSchema = z.object({
  summary: z.string(),
  summarySaid: saidSchema.optional(),
  findings: z.array(findingSchema),
  /** What the audit could not see, said plainly (e.g. side effects of an arbitrary server). */
  notObserved: z.array(z.string()),
  /** The same, one sentence per line of `notObserved`. */
  notObservedSaid: z.array(saidSchema).optional(),
  exchanges: z.array(exchangeEvidenceSchema),
  timing: z.array(timingRowSchema).optional(),
});
export type CheckEvidence = z.infer<typeof checkEvidenceSchema>;

export const checkResultSchema = z.object({
  /** Stable: the key of the check's title, why and fix in every language. */
  id: z.string(),
  title: z.string(),
  /** Severity in force for this run (the policy may have changed it). */
  severity: severitySchema,
  defaultSeverity: severitySchema,
  status: checkStatusSchema,
  /** One line: what the check found (or why it was skipped). */
  summary: z.string(),
  /** The summary as a sentence. */
  summarySaid: saidSchema.optional(),
  /** What a WeChat user sees when this goes wrong. */
  why: z.string(),
  /** How to fix it; the detected server stack's own fix, when the check has one, is appended. */
  fix: z.string(),
  evidence: checkEvidenceSchema,
  durationMs: z.number(),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const SDK_IDS = ['node-webot', 'express', 'php', 'python', 'java', 'go'] as const;
export type SdkId = (typeof SDK_IDS)[number];

export const sdkGuessSchema = z.object({
  id: z.enum(SDK_IDS),
  name: z.string(),
  /** The observed detail it rests on. */
  basis: z.string(),
});
export type SdkGuess = z.infer<typeof sdkGuessSchema>;

const countsSchema = z.record(checkStatusSchema, z.number());

export const auditReportSchema = z.object({
  tool: z.literal('follow-studio audit'),
  verdict: verdictSchema,
  mode: z.enum(AUDIT_MODES),
  url: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  /** How long the audit waited for each answer, as WeChat does (5000 ms unless the mock platform's push timeout says otherwise). */
  timeoutMs: z.number().optional(),
  account: z.object({ appId: z.string(), originalId: z.string(), madeUp: z.array(z.string()) }),
  /** What let the audit see side effects (the studio's login server), if anything. */
  observer: z.string().optional(),
  sdk: sdkGuessSchema.optional(),
  counts: countsSchema,
  checks: z.array(checkResultSchema),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

/** Progress, one event per check start and end, for a live console line or the studio's progress view. */
export type AuditProgress =
  | { type: 'start'; total: number; checks: Array<{ id: string; title: string }> }
  | { type: 'check-start'; id: string; title: string }
  | { type: 'check-done'; result: CheckResult; done: number; total: number }
  | { type: 'done'; report: AuditReport };

// ---- the studio: audits of an account's server, saved per account ----------------------------------------

const auditRunStatusSchema = z.enum(['running', 'done', 'failed', 'stopped']);
export type AuditRunStatus = z.infer<typeof auditRunStatusSchema>;

/** One check's line while an audit runs (the stream's progress events keep it current). */
export const auditCheckLineSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: checkStatusSchema.optional(),
  severity: severitySchema.optional(),
  summary: z.string().optional(),
  summarySaid: saidSchema.optional(),
});
export type AuditCheckLine = z.infer<typeof auditCheckLineSchema>;

/** An audit in a list: enough to show its verdict and counts, without the evidence. */
export const auditSummarySchema = z.object({
  id: z.string(),
  appId: z.string(),
  createdAt: z.number(),
  status: auditRunStatusSchema,
  url: z.string(),
  mode: z.enum(AUDIT_MODES),
  verdict: verdictSchema.optional(),
  counts: countsSchema.optional(),
  durationMs: z.number().optional(),
  /** The policy file's text in force (empty: every check at its default severity). */
  policy: z.string(),
  only: z.array(z.string()),
  /** Why it did not finish (failed: unreachable, stopped by the user or the studio). */
  error: z.string().optional(),
  /** While running: every selected check, with the status of those done. */
  progress: z.object({ done: z.number(), total: z.number(), checks: z.array(auditCheckLineSchema) }).optional(),
});
export type AuditSummary = z.infer<typeof auditSummarySchema>;

/** A check re-run after the audit: when, and its status before and after. */
export const auditRerunSchema = z.object({ checkId: z.string(), at: z.number(), before: checkStatusSchema, after: checkStatusSchema });
export type AuditRerun = z.infer<typeof auditRerunSchema>;

/** GET /api/audits/{id}: a saved audit with its report (the JSON report, evidence included). */
export const savedAuditSchema = auditSummarySchema.extend({
  report: auditReportSchema.optional(),
  reruns: z.array(auditRerunSchema),
});
export type SavedAudit = z.infer<typeof savedAuditSchema>;

export const auditChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  /** null: the check was not in that audit (`--only`, or a check added since). */
  before: checkStatusSchema.nullable(),
  after: checkStatusSchema.nullable(),
});
export type AuditChange = z.infer<typeof auditChangeSchema>;

const changedValue = <T extends z.ZodType>(value: T) => z.object({ before: value, after: value });

/** GET /api/audits/{id}/compare: the checks whose status changed since the earlier audit. */
export const auditComparisonSchema = z.object({
  id: z.string(),
  /** The audit compared with (by default the account's previous finished audit); null when there is none. */
  previous: auditSummarySchema.nullable(),
  changes: z.array(auditChangeSchema),
  /** The server URL or the mode differ between the two audits. */
  targetChanged: z.object({ url: changedValue(z.string()).optional(), mode: changedValue(z.enum(AUDIT_MODES)).optional() }).nullable(),
});
export type AuditComparison = z.infer<typeof auditComparisonSchema>;

/** POST /api/wechat/accounts/{appId}/audits */
export interface StartAuditBody {
  /** Check IDs to run (all when absent or empty). */
  only?: string[];
  /** A policy file's text: one `ID LEVEL` per line (IGNORE, INFO, WARN or FAIL). */
  policy?: string;
}

/** What the event stream says about an audit as it runs. */
export const auditEventBodySchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('start'), summary: auditSummarySchema }),
  z.object({ phase: z.literal('check-start'), checkId: z.string() }),
  z.object({ phase: z.literal('check-done'), check: auditCheckLineSchema, done: z.number(), total: z.number() }),
  z.object({ phase: z.literal('done'), summary: auditSummarySchema }),
  z.object({ phase: z.literal('failed'), summary: auditSummarySchema }),
  z.object({ phase: z.literal('rerun-start'), checkId: z.string() }),
  z.object({ phase: z.literal('rerun-done'), checkId: z.string(), summary: auditSummarySchema }),
]);
export type AuditEventBody = z.infer<typeof auditEventBodySchema>;

/** The answers of the audit routes. */
export const auditAnswerSchema = z.object({ audit: auditSummarySchema });
export const auditListSchema = z.object({ audits: z.array(auditSummarySchema) });
