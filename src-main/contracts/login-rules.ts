import { z } from 'zod';
import {
  AES_KEY_RE,
  APPID_RE,
  IDENTIFIER_RE,
  TOKEN_RE,
  aesKeyRequiredForMode,
  appIdSchema,
  messageModeSchema,
  tokenSchema,
  type MessageMode,
} from './rules';

/**
 * The "WeChat Official Account Follow" connection form (the seed's field table), shared by the login
 * server's API and the studio's form so both say the same thing next to the same field.
 * Pure: no Node imports, this file is bundled into the renderer.
 */

export const LOGIN_MODES = ['login-only', 'login-and-register'] as const;
export type LoginMode = (typeof LOGIN_MODES)[number];
export const ASSOCIATIONS = ['off', 'field-matching', 'query-binding'] as const;
export type Association = (typeof ASSOCIATIONS)[number];

/** QR login lifetime: WeChat allows temporary codes up to 30 days; the hosted page defaults to 2 minutes. */
export const QR_EXPIRE_DEFAULT_SECONDS = 120;
export const QR_EXPIRE_MIN_SECONDS = 2;
export const QR_EXPIRE_MAX_SECONDS = 2_592_000;

export const CONNECTION_RULES = {
  identifierRequired: 'Unique ID is required',
  identifier: "Unique ID must use only lower-case letters, digits and '-', and be shorter than 32 characters",
  identifierImmutable: 'Unique ID cannot be changed after the connection is created',
  displayName: 'Display Name is required (it is shown on the login button), at most 64 characters',
  appId: 'Developer ID (AppID) must be "wx" followed by 16 lower-case hex digits',
  appSecret: 'Developer Password (AppSecret) must be 32 English letters or digits',
  appSecretRequired: 'Developer Password (AppSecret) is required',
  token: 'Token must be English letters or digits, 3–32 characters',
  encodingAesKey: 'EncodingAESKey must be 43 characters of A-Z, a-z, 0-9',
  encodingAesKeyRequired: 'EncodingAESKey may be left blank only in plaintext mode',
  mode: 'Message encryption method must be plaintext, compatible or safe (the same as on the WeChat console)',
  loginMode: 'Login mode must be login-only or login-and-register',
  association: 'Account identity association must be off, field-matching or query-binding',
  qrExpireSeconds: `QR code lifetime must be a whole number of seconds from ${QR_EXPIRE_MIN_SECONDS} to ${QR_EXPIRE_MAX_SECONDS}`,
} as const;

const APP_SECRET_RE = /^[A-Za-z0-9]{32}$/;

/** One schema per field, each with the message the form shows under it. */
export const connectionFieldSchemas = {
  identifier: z.string({ error: CONNECTION_RULES.identifierRequired }).regex(IDENTIFIER_RE, { error: CONNECTION_RULES.identifier }),
  displayName: z
    .string({ error: CONNECTION_RULES.displayName })
    .trim()
    .min(1, { error: CONNECTION_RULES.displayName })
    .max(64, { error: CONNECTION_RULES.displayName }),
  appId: appIdSchema,
  appSecret: z.string({ error: CONNECTION_RULES.appSecretRequired }).regex(APP_SECRET_RE, { error: CONNECTION_RULES.appSecret }),
  token: tokenSchema,
  /** Blank allowed here; whether blank is acceptable depends on the mode (see checkConnectionForm). */
  encodingAesKey: z.string({ error: CONNECTION_RULES.encodingAesKey }),
  mode: messageModeSchema,
  loginMode: z.enum(LOGIN_MODES, { error: CONNECTION_RULES.loginMode }),
  association: z.enum(ASSOCIATIONS, { error: CONNECTION_RULES.association }),
  qrExpireSeconds: z
    .number({ error: CONNECTION_RULES.qrExpireSeconds })
    .int({ error: CONNECTION_RULES.qrExpireSeconds })
    .min(QR_EXPIRE_MIN_SECONDS, { error: CONNECTION_RULES.qrExpireSeconds })
    .max(QR_EXPIRE_MAX_SECONDS, { error: CONNECTION_RULES.qrExpireSeconds }),
};

/** The form's fields in the order they appear (the API reports the first invalid one in this order). */
export const CONNECTION_FIELDS = [
  'identifier',
  'displayName',
  'appId',
  'appSecret',
  'token',
  'encodingAesKey',
  'mode',
  'loginMode',
  'association',
  'qrExpireSeconds',
] as const;
export type ConnectionField = (typeof CONNECTION_FIELDS)[number];

export type ConnectionFormValues = {
  identifier: string;
  displayName: string;
  appId: string;
  appSecret: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
  loginMode: LoginMode;
  association: Association;
  qrExpireSeconds?: number | null;
};

export interface FieldProblem {
  field: ConnectionField;
  message: string;
}

export interface CheckOptions {
  /**
   * Editing an existing connection: absent fields keep their stored value (`current`), so they are
   * not required; the cross-field key/mode rule is checked against the merged result.
   */
  current?: Omit<ConnectionFormValues, 'appSecret'> & { appSecret?: string };
}

/**
 * Checks the form and returns every problem in field order (the UI shows them all; the API answers
 * with the first). Unknown fields are ignored; types are checked, so it is safe on parsed JSON.
 */
export function checkConnectionForm(input: unknown, options: CheckOptions = {}): FieldProblem[] {
  const values = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const current = options.current as Record<string, unknown> | undefined;
  const problems: FieldProblem[] = [];
  for (const field of CONNECTION_FIELDS) {
    const value = values[field];
    if (field === 'identifier' && current) {
      if (value !== undefined && value !== current.identifier) {
        problems.push({ field, message: CONNECTION_RULES.identifierImmutable });
      }
      continue;
    }
    if (value === undefined || value === null) {
      if (field === 'qrExpireSeconds') continue;
      if (field === 'encodingAesKey') continue; // judged with the mode below
      // An edit leaves an absent field as it is; null clears it, which a required field cannot be
      // (the AppSecret is write-only: null keeps it, as absent does).
      if (current && (value === undefined || field === 'appSecret')) continue;
      problems.push({ field, message: requiredMessage(field) });
      continue;
    }
    if (field === 'encodingAesKey') {
      if (typeof value !== 'string') problems.push({ field, message: CONNECTION_RULES.encodingAesKey });
      continue;
    }
    const r = connectionFieldSchemas[field].safeParse(value);
    if (!r.success) problems.push({ field, message: r.error.issues[0]?.message ?? `${field} is invalid` });
  }
  // Cross-field rule: blank key only in plaintext mode; the mode is the new one or the stored one.
  if (!problems.some((p) => p.field === 'encodingAesKey' || p.field === 'mode')) {
    const mode = (values.mode ?? current?.mode) as MessageMode | undefined;
    const key = String(values.encodingAesKey ?? current?.encodingAesKey ?? '');
    const touched = !current || values.mode !== undefined || values.encodingAesKey != null;
    if (mode && touched && aesKeyRequiredForMode(mode, key) !== null) {
      problems.push({ field: 'encodingAesKey', message: aesKeyMessage(key) });
    }
  }
  const order = (f: ConnectionField): number => CONNECTION_FIELDS.indexOf(f);
  return problems.sort((a, b) => order(a.field) - order(b.field));
}

function aesKeyMessage(key: string): string {
  return key.trim() === '' ? CONNECTION_RULES.encodingAesKeyRequired : CONNECTION_RULES.encodingAesKey;
}

function requiredMessage(field: ConnectionField): string {
  switch (field) {
    case 'identifier':
      return CONNECTION_RULES.identifierRequired;
    case 'appSecret':
      return CONNECTION_RULES.appSecretRequired;
    default: {
      const r = connectionFieldSchemas[field as Exclude<ConnectionField, 'identifier' | 'appSecret' | 'encodingAesKey' | 'qrExpireSeconds'>].safeParse(undefined);
      return r.success ? `${field} is required` : (r.error.issues[0]?.message ?? `${field} is required`);
    }
  }
}

/**
 * The create form as a zod schema: what the API documents (OpenAPI) and what form libraries take. The API
 * checks with checkConnectionForm, whose answer is the same, first invalid field in form order.
 */
export const connectionFormSchema = z
  .object({
    identifier: connectionFieldSchemas.identifier,
    displayName: connectionFieldSchemas.displayName,
    appId: connectionFieldSchemas.appId,
    appSecret: connectionFieldSchemas.appSecret,
    token: connectionFieldSchemas.token,
    encodingAesKey: connectionFieldSchemas.encodingAesKey,
    mode: connectionFieldSchemas.mode,
    loginMode: connectionFieldSchemas.loginMode,
    association: connectionFieldSchemas.association,
    qrExpireSeconds: connectionFieldSchemas.qrExpireSeconds.nullish(),
  })
  .superRefine((v, ctx) => {
    const message = aesKeyRequiredForMode(v.mode, v.encodingAesKey);
    if (message) {
      ctx.addIssue({
        code: 'custom',
        path: ['encodingAesKey'],
        message: aesKeyMessage(v.encodingAesKey),
      });
    }
  });

/**
 * An edit of a connection, as the API documents it: absent fields keep their value; null keeps the
 * AppSecret and the EncodingAESKey and clears the QR lifetime. checkConnectionForm(patch, { current }) checks
 * it against the stored connection (the Unique ID cannot change; the key is judged with the mode).
 */
export const connectionPatchSchema = z.object({
  identifier: connectionFieldSchemas.identifier.optional(),
  displayName: connectionFieldSchemas.displayName.optional(),
  appId: connectionFieldSchemas.appId.optional(),
  appSecret: connectionFieldSchemas.appSecret.nullish(),
  token: connectionFieldSchemas.token.optional(),
  encodingAesKey: connectionFieldSchemas.encodingAesKey.nullish(),
  mode: connectionFieldSchemas.mode.optional(),
  loginMode: connectionFieldSchemas.loginMode.optional(),
  association: connectionFieldSchemas.association.optional(),
  qrExpireSeconds: connectionFieldSchemas.qrExpireSeconds.nullish(),
});

/** Sanity re-exports so the renderer can show the raw patterns next to a field. */
export const CONNECTION_PATTERNS = { identifier: IDENTIFIER_RE, appId: APPID_RE, token: TOKEN_RE, encodingAesKey: AES_KEY_RE, appSecret: APP_SECRET_RE };

// ---- other login forms ---------------------------------------------------------------------------------

export const POOL_NAME_RULE = 'Pool name is required, at most 64 characters';
export const APP_NAME_RULE = 'Application name is required, at most 64 characters';
export const USERNAME_RULE = "Username must be 2–32 characters: letters, digits, '.', '_' or '-'";
export const PASSWORD_RULE = 'Password must be 8–128 characters';

export const poolNameSchema = z.string({ error: POOL_NAME_RULE }).trim().min(1, { error: POOL_NAME_RULE }).max(64, { error: POOL_NAME_RULE });
export const appNameSchema = z.string({ error: APP_NAME_RULE }).trim().min(1, { error: APP_NAME_RULE }).max(64, { error: APP_NAME_RULE });
export const usernameSchema = z.string({ error: USERNAME_RULE }).regex(/^[A-Za-z0-9._-]{2,32}$/, { error: USERNAME_RULE });
export const passwordSchema = z.string({ error: PASSWORD_RULE }).min(8, { error: PASSWORD_RULE }).max(128, { error: PASSWORD_RULE });
