/**
 * The control API's shapes, as the contracts (src-main/contracts) define them: the renderer has no types of
 * its own for what the engine sends, only this one re-export, under the contracts' names.
 */
export type {
  Account,
  AccountType,
  AccountWithWarnings,
  ApiErrorBody,
  AssociationValue,
  DecryptionStep,
  HttpRequestRecord,
  HttpResponseRecord,
  JournalAttempt,
  JournalEntry,
  Said,
  LoginApplication,
  LoginApplicationCreated,
  LoginConnection,
  LoginIdentity,
  LoginModeValue,
  LoginPool,
  LoginRecord,
  LoginSessionDto,
  LoginStatus,
  LoginUser,
  MessageMode,
  Persona,
  PersonaAccount,
  PhoneChatHistory,
  PhoneMessage,
  PhoneScreen,
  PhoneState,
  PlatformSettings,
  Relay,
  ServerConfig,
  SignatureStep,
  WechatFollower,
  WechatTicket,
} from '../../src-main/contracts/api';
export type { DecodedToken, OidcClientPatch, OidcClientSettings, OidcInfo, OidcSecretReset, OidcSigningKey } from '../../src-main/contracts/oidc';
export type {
  AccountAuthorizationDto,
  AuthorizeConnectionInput,
  AuthorizeStartResult,
  ComponentConfigDto,
  ComponentConfigInput,
  ComponentLinkDto,
  CreatePlatformInput,
  FuncSetDto,
  OpenPlatformDto,
  PhoneAuthorizeResult,
  PhoneAuthorizeView,
} from '../../src-main/contracts/open-platform';
export type { StateTopic, StudioEvent, StudioEventBody, StudioEventType } from '../../src-main/contracts/events';
export type {
  AuditChange,
  AuditCheckLine,
  AuditComparison,
  AuditEventBody,
  AuditMode,
  AuditReport,
  AuditRerun,
  AuditSummary,
  CheckResult,
  CheckStatus,
  ExchangeEvidence,
  Finding,
  SavedAudit,
  SdkGuess,
  Severity,
  StartAuditBody,
  TimingRow,
  Verdict,
} from '../../src-main/contracts/audit';
export type {
  WorkbenchBreakdown,
  WorkbenchDecryptResult,
  WorkbenchEncryptResult,
  WorkbenchSignResult,
} from '../../src-main/contracts/workbench';

import type { JournalEntry } from '../../src-main/contracts/api';

/** A journal entry as GET /api/journal returns it: with its storage sequence number, used to page back. */
export type JournalRow = JournalEntry & { seq?: number };
