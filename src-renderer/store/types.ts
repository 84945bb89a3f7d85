import type { StoreApi } from 'zustand/vanilla';
import type { StudioApi } from '../api/studio-api';
import type { StreamStatus } from '../api/events';
import type {
  Account,
  WechatFollower,
  LoginSessionDto,
  LoginUser,
  Persona,
  PhoneScreen,
  PhoneChatHistory,
  LoginPool,
  WechatTicket,
  StudioEvent,
  PlatformSettings,
  JournalRow,
} from '../api/types';
import type { ConnectionFault } from '../../src-main/contracts/faults';
import type { DemoGuide } from '../../src-main/contracts/demo';
import type { ErrorInfo } from './errors';
import type { JournalFilter } from './journal-model';
import type { Route } from './route';
import type { ToastKey } from '../i18n/keys';
import type { ScenarioActions, ScenariosData } from './scenarios-types';
import type { OpenActions, OpenData } from './open-types';
import type { AuditActions, AuditsData } from './slices/audits';

export type AuthState = 'unknown' | 'ok' | 'unauthorized';

/**
 * What a toast says, kept as a catalogue key with its values (and the failure, if any) so that it is
 * rendered in the language of the moment; the store never holds a translated sentence.
 */
export interface UiMessage {
  key: ToastKey;
  values?: Record<string, string | number>;
  error?: ErrorInfo;
}

export interface Toast {
  id: number;
  kind: 'ok' | 'error' | 'info';
  message: UiMessage;
  /** How many times the same message was raised while shown (shown once, with the count). */
  repeats: number;
}

/** What the hosted login page last posted to the studio: its QR image and status. */
export interface PcQr {
  image: string;
  status: string;
  sessionId: string | null;
  at: number;
}

export type PcSite = 'hosted' | 'sample';

/** The phone's own navigation on top of the server's screen: WeChat's Discover page, the scanner, or the account page. */
export type PhoneView = 'home' | 'scanner' | 'app';

export interface Loadable<T> {
  data: T;
  loaded: boolean;
  error: ErrorInfo | null;
}

export interface JournalSlice {
  entries: JournalRow[];
  loaded: boolean;
  loadingOlder: boolean;
  hasOlder: boolean;
  oldestSeq: number | null;
  total: number | null;
  filter: JournalFilter;
  selectedId: string | null;
  /** Bumped on every change to `entries` (also when entries are only dropped or replaced). */
  version: number;
  error: ErrorInfo | null;
}

export interface StudioData extends OpenData {
  stream: StreamStatus;
  auth: AuthState;
  version: string | null;
  route: Route;

  accounts: Loadable<Account[]>;
  personas: Loadable<Persona[]>;
  tickets: Record<string, WechatTicket[] | undefined>;
  followers: Record<string, WechatFollower[] | undefined>;
  settings: PlatformSettings | null;

  pools: Loadable<LoginPool[]>;
  selectedPoolId: string | null;
  users: Record<string, LoginUser[] | undefined>;
  sessions: Record<string, LoginSessionDto[] | undefined>;

  personaId: string | null;
  phoneView: PhoneView;
  screens: Record<string, PhoneScreen | undefined>;
  /** Chat history per persona, per account (GET /api/phone/{id}). */
  chats: Record<string, PhoneChatHistory[] | undefined>;
  phoneBusy: boolean;
  /** The login application shown in the PC browser frame. */
  loginAppId: string | null;
  /** Bumped to reload the PC page. */
  pcKey: number;
  pcQr: PcQr | null;
  /** What the PC browser shows: the application's hosted login page, or the sample website that signs in through it. */
  pcSite: PcSite;
  resetting: boolean;

  journal: JournalSlice;
  audits: AuditsData;
  toasts: Toast[];
  scenarios: ScenariosData;

  /** Faults injected on the login server's events endpoints. */
  faults: Loadable<ConnectionFault[]>;
  /** The demo's password account and the part each persona plays (null until loaded). */
  demo: DemoGuide | null;
}

export interface StudioActions extends ScenarioActions, OpenActions, AuditActions {
  boot(): Promise<void>;
  setStream(status: StreamStatus): void;
  handleEvent(event: StudioEvent): void;
  onStreamReady(): void;
  navigate(route: Route): void;
  notify(kind: Toast['kind'], message: UiMessage): void;
  dismiss(id: number): void;

  loadAccounts(): Promise<void>;
  loadPersonas(): Promise<void>;
  loadTickets(appId: string): Promise<void>;
  loadFollowers(appId: string): Promise<void>;
  loadSettings(): Promise<void>;
  upsertAccount(account: Account): void;

  loadPools(): Promise<void>;
  selectPool(poolId: string): void;
  loadUsers(poolId: string): Promise<void>;
  loadSessions(poolId: string): Promise<void>;

  selectPersona(personaId: string | null): void;
  loadPhone(personaId: string): Promise<void>;
  setPhoneView(view: PhoneView): void;
  showScreen(personaId: string, screen: PhoneScreen): void;
  scan(content: string): Promise<PhoneScreen | null>;
  follow(appId: string): Promise<void>;
  unfollow(appId: string): Promise<void>;
  sendMessage(appId: string, text: string): Promise<void>;
  setLoginApp(appId: string): void;
  reloadPc(): void;
  setPcQr(qr: PcQr | null): void;
  setPcSite(site: PcSite): void;
  resetDemo(): Promise<void>;

  loadJournal(): Promise<void>;
  loadOlderJournal(): Promise<void>;
  receiveJournal(entries: JournalRow[]): void;
  flushJournal(): void;
  setJournalFilter(patch: Partial<JournalFilter>): void;
  selectEntry(id: string | null): void;
  clearJournal(): Promise<void>;

  loadFaults(): Promise<void>;
  loadDemo(): Promise<void>;
}

export type StudioState = StudioData & { actions: StudioActions };
export type StudioStore = StoreApi<StudioState>;

export interface StoreDeps {
  api: StudioApi;
  /** Schedules a callback (journal batching, refetch coalescing); injected so tests flush by hand. */
  schedule?: (fn: () => void, ms: number) => unknown;
  now?: () => number;
  /** Upper bound of journal entries kept in memory (oldest dropped first). */
  journalCap?: number;
  /** Where the persona choice is remembered between reloads. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

export type Set = StoreApi<StudioState>['setState'];
export type Get = StoreApi<StudioState>['getState'];
