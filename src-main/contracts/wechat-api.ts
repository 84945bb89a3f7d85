import { z } from 'zod';
import { phoneAuthorizeViewSchema } from './open-platform';
import { API_PERMISSIONS } from './permissions';
import { messageModeSchema } from './rules';

/**
 * The mock WeChat platform as the control API shows it: accounts (the console), personas and their phones,
 * QR tickets, followers and the platform's settings. One zod schema per shape, the type inferred from it:
 * the routes send every answer through its schema, so a field not declared here never leaves the server.
 * Pure: bundled into the renderer.
 */

export const accountTypeSchema = z.enum(['service', 'subscription'], { error: 'type must be "service" or "subscription"' });
export type AccountType = z.infer<typeof accountTypeSchema>;

export const serverConfigDtoSchema = z.object({
  url: z.string(),
  token: z.string(),
  encodingAesKey: z.string(),
  mode: messageModeSchema,
  enabled: z.boolean(),
});
export type ServerConfig = z.infer<typeof serverConfigDtoSchema>;

export const accountSchema = z.object({
  appId: z.string(),
  originalId: z.string(),
  name: z.string(),
  type: accountTypeSchema,
  verified: z.boolean(),
  ipWhitelist: z.array(z.string()),
  /** API permissions granted on the console's "interface permissions" page. */
  permissions: z.array(z.enum(API_PERMISSIONS)).optional(),
  server: serverConfigDtoSchema,
  /** AppSecret masked (e.g. "a1b2••••••••9f0e"); the full value is shown once, at creation or reset. */
  appSecretMasked: z.string().optional(),
  createdAt: z.number().optional(),
});
export type Account = z.infer<typeof accountSchema>;

/** GET /api/wechat/accounts */
export const accountListSchema = z.object({ accounts: z.array(accountSchema) });

/** POST /api/wechat/accounts: the new account and its AppSecret, the only time it is shown in full. */
export const accountCreatedSchema = accountSchema.extend({ appSecret: z.string() });

/** POST /api/wechat/accounts/{appId}/secret: the new AppSecret, shown once. */
export const secretResetSchema = z.object({ appSecret: z.string() });

/** PUT /api/wechat/accounts/{appId}/server answers the saved account and what real WeChat would have refused. */
export const accountWithWarningsSchema = accountSchema.extend({ warnings: z.array(z.string()) });
export type AccountWithWarnings = z.infer<typeof accountWithWarningsSchema>;

export const personaAccountSchema = z.object({
  appId: z.string(),
  openId: z.string(),
  following: z.boolean(),
});
export type PersonaAccount = z.infer<typeof personaAccountSchema>;

export const personaSchema = z.object({
  id: z.string(),
  name: z.string(),
  unionId: z.string().nullable(),
  avatar: z.string().optional(),
  accounts: z.array(personaAccountSchema),
});
export type Persona = z.infer<typeof personaSchema>;

/** GET /api/wechat/personas */
export const personaListSchema = z.object({ personas: z.array(personaSchema) });

export const phoneMessageSchema = z.object({
  from: z.enum(['user', 'account', 'system']),
  text: z.string(),
  /** For rich passive replies (image, news) the phone shows what kind they were. */
  kind: z.enum(['text', 'image', 'news', 'notice']).optional(),
  at: z.number().optional(),
});
export type PhoneMessage = z.infer<typeof phoneMessageSchema>;

export const phoneScreenSchema = z.object({
  /** 'authorize': the Open Platform's authorization page, opened by scanning its QR code (see `authorize`). */
  screen: z.enum(['profile', 'chat', 'error', 'authorize']),
  appId: z.string().optional(),
  accountName: z.string().optional(),
  following: z.boolean().optional(),
  messages: z.array(phoneMessageSchema).optional(),
  error: z.string().optional(),
  /** Journal entry of the push this action caused, when there was one. */
  journalId: z.string().optional(),
  authorize: phoneAuthorizeViewSchema.optional(),
});
export type PhoneScreen = z.infer<typeof phoneScreenSchema>;

/** One chat on the phone: an account the persona follows or has talked to. */
export const phoneChatHistorySchema = z.object({
  appId: z.string(),
  accountName: z.string(),
  following: z.boolean(),
  messages: z.array(phoneMessageSchema),
});
export type PhoneChatHistory = z.infer<typeof phoneChatHistorySchema>;

/** GET /api/phone/{personaId}: the last screen (null before the first action) and the chats. */
export const phoneStateSchema = z.object({
  personaId: z.string(),
  screen: phoneScreenSchema.nullable(),
  chats: z.array(phoneChatHistorySchema),
});
export type PhoneState = z.infer<typeof phoneStateSchema>;

export const wechatTicketSchema = z.object({
  ticket: z.string(),
  /** What the QR image encodes: http://weixin.qq.com/q/<id>. */
  url: z.string(),
  /** QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE, as the developer asked for it. */
  action: z.string(),
  scene: z.string(),
  permanent: z.boolean(),
  createdAt: z.number(),
  expiresAt: z.number().nullable(),
  state: z.enum(['live', 'expired']),
  scanCount: z.number(),
});
export type WechatTicket = z.infer<typeof wechatTicketSchema>;

/** GET /api/wechat/accounts/{appId}/tickets, newest first. */
export const ticketListSchema = z.object({ tickets: z.array(wechatTicketSchema) });

export const followHistorySchema = z.object({
  /** subscribe or unsubscribe. */
  action: z.string(),
  at: z.number(),
  scene: z.string().nullable(),
  ticket: z.string().nullable(),
});
export type FollowHistory = z.infer<typeof followHistorySchema>;

export const wechatFollowerSchema = z.object({
  personaId: z.string(),
  name: z.string(),
  openId: z.string(),
  unionId: z.string().nullable(),
  following: z.boolean(),
  subscribeTime: z.number().nullable(),
  subscribeScene: z.string(),
  qrScene: z.number(),
  qrSceneStr: z.string(),
  history: z.array(followHistorySchema),
});
export type WechatFollower = z.infer<typeof wechatFollowerSchema>;

/** GET /api/wechat/accounts/{appId}/followers */
export const followerListSchema = z.object({ followers: z.array(wechatFollowerSchema) });

/**
 * GET/PUT /api/wechat/settings: the details the protocol spec marks unconfirmed, as settings with the
 * documented defaults, plus a few knobs tests and QA need (lifetimes, limits).
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
