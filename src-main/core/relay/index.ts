import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JournalAttempt, MessageMode, Relay } from '../../contracts/api';
import type { CoreContext } from '../context';
import { createHttpApp } from '../http/app';
import { openPush, openReply, sealPush, sealReply, verifyUrl, type OpenedPush } from '../wechat/envelope';
import { WechatProtocolError } from '../wechat/errors';
import { newNonce } from '../wechat/ids';
import { readMessage, textReplyXml, type InboundMessage } from '../wechat/messages';

/**
 * Mode 2: a small relay server that is the account's server URL. It verifies and opens every push with
 * the account's Token/EncodingAESKey, handles what is not a login itself (echoes texts, welcomes plain
 * follows), and forwards scan and follow-with-scene events to the login server's events endpoint,
 * re-signed and re-encrypted with the connection's settings; the login server's reply goes back to
 * WeChat re-sealed with the account's. Each relay listens on its own loopback port (0 = any free one).
 */

export interface RelayAccount {
  appId: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
}

/** Where scan and follow events go, and how to seal them for it; read at every forward (edits apply at once). */
export interface ForwardTarget {
  url: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
}

export interface RelayConfig extends RelayAccount {
  forwardTo: (() => ForwardTarget) & { describe: { poolId?: string; identifier?: string } };
  /** Replay window for the pushes the relay accepts; 0 = none. */
  maxSkewSeconds?: number;
}

interface RunningRelay {
  id: string;
  config: RelayConfig;
  app: FastifyInstance;
  url: string;
  createdAt: number;
  stats: Relay['stats'];
}

const FORWARD_TIMEOUT_MS = 4_000;
export const RELAY_PATH = '/wechat/events';

export function createRelays(ctx: CoreContext) {
  const relays = new Map<string, RunningRelay>();
  const unix = (): number => Math.floor(ctx.clock.now() / 1000);

  function dto(r: RunningRelay): Relay {
    let target: ForwardTarget | undefined;
    try {
      target = r.config.forwardTo();
    } catch {
      target = undefined;
    }
    return {
      id: r.id,
      appId: r.config.appId,
      url: r.url,
      mode: r.config.mode,
      forwardTo: { url: target?.url ?? '', mode: target?.mode ?? r.config.mode, ...r.config.forwardTo.describe },
      createdAt: r.createdAt,
      stats: { ...r.stats },
    };
  }

  function record(r: RunningRelay, req: FastifyRequest, attempts: JournalAttempt[], ok: boolean, reasons: string[], summary: string, decrypted?: { request?: string; reply?: string }): void {
    ctx.journal.record({
      kind: 'event',
      source: 'relay',
      appId: r.config.appId,
      url: `${r.url}${req.url.slice(RELAY_PATH.length)}`,
      summary,
      attempts,
      verdict: { ok, reasons },
      ...(decrypted ? { decrypted } : {}),
    });
  }

  /** The relay's own handling of what is not a login event. */
  function ownReply(msg: InboundMessage): string {
    const head = { toUserName: msg.fromUserName, fromUserName: msg.toUserName, createTime: unix() };
    if (msg.kind === 'text') return textReplyXml({ ...head, content: `You said: ${msg.content}` });
    if (msg.kind === 'subscribe') return textReplyXml({ ...head, content: 'Thanks for following! (answered by the relay)' });
    return '';
  }

  async function forward(r: RunningRelay, opened: OpenedPush, msg: InboundMessage, attempts: JournalAttempt[]): Promise<{ replyXml: string; ok: boolean; reasons: string[]; status: number }> {
    const target = r.config.forwardTo();
    const sealed = sealPush({
      mode: target.mode,
      token: target.token,
      ...(target.encodingAesKey ? { encodingAesKey: target.encodingAesKey } : {}),
      appId: r.config.appId,
      messageXml: opened.xml,
      toUserName: msg.toUserName,
      openId: msg.fromUserName,
      timestamp: unix(),
      nonce: newNonce(ctx.random),
      random: ctx.random,
    });
    const url = `${target.url}?${new URLSearchParams(sealed.query)}`;
    const started = Date.now();
    const request = { method: 'POST', url, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: sealed.body };
    let res: Response;
    let text: string;
    try {
      res = await ctx.fetch(url, { method: 'POST', headers: request.headers, body: sealed.body, signal: ctx.clock.timeout(FORWARD_TIMEOUT_MS) });
      text = await res.text();
    } catch (err) {
      const reason = `forward to the login server failed: ${(err as Error).message}`;
      attempts.push({ request, error: reason, ms: Date.now() - started });
      return { replyXml: '', ok: false, reasons: [reason], status: 502 };
    }
    attempts.push({ request, response: { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: text }, ms: Date.now() - started });
    if (res.status !== 200) {
      const reason = `the login server refused the forwarded event: HTTP ${res.status} ${text.slice(0, 200)}`;
      return { replyXml: '', ok: false, reasons: [reason], status: res.status >= 500 ? 502 : 200 };
    }
    try {
      const reply = openReply({
        body: text,
        token: target.token,
        ...(target.encodingAesKey ? { encodingAesKey: target.encodingAesKey } : {}),
        appId: r.config.appId,
        encrypted: target.mode !== 'plaintext',
      });
      return { replyXml: reply.kind === 'ack' ? '' : reply.xml, ok: true, reasons: [], status: 200 };
    } catch (err) {
      const reason = `the login server's reply cannot be verified: ${(err as Error).message}`;
      return { replyXml: '', ok: false, reasons: [reason], status: 200 };
    }
  }

  async function handle(r: RunningRelay, req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const started = Date.now();
    const query = req.query as Record<string, string | undefined>;
    const body = typeof req.body === 'string' ? req.body : '';
    const inbound: JournalAttempt = { request: { method: req.method, url: req.url, headers: {}, body }, ms: 0 };
    const answer = (status: number, text: string, type = 'text/plain; charset=utf-8'): FastifyReply => {
      inbound.response = { status, headers: { 'content-type': type }, body: text };
      inbound.ms = Date.now() - started;
      return reply.status(status).type(type).send(text);
    };
    if (req.method === 'GET') {
      const v = verifyUrl({ query, token: r.config.token });
      if (!v.ok) {
        answer(401, `URL verification failed: ${v.reason}`);
        record(r, req, [inbound], false, [v.reason], 'relay: URL verification refused');
        return reply;
      }
      answer(200, v.echostr);
      record(r, req, [inbound], true, [], 'relay: URL verification passed');
      return reply;
    }
    r.stats.received++;
    let opened: OpenedPush;
    let msg: InboundMessage;
    try {
      opened = openPush({
        query,
        body,
        token: r.config.token,
        ...(r.config.encodingAesKey ? { encodingAesKey: r.config.encodingAesKey } : {}),
        appId: r.config.appId,
        now: unix(),
        ...(r.config.maxSkewSeconds ? { maxSkewSeconds: r.config.maxSkewSeconds } : {}),
      });
      msg = readMessage(opened.record);
    } catch (err) {
      if (!(err instanceof WechatProtocolError)) throw err;
      r.stats.refused++;
      answer(err.code === 'signature-mismatch' ? 401 : 400, err.message);
      record(r, req, [inbound], false, [err.message], `relay: push refused: ${err.message}`);
      return reply;
    }
    const encrypted = opened.mode === 'encrypted';
    const isLogin = (msg.kind === 'subscribe' && msg.scene !== undefined) || msg.kind === 'scan';
    const attempts: JournalAttempt[] = [inbound];
    let replyXml: string;
    let ok = true;
    let reasons: string[] = [];
    let status = 200;
    if (isLogin) {
      const f = await forward(r, opened, msg, attempts);
      replyXml = f.replyXml;
      ok = f.ok;
      reasons = f.reasons;
      status = f.status;
      if (f.ok) r.stats.forwarded++;
    } else {
      replyXml = ownReply(msg);
      r.stats.handled++;
    }
    if (status !== 200) {
      answer(status, reasons.join('; '));
      record(r, req, attempts, false, reasons, `relay: ${msg.kind} → forward failed`, { request: opened.xml });
      return reply;
    }
    const out = !replyXml
      ? 'success'
      : encrypted
        ? sealReply({ token: r.config.token, encodingAesKey: r.config.encodingAesKey, appId: r.config.appId, replyXml, timestamp: unix(), nonce: query.nonce ?? newNonce(ctx.random) })
        : replyXml;
    answer(200, out, replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8');
    record(r, req, attempts, ok, reasons, `relay: ${msg.kind === 'scan' ? 'SCAN' : msg.kind} → ${isLogin ? 'forwarded to the login server' : 'answered by the relay'}`, {
      request: opened.xml,
      ...(replyXml ? { reply: replyXml } : {}),
    });
    return reply;
  }

  return {
    async create(config: RelayConfig, port = 0): Promise<Relay> {
      const id = ctx.random(8).toString('hex');
      const app = createHttpApp({ name: 'relay', log: ctx.log });
      const running: RunningRelay = { id, config, app, url: '', createdAt: ctx.clock.now(), stats: { received: 0, forwarded: 0, handled: 0, refused: 0 } };
      for (const method of ['GET', 'POST'] as const) {
        app.route({ method, url: RELAY_PATH, handler: (req, reply) => handle(running, req, reply) });
      }
      await app.listen({ host: ctx.config.host, port });
      const { port: bound } = app.server.address() as AddressInfo;
      const host = ctx.config.host.includes(':') ? `[${ctx.config.host}]` : ctx.config.host;
      running.url = `http://${host}:${bound}${RELAY_PATH}`;
      relays.set(id, running);
      return dto(running);
    },
    list(): Relay[] {
      return [...relays.values()].map(dto);
    },
    get(id: string): Relay | undefined {
      const r = relays.get(id);
      return r ? dto(r) : undefined;
    },
    async remove(id: string): Promise<boolean> {
      const r = relays.get(id);
      if (!r) return false;
      relays.delete(id);
      await r.app.close();
      return true;
    },
    async stopAll(): Promise<void> {
      const all = [...relays.values()];
      relays.clear();
      await Promise.allSettled(all.map((r) => r.app.close()));
    },
  };
}

export type Relays = ReturnType<typeof createRelays>;
