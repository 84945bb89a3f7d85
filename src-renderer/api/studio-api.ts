import type { ConnectionFault, FaultInput } from '../../src-main/contracts/faults';
import type { DemoGuide } from '../../src-main/contracts/demo';
import type { ConnectionFormValues } from '../../src-main/contracts/login-rules';
import type { Http } from './http';
import { createScenarioApi } from './scenarios-api';
import { oidcRoutes } from './oidc-api';
import { createOpenApi } from './open-api';
import type {
  Account,
  AccountWithWarnings,
  AccountType,
  LoginConnection,
  WechatFollower,
  JournalEntry,
  JournalRow,
  LoginApplication,
  LoginApplicationCreated,
  LoginSessionDto,
  LoginUser,
  Persona,
  PhoneScreen,
  PhoneState,
  LoginPool,
  WechatTicket,
  Relay,
  ServerConfig,
  PlatformSettings,
  WorkbenchDecryptResult,
  WorkbenchEncryptResult,
  WorkbenchSignResult,
  AuditSummary,
  SavedAudit,
  AuditComparison,
  StartAuditBody,
} from './types';

const enc = encodeURIComponent;

export interface JournalPageQuery {
  limit?: number;
  beforeSeq?: number;
}

export type NewConnection = ConnectionFormValues;

/** POST /api/relay: a mode-2 relay for an account, forwarding to an identity source; optionally pointing the account at it. */
export interface StartRelay {
  appId: string;
  token: string;
  encodingAesKey: string;
  mode: ServerConfig['mode'];
  forwardTo: { poolId: string; identifier: string };
  configureAccount: boolean;
}

/** Every control-API route the studio uses, typed. Nothing else talks to the engine (besides the SSE stream). */
export function createStudioApi(http: Http) {
  return {
    health: () => http.request<{ ok: boolean; version: string }>('GET', '/api/health'),
    reset: () => http.request<unknown>('POST', '/api/reset'),

    // Mock WeChat platform
    listAccounts: () => http.request<{ accounts: Account[] }>('GET', '/api/wechat/accounts'),
    createAccount: (body: { name: string; type: AccountType; verified: boolean }) =>
      http.request<Account & { appSecret: string }>('POST', '/api/wechat/accounts', body),
    patchAccount: (
      appId: string,
      body: { name?: string; type?: AccountType; verified?: boolean; ipWhitelist?: string[]; permissions?: string[] },
    ) => http.request<Account>('PATCH', `/api/wechat/accounts/${enc(appId)}`, body),
    resetSecret: (appId: string) => http.request<{ appSecret: string }>('POST', `/api/wechat/accounts/${enc(appId)}/secret`),
    putServer: (appId: string, body: ServerConfig) =>
      http.request<AccountWithWarnings>('PUT', `/api/wechat/accounts/${enc(appId)}/server`, body),
    listTickets: (appId: string) => http.request<{ tickets: WechatTicket[] }>('GET', `/api/wechat/accounts/${enc(appId)}/tickets`),
    listFollowers: (appId: string) =>
      http.request<{ followers: WechatFollower[] }>('GET', `/api/wechat/accounts/${enc(appId)}/followers`),
    listPersonas: () => http.request<{ personas: Persona[] }>('GET', '/api/wechat/personas'),
    createPersona: (body: { name: string; unionId?: string }) => http.request<Persona>('POST', '/api/wechat/personas', body),
    getSettings: () => http.request<PlatformSettings>('GET', '/api/wechat/settings'),
    putSettings: (body: Partial<PlatformSettings>) => http.request<PlatformSettings>('PUT', '/api/wechat/settings', body),

    // The phone
    phone: (personaId: string) => http.request<PhoneState>('GET', `/api/phone/${enc(personaId)}`),
    scan: (personaId: string, content: string) => http.request<PhoneScreen>('POST', `/api/phone/${enc(personaId)}/scan`, { content }),
    follow: (personaId: string, appId: string) => http.request<PhoneScreen>('POST', `/api/phone/${enc(personaId)}/follow`, { appId }),
    unfollow: (personaId: string, appId: string) =>
      http.request<PhoneScreen>('POST', `/api/phone/${enc(personaId)}/unfollow`, { appId }),
    message: (personaId: string, appId: string, text: string) =>
      http.request<PhoneScreen>('POST', `/api/phone/${enc(personaId)}/message`, { appId, text }),

    // Login server
    listPools: () => http.request<{ pools: LoginPool[] }>('GET', '/api/login/pools'),
    listRelays: () => http.request<{ relays: Relay[] }>('GET', '/api/relay'),
    startRelay: (body: StartRelay) => http.request<Relay>('POST', '/api/relay', body),
    stopRelay: (id: string) => http.request<unknown>('DELETE', `/api/relay/${enc(id)}`),
    createPool: (body: { name: string }) => http.request<LoginPool>('POST', '/api/login/pools', body),
    createConnection: (poolId: string, body: NewConnection) =>
      http.request<LoginConnection>('POST', `/api/login/pools/${enc(poolId)}/connections`, body),
    getConnection: (poolId: string, identifier: string, reveal = false) =>
      http.request<LoginConnection>('GET', `/api/login/pools/${enc(poolId)}/connections/${enc(identifier)}${reveal ? '?reveal=true' : ''}`),
    patchConnection: (poolId: string, identifier: string, body: Partial<Omit<NewConnection, 'identifier'>>) =>
      http.request<LoginConnection>('PATCH', `/api/login/pools/${enc(poolId)}/connections/${enc(identifier)}`, body),
    deleteConnection: (poolId: string, identifier: string) =>
      http.request<unknown>('DELETE', `/api/login/pools/${enc(poolId)}/connections/${enc(identifier)}`),
    listApps: (poolId: string) => http.request<{ apps: LoginApplication[] }>('GET', `/api/login/pools/${enc(poolId)}/apps`),
    createApp: (poolId: string, body: { name: string }) =>
      http.request<LoginApplicationCreated>('POST', `/api/login/pools/${enc(poolId)}/apps`, body),
    createUser: (body: { poolId: string; username: string; password?: string; nickname?: string; unionId?: string }) =>
      http.request<LoginUser>('POST', '/api/login/users', body),
    listUsers: (poolId: string) => http.request<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${enc(poolId)}`),
    listSessions: (poolId: string) =>
      http.request<{ sessions: LoginSessionDto[] }>('GET', `/api/login/sessions?poolId=${enc(poolId)}`),
    expireSession: (id: string) => http.request<LoginSessionDto>('POST', `/api/login/sessions/${enc(id)}/expire`),

    // QA on the stage: fault injection, point back, the demo guide
    listFaults: () => http.request<{ faults: ConnectionFault[] }>('GET', '/api/login/faults'),
    setFault: (poolId: string, identifier: string, body: FaultInput) =>
      http.request<ConnectionFault>('PUT', `/api/login/pools/${enc(poolId)}/connections/${enc(identifier)}/fault`, body),
    clearFault: (poolId: string, identifier: string) => http.request<unknown>('DELETE', `/api/login/pools/${enc(poolId)}/connections/${enc(identifier)}/fault`),
    pointBack: (poolId: string, identifier: string) =>
      http.request<AccountWithWarnings>('POST', '/api/studio/point-back', { poolId, identifier }),
    demoGuide: () => http.request<DemoGuide>('GET', '/api/studio/demo'),

    // OpenID Connect provider
    ...oidcRoutes(http),
    // Audits of an account's server
    listAudits: (appId: string) => http.request<{ audits: AuditSummary[] }>('GET', `/api/wechat/accounts/${enc(appId)}/audits`),
    startAudit: (appId: string, body: StartAuditBody) => http.request<{ audit: AuditSummary }>('POST', `/api/wechat/accounts/${enc(appId)}/audits`, body),
    getAudit: (id: string) => http.request<SavedAudit>('GET', `/api/audits/${enc(id)}`),
    compareAudit: (id: string) => http.request<AuditComparison>('GET', `/api/audits/${enc(id)}/compare`),
    rerunCheck: (id: string, checkId: string) => http.request<SavedAudit>('POST', `/api/audits/${enc(id)}/checks/${enc(checkId)}/rerun`),
    stopAudit: (id: string) => http.request<{ audit: AuditSummary }>('POST', `/api/audits/${enc(id)}/stop`),
    /** A saved report as a file (the browser downloads it; the session cookie authorises the GET). */
    auditReportUrl: (id: string, format: 'html' | 'json' | 'junit') => `/api/audits/${enc(id)}/report.${format}`,

    // Journal
    journal: (q: JournalPageQuery = {}) => {
      const p = new URLSearchParams();
      if (q.limit) p.set('limit', String(q.limit));
      if (q.beforeSeq !== undefined) p.set('beforeSeq', String(q.beforeSeq));
      return http.request<{ entries: JournalRow[]; total?: number }>('GET', `/api/journal?${p.toString()}`);
    },
    journalEntry: (id: string) => http.request<JournalEntry>('GET', `/api/journal/${enc(id)}`),
    /** Where the browser downloads the journal (a plain link: the session cookie goes along). */
    journalExportUrl: (format: 'har' | 'ndjson', filter: { kind?: string; ok?: boolean } = {}) => {
      const p = new URLSearchParams({ format });
      if (filter.kind) p.set('kind', filter.kind);
      if (filter.ok !== undefined) p.set('ok', String(filter.ok));
      return `/api/journal/export?${p.toString()}`;
    },
    clearJournal: () => http.request<unknown>('DELETE', '/api/journal'),

    // Workbench
    wbEncrypt: (body: { encodingAesKey: string; appId: string; message: string; random?: string }) =>
      http.request<WorkbenchEncryptResult>('POST', '/api/workbench/encrypt', body),
    wbDecrypt: (body: { encodingAesKey: string; encrypt: string; appId?: string }) =>
      http.request<WorkbenchDecryptResult>('POST', '/api/workbench/decrypt', body),
    wbSign: (body: { token: string; timestamp: string; nonce: string; encrypt?: string }) =>
      http.request<WorkbenchSignResult>('POST', '/api/workbench/sign', body),

    ...createScenarioApi(http),
    // WeChat's third-party platform: the mock Open Platform and the login server's side
    ...createOpenApi(http),
  };
}

export type StudioApi = ReturnType<typeof createStudioApi>;
