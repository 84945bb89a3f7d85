import { z } from 'zod';
import { AES_KEY_RULE, AES_KEY_RE, APPID_RE, IDENTIFIER_RE, TOKEN_RULE, TOKEN_RE } from './rules';
import { ASSOCIATIONS, LOGIN_MODES, QR_EXPIRE_MAX_SECONDS, QR_EXPIRE_MIN_SECONDS } from './login-rules';

/**
 * WeChat's Open Platform ("third-party platform", component) as the control API speaks it: the mock's
 * platforms, administrators, authorizations and settings, and the login server's side (its component
 * configuration and identity sources connected by authorization). Pure: bundled into the renderer too.
 */

/** Legacy permission-set ids 1–15 (third-party-platform spec §13) and their console names. */
export const FUNC_SETS: ReadonlyArray<{ id: number; name: string; en: string }> = [
  { id: 1, name: '消息管理', en: 'Message management' },
  { id: 2, name: '用户管理', en: 'User management' },
  { id: 3, name: '帐号服务', en: 'Account services' },
  { id: 4, name: '网页服务', en: 'Web services' },
  { id: 5, name: '微信小店', en: 'WeChat store' },
  { id: 6, name: '多客服', en: 'Customer service' },
  { id: 7, name: '群发与通知', en: 'Broadcasts and notices' },
  { id: 8, name: '卡券', en: 'Cards and coupons' },
  { id: 9, name: '扫一扫', en: 'Scan' },
  { id: 10, name: '连WiFi', en: 'Wi-Fi' },
  { id: 11, name: '素材管理', en: 'Media management' },
  { id: 12, name: '摇周边', en: 'Shake nearby' },
  { id: 13, name: '门店', en: 'Stores' },
  { id: 14, name: '微信支付', en: 'WeChat Pay' },
  { id: 15, name: '自定义菜单', en: 'Custom menu' },
];
export const FUNC_IDS = FUNC_SETS.map((f) => f.id);

const MESSAGE_URL_RULE = 'messageUrl must be an http(s) URL containing $APPID$ (replaced by the authorizer AppID on each push)';
const AUTH_EVENT_URL_RULE = 'authEventUrl must be an http(s) URL without $APPID$ (WeChat does not replace it in this URL)';
const DOMAIN_RULE = 'initiationDomain must be a host name (optionally with :port), without scheme or path';

function httpUrl(v: string): boolean {
  try {
    const u = new URL(v.replace(/\$APPID\$/g, 'wx0000000000000000'));
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const platformName = z
  .string({ error: 'name is required' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(64, { error: 'name must be at most 64 characters' });
const authEventUrl = z
  .string({ error: AUTH_EVENT_URL_RULE })
  .trim()
  .max(1024, { error: 'authEventUrl must be at most 1024 characters' })
  .refine((v) => httpUrl(v) && !v.includes('$APPID$'), { error: AUTH_EVENT_URL_RULE });
const messageUrl = z
  .string({ error: MESSAGE_URL_RULE })
  .trim()
  .max(1024, { error: 'messageUrl must be at most 1024 characters' })
  .refine((v) => httpUrl(v) && v.includes('$APPID$'), { error: MESSAGE_URL_RULE });
const token = z.string({ error: TOKEN_RULE }).regex(TOKEN_RE, { error: TOKEN_RULE });
const aesKey = z.string({ error: AES_KEY_RULE }).regex(AES_KEY_RE, { error: AES_KEY_RULE });
const initiationDomain = z
  .string({ error: DOMAIN_RULE })
  .trim()
  .max(253, { error: DOMAIN_RULE })
  .refine((v) => v === '' || /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(v), { error: DOMAIN_RULE });
const ipWhitelist = z
  .array(z.string().trim().regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, { error: 'each IP whitelist entry must be an IP address or a CIDR range' }))
  .max(200, { error: 'ipWhitelist holds at most 200 entries' });

/** POST /api/wechat/platforms */
export const createPlatformSchema = z.object({
  name: platformName,
  authEventUrl,
  messageUrl,
  token,
  encodingAesKey: aesKey,
  initiationDomain: initiationDomain.optional(),
  ipWhitelist: ipWhitelist.optional(),
});
export type CreatePlatformInput = z.infer<typeof createPlatformSchema>;

/** PATCH /api/wechat/platforms/{componentAppId}: fields not given keep their value. */
export const updatePlatformSchema = createPlatformSchema.partial();
export type UpdatePlatformInput = z.infer<typeof updatePlatformSchema>;

export const componentParams = z.object({ componentAppId: z.string() });
export const authorizationParams = z.object({ appId: z.string(), componentAppId: z.string() });

/** PUT /api/wechat/accounts/{appId}/admins */
export const adminsBody = z.object({
  personaIds: z.array(z.string({ error: 'each persona id must be a string' }), { error: 'personaIds must be a list of persona ids' }).max(100),
});

/** POST /api/phone/{personaId}/authorize */
export const phoneAuthorizeBody = z.object({
  appId: z.string({ error: 'appId is required' }).min(1, { error: 'appId is required' }),
  funcIds: z
    .array(z.number({ error: 'each permission-set id must be a number' }).int(), { error: 'funcIds must be a list of permission-set ids' })
    .max(64)
    .optional(),
});

/** A third-party platform as the mock's console shows it; the AppSecret only masked. */
export const openPlatformSchema = z.object({
  componentAppId: z.string(),
  name: z.string(),
  authEventUrl: z.string(),
  messageUrl: z.string(),
  token: z.string(),
  encodingAesKey: z.string(),
  initiationDomain: z.string(),
  ipWhitelist: z.array(z.string()),
  componentAppSecretMasked: z.string(),
  createdAt: z.number(),
  /** When the latest verify ticket was issued (null before the first push). */
  lastTicketAt: z.number().nullable(),
  authorizerCount: z.number(),
});
export type OpenPlatformDto = z.infer<typeof openPlatformSchema>;

/** GET /api/wechat/platforms */
export const openPlatformListSchema = z.object({ platforms: z.array(openPlatformSchema) });

/** POST /api/wechat/platforms: the platform and its componentAppSecret, the only time it is shown. */
export const openPlatformCreatedSchema = openPlatformSchema.extend({ componentAppSecret: z.string() });

export const funcSetSchema = z.object({ id: z.number(), name: z.string() });
export type FuncSetDto = z.infer<typeof funcSetSchema>;

/** One authorized platform on an account's Authorization management page. */
export const accountAuthorizationSchema = z.object({
  componentAppId: z.string(),
  componentName: z.string(),
  authorizerAppId: z.string(),
  funcs: z.array(funcSetSchema),
  authTime: z.number(),
});
export type AccountAuthorizationDto = z.infer<typeof accountAuthorizationSchema>;

/** GET /api/wechat/accounts/{appId}/authorizations */
export const accountAuthorizationListSchema = z.object({ authorizations: z.array(accountAuthorizationSchema) });

/** GET /api/wechat/accounts/{appId}/authorizations/{componentAppId}: "View platform details". */
export const accountAuthorizationDetailSchema = accountAuthorizationSchema.extend({ platform: openPlatformSchema });

/** DELETE …/authorizations/{componentAppId}: whether the unauthorized notice went out, and its journal entry. */
export const authorizationCancelledSchema = z.object({ ok: z.literal(true), pushed: z.boolean(), journalId: z.string() });

/** POST /api/wechat/platforms/{componentAppId}/ticket */
export const ticketPushedSchema = z.object({ ok: z.boolean(), journalId: z.string() });

/** GET/PUT /api/wechat/accounts/{appId}/admins */
export const accountAdminsSchema = z.object({
  appId: z.string(),
  admins: z.array(z.object({ personaId: z.string(), name: z.string() })),
});

/** The authorization page as the admin's phone shows it. */
export const phoneAuthorizeViewSchema = z.object({
  uuid: z.string(),
  componentAppId: z.string(),
  componentName: z.string(),
  /** Accounts the persona administers that this page may authorize. */
  accounts: z.array(z.object({ appId: z.string(), name: z.string(), authorized: z.boolean() })),
  /** Permission sets offered, ticked by default; `heldElsewhere` = mutually exclusive and held by another platform. */
  funcs: z.array(funcSetSchema.extend({ heldElsewhere: z.boolean() })),
  /** After confirmation: where the PC page or the phone's browser goes. */
  redirect: z.string().optional(),
  authorizedAppId: z.string().optional(),
});
export type PhoneAuthorizeView = z.infer<typeof phoneAuthorizeViewSchema>;

export const phoneAuthorizeResultSchema = z.object({
  redirect: z.string(),
  appId: z.string(),
  componentAppId: z.string(),
  infoType: z.enum(['authorized', 'updateauthorized', 'none']),
  funcIds: z.array(z.number()),
  /** Journal entry of the authorization push, when one was sent. */
  journalId: z.string().optional(),
});
export type PhoneAuthorizeResult = z.infer<typeof phoneAuthorizeResultSchema>;

/** The Open Platform's unconfirmed details, as settings (spec §21 and the [I] rows). */
export const openSettingsSchema = z.object({
  /** component_verify_ticket push interval (WeChat: 10 min) and validity (12 h). */
  verifyTicketIntervalSeconds: z.number().int().min(1).max(86_400),
  verifyTicketValiditySeconds: z.number().int().min(1).max(604_800),
  componentTokenLifetimeSeconds: z.number().int().min(1).max(7200),
  preAuthCodeLifetimeSeconds: z.number().int().min(1).max(7200),
  /** auth_code lifetime: 3600 s in real callbacks (docs say 600). */
  authCodeLifetimeSeconds: z.number().int().min(1).max(86_400),
  authorizerTokenLifetimeSeconds: z.number().int().min(1).max(7200),
  /** Lifetime of the authorization page's QR code before the page asks for a new one. */
  authQrLifetimeSeconds: z.number().int().min(1).max(3600),
  /** Open question 1: redirect the browser before the authorized push (default: push first, then redirect). */
  redirectBeforePush: z.boolean(),
  /** Open question 1: an auth_code works more than once until it expires (default yes; push and redirect share it). */
  authCodeReusable: z.boolean(),
  /** Open question 2: api_authorizer_token returns a new refresh token each time (default no). */
  rotateRefreshToken: z.boolean(),
  /** Open question 3: errcodes for an expired / already-used auth_code. */
  expiredAuthCodeErrcode: z.number().int(),
  usedAuthCodeErrcode: z.number().int(),
  /** Open question 3: errcodes after the account cancelled (refresh, authorizer token, get_authorizer_info). */
  revokedRefreshTokenErrcode: z.number().int(),
  revokedAuthorizerTokenErrcode: z.number().int(),
  unauthorizedInfoErrcode: z.number().int(),
  /** Open question 4: deliveries of an authorization-event push (first included) when the answer is not `success`. */
  authEventAttempts: z.number().int().min(1).max(10),
  /** Open question 5: which permission set each API needs (帐号服务 = 3 gates qrcode/create). */
  qrcodeFuncId: z.number().int().min(1).max(15),
  userFuncId: z.number().int().min(1).max(15),
  messageFuncId: z.number().int().min(1).max(15),
  /** Permission sets only one platform can hold per account. */
  exclusiveFuncIds: z.array(z.number().int().min(1).max(15)).max(15),
  /** Push updateauthorized even when a re-authorization leaves the permission sets unchanged (default no). */
  pushUpdateWhenUnchanged: z.boolean(),
  /** Strict mode: refuse the page (-14) unless Referer and redirect_uri are on the initiation domain. */
  enforceInitiationDomain: z.boolean(),
  maxAuthorizationsPerAccount: z.number().int().min(1).max(100),
});
export type OpenSettings = z.infer<typeof openSettingsSchema>;
export const openSettingsPatchSchema = openSettingsSchema.partial().strict();

// ---- the login server as a third-party platform ----------------------------------------------------------

const componentAppIdField = z.string({ error: 'componentAppId must be "wx" followed by 16 lower-case hex digits' }).regex(APPID_RE, {
  error: 'componentAppId must be "wx" followed by 16 lower-case hex digits',
});

/** PUT /api/login/pools/{poolId}/component */
export const componentConfigSchema = z.object({
  componentAppId: componentAppIdField,
  componentAppSecret: z
    .string({ error: 'componentAppSecret must be 32 English letters or digits' })
    .regex(/^[A-Za-z0-9]{32}$/, { error: 'componentAppSecret must be 32 English letters or digits' }),
  token,
  encodingAesKey: aesKey,
});
export type ComponentConfigInput = z.infer<typeof componentConfigSchema>;

/** POST /api/login/pools/{poolId}/connections/authorize */
export const authorizeConnectionSchema = z.object({
  identifier: z
    .string({ error: "identifier must use only lower-case letters, digits and '-', shorter than 32 characters" })
    .regex(IDENTIFIER_RE, { error: "identifier must use only lower-case letters, digits and '-', shorter than 32 characters" }),
  displayName: z
    .string({ error: 'displayName is required (shown on the login button), at most 64 characters' })
    .trim()
    .min(1, { error: 'displayName is required (shown on the login button), at most 64 characters' })
    .max(64, { error: 'displayName is required (shown on the login button), at most 64 characters' }),
  loginMode: z.enum(LOGIN_MODES, { error: 'loginMode must be login-only or login-and-register' }).optional(),
  association: z.enum(ASSOCIATIONS, { error: 'association must be off, field-matching or query-binding' }).optional(),
  qrExpireSeconds: z.number().int().min(QR_EXPIRE_MIN_SECONDS).max(QR_EXPIRE_MAX_SECONDS).nullable().optional(),
});
export type AuthorizeConnectionInput = z.infer<typeof authorizeConnectionSchema>;

/** The pool's third-party platform configuration; secrets masked. */
export const componentConfigDtoSchema = z.object({
  poolId: z.string(),
  configured: z.boolean(),
  componentAppId: z.string(),
  componentAppSecretMasked: z.string(),
  tokenMasked: z.string(),
  encodingAesKeyMasked: z.string(),
  /** The two URLs to register on the Open Platform, served by the auth server. */
  authEventUrl: z.string(),
  messageUrl: z.string(),
  /** Host of the page that links to the authorization page (the initiation-page domain to register). */
  initiationDomain: z.string(),
  ticketReceivedAt: z.number().nullable(),
});
export type ComponentConfigDto = z.infer<typeof componentConfigDtoSchema>;

/** PUT /api/login/pools/{poolId}/component (and …/component/register): the configuration saved, and whether WeChat was asked to push a verify ticket. */
export const componentConfiguredSchema = componentConfigDtoSchema.extend({
  /** "requested", or why asking WeChat for a ticket failed. */
  ticketRequest: z.string(),
});

/** An identity source connected by authorization ("Authorize with WeChat"). */
export const componentLinkSchema = z.object({
  poolId: z.string(),
  identifier: z.string(),
  status: z.enum(['not_connected', 'connected']),
  authorizer: z
    .object({
      appId: z.string(),
      nickName: z.string(),
      headImg: z.string(),
      userName: z.string(),
      principalName: z.string(),
      serviceType: z.number(),
      verifyType: z.number(),
      funcIds: z.array(z.number()),
      connectedAt: z.number(),
    })
    .nullable(),
  /** Why it is not connected, or what is missing (e.g. a permission set the login needs). */
  note: z.string(),
});
export type ComponentLinkDto = z.infer<typeof componentLinkSchema>;

/** GET /api/login/pools/{poolId}/authorizations */
export const componentLinksSchema = z.object({ links: z.array(componentLinkSchema) });

export const authorizeStartResultSchema = z.object({
  link: componentLinkSchema,
  /** The authorization page (PC QR form) with a fresh pre-auth code. */
  authorizationUrl: z.string(),
  /** The login server's initiation page, which links to the authorization page (the Referer WeChat checks). */
  initiationUrl: z.string(),
  preAuthCodeExpiresIn: z.number(),
});
export type AuthorizeStartResult = z.infer<typeof authorizeStartResultSchema>;
