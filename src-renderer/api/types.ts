/**
 * Renderer-side views of the control API's DTOs. The stable ones come from src-main/contracts; the few
 * shapes the contract file does not name yet are described here as the routes document them, with every
 * field the UI does not strictly need kept optional so a richer server answer never breaks the UI.
 */
export type {
  Account,
  AccountType,
  ApiErrorBody,
  DecryptionStep,
  HttpRequestRecord,
  HttpResponseRecord,
  JournalAttempt,
  JournalEntry,
  LoginApplication,
  LoginApplicationCreated,
  LoginConnection,
  LoginPool,
  LoginSessionDto,
  LoginStatus,
  LoginUser,
  MessageMode,
  Persona,
  PersonaAccount,
  Relay,
  PhoneMessage,
  PhoneScreen,
  ServerConfig,
  SignatureStep,
} from '../../src-main/contracts/api';
export type { StateTopic, StudioEvent, StudioEventBody } from '../../src-main/contracts/events';

import type {
  AssociationValue,
  JournalEntry,
  LoginApplication,
  LoginConnection,
  LoginIdentity,
  LoginModeValue,
  LoginPool,
  LoginRecord,
  LoginSessionDto,
  LoginUser,
} from '../../src-main/contracts/api';

/** A journal entry as GET /api/journal returns it: with its storage sequence number, used to page back. */
export type JournalRow = JournalEntry & { seq?: number };

export interface ServerConfigResult {
  warnings?: string[];
}

export type { WechatTicket as QrTicket, WechatFollower as Follower, PhoneState, PhoneChatHistory } from '../../src-main/contracts/api';

export interface WechatSettings {
  pushTimeoutMs?: number;
  pushAttempts?: number;
  [key: string]: unknown;
}

export type LoginMode = LoginModeValue;
export type Association = AssociationValue;
export type ConnectionDto = LoginConnection;
export type LoginAppDto = LoginApplication;
export type PoolDto = LoginPool;
export type IdentityDto = LoginIdentity;
export type UserLoginDto = LoginRecord;
export type LoginUserDto = LoginUser;
export type LoginSession = LoginSessionDto;

export type {
  WorkbenchBreakdown,
  WorkbenchDecryptResult,
  WorkbenchEncryptResult,
  WorkbenchSignResult,
} from '../../src-main/contracts/workbench';
