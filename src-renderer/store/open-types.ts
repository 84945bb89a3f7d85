import type { AccountAdmins } from '../api/open-api';
import type { AccountAuthorizationDto, ComponentConfigDto, ComponentLinkDto, OpenPlatformDto, PhoneAuthorizeResult } from '../api/types';
import type { ErrorInfo } from './errors';

/**
 * The store's part for WeChat's third-party platform (see slices/open.ts and slices/story.ts), kept apart
 * from types.ts so the two screens' state can grow without touching each other.
 */

/** A page the PC frame shows instead of the login page: the authorization flow's pages. */
export interface PcPage {
  url: string;
  /** Origins whose messages the frame may post (the frame navigates from the auth server to WeChat and back). */
  origins: string[];
}

/** The admin's choices on the phone's authorization screen; kept here so a demo can drive them visibly. */
export interface AuthDraft {
  /** The authorization page (its QR session) the choices belong to. */
  uuid: string;
  appId: string | null;
  funcIds: number[];
  step: 'account' | 'funcs';
}

export type StoryStepId = 'prepare' | 'open' | 'scan' | 'confirm' | 'connected' | 'login' | 'cancel' | 'unbound' | 'refused';

export interface StoryFacts {
  poolId?: string;
  appId?: string;
  accountName?: string;
  originalId?: string;
  componentAppId?: string;
  identifier?: string;
  adminName?: string;
  userName?: string;
  /** The journal entry of the refused login (the login server's answer to the page). */
  refusalId?: string;
  /** The journal entry of the unauthorized push. */
  unauthorizedId?: string;
}

export interface StoryState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'stopped';
  step: StoryStepId | null;
  /** Steps finished, in order. */
  done: StoryStepId[];
  facts: StoryFacts;
  error: ErrorInfo | null;
}

export interface OpenLoadable<T> {
  data: T;
  loaded: boolean;
  error: ErrorInfo | null;
}

export interface OpenData {
  platforms: OpenLoadable<OpenPlatformDto[]>;
  admins: Record<string, AccountAdmins['admins'] | undefined>;
  authorizations: Record<string, AccountAuthorizationDto[] | undefined>;
  components: Record<string, ComponentConfigDto | undefined>;
  links: Record<string, ComponentLinkDto[] | undefined>;
  authDraft: AuthDraft | null;
  pcPage: PcPage | null;
  /** The address the PC frame is at, when its page told us (the authorization page posts its own). */
  pcAddress: string | null;
  story: StoryState;
}

export interface OpenActions {
  loadPlatforms(): Promise<void>;
  loadAdmins(appId: string): Promise<void>;
  loadAuthorizations(appId: string): Promise<void>;
  loadComponent(poolId: string): Promise<void>;
  loadLinks(poolId: string): Promise<void>;
  setAuthDraft(draft: AuthDraft | null): void;
  /** The phone confirms its authorization page with the draft's account and permission sets. */
  confirmAuthorize(): Promise<PhoneAuthorizeResult | null>;
  openPcPage(page: PcPage): void;
  closePcPage(): void;
  setPcAddress(url: string | null): void;
  setStory(patch: Partial<StoryState>): void;
}
