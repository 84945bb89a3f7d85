import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JournalAttempt, SignatureStep } from '../../contracts/api';
import type { CoreContext } from '../context';
import { openPush, sealReply, verifyUrl, type OpenedPush, type SignatureCheck } from '../wechat/envelope';
import { WechatProtocolError } from '../wechat/errors';
import { newNonce } from '../wechat/ids';
import { readMessage, textReplyXml, type InboundMessage } from '../wechat/messages';
import type { ConnectionRow, LoginRepo } from './repo';
import type { ScanFlow, ScanResult } from './scan-flow';
import { mask, unixSeconds } from './util';

/**
 * `/connections/social/{identifier}/{userPoolId}/events`: WeChat's URL verification (GET) and pushes
 * (POST) in all three modes. Checks signature / msg_signature, the appid inside the ciphertext and a
 * timestamp window; deduplicates WeChat's retries on MsgId, else FromUserName+CreateTime+Event+EventKey
 * (persisted, so a retry after a restart is recognised); answers with `success` or a passive reply,
 * encrypted when the push was. Whatever fails a check is refused with its reason in the journal and
 * changes nothing.
 */

export interface EventsSettings {
  maxSkewSeconds(): number;
}

interface Outcome {
  /** Plaintext reply XML, or '' for `success`. */
  replyXml: string;
  summary: string;
  duplicate: boolean;
  notes: string[];
  /** The login session the event touched, if any (those events are journaled in full). */
  sessionId?: string | null;
}

function headersOf(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || /authorization|cookie/i.test(k)) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/**
 * The inspector shows how a signature was computed, with the Token masked and the long Encrypt input
 * shortened (it is in the request body in full): a journal row stays small enough to write fast.
 */
function signatureStep(check: SignatureCheck, token: string): SignatureStep {
  const hideToken = (s: string): string => (token ? s.split(token).join(`«Token ${mask(token)}»`) : s);
  const long = check.sorted.filter((p) => p.length > 64);
  const shorten = (s: string): string => long.reduce((acc, p) => acc.split(p).join(`${p.slice(0, 16)}…(${p.length} chars)`), s);
  return {
    label: check.name,
    sorted: check.sorted.map((p) => shorten(hideToken(p))),
    joined: shorten(hideToken(check.joined)),
    sha1: check.sha1,
    expected: check.expected,
    ok: true,
  };
}

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

/**
 * Group commit: the writes of every event handled in the same turn of the event loop go into one SQLite
 * transaction, and each answer is sent only once its writes are committed (nothing acknowledged can be
 * lost). If the batch fails, each event is retried in its own transaction so one bad event sinks no other.
 */
function createCommitQueue(repo: LoginRepo) {
  let queue: Array<{ run: () => void; resolve: () => void; reject: (e: unknown) => void }> = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = queue;
    queue = [];
    try {
      repo.tx(() => {
        for (const item of batch) item.run();
      });
      for (const item of batch) item.resolve();
    } catch {
      for (const item of batch) {
        try {
          repo.tx(item.run);
          item.resolve();
        } catch (err) {
          item.reject(err);
        }
      }
    }
  };
  return (run: () => void): Promise<void> =>
    new Promise((resolve, reject) => {
      queue.push({ run, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

export function createEventsEndpoint(ctx: CoreContext, repo: LoginRepo, flow: ScanFlow, settings: EventsSettings) {
  const { q } = repo;
  const commit = createCommitQueue(repo);
  /** Answers being computed, by event: a retry arriving meanwhile waits for the first one's answer. */
  const inflight = new Map<string, Promise<Outcome>>();
  // Connections are read on every push; the directory announces every change, which empties the cache.
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

  type JournalInput = Parameters<CoreContext['journal']['record']>[0];

  function journalEntry(
    req: FastifyRequest,
    conn: ConnectionRow | undefined,
    status: number,
    responseBody: string,
    started: number,
    verdict: { ok: boolean; reasons: string[] },
    summary: string,
    extra: { opened?: OpenedPush; replyXml?: string; kind?: 'event' | 'verify' } = {},
  ): JournalInput {
    const attempt: JournalAttempt = {
      request: { method: req.method, url: req.url, headers: headersOf(req), body: typeof req.body === 'string' ? req.body : '' },
      response: { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: responseBody },
      ms: Date.now() - started,
    };
    const signatures: SignatureStep[] = [];
    const steps = extra.opened?.steps;
    if (steps && conn) {
      signatures.push(signatureStep(steps.signature, conn.token));
      if (steps.msgSignature) signatures.push(signatureStep(steps.msgSignature, conn.token));
    }
    const d = steps?.decryption;
    return {
      kind: extra.kind ?? 'event',
      source: 'auth',
      ...(conn ? { appId: conn.appId } : {}),
      url: `${ctx.urls.auth}${req.url}`,
      summary,
      attempts: [attempt],
      verdict,
      ...(extra.opened ? { decrypted: { request: extra.opened.xml, ...(extra.replyXml ? { reply: extra.replyXml } : {}) } } : {}),
      ...(signatures.length ? { signatures } : {}),
      ...(d && conn
        ? {
            decryptions: [
              {
                label: 'push',
                aesKeyHex: mask(d.aesKeyHex),
                ivHex: mask(d.ivHex),
                randomHex: d.random.toString('hex'),
                length: d.length,
                message: d.message,
                appId: d.appId,
                expectedAppId: conn.appId,
                ok: true,
              },
            ],
          }
        : {}),
    };
  }

  /** Decides what an event does and what to answer; its writes come back in `write`, not yet committed. */
  async function decide(conn: ConnectionRow, msg: InboundMessage, key: string): Promise<Outcome & { write?: () => void; announce?: () => void }> {
    const previous = q.eventGet.get(conn.poolId, conn.identifier, key);
    if (previous) {
      return {
        replyXml: previous.reply,
        summary: `duplicate of an event already processed (${previous.outcome}); same answer, nothing changed`,
        duplicate: true,
        notes: [],
        sessionId: previous.sessionId,
      };
    }
    let scan: ScanResult | null = null;
    const scene = msg.kind === 'scan' ? msg.scene : msg.kind === 'subscribe' ? msg.scene : undefined;
    if (scene !== undefined) scan = await flow.onScan({ conn, scene, openId: msg.fromUserName });
    const replyXml =
      scan?.replyText != null
        ? textReplyXml({
            toUserName: msg.fromUserName,
            fromUserName: msg.toUserName,
            createTime: unixSeconds(ctx.clock.now()),
            content: scan.replyText,
          })
        : '';
    const outcome = scan?.outcome ?? (msg.kind === 'other' ? `${msg.event ?? msg.msgType}: acknowledged` : `${msg.kind}: acknowledged`);
    const row = {
      poolId: conn.poolId,
      connection: conn.identifier,
      dedupKey: key,
      at: ctx.clock.now(),
      kind: msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind,
      openId: msg.fromUserName,
      scene: scene ?? null,
      sessionId: scan?.sessionId ?? null,
      outcome,
      reply: replyXml,
    };
    return {
      replyXml,
      summary: outcome,
      duplicate: false,
      notes: scan?.notes ?? [],
      sessionId: scan?.sessionId ?? null,
      write: () => {
        scan?.apply();
        q.eventInsert.run(row);
      },
      ...(scan ? { announce: scan.announce } : {}),
    };
  }

  async function handle(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const started = Date.now();
    const { identifier, userPoolId } = req.params as { identifier: string; userPoolId: string };
    const query = req.query as Record<string, string | undefined>;
    const conn = connectionOf(userPoolId, identifier);
    const refuse = async (status: number, reason: string, opened?: OpenedPush): Promise<FastifyReply> => {
      const entry = journalEntry(req, conn, status, reason, started, { ok: false, reasons: [reason] }, `refused: ${reason}`, {
        ...(opened ? { opened } : {}),
        kind: req.method === 'GET' ? 'verify' : 'event',
      });
      await commit(() => ctx.journal.record(entry));
      return reply.status(status).type('text/plain; charset=utf-8').send(reason);
    };
    if (!conn) return refuse(404, `no connection "${identifier}" in user pool "${userPoolId}"; check the server URL on the WeChat console`);

    if (req.method === 'GET') {
      const v = verifyUrl({ query, token: conn.token });
      if (!v.ok) return refuse(401, `URL verification failed: ${v.reason}`);
      const entry = journalEntry(req, conn, 200, v.echostr, started, { ok: true, reasons: [] }, 'URL verification passed: echostr returned', { kind: 'verify' });
      await commit(() => ctx.journal.record(entry));
      return reply.status(200).type('text/plain; charset=utf-8').send(v.echostr);
    }

    if (typeof req.body !== 'string') return refuse(400, 'the push body must be XML text');
    let opened: OpenedPush;
    let msg: InboundMessage;
    const maxSkew = settings.maxSkewSeconds();
    try {
      opened = openPush({
        query,
        body: req.body,
        token: conn.token,
        ...(conn.encodingAesKey ? { encodingAesKey: conn.encodingAesKey } : {}),
        appId: conn.appId,
        now: unixSeconds(ctx.clock.now()),
        ...(maxSkew > 0 ? { maxSkewSeconds: maxSkew } : {}),
      });
    } catch (err) {
      if (err instanceof WechatProtocolError) return refuse(err.code === 'signature-mismatch' ? 401 : 400, err.message);
      throw err;
    }
    const encrypted = opened.mode === 'encrypted';
    if (conn.mode === 'plaintext' && encrypted) {
      return refuse(400, `the push is encrypted (encrypt_type=aes) but connection "${identifier}" is set to plaintext mode; choose the same message encryption method on both sides`, opened);
    }
    if (conn.mode !== 'plaintext' && !encrypted) {
      return refuse(400, `the push is plaintext but connection "${identifier}" is set to ${conn.mode} mode; choose the same message encryption method on both sides`, opened);
    }
    try {
      msg = readMessage(opened.record);
    } catch (err) {
      if (err instanceof WechatProtocolError) return refuse(400, `the message cannot be read: ${err.message}`, opened);
      throw err;
    }

    const seal = (replyXml: string): string =>
      !replyXml
        ? 'success'
        : encrypted
          ? sealReply({
              token: conn.token,
              encodingAesKey: conn.encodingAesKey,
              appId: conn.appId,
              replyXml,
              timestamp: unixSeconds(ctx.clock.now()),
              nonce: query.nonce ?? newNonce(ctx.random),
            })
          : replyXml;
    const label = msg.kind === 'other' ? (msg.event ?? msg.msgType) : msg.kind === 'scan' ? 'SCAN' : msg.kind;
    const scene = msg.kind === 'subscribe' || msg.kind === 'scan' ? msg.scene : undefined;
    const title = `${label}${scene ? ` (scene ${scene.slice(0, 8)}…)` : ''}`;
    // Events that touch a login session (and every refusal) are journaled in full: raw request and
    // response, signature steps, decryption. Routine acknowledgements (texts, unfollows, unknown scenes)
    // get a compact entry — the mock platform's own entry already holds that exchange byte for byte —
    // so that ingesting thousands of events per second stays cheap.
    const entryFor = (outcome: Outcome, body: string): JournalInput => {
      const summary = `${title} → ${outcome.summary}`;
      const verdict = { ok: true, reasons: outcome.notes };
      if (outcome.sessionId || outcome.replyXml || outcome.notes.length || outcome.duplicate) {
        return journalEntry(req, conn, 200, body, started, verdict, summary, { opened, ...(outcome.replyXml ? { replyXml: outcome.replyXml } : {}) });
      }
      return {
        kind: 'event',
        source: 'auth',
        appId: conn.appId,
        url: `${ctx.urls.auth}${req.url}`,
        summary,
        attempts: [{ request: { method: 'POST', url: req.url, headers: {}, body: '' }, response: { status: 200, headers: {}, body }, ms: Date.now() - started }],
        verdict,
        decrypted: { request: opened.xml },
      };
    };

    const key = dedupKey(msg);
    const flightKey = `${conn.poolId}/${conn.identifier}/${key}`;
    let outcome: Outcome;
    let body: string;
    const running = inflight.get(flightKey);
    if (running) {
      // A retry that arrives while the first delivery is still being processed gets the same answer.
      const first = await running;
      outcome = { ...first, duplicate: true, summary: `duplicate delivered while the first was processed (${first.summary}); same answer` };
      body = seal(outcome.replyXml);
      const entry = entryFor(outcome, body);
      await commit(() => ctx.journal.record(entry));
    } else {
      let done!: (o: Outcome) => void;
      let failed!: (e: unknown) => void;
      const p = new Promise<Outcome>((resolve, reject) => {
        done = resolve;
        failed = reject;
      });
      p.catch(() => undefined); // a waiting retry sees the failure; nobody else must
      inflight.set(flightKey, p);
      try {
        const decided = await decide(conn, msg, key);
        outcome = decided;
        body = seal(outcome.replyXml);
        const entry = entryFor(outcome, body);
        await commit(() => {
          decided.write?.();
          ctx.journal.record(entry);
        });
        decided.announce?.();
        done(outcome);
      } catch (err) {
        failed(err);
        throw err;
      } finally {
        inflight.delete(flightKey);
      }
    }
    return reply
      .status(200)
      .type(outcome.replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8')
      .send(body);
  }

  return { handle };
}

export type EventsEndpoint = ReturnType<typeof createEventsEndpoint>;
