import { z } from 'zod';
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
import { accountTypeSchema, platformSettingsSchema, type PlatformSettings } from '../../contracts/wechat-api';

/** Zod schemas of the platform's control routes and settings: the single source of their types and checks. */

export { API_PERMISSIONS, type ApiPermission };

export { accountTypeSchema };

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

export { platformSettingsSchema, type PlatformSettings };
export const settingsPatchSchema = platformSettingsSchema.partial().strict();
