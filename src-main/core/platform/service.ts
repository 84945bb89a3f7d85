import type { Account, Persona, PhoneScreen, ServerConfig, WechatTicket } from '../../contracts/api';
import { StudioError, fromZodError } from '../http/errors';
import { accountDto, type AccountPatch, type CreateAccountInput } from './accounts';
import type { Domain } from './domain';
import type { PhoneState } from './phone';
import { verifyServerUrl } from './push/verify-url';
import { serverConfigSchema, type PlatformSettings } from './schemas';

/** Where real WeChat's console would refuse a URL this mock accepts (it runs on loopback, any port). */
export function serverUrlWarnings(url: string): string[] {
  if (url === '') return [];
  const u = new URL(url);
  const port = u.port === '' ? (u.protocol === 'https:' ? 443 : 80) : Number(u.port);
  const expected = u.protocol === 'https:' ? 443 : 80;
  return port === expected
    ? []
    : [`port ${port}: WeChat accepts only port ${expected} for ${u.protocol.replace(':', '')} URLs; Follow Studio accepts it, a real account would not`];
}

/**
 * What other modules (the seed, the login side, the bench) use: the same operations as the control API,
 * with the same validation, in TypeScript.
 */
export function createService(d: Domain) {
  return {
    createAccount(input: CreateAccountInput, fixed?: { appId: string; originalId: string; appSecret: string }): { account: Account; appSecret: string } {
      const { account, appSecret } = d.accounts.create(input, fixed);
      return { account: accountDto(account), appSecret };
    },
    listAccounts(): Account[] {
      return d.accounts.list().map(accountDto);
    },
    getAccount(appId: string): Account | undefined {
      const a = d.accounts.find(appId);
      return a ? accountDto(a) : undefined;
    },
    updateAccount(appId: string, patch: AccountPatch): Account {
      return accountDto(d.accounts.update(appId, patch));
    },
    resetSecret(appId: string): string {
      return d.accounts.resetSecret(appId);
    },
    deleteAccount(appId: string): void {
      d.accounts.remove(appId);
      d.phone.forget();
    },
    /**
     * Saves a server configuration after WeChat's URL verification passed (skipped with verify:false, e.g.
     * when seeding before the target listens). Throws 422 invalid_field for a bad field and 422
     * url_verification_failed with the reason when the server's answer was wrong; nothing is saved then.
     */
    async setServerConfig(appId: string, config: ServerConfig, opts: { verify: boolean } = { verify: true }): Promise<{ account: Account; warnings: string[] }> {
      d.accounts.get(appId);
      const parsed = serverConfigSchema.safeParse(config);
      if (!parsed.success) throw fromZodError(parsed.error);
      const cfg = parsed.data;
      const warnings = serverUrlWarnings(cfg.url);
      if (opts.verify && cfg.url !== '') {
        const result = await verifyServerUrl(d.ctx, d.settings, d.transport, { appId, url: cfg.url, token: cfg.token }, d.stopping.signal);
        if (!result.ok) throw new StudioError(422, 'url_verification_failed', `URL verification failed: ${result.reason ?? 'wrong answer'}`, 'url');
      }
      return { account: accountDto(d.accounts.saveServer(appId, cfg)), warnings };
    },
    rebaseServerUrls(from: string, to: string): string[] {
      return d.accounts.rebaseServerUrls(from, to);
    },
    /** An account's QR tickets, newest first (what the console's ticket list shows). */
    listTickets(appId: string, limit?: number): WechatTicket[] {
      d.accounts.get(appId);
      return d.tickets.list(appId, limit);
    },
    createPersona(input: { name: string; unionId?: string | null; id?: string }): Persona {
      return d.personas.create(input);
    },
    deletePersona(personaId: string): void {
      d.personas.remove(personaId);
      d.phone.forget();
    },
    listPersonas(): Persona[] {
      return d.personas.list();
    },
    openId(personaId: string, appId: string): string {
      d.personas.get(personaId);
      d.accounts.get(appId);
      return d.personas.openId(personaId, appId);
    },
    phone(personaId: string): PhoneState {
      return d.phone.state(personaId);
    },
    scan(personaId: string, content: string): Promise<PhoneScreen> {
      return d.phone.scan(personaId, content);
    },
    /** `{push: false}` seeds an existing follower without telling the account's server. */
    follow(personaId: string, appId: string, opts: { push?: boolean } = {}): Promise<PhoneScreen> {
      return d.phone.follow(personaId, appId, opts);
    },
    unfollow(personaId: string, appId: string): Promise<PhoneScreen> {
      return d.phone.unfollow(personaId, appId);
    },
    sendMessage(personaId: string, appId: string, text: string): Promise<PhoneScreen> {
      return d.phone.message(personaId, appId, text);
    },
    settings(): PlatformSettings {
      return d.settings.get();
    },
    updateSettings(patch: Partial<PlatformSettings>): PlatformSettings {
      return d.ctx.store.tx(() => {
        d.ctx.store.touch('accounts');
        return d.settings.update(patch);
      });
    },
    /** Clears every account, persona, follow, ticket, token, chat and setting of the platform. */
    reset(): void {
      d.repo.tx(() => {
        d.hooks.reset?.();
        d.repo.resetAll();
        d.settings.reset();
      });
      d.phone.forget();
    },
  };
}

export type PlatformService = ReturnType<typeof createService>;
