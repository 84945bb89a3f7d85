import { z } from 'zod';

/** Answers of the crypto workbench routes (POST /api/workbench/encrypt | decrypt | sign). */

export const workbenchBreakdownSchema = z.object({
  aesKeyHex: z.string(),
  ivHex: z.string(),
  randomHex: z.string(),
  /** The random prefix as text when it is printable ASCII (the official samples use alphanumerics). */
  randomText: z.string().nullable(),
  length: z.number(),
  padding: z.number(),
  message: z.string(),
  appId: z.string(),
  cipherBytes: z.number(),
  fullBytes: z.number(),
});
export type WorkbenchBreakdown = z.infer<typeof workbenchBreakdownSchema>;

export const workbenchEncryptResultSchema = workbenchBreakdownSchema.extend({ encrypt: z.string() });
export type WorkbenchEncryptResult = z.infer<typeof workbenchEncryptResultSchema>;

export const workbenchDecryptResultSchema = workbenchBreakdownSchema.extend({
  /** Present when an expected AppID was given. */
  expectedAppId: z.string().optional(),
  appIdOk: z.boolean().optional(),
});
export type WorkbenchDecryptResult = z.infer<typeof workbenchDecryptResultSchema>;

export const workbenchSignResultSchema = z.object({
  kind: z.enum(['signature', 'msg_signature']),
  sorted: z.array(z.string()),
  joined: z.string(),
  sha1: z.string(),
});
export type WorkbenchSignResult = z.infer<typeof workbenchSignResultSchema>;
