import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreContext } from '../../context';
import { note } from '../../journal/recorder';
import type { KnownSecret } from '../../journal/redact';
import { REFUSAL, urlVerificationDiagnosis, verdictSteps } from '../../receiver/refusal';
import { sealReply, verifyUrl } from '../../wechat/envelope';
import { newNonce } from '../../wechat/ids';
import { textReplyXml, type InboundMessage } from '../../wechat/messages';
import type { Decide, Decision } from '../decide';
import { decision } from '../decide';
import { StaleDecision, type Effects } from '../effects';
import type { ConnectionRow, LoginRepo } from '../repo';
import { unixSeconds } from '../util';
import { createDedup, dedupKey, type Answer } from './dedup';
import { read, refusal, verify, type Refusal, type Verified } from './verify';

/**
 * `/connections/social/{identifier}/{userPoolId}/events`: WeChat's URL verification (GET) and pushes (POST)
 * in all three modes, as a pipeline of small steps:
 *
 *   verify → read → dedup → decide → commit → announce → respond
 *
 * verify: signature / msg_signature, the timestamp window, decryption and its appid. read: the mode
 * matches the connection's, the XML is a message. dedup: a retry gets the first delivery's answer and
 * changes nothing. decide: what the event means (a scan's two phases, see decide.ts), as data. commit:
 * the decision's effects and the event's dedup row in one group transaction. announce: what committed is
 * published (after the commit, never before). respond: `success` or the passive reply, encrypted when
 * the push was. A refusal answers a short fixed text; why goes only into the journal.
 */

export interface EventsSettings {
  maxSkewSeconds(): number;
}

const STALE_RETRIES = 3;

export function createEventsEndpoint(ctx: CoreContext, repo: LoginRepo, decide: Decide, effects: Effects, settings: EventsSettings) {
  const { q } = repo;
  const dedup = createDedup(repo);
  // Connections are read on every push; any change to connections or pools empties the cache.
  const connections = new Map<string, ConnectionRow>();
  ctx.bus.subscribe((e) => {
    if (e.type === 'changed' && (e.topic === 'connections' || e.topic === 'pools')) connections.clear();
  });
  const connectionOf = (poolId: string, identifier: string): ConnectionRow | undefined => {
    const key = `${poolId}/${identifier}`;
    let row = connections.get(key);
    if (!row) {
      row = q.connGet.get(poolId, identifier);
      if (row) connections.set(key, row); // misses are not cached: unknown URLs cannot grow the map
    }
    return row;
  };
  const secretsOf = (conn: ConnectionRow): KnownSecret[] => [
    { value: conn.token, label: 'Token' },
    { value: conn.encodingAesKey, label: 'EncodingAESKey' },
    { value: conn.appSecret, label: 'AppSecret' },
  ];

  function refuse(req: FastifyRequest, reply: FastifyReply, conn: ConnectionRow | undefined, r: Refusal): FastifyReply {
    note(req, {
      summary: `refused: ${r.diagnosis}`,
      verdict: { ok: false, reasons: [r.diagnosis] },
      ...(r.opened && conn ? { decrypted: { request: r.opened.xml }, ...verdictSteps(r.opened, conn.token, conn.appId) } : {}),
    });
    return reply.status(r.status).type('text/plain; charset=utf-8').send(REFUSAL[r.status]);
  }

  function urlVerification(conn: ConnectionRow, req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const v = verifyUrl({ query: req.query as Record<string, string | undefined>, token: conn.token });
    if (!v.ok) return refuse(req, reply, conn, refusal(401, urlVerificationDiagnosis(v)));
    note(req, { summary: 'URL verification passed: echostr returned', verdict: { ok: true, reasons: [] } });
    return reply.status(200).type('text/plain; charset=utf-8').send(v.echostr);
  }

  /** Step "decide": what the event means. Only scans of a login QR code log in; the rest is acknowledged. */
  async function decideEvent(conn: ConnectionRow, msg: InboundMessage): Promise<Decision> {
    const scene = msg.kind === 'scan' || msg.kind === 'subscribe' ? msg.scene : undefined;
    if (scene !== undefined) return decide.scan(conn, scene, msg.fromUserName);
    return decision(msg.kind === 'other' ? `${msg.event ?? msg.msgType}: acknowledged` : `${msg.kind}: acknowledged`, null, null);
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
        outcome: d.outcome,
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

  /** Step "dedup", around decide and commit. */
  async function answerOnce(conn: ConnectionRow, msg: InboundMessage, key: string): Promise<Answer & { duplicate?: string }> {
    const previous = dedup.previous(conn, key);
    if (previous) {
      const answer = { replyXml: previous.reply, outcome: previous.outcome, sessionId: previous.sessionId, notes: [] };
      return { ...answer, duplicate: `duplicate of an event already processed (${previous.outcome}); same answer, nothing changed` };
    }
    const running = dedup.running(conn, key);
    if (running) {
      const first = await running;
      return { ...first, duplicate: `duplicate delivered while the first was processed (${first.outcome}); same answer` };
    }
    return dedup.first(conn, key, () => decideAndCommit(conn, msg, key));
  }

  /** Step "respond": `success` or the passive reply (sealed when the push was encrypted), and the journal's note. */
  function respond(req: FastifyRequest, reply: FastifyReply, conn: ConnectionRow, v: Verified, msg: InboundMessage, a: Answer & { duplicate?: string }): FastifyReply {
    const nonce = (req.query as Record<string, string | undefined>).nonce;
    const body = !a.replyXml
      ? 'success'
      : v.encrypted
        ? sealReply({ token: conn.token, encodingAesKey: conn.encodingAesKey, appId: conn.appId, replyXml: a.replyXml, timestamp: unixSeconds(ctx.clock.now()), nonce: nonce ?? newNonce(ctx.random) })
        : a.replyXml;
    const label = msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind === 'scan' ? 'SCAN' : msg.kind;
    const scene = msg.kind === 'subscribe' || msg.kind === 'scan' ? msg.scene : undefined;
    // Events that touch a login session (and duplicates, replies, notes) are journaled in full; routine
    // acknowledgements get a compact entry — the platform's own entry holds that exchange byte for byte —
    // so that ingesting thousands of events per second stays cheap.
    const full = Boolean(a.sessionId || a.replyXml || a.notes.length || a.duplicate);
    note(req, {
      summary: `${label}${scene ? ` (scene ${scene.slice(0, 8)}…)` : ''} → ${a.duplicate ?? a.outcome}`,
      verdict: { ok: true, reasons: a.notes },
      decrypted: { request: v.opened.xml, ...(a.replyXml ? { reply: a.replyXml } : {}) },
      ...(full ? verdictSteps(v.opened, conn.token, conn.appId) : { compact: true }),
    });
    return reply
      .status(200)
      .type(a.replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8')
      .send(body);
  }

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const { identifier, userPoolId } = req.params as { identifier: string; userPoolId: string };
    const conn = connectionOf(userPoolId, identifier);
    note(req, { kind: req.method === 'GET' ? 'verify' : 'event', ...(conn ? { appId: conn.appId, secrets: secretsOf(conn) } : {}) });
    if (!conn) return refuse(req, reply, conn, refusal(404, `no connection "${identifier}" in user pool "${userPoolId}"; check the server URL on the WeChat console`));
    if (req.method === 'GET') return urlVerification(conn, req, reply);
    const verified = verify(conn, req, unixSeconds(ctx.clock.now()), settings.maxSkewSeconds());
    if (verified.refused) return refuse(req, reply, conn, verified);
    const msg = read(conn, verified);
    if ('refused' in msg) return refuse(req, reply, conn, msg);
    const answer = await answerOnce(conn, msg, dedupKey(msg));
    return respond(req, reply, conn, verified, msg, answer);
  }

  return { handle };
}

export type EventsEndpoint = ReturnType<typeof createEventsEndpoint>;
