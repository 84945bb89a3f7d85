import type { Sentence } from '../../journal/said';
import type { InboundMessage } from '../../wechat/messages';
import type { ConnectionRow, EventRow, LoginRepo } from '../repo';

/**
 * WeChat's dedup advice: MsgId for messages, FromUserName+CreateTime for events (plus Event and EventKey,
 * so an unfollow and a follow in the same second stay apart). The key starts with CreateTime, which a
 * retry repeats: keys then arrive in time order and the unique index grows at its end instead of
 * touching a random page per event.
 */
export function dedupKey(msg: InboundMessage): string {
  const time = String(msg.createTime).padStart(10, '0');
  if (msg.kind === 'text') return `${time}|msg|${msg.msgId}`;
  if (msg.kind === 'other' && typeof msg.record.MsgId === 'string' && msg.record.MsgId.trim()) return `${time}|msg|${msg.record.MsgId.trim()}`;
  const event = msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind;
  const eventKey = msg.kind === 'subscribe' || msg.kind === 'scan' ? msg.eventKey : '';
  return `${time}|evt|${msg.fromUserName}|${event.toLowerCase()}|${eventKey}`;
}

/** What the endpoint answered an event: repeated, byte for byte in content, to every retry of it. */
export interface Answer {
  replyXml: string;
  /** What the event meant: a sentence, or the English text kept with the event (a retry after a restart). */
  outcome: Sentence;
  sessionId: string | null;
  notes: Sentence[];
}

/**
 * Step "dedup": an event seen before gets the same answer and changes nothing — whether the first
 * delivery committed long ago (the persisted row, which survives a restart) or is still being worked out
 * (a retry arriving meanwhile waits for the first one's answer).
 */
export function createDedup(repo: LoginRepo) {
  const inflight = new Map<string, Promise<Answer>>();
  const flightKey = (conn: ConnectionRow, key: string): string => `${conn.poolId}/${conn.identifier}/${key}`;
  return {
    previous(conn: ConnectionRow, key: string): EventRow | undefined {
      return repo.q.eventGet.get(conn.poolId, conn.identifier, key);
    },
    running(conn: ConnectionRow, key: string): Promise<Answer> | undefined {
      return inflight.get(flightKey(conn, key));
    },
    /** Runs the first delivery's work; retries that arrive meanwhile get its answer (or its failure). */
    async first(conn: ConnectionRow, key: string, work: () => Promise<Answer>): Promise<Answer> {
      const k = flightKey(conn, key);
      const p = work();
      inflight.set(k, p);
      p.catch(() => undefined); // a waiting retry sees the failure; nobody else must
      try {
        return await p;
      } finally {
        inflight.delete(k);
      }
    },
  };
}
