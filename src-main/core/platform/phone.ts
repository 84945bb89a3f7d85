import type { PhoneMessage, PhoneScreen, PhoneState } from '../../contracts/api';
import type { CoreContext } from '../context';
import { StudioError } from '../http/errors';
import { newMsgId } from '../wechat/ids';
import type { AccountRecord, Accounts } from './accounts';
import type { PlatformHooks } from './domain';
import type { Personas } from './personas';
import { SERVICE_UNAVAILABLE, type Dispatcher } from './push/dispatcher';
import * as events from './push/events';
import { pooledRandom } from './push/random-pool';
import { createChats } from './chat';
import type { Repo } from './repo';
import type { SettingsStore } from './settings';
import type { Tickets } from './tickets';

export const UNKNOWN_CODE = '无法识别的二维码';
export const EXPIRED_CODE = '该二维码已过期';

/** Customer-service windows a user's action opens (§7.7). */
const WINDOW_FOLLOW_OR_SCAN = { messages: 3, ms: 60_000 };
const WINDOW_USER_MESSAGE = { messages: 5, ms: 48 * 3_600_000 };

export type { PhoneState } from '../../contracts/api';

/**
 * The simulated phone: each action changes state in one transaction, then pushes exactly what WeChat pushes
 * and waits for the outcome (all attempts), so the returned screen shows the passive reply or WeChat's
 * "service unavailable" notice. Screens are persisted and published on the bus.
 */
export function createPhone(
  ctx: CoreContext,
  repo: Repo,
  accounts: Accounts,
  personas: Personas,
  tickets: Tickets,
  dispatcher: Dispatcher,
  settings: SettingsStore,
  hooks: PlatformHooks = {},
) {
  const nowSec = (): number => Math.floor(ctx.clock.now() / 1000);
  const random = pooledRandom(ctx.random);
  const chats = createChats(ctx, repo);
  const { add: addChat, messages } = chats;

  function show(personaId: string, screen: PhoneScreen, scanned?: { appId: string; ticket: string }): PhoneScreen {
    repo.phoneUpsert.run({
      persona_id: personaId,
      // The chat's messages live in wx_chat; the stored screen keeps only its shape.
      screen: JSON.stringify(screen.messages ? { ...screen, messages: [] } : screen),
      scanned_app_id: scanned?.appId ?? null,
      scanned_ticket: scanned?.ticket ?? null,
      updated_at: ctx.clock.now(),
    });
    ctx.store.afterCommit(() => ctx.bus.publish({ type: 'phone', personaId, screen }));
    return screen;
  }

  const chatScreen = (personaId: string, a: AccountRecord, journalId?: string): PhoneScreen => ({
    screen: 'chat',
    appId: a.appId,
    accountName: a.name,
    following: personas.isFollowing(personaId, a.appId),
    messages: messages(personaId, a.appId),
    ...(journalId ? { journalId } : {}),
  });

  const profileScreen = (personaId: string, a: AccountRecord, journalId?: string): PhoneScreen => ({
    screen: 'profile',
    appId: a.appId,
    accountName: a.name,
    following: personas.isFollowing(personaId, a.appId),
    ...(journalId ? { journalId } : {}),
  });

  function openWindow(personaId: string, appId: string, w: { messages: number; ms: number }): void {
    const now = ctx.clock.now();
    const current = repo.windowGet.get(personaId, appId);
    const expires = now + w.ms;
    const live = current !== undefined && current.expires_at > now;
    // A chatty user reopens the same window many times a second; within 0.1% of its length it is unchanged.
    if (live && current.remaining >= w.messages && current.expires_at >= expires - w.ms / 1000) return;
    repo.windowUpsert.run({
      persona_id: personaId,
      app_id: appId,
      expires_at: live ? Math.max(current.expires_at, expires) : expires,
      remaining: live ? Math.max(current.remaining, w.messages) : w.messages,
    });
  }

  /**
   * Pushes when the account has an enabled server configuration (otherwise WeChat pushes nothing). Adds the
   * reply, or the failure notice, to the chat. Returns the journal id and what was added.
   */
  async function push(
    personaId: string,
    a: AccountRecord,
    h: events.EventHeader,
    built: { xml: string; label: string },
    { notifyFailure }: { notifyFailure: boolean },
  ): Promise<{ journalId?: string; added: PhoneMessage[] }> {
    const receiver = hooks.pushReceiver?.(a);
    if (!receiver && (!a.server.enabled || a.server.url === '')) return { added: [] };
    const outcome = await dispatcher.deliver({ account: a, openId: h.openId, messageXml: built.xml, label: built.label, ...(receiver ? { receiver } : {}) });
    const added: PhoneMessage[] = [];
    if (outcome.message) added.push(addChat(personaId, a.appId, outcome.message));
    else if (!outcome.delivered && notifyFailure) added.push(addChat(personaId, a.appId, { from: 'system', text: SERVICE_UNAVAILABLE, kind: 'notice' }));
    return { journalId: outcome.entry.id, added };
  }

  /**
   * The chat opens at once (published, so the UI shows the user's action), then the push runs and the final
   * screen adds the reply.
   */
  async function chatWithPush(personaId: string, a: AccountRecord, built: { xml: string; label: string }, h: events.EventHeader): Promise<PhoneScreen> {
    const opened = chatScreen(personaId, a);
    ctx.bus.publish({ type: 'phone', personaId, screen: opened });
    const { journalId } = await push(personaId, a, h, built, { notifyFailure: true });
    return show(personaId, { ...opened, messages: messages(personaId, a.appId), ...(journalId ? { journalId } : {}) });
  }

  const header = (personaId: string, a: AccountRecord): events.EventHeader => ({
    originalId: a.originalId,
    openId: personas.openId(personaId, a.appId),
    createTime: nowSec(),
  });

  return {
    /** Shows a screen the phone's own actions do not make (the Open Platform's authorization page). */
    display(personaId: string, screen: PhoneScreen): PhoneScreen {
      return show(personaId, screen);
    },
    /** Drops cached chats (after a reset or a deletion removed their rows). */
    forget(): void {
      chats.forget();
    },

    state(personaId: string): PhoneState {
      personas.get(personaId);
      const row = repo.phoneGet.get(personaId);
      const chats = accounts
        .list()
        .map((a) => ({ appId: a.appId, accountName: a.name, following: personas.isFollowing(personaId, a.appId), messages: messages(personaId, a.appId) }))
        .filter((c) => c.following || c.messages.length > 0);
      const stored = row ? (JSON.parse(row.screen) as PhoneScreen) : null;
      const screen = stored?.messages && stored.appId ? { ...stored, messages: messages(personaId, stored.appId) } : stored;
      return { personaId, screen, chats };
    },

    async scan(personaId: string, content: string): Promise<PhoneScreen> {
      personas.get(personaId);
      const ticket = tickets.fromContent(content);
      const other = ticket ? undefined : hooks.scan?.(personaId, content);
      if (other) return show(personaId, await other);
      if (!ticket) return show(personaId, { screen: 'error', error: UNKNOWN_CODE });
      const a = accounts.find(ticket.app_id);
      if (!a) return show(personaId, { screen: 'error', error: UNKNOWN_CODE });
      if (!tickets.isLive(ticket)) return show(personaId, { screen: 'error', appId: a.appId, accountName: a.name, error: EXPIRED_CODE });
      if (!personas.isFollowing(personaId, a.appId)) {
        // WeChat shows the profile with a Follow button; nothing is pushed until the user follows.
        return repo.tx(() => {
          tickets.scanned(ticket.ticket);
          return show(personaId, profileScreen(personaId, a), { appId: a.appId, ticket: ticket.ticket });
        });
      }
      // The event is built inside the transaction: if it cannot be built, nothing of the scan is kept.
      const { h, built } = repo.tx(() => {
        tickets.scanned(ticket.ticket);
        openWindow(personaId, a.appId, WINDOW_FOLLOW_OR_SCAN);
        const h = header(personaId, a);
        return { h, built: events.scan(h, ticket.scene, ticket.ticket) };
      });
      return chatWithPush(personaId, a, built, h);
    },

    async follow(personaId: string, appId: string, opts: { push?: boolean } = {}): Promise<PhoneScreen> {
      personas.get(personaId);
      const a = accounts.get(appId);
      if (personas.isFollowing(personaId, appId)) return show(personaId, chatScreen(personaId, a));
      const row = repo.phoneGet.get(personaId);
      const pending = row?.scanned_app_id === appId && row.scanned_ticket ? tickets.get(row.scanned_ticket) : undefined;
      const numeric = pending ? pending.action === 'QR_SCENE' || pending.action === 'QR_LIMIT_SCENE' : false;
      const { h, built } = repo.tx(() => {
        personas.setFollowing(personaId, appId, true, pending ? { scene: pending.scene, ticket: pending.ticket, numericScene: numeric } : {});
        openWindow(personaId, appId, WINDOW_FOLLOW_OR_SCAN);
        const h = header(personaId, a);
        return { h, built: pending ? events.qrSubscribe(h, pending.scene, pending.ticket) : events.plainSubscribe(h, settings.get().emptyEventKeyOnPlainFollow) };
      });
      // Seeding an existing follower: nothing is pushed and the phone's screen is left alone.
      if (opts.push === false) return chatScreen(personaId, a);
      return chatWithPush(personaId, a, built, h);
    },

    async unfollow(personaId: string, appId: string): Promise<PhoneScreen> {
      personas.get(personaId);
      const a = accounts.get(appId);
      if (!personas.isFollowing(personaId, appId)) return show(personaId, profileScreen(personaId, a));
      const { h, built } = repo.tx(() => {
        personas.setFollowing(personaId, appId, false);
        repo.windowClose.run(personaId, appId);
        const h = header(personaId, a);
        return { h, built: events.unsubscribe(h, settings.get().emptyEventKeyOnPlainFollow) };
      });
      // The user has left the chat: a reply to unsubscribe is never shown, nor is a failure.
      const { journalId } = await push(personaId, a, h, built, { notifyFailure: false });
      return show(personaId, profileScreen(personaId, a, journalId));
    },

    async message(personaId: string, appId: string, text: string): Promise<PhoneScreen> {
      const p = personas.get(personaId);
      const a = accounts.get(appId);
      if (!personas.isFollowing(personaId, appId)) {
        throw new StudioError(409, 'not_following', `${p.name} does not follow ${a.name}; follow it before sending messages`, 'appId');
      }
      const { h, built } = repo.tx(() => {
        const h = header(personaId, a);
        const built = events.text(h, text, newMsgId(random));
        addChat(personaId, appId, { from: 'user', text, kind: 'text' });
        openWindow(personaId, appId, WINDOW_USER_MESSAGE);
        return { h, built };
      });
      return chatWithPush(personaId, a, built, h);
    },

    /** A customer-service message (message/custom/send) lands in the chat; the open chat refreshes. */
    receive(personaId: string, a: AccountRecord, m: PhoneMessage): void {
      addChat(personaId, a.appId, m);
      const row = repo.phoneGet.get(personaId);
      const current = row ? (JSON.parse(row.screen) as PhoneScreen) : null;
      if (current?.screen === 'chat' && current.appId === a.appId) show(personaId, chatScreen(personaId, a));
    },

    /** Uses one message of the customer-service window, or says which error WeChat gives. */
    useWindow(personaId: string, appId: string): 45015 | 45047 | null {
      const w = repo.windowGet.get(personaId, appId);
      if (!w || w.expires_at <= ctx.clock.now()) return 45015;
      if (w.remaining <= 0) return 45047;
      repo.windowUse.run(personaId, appId);
      return null;
    },
  };
}

export type Phone = ReturnType<typeof createPhone>;
