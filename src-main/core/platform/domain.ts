import type { CoreContext } from '../context';
import { createAccounts, type Accounts } from './accounts';
import { createPersonas, type Personas } from './personas';
import { createPhone, type Phone } from './phone';
import { createDispatcher, type Dispatcher } from './push/dispatcher';
import type { Transport } from './push/http';
import { createRepo, type Repo } from './repo';
import { createSettings, type SettingsStore } from './settings';
import { createTickets, type Tickets } from './tickets';
import { createTokens, type Tokens } from './tokens';

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
}

export function createDomain(ctx: CoreContext, transport: Transport): Domain {
  const repo = createRepo(ctx.store);
  const settings = createSettings(ctx);
  const accounts = createAccounts(ctx, repo);
  const tokens = createTokens(ctx, repo, accounts, settings);
  const tickets = createTickets(ctx, repo, settings);
  const personas = createPersonas(ctx, repo, accounts);
  const dispatcher = createDispatcher(ctx, settings, transport);
  const phone = createPhone(ctx, repo, accounts, personas, tickets, dispatcher, settings);
  return { ctx, repo, settings, accounts, tokens, tickets, personas, dispatcher, phone, transport, stopping: new AbortController() };
}
