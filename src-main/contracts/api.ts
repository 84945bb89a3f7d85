import type { DecodedToken } from './oidc';
import type { PhoneAuthorizeView } from './open-platform';
/**
 * DTOs of the control API (the stable automation contract, see README "Automation contract").
 * Pure types: shared by the engine, the renderer and the tests.
 */

export type MessageMode = 'plaintext' | 'compatible' | 'safe';
export type AccountType = 'service' | 'subscription';

export interface ServerConfig {
  url: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
  enabled: boolean;
}

export interface Account {
  appId: string;
  originalId: string;
  name: string;
  type: AccountType;
  verified: boolean;
  ipWhitelist: string[];
  /** API permissions granted on the console's "interface permissions" page. */
  permissions?: string[];
  server: ServerConfig;
  /** AppSecret masked (e.g. "a1b2••••••••9f0e"); the full value is shown once, at creation or reset. */
  appSecretMasked?: string;
  createdAt?: number;
}

export interface PersonaAccount {
  appId: string;
  openId: string;
  following: boolean;
}

export interface Persona {
  id: string;
  name: string;
  unionId: string | null;
  avatar?: string;
  accounts: PersonaAccount[];
}

export interface PhoneMessage {
  from: 'user' | 'account' | 'system';
  text: string;
  /** For rich passive replies (image, news) the phone shows what kind they were. */
  kind?: 'text' | 'image' | 'news' | 'notice';
  at?: number;
}

export interface PhoneScreen {
  /** 'authorize': the Open Platform's authorization page, opened by scanning its QR code (see `authorize`). */
  screen: 'profile' | 'chat' | 'error' | 'authorize';
  appId?: string;
  accountName?: string;
  following?: boolean;
  messages?: PhoneMessage[];
  error?: string;
  /** Journal entry of the push this action caused, when there was one. */
  journalId?: string;
  authorize?: PhoneAuthorizeView;
}

export interface HttpRequestRecord {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponseRecord {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface JournalAttempt {
  request: HttpRequestRecord;
  response?: HttpResponseRecord;
  error?: string;
  ms: number;
}

export interface SignatureStep {
  label: string;
  sorted: string[];
  joined: string;
  sha1: string;
  expected?: string;
  ok?: boolean;
}

export interface DecryptionStep {
  label: string;
  aesKeyHex: string;
  ivHex: string;
  randomHex: string;
  length: number;
  message: string;
  appId: string;
  expectedAppId?: string;
  ok: boolean;
}

export interface JournalEntry {
  id: string;
  at: number;
  /** 'audit': a request of an audit of the account's server (the mock WeChat playing WeChat against it). */
  kind: 'push' | 'verify' | 'api' | 'event' | 'oidc' | 'audit';
  /** Which side wrote it: the mock platform, the login server, or the relay. */
  source?: 'wechat' | 'auth' | 'relay';
  appId?: string;
  url: string;
  /** One-line human summary, e.g. "subscribe qrscene_… → success". */
  summary?: string;
  attempts: JournalAttempt[];
  verdict: { ok: boolean; reasons: string[] };
  decrypted?: { request?: string; reply?: string };
  signatures?: SignatureStep[];
  decryptions?: DecryptionStep[];
  /** Entries about the same exchange written by the other side (a push and the login server's handling of it). */
  related?: string[];
  /** OIDC exchanges: the tokens they carried, decoded (the tokens themselves are masked in the attempts). */
  tokens?: DecodedToken[];
  /** Audit exchanges: the saved audit and the checks whose evidence this exchange is. */
  audit?: { reportId: string; checks: string[] };
}

export interface ApiErrorBody {
  error: { code: string; message: string; field?: string };
}

export interface LoginSessionDto {
  id: string;
  poolId: string;
  appId?: string;
  status: LoginStatus;
  createdAt: number;
  expiresAt?: number;
  userId?: string;
  error?: string;
  /** The connection (identifier) the session's QR code belongs to. */
  connection?: string;
  /** Query binding: the WeChat identity is unknown and the page asks the user to sign in once. */
  needsBinding?: boolean;
  updatedAt?: number;
}

export type LoginStatus = 'PENDING' | 'SCANNED' | 'AUTHORIZED' | 'EXPIRED' | 'CANCELLED' | 'ERROR';

// ---- login server (issue 4) ----------------------------------------------------------------------------

export type LoginModeValue = 'login-only' | 'login-and-register';
export type AssociationValue = 'off' | 'field-matching' | 'query-binding';

/** A "WeChat Official Account Follow" connection. The AppSecret is write-only: only a masked hint is returned. */
export interface LoginConnection {
  poolId: string;
  identifier: string;
  displayName: string;
  appId: string;
  appSecretMasked: string;
  /** Masked unless the request asked for `?reveal=true` (the console's "show" button). */
  token: string;
  encodingAesKey: string;
  revealed: boolean;
  mode: MessageMode;
  loginMode: LoginModeValue;
  association: AssociationValue;
  /** QR lifetime for this connection; null = the default (120 s) or the application's. */
  qrExpireSeconds: number | null;
  /** The full URL to enter as the server URL on the WeChat console (mode 1). */
  eventsUrl: string;
  createdAt: number;
  updatedAt: number;
}

export interface LoginApplication {
  id: string;
  poolId: string;
  name: string;
  /** The hosted login page ("Experience login"). */
  loginUrl: string;
  redirectUris: string[];
  qrExpireSeconds: number | null;
  secretMasked: string;
  createdAt: number;
}

/** Returned once, at creation: the application secret in full. */
export interface LoginApplicationCreated extends LoginApplication {
  secret: string;
}

export interface LoginPool {
  id: string;
  name: string;
  createdAt: number;
  connections: LoginConnection[];
  apps: LoginApplication[];
}

export interface LoginIdentity {
  openId: string;
  unionId?: string;
  appId: string;
  connection: string;
  createdAt: number;
}

export interface LoginRecord {
  at: number;
  /** The application signed in to. */
  appId: string | null;
  connection: string;
  sessionId?: string;
}

export interface LoginUser {
  id: string;
  poolId: string;
  username: string;
  nickname?: string;
  unionId?: string;
  hasPassword: boolean;
  createdAt: number;
  identities: LoginIdentity[];
  logins: LoginRecord[];
}

/** What the hosted page sees of its own session (never listed anywhere else: it carries the login token). */
export interface QrSessionView {
  id: string;
  status: LoginStatus;
  appId: string;
  appName: string;
  connection: { identifier: string; displayName: string };
  /** The QR's content (the ticket's url), also on the image's data-qr-url attribute. */
  qrUrl: string;
  /** data: URL of a PNG of qrUrl (only in the answer that created the session). */
  qrImage?: string;
  createdAt: number;
  expiresAt: number;
  needsBinding: boolean;
  error?: string;
  user?: { id: string; username: string; nickname?: string };
  /** HS256 JWT for the signed-in user (AUTHORIZED only). */
  token?: string;
}

export interface LoginSettings {
  /** Accepted distance between a push's timestamp and the login server's clock; 0 = no window. */
  maxSkewSeconds: number;
}

export interface RelayTarget {
  url: string;
  mode: MessageMode;
}

/** A mode-2 relay: WeChat pushes to `url`; scan and follow events go on to the login server. */
export interface Relay {
  id: string;
  appId: string;
  url: string;
  mode: MessageMode;
  forwardTo: RelayTarget & { poolId?: string; identifier?: string };
  createdAt: number;
  /** Events received / forwarded / answered by the relay itself. */
  stats: { received: number; forwarded: number; handled: number; refused: number };
}

// ---- mock WeChat platform: console and phone extras (beyond the stable contract above) ----

/** PUT /api/wechat/accounts/{appId}/server answers the saved account and what real WeChat would have refused. */
export type AccountWithWarnings = Account & { warnings: string[] };

/** GET /api/wechat/accounts/{appId}/tickets → {tickets: WechatTicket[]}, newest first. */
export interface WechatTicket {
  ticket: string;
  /** What the QR image encodes: http://weixin.qq.com/q/<id>. */
  url: string;
  action: 'QR_SCENE' | 'QR_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_LIMIT_STR_SCENE' | string;
  scene: string;
  permanent: boolean;
  createdAt: number;
  expiresAt: number | null;
  state: 'live' | 'expired';
  scanCount: number;
}

/** GET /api/wechat/accounts/{appId}/followers → {followers: WechatFollower[]}. */
export interface WechatFollower {
  personaId: string;
  name: string;
  openId: string;
  unionId: string | null;
  following: boolean;
  subscribeTime: number | null;
  subscribeScene: string;
  qrScene: number;
  qrSceneStr: string;
  history: Array<{ action: 'subscribe' | 'unsubscribe' | string; at: number; scene: string | null; ticket: string | null }>;
}

/** GET /api/phone/{personaId}: the last screen (null before the first action) and the chats. */
export interface PhoneState {
  personaId: string;
  screen: PhoneScreen | null;
  chats: PhoneChatHistory[];
}

/** One chat on the phone: an account the persona follows or has talked to. */
export interface PhoneChatHistory {
  appId: string;
  accountName: string;
  following: boolean;
  messages: PhoneMessage[];
}

/** GET/PUT /api/wechat/settings: the protocol details the spec marks unconfirmed, with their defaults. */
export interface PlatformSettings {
  pushTimeoutMs: number;
  pushAttempts: number;
  retrySpacingMs: number;
  retryOnHttpError: boolean;
  freshTransportOnRetry: boolean;
  emptyEventKeyOnPlainFollow: boolean;
  openIdInPlaintextQuery: boolean;
  pushUserAgent: string;
  ipWhitelistOnAllApis: boolean;
  defaultQrExpireSeconds: number;
  permanentCodesIncludeExpireSeconds: boolean;
  permanentQrLimit: number;
  tokenLifetimeSeconds: number;
  tokenOverlapSeconds: number;
  enforceCustomerServiceWindow: boolean;
  /** user/info returns the persona's nickname (WeChat stopped in 2021; on by default, see the README). */
  userInfoNickname: boolean;
}
