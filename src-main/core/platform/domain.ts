import type { PhoneScreen } from '../../contracts/api';
import type { CoreContext } from '../context';
import type { AccountRecord } from './accounts';
import type { CallerIp } from './ip';
import { createAccounts, type Accounts } from './accounts';
import { createPersonas, type Personas } from './personas';
import { createPhone, type Phone } from './phone';
import { createDispatcher, type Dispatcher, type PushReceiver } from './push/dispatcher';
import type { Transport } from './push/http';
import { createRepo, type Repo } from './repo';
import type { ApiPermission } from './schemas';
import { createSettings, type SettingsStore } from './settings';
import { createTickets, type Tickets } from './tickets';
import { createTokens, type Tokens } from './tokens';

/**
 * Where the Open Platform (platform/open) plugs in, filled once it is created: authorizer tokens on the
 * account APIs, user pushes to an authorized platform's message URL, the authorization QR on the phone.
 */
export interface PlatformHooks {
  /** The account an authorizer token acts for, undefined when the token is not one; throws WeChat's error. */
  authorizerToken?(token: string | undefined, permission: ApiPermission, ip: CallerIp): AccountRecord | undefined;
  /** Where the account's user pushes go instead of its own server, if anywhere. */
  pushReceiver?(account: AccountRecord): PushReceiver | undefined;
  /** A scanned code the phone does not know as a QR ticket; undefined when it is not the hook's either. */
  scan?(personaId: string, content: string): Promise<PhoneScreen> | undefined;
  /** The platform's reset clears the hook's state too. */
  reset?(): void;
}

/** The platform's parts, wired once; routes and the service take what they need from here. */
export interface Domain {
  ctx: CoreContext;
  repo: Repo;
  settings: SettingsStore;
  accounts: Accounts;
  tokens: Tokens;
  tickets: Tickets;
  personas: Personas;
  dispatcher: Dispatcher;
  phone: Phone;
  /** HTTP to developers' servers (pushes, URL verification): injected by the runtime. */
  transport: Transport;
  /** Aborted on stop: cancels URL verifications still waiting for an answer. */
  stopping: AbortController;
  hooks: PlatformHooks;
}

export function createDomain(ctx: CoreContext, transport: Transport): Domain {
  const repo = createRepo(ctx.store);
  const settings = createSettings(ctx);
  const accounts = createAccounts(ctx, repo);
  const tokens = createTokens(ctx, repo, accounts, settings);
  const tickets = createTickets(ctx, repo, settings);
  const personas = createPersonas(ctx, repo, accounts);
  const dispatcher = createDispatcher(ctx, settings, transport);
  const hooks: PlatformHooks = {};
  const phone = createPhone(ctx, repo, accounts, personas, tickets, dispatcher, settings, hooks);
  return { ctx, repo, settings, accounts, tokens, tickets, personas, dispatcher, phone, transport, stopping: new AbortController(), hooks };
}
