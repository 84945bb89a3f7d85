import { z } from 'zod';
import type { PlatformSettings as ContractSettings } from '../../contracts/api';
import {
  AES_KEY_RE,
  AES_KEY_RULE,
  SERVER_TOKEN_REQUIRED_RULE,
  SERVER_URL_REQUIRED_RULE,
  SERVER_URL_RULE,
  TOKEN_RE,
  TOKEN_RULE,
  aesKeyRequiredForMode,
  messageModeSchema,
  xmlUnsafeCharacter,
} from '../../contracts/rules';

import { API_PERMISSIONS, type ApiPermission } from '../../contracts/permissions';

/** Zod schemas of the platform's control routes and settings: the single source of their types and checks. */

export { API_PERMISSIONS, type ApiPermission };

export const accountTypeSchema = z.enum(['service', 'subscription'], { error: 'type must be "service" or "subscription"' });

const nameSchema = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(64, { error: 'name must be at most 64 characters' });

export const createAccountSchema = z.object({
  name: nameSchema,
  type: accountTypeSchema,
  verified: z.boolean({ error: 'verified must be true or false' }),
});

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** An IPv4 address, an IPv4 CIDR range, or an IPv6 address (loopback callers may arrive as ::1). */
export const ipEntrySchema = z
  .string()
  .trim()
  .refine(
    (v) => {
      const [ip, bits, extra] = v.split('/');
      if (extra !== undefined || ip === undefined) return false;
      if (IPV4.test(ip)) return bits === undefined || (/^\d{1,2}$/.test(bits) && Number(bits) <= 32);
      return bits === undefined && /^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':');
    },
    { error: 'must be an IPv4 address (e.g. 127.0.0.1), an IPv4 range (e.g. 10.0.0.0/8) or an IPv6 address' },
  );

export const updateAccountSchema = z.object({
  name: nameSchema.optional(),
  type: accountTypeSchema.optional(),
  verified: z.boolean({ error: 'verified must be true or false' }).optional(),
  ipWhitelist: z.array(ipEntrySchema).max(200, { error: 'ipWhitelist holds at most 200 entries' }).optional(),
  permissions: z
    .array(z.enum(API_PERMISSIONS, { error: `each permission must be one of ${API_PERMISSIONS.join(', ')}` }))
    .optional(),
});

export const serverConfigSchema = z
  .object({
    url: z
      .string({ error: 'URL is required' })
      .trim()
      .max(1024, { error: 'url must be at most 1024 characters' })
      .refine((v) => v === '' || isHttpUrl(v), { error: SERVER_URL_RULE }),
    // Blank is allowed (a plaintext configuration without a key; clearing the configuration); anything else
    // must pass the console's rule.
    token: z.string({ error: 'Token is required (3–32 English letters or digits)' }).refine((v) => v === '' || TOKEN_RE.test(v), { error: TOKEN_RULE }),
    encodingAesKey: z
      .string({ error: 'EncodingAESKey is required (43 English letters or digits; blank only in plaintext mode)' })
      .refine((v) => v === '' || AES_KEY_RE.test(v), { error: AES_KEY_RULE }),
    mode: messageModeSchema,
    enabled: z.boolean({ error: 'enabled must be true or false' }),
  })
  .superRefine((v, ctx) => {
    const keyProblem = aesKeyRequiredForMode(v.mode, v.encodingAesKey);
    // A malformed key was already reported by the field's own rule.
    if (keyProblem && keyProblem !== AES_KEY_RULE) ctx.addIssue({ code: 'custom', path: ['encodingAesKey'], message: keyProblem });
    if (v.enabled && v.url === '') ctx.addIssue({ code: 'custom', path: ['url'], message: SERVER_URL_REQUIRED_RULE });
    if (v.url !== '' && v.token === '') ctx.addIssue({ code: 'custom', path: ['token'], message: SERVER_TOKEN_REQUIRED_RULE });
  });

function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

export const createPersonaSchema = z.object({
  name: nameSchema,
  unionId: z
    .string()
    .regex(/^o[A-Za-z0-9_-]{27}$/, { error: 'unionId must be 28 characters: "o" then letters, digits, "-" or "_"' })
    .nullable()
    .optional(),
});

export const appIdParams = z.object({ appId: z.string() });
export const personaParams = z.object({ personaId: z.string() });
export const scanBody = z.object({
  content: z.string({ error: 'content is required' }).min(1, { error: 'content must not be empty' }).max(2048),
});
export const appIdBody = z.object({ appId: z.string({ error: 'appId is required' }).min(1, { error: 'appId is required' }) });
export const messageBody = z.object({
  appId: z.string({ error: 'appId is required' }).min(1, { error: 'appId is required' }),
  text: z
    .string({ error: 'text is required' })
    .refine((t) => t.trim() !== '', { error: 'text must not be empty' })
    .refine((t) => t.length <= 2048, { error: 'text must be at most 2048 characters' })
    .refine((t) => xmlUnsafeCharacter(t) === null, { error: 'text contains a control character, which a WeChat message cannot carry' }),
});

/**
 * The details the protocol spec marks unconfirmed, as settings with the documented defaults, plus a few
 * knobs tests and QA need (lifetimes, limits).
 */
export const platformSettingsSchema = z.object({
  /** Per-attempt timeout of a push and of the URL verification GET (WeChat: 5 s). */
  pushTimeoutMs: z.number().int().min(1).max(120_000),
  /** Deliveries in total, first one included (WeChat: "three retries in total", read as 3). */
  pushAttempts: z.number().int().min(1).max(10),
  /** Pause before a retry (WeChat: unconfirmed; default immediately). */
  retrySpacingMs: z.number().int().min(0).max(60_000),
  /** Retry when the server answers a non-200 status (unconfirmed; default yes, like a failure). */
  retryOnHttpError: z.boolean(),
  /** Fresh timestamp/nonce/IV per attempt; the XML content (CreateTime, MsgId) never changes. */
  freshTransportOnRetry: z.boolean(),
  /** Plain follows and unfollows carry an empty <EventKey> (observed) rather than none. */
  emptyEventKeyOnPlainFollow: z.boolean(),
  /** Put openid in the query of plaintext-mode pushes too (documented for encrypted ones). */
  openIdInPlaintextQuery: z.boolean(),
  /** User-Agent header of pushes and URL checks (unconfirmed). */
  pushUserAgent: z.string().max(200),
  /** Enforce the IP whitelist on every API, not only token/stable_token (unconfirmed; default no). */
  ipWhitelistOnAllApis: z.boolean(),
  /** Lifetime of a temporary QR code when expire_seconds is absent (current doc: 60 s; older: 30 s). */
  defaultQrExpireSeconds: z.number().int().min(1).max(2_592_000),
  /** Include expire_seconds in the answer for permanent codes (2014 doc: absent). */
  permanentCodesIncludeExpireSeconds: z.boolean(),
  /** Permanent QR codes per account (WeChat: 100 000). */
  permanentQrLimit: z.number().int().min(0).max(100_000),
  /** Access token lifetime (7200 s) and the hand-over during which the previous token still works (300 s). */
  tokenLifetimeSeconds: z.number().int().min(1).max(7200),
  tokenOverlapSeconds: z.number().int().min(0).max(3600),
  /** message/custom/send only inside the windows a user's action opens (§7.7). */
  enforceCustomerServiceWindow: z.boolean(),
  /**
   * user/info answers `nickname` (and `headimgurl`): WeChat stopped returning them at the end of 2021 (they
   * come only from the web authorization now); on by default so that new users get a name, not an OpenID.
   */
  userInfoNickname: z.boolean(),
});
export type PlatformSettings = z.infer<typeof platformSettingsSchema>;
// The contract's hand-written type must stay the schema's type (the renderer imports only contracts).
const sameSettings: [PlatformSettings, ContractSettings] extends [ContractSettings, PlatformSettings] ? true : never = true;
void sameSettings;
export const settingsPatchSchema = platformSettingsSchema.partial().strict();
