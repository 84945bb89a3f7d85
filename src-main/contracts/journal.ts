import { z } from 'zod';
import { decodedTokenSchema } from './oidc';
import { saidSchema } from './said';

/**
 * The journal as the control API and the event stream carry it: every HTTP exchange of the mock platform,
 * the login server and the relays, with the protocol steps that explain it. Pure: bundled into the renderer.
 */

export const httpRequestRecordSchema = z.object({
  method: z.string(),
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type HttpRequestRecord = z.infer<typeof httpRequestRecordSchema>;

export const httpResponseRecordSchema = z.object({
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
export type HttpResponseRecord = z.infer<typeof httpResponseRecordSchema>;

export const journalAttemptSchema = z.object({
  request: httpRequestRecordSchema,
  response: httpResponseRecordSchema.optional(),
  error: z.string().optional(),
  ms: z.number(),
});
export type JournalAttempt = z.infer<typeof journalAttemptSchema>;

export const signatureStepSchema = z.object({
  label: z.string(),
  sorted: z.array(z.string()),
  joined: z.string(),
  sha1: z.string(),
  expected: z.string().optional(),
  ok: z.boolean().optional(),
});
export type SignatureStep = z.infer<typeof signatureStepSchema>;

export const decryptionStepSchema = z.object({
  label: z.string(),
  aesKeyHex: z.string(),
  ivHex: z.string(),
  randomHex: z.string(),
  length: z.number(),
  message: z.string(),
  appId: z.string(),
  expectedAppId: z.string().optional(),
  ok: z.boolean(),
});
export type DecryptionStep = z.infer<typeof decryptionStepSchema>;

export const JOURNAL_KINDS = ['push', 'verify', 'api', 'event', 'oidc', 'audit'] as const;

export const journalEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  /** 'audit': a request of an audit of the account's server (the mock WeChat playing WeChat against it). */
  kind: z.enum(JOURNAL_KINDS),
  /** Which side wrote it: the mock platform, the login server, or the relay. */
  source: z.enum(['wechat', 'auth', 'relay']).optional(),
  appId: z.string().optional(),
  url: z.string(),
  /** One-line human summary, e.g. "subscribe qrscene_… → success". */
  summary: z.string().optional(),
  /** The summary as a sentence the studio shows in its reader's language (`summary` is its English text). */
  summarySaid: saidSchema.optional(),
  attempts: z.array(journalAttemptSchema),
  /** `reasons` in English; `said`, when present, the same reasons as sentences, in the same order. */
  verdict: z.object({ ok: z.boolean(), reasons: z.array(z.string()), said: z.array(saidSchema).optional() }),
  decrypted: z.object({ request: z.string().optional(), reply: z.string().optional() }).optional(),
  signatures: z.array(signatureStepSchema).optional(),
  decryptions: z.array(decryptionStepSchema).optional(),
  /** Entries about the same exchange written by the other side (a push and the login server's handling of it). */
  related: z.array(z.string()).optional(),
  /** OIDC exchanges: the tokens they carried, decoded (the tokens themselves are masked in the attempts). */
  tokens: z.array(decodedTokenSchema).optional(),
  /** Audit exchanges: the saved audit and the checks whose evidence this exchange is. */
  audit: z.object({ reportId: z.string(), checks: z.array(z.string()) }).optional(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** A journal entry as GET /api/journal lists it: with its storage sequence number, used to page back. */
export const journalRowSchema = journalEntrySchema.extend({ seq: z.number() });
export type JournalRow = z.infer<typeof journalRowSchema>;

/** GET /api/journal: newest first, and how many entries the journal holds. */
export const journalPageSchema = z.object({ entries: z.array(journalRowSchema), total: z.number() });
export type JournalPage = z.infer<typeof journalPageSchema>;
