import { z } from 'zod';
import { ASSOCIATIONS, LOGIN_MODES } from './login-rules';
import { messageModeSchema } from './rules';

/**
 * The login server as the control API and the hosted page's API show it: pools, connections (identity
 * sources), applications, users, QR login sessions, settings, and the mode-2 relays. One zod schema per
 * shape, the type inferred from it; every answer goes through its schema, so an undeclared field (a secret
 * kept on a row, say) never reaches a client. Pure: bundled into the renderer.
 */

export const LOGIN_STATUSES = ['PENDING', 'SCANNED', 'AUTHORIZED', 'EXPIRED', 'CANCELLED', 'ERROR'] as const;
export const loginStatusSchema = z.enum(LOGIN_STATUSES);
export type LoginStatus = z.infer<typeof loginStatusSchema>;

export type LoginModeValue = (typeof LOGIN_MODES)[number];
export type AssociationValue = (typeof ASSOCIATIONS)[number];

export const loginSessionSchema = z.object({
  id: z.string(),
  poolId: z.string(),
  appId: z.string().optional(),
  status: loginStatusSchema,
  createdAt: z.number(),
  expiresAt: z.number().optional(),
  userId: z.string().optional(),
  error: z.string().optional(),
  /** The connection (identifier) the session's QR code belongs to. */
  connection: z.string().optional(),
  /** Query binding: the WeChat identity is unknown and the page asks the user to sign in once. */
  needsBinding: z.boolean().optional(),
  updatedAt: z.number().optional(),
});
export type LoginSessionDto = z.infer<typeof loginSessionSchema>;

/** GET /api/login/sessions, newest first. */
export const loginSessionListSchema = z.object({ sessions: z.array(loginSessionSchema) });

/** A "WeChat Official Account Follow" connection. The AppSecret is write-only: only a masked hint is returned. */
export const loginConnectionSchema = z.object({
  poolId: z.string(),
  identifier: z.string(),
  displayName: z.string(),
  appId: z.string(),
  appSecretMasked: z.string(),
  /** Masked unless the request asked for `?reveal=true` (the console's "show" button). */
  token: z.string(),
  encodingAesKey: z.string(),
  revealed: z.boolean(),
  mode: messageModeSchema,
  loginMode: z.enum(LOGIN_MODES),
  association: z.enum(ASSOCIATIONS),
  /** QR lifetime for this connection; null = the default (120 s) or the application's. */
  qrExpireSeconds: z.number().nullable(),
  /** The full URL to enter as the server URL on the WeChat console (mode 1). */
  eventsUrl: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type LoginConnection = z.infer<typeof loginConnectionSchema>;

/** GET /api/login/pools/{poolId}/connections */
export const loginConnectionListSchema = z.object({ connections: z.array(loginConnectionSchema) });

export const loginApplicationSchema = z.object({
  id: z.string(),
  poolId: z.string(),
  name: z.string(),
  /** The hosted login page ("Experience login"). */
  loginUrl: z.string(),
  redirectUris: z.array(z.string()),
  qrExpireSeconds: z.number().nullable(),
  secretMasked: z.string(),
  createdAt: z.number(),
});
export type LoginApplication = z.infer<typeof loginApplicationSchema>;

/** GET /api/login/pools/{poolId}/apps */
export const loginApplicationListSchema = z.object({ apps: z.array(loginApplicationSchema) });

/** Returned once, at creation: the application secret in full. */
export const loginApplicationCreatedSchema = loginApplicationSchema.extend({ secret: z.string() });
export type LoginApplicationCreated = z.infer<typeof loginApplicationCreatedSchema>;

export const loginPoolSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  connections: z.array(loginConnectionSchema),
  apps: z.array(loginApplicationSchema),
});
export type LoginPool = z.infer<typeof loginPoolSchema>;

/** GET /api/login/pools */
export const loginPoolListSchema = z.object({ pools: z.array(loginPoolSchema) });

export const loginIdentitySchema = z.object({
  openId: z.string(),
  unionId: z.string().optional(),
  appId: z.string(),
  connection: z.string(),
  createdAt: z.number(),
});
export type LoginIdentity = z.infer<typeof loginIdentitySchema>;

export const loginRecordSchema = z.object({
  at: z.number(),
  /** The application signed in to. */
  appId: z.string().nullable(),
  connection: z.string(),
  sessionId: z.string().optional(),
});
export type LoginRecord = z.infer<typeof loginRecordSchema>;

export const loginUserSchema = z.object({
  id: z.string(),
  poolId: z.string(),
  username: z.string(),
  nickname: z.string().optional(),
  unionId: z.string().optional(),
  hasPassword: z.boolean(),
  createdAt: z.number(),
  identities: z.array(loginIdentitySchema),
  logins: z.array(loginRecordSchema),
});
export type LoginUser = z.infer<typeof loginUserSchema>;

/** GET /api/login/users */
export const loginUserListSchema = z.object({ users: z.array(loginUserSchema) });

/** What the hosted page sees of its own session (never listed anywhere else: it carries the login token). */
export const qrSessionViewSchema = z.object({
  id: z.string(),
  status: loginStatusSchema,
  appId: z.string(),
  appName: z.string(),
  connection: z.object({ identifier: z.string(), displayName: z.string() }),
  /** The QR's content (the ticket's url), also on the image's data-qr-url attribute. */
  qrUrl: z.string(),
  /** data: URL of a PNG of qrUrl (only in the answer that created the session). */
  qrImage: z.string().optional(),
  createdAt: z.number(),
  expiresAt: z.number(),
  needsBinding: z.boolean(),
  error: z.string().optional(),
  user: z.object({ id: z.string(), username: z.string(), nickname: z.string().optional() }).optional(),
  /** HS256 JWT for the signed-in user (AUTHORIZED only). */
  token: z.string().optional(),
});
export type QrSessionView = z.infer<typeof qrSessionViewSchema>;

/** The login server's settings; the schema also checks PUT /api/login/settings. */
export const loginSettingsSchema = z.object({
  /** Accepted distance between a push's timestamp and the login server's clock; 0 = no window. */
  maxSkewSeconds: z
    .number({ error: 'maxSkewSeconds must be a whole number of seconds (0 = no window)' })
    .int({ error: 'maxSkewSeconds must be a whole number of seconds (0 = no window)' })
    .min(0, { error: 'maxSkewSeconds must be 0 or more' })
    .max(86_400, { error: 'maxSkewSeconds must be at most 86400 (one day)' }),
});
export type LoginSettings = z.infer<typeof loginSettingsSchema>;

// ---- mode-2 relays ---------------------------------------------------------------------------------------

export const relayTargetSchema = z.object({ url: z.string(), mode: messageModeSchema });
export type RelayTarget = z.infer<typeof relayTargetSchema>;

/** A mode-2 relay: WeChat pushes to `url`; scan and follow events go on to the login server. */
export const relaySchema = z.object({
  id: z.string(),
  appId: z.string(),
  url: z.string(),
  mode: messageModeSchema,
  forwardTo: relayTargetSchema.extend({ poolId: z.string().optional(), identifier: z.string().optional() }),
  createdAt: z.number(),
  /** Events received / forwarded / answered by the relay itself. */
  stats: z.object({ received: z.number(), forwarded: z.number(), handled: z.number(), refused: z.number() }),
});
export type Relay = z.infer<typeof relaySchema>;

/** GET /api/relay */
export const relayListSchema = z.object({ relays: z.array(relaySchema) });

/** POST /api/reset: the demo seeded again. */
export const demoResetSchema = z.object({ ok: z.literal(true), pools: z.array(loginPoolSchema) });
