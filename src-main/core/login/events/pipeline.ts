import type { FastifyReply, FastifyRequest } from 'fastify';
import { asSaid, say, sayText, type Said } from '../../../contracts/said';
import type { CoreContext } from '../../context';
import { note } from '../../journal/recorder';
import { REFUSAL, verdictSteps } from '../../receiver/refusal';
import { sealReply } from '../../wechat/envelope';
import { newNonce } from '../../wechat/ids';
import { textReplyXml, type InboundMessage } from '../../wechat/messages';
import type { Decide, Decision } from '../decide';
import { decision } from '../decide';
import { StaleDecision, type Effects } from '../effects';
import type { ConnectionRow, LoginRepo } from '../repo';
import { PHONE_TEXT } from '../replies';
import { unixSeconds } from '../util';
import { createDedup, type Answer } from './dedup';
import { outcomeFromText } from './outcome-text';
import type { PushKeys, Refusal, Verified } from './verify';

/**
 * The steps every push receiver of the login server shares once a push is verified and read — the
 * events endpoint and the third-party platform's message URL alike:
 *
 *   dedup → decide → commit → announce → respond
 *
 * dedup: a retry gets the first delivery's answer and changes nothing (the `login_events` row of the
 * connection). decide: what the event means (a scan's two phases, see decide.ts), as data. commit: the
 * decision's effects and the event's dedup row in one group transaction. announce: what committed is
 * published (after the commit, never before). respond: `success` or the passive reply, sealed with the keys
 * the push came with. A refusal answers a short fixed text; why goes only into the journal.
 */

const STALE_RETRIES = 3;

export type Outcome = Answer & { duplicate?: Said };

/** A push's summary: its kind, its scene (the head of it), and the route when it came through the third-party platform. */
function summaryOf(label: string, scene: string | undefined, viaPlatform: boolean, outcome: Said): Said {
  const values = { label, outcome, ...(scene ? { scene: scene.slice(0, 8) } : {}) };
  if (viaPlatform) return say(scene ? 'login.event.sceneViaPlatform' : 'login.event.plainViaPlatform', values);
  return say(scene ? 'login.event.scene' : 'login.event.plain', values);
}

export function createEventPipeline(ctx: CoreContext, repo: LoginRepo, decide: Decide, effects: Effects) {
  const { q } = repo;
  const dedup = createDedup(repo);

  /** Step "decide": what the event means. Only scans of a login QR code log in; the rest is acknowledged. */
  async function decideEvent(conn: ConnectionRow, msg: InboundMessage): Promise<Decision> {
    const scene = msg.kind === 'scan' || msg.kind === 'subscribe' ? msg.scene : undefined;
    if (scene !== undefined) return decide.scan(conn, scene, msg.fromUserName);
    if (msg.kind === 'subscribe') return decision(say('login.outcome.subscribeWithoutScene'), null, PHONE_TEXT.welcome);
    return decision(say('login.outcome.acknowledged', { event: msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind }), null, null);
  }

  /** Steps "decide" and "commit": worked out again when another event changed what it depended on. */
  async function decideAndCommit(conn: ConnectionRow, msg: InboundMessage, key: string): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const d = await decideEvent(conn, msg);
      const replyXml = d.replyText === null ? '' : textReplyXml({ toUserName: msg.fromUserName, fromUserName: msg.toUserName, createTime: unixSeconds(ctx.clock.now()), content: d.replyText });
      const row = {
        poolId: conn.poolId,
        connection: conn.identifier,
        dedupKey: key,
        at: ctx.clock.now(),
        kind: msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind,
        openId: msg.fromUserName,
        scene: msg.kind === 'scan' || msg.kind === 'subscribe' ? (msg.scene ?? null) : null,
        sessionId: d.sessionId,
        outcome: sayText(d.outcome),
        reply: replyXml,
      };
      try {
        await ctx.store.batch(() => {
          effects.apply(d.effects);
          q.eventInsert.run(row);
        });
        return { replyXml, outcome: d.outcome, sessionId: d.sessionId, notes: d.notes };
      } catch (err) {
        if (!(err instanceof StaleDecision) || attempt >= STALE_RETRIES) throw err;
      }
    }
  }

  return {
    /** Answers a refused push with its fixed text; the diagnosis (and what opened, with the Token hidden) goes to the journal. */
    refuse(req: FastifyRequest, reply: FastifyReply, keys: PushKeys | undefined, r: Refusal): FastifyReply {
      note(req, {
        summary: say('login.refused', { diagnosis: r.diagnosis }),
        verdict: { ok: false, reasons: [r.diagnosis] },
        ...(r.opened && keys ? { decrypted: { request: r.opened.xml }, ...verdictSteps(r.opened, keys.token, keys.appId) } : {}),
      });
      return reply.status(r.status).type('text/plain; charset=utf-8').send(REFUSAL[r.status]);
    },

    /** Step "dedup", around decide and commit. */
    async answerOnce(conn: ConnectionRow, msg: InboundMessage, key: string): Promise<Outcome> {
      const previous = dedup.previous(conn, key);
      if (previous) {
        const answer = { replyXml: previous.reply, outcome: previous.outcome, sessionId: previous.sessionId, notes: [] };
        return { ...answer, duplicate: say('login.duplicateProcessed', { outcome: outcomeFromText(previous.outcome) }) };
      }
      const running = dedup.running(conn, key);
      if (running) {
        const first = await running;
        return { ...first, duplicate: say('login.duplicateRunning', { outcome: asSaid(first.outcome) }) };
      }
      return dedup.first(conn, key, () => decideAndCommit(conn, msg, key));
    },

    /**
     * Step "respond": `success` or the passive reply (sealed with `keys` when the push was encrypted), and
     * the journal's note; `viaPlatform` names the route in the summary when the push came to the third-party
     * platform's message URL rather than the events endpoint.
     */
    respond(req: FastifyRequest, reply: FastifyReply, keys: PushKeys, v: Verified, msg: InboundMessage, a: Outcome, viaPlatform = false): FastifyReply {
      const nonce = (req.query as Record<string, string | undefined>).nonce;
      const body = !a.replyXml
        ? 'success'
        : v.encrypted
          ? sealReply({ token: keys.token, encodingAesKey: keys.encodingAesKey, appId: keys.appId, replyXml: a.replyXml, timestamp: unixSeconds(ctx.clock.now()), nonce: nonce ?? newNonce(ctx.random) })
          : a.replyXml;
      const label = msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind === 'scan' ? 'SCAN' : msg.kind;
      const scene = msg.kind === 'subscribe' || msg.kind === 'scan' ? msg.scene : undefined;
      // Events that touch a login session (and duplicates, replies, notes) are journaled in full; routine
      // acknowledgements get a compact entry — the platform's own entry holds that exchange byte for byte —
      // so that ingesting thousands of events per second stays cheap.
      const full = Boolean(a.sessionId || a.replyXml || a.notes.length || a.duplicate);
      note(req, {
        summary: summaryOf(label, scene, viaPlatform, a.duplicate ?? asSaid(a.outcome)),
        verdict: { ok: true, reasons: a.notes },
        decrypted: { request: v.opened.xml, ...(a.replyXml ? { reply: a.replyXml } : {}) },
        ...(full ? verdictSteps(v.opened, keys.token, keys.appId) : { compact: true }),
      });
      return reply
        .status(200)
        .type(a.replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8')
        .send(body);
    },
  };
}

export type EventPipeline = ReturnType<typeof createEventPipeline>;
