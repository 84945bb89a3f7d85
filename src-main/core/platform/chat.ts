import type { PhoneMessage } from '../../contracts/api';
import type { CoreContext } from '../context';
import type { Repo } from './repo';

/** Messages a screen carries (the phone shows the recent part of a chat; GET /api/phone has the same). */
export const CHAT_LIMIT = 50;

/**
 * The phone's chats. The recent messages of each chat are kept in step with the table — every push reads
 * its chat, and reading rows back each time was the phone's largest cost (bench/push.ts) — and the copy
 * changes only once the row it mirrors is committed.
 */
export function createChats(ctx: CoreContext, repo: Repo) {
  const recent = new Map<string, PhoneMessage[]>();
  return {
    add(personaId: string, appId: string, m: PhoneMessage): PhoneMessage {
      const at = ctx.clock.now();
      repo.chatInsert.run(personaId, appId, m.from, m.kind ?? 'text', m.text, at);
      const stored: PhoneMessage = { from: m.from, text: m.text, kind: m.kind ?? 'text', at };
      ctx.store.afterCommit(() => {
        const list = recent.get(`${personaId} ${appId}`);
        if (!list) return;
        list.push(stored);
        if (list.length > CHAT_LIMIT) list.splice(0, list.length - CHAT_LIMIT);
      });
      return stored;
    },
    messages(personaId: string, appId: string): PhoneMessage[] {
      const key = `${personaId} ${appId}`;
      let list = recent.get(key);
      if (!list) {
        list = repo.chatOf.all(personaId, appId, CHAT_LIMIT).map((r) => ({ from: r.sender, text: r.text, kind: r.kind, at: r.at }));
        recent.set(key, list);
      }
      return list.slice();
    },
    /** Drops the copies (after a reset or a deletion removed their rows). */
    forget(): void {
      recent.clear();
    },
  };
}
