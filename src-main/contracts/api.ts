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
  screen: 'profile' | 'chat' | 'error';
  appId?: string;
  accountName?: string;
  following?: boolean;
  messages?: PhoneMessage[];
  error?: string;
  /** Journal entry of the push this action caused, when there was one. */
  journalId?: string;
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
  kind: 'push' | 'verify' | 'api' | 'event';
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
}

export type LoginStatus = 'PENDING' | 'SCANNED' | 'AUTHORIZED' | 'EXPIRED' | 'CANCELLED' | 'ERROR';
