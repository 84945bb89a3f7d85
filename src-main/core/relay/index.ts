import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JournalAttempt, MessageMode, Relay } from '../../contracts/api';
import { say, sayText, type Said } from '../../contracts/said';
import type { CoreContext } from '../context';
import { createHttpApp } from '../http/app';
import { bindServer } from '../http/listen';
import { installRecorder, note } from '../journal/recorder';
import type { KnownSecret } from '../journal/redact';
import { openPush, openReply, sealPush, sealReply, verifyUrl, type OpenedPush } from '../wechat/envelope';
import { errorSaid, WechatProtocolError } from '../wechat/errors';
import { newNonce } from '../wechat/ids';
import { readMessage, textReplyXml, type InboundMessage } from '../wechat/messages';
import { REFUSAL, refusalOf, urlVerificationDiagnosis, verdictSteps } from '../receiver/refusal';

/**
 * Mode 2: a small relay server that is the account's server URL. It verifies and opens every push with
 * the account's Token/EncodingAESKey, handles what is not a login itself (echoes texts, welcomes plain
 * follows), and forwards scan and follow-with-scene events to the login server's events endpoint,
 * re-signed and re-encrypted with the connection's settings; the login server's reply goes back to
 * WeChat re-sealed with the account's. Each relay listens on its own loopback port, is stored, and is
 * started again (on a port of the new run) after a restart.
 */

export interface RelayAccount {
  appId: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
}

/** Where scan and follow events go, and how to seal them for it. */
export interface ForwardTarget {
  url: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
}

/** Where a relay forwards, as stored: a connection of the login server, or any URL with its settings. */
export type ForwardSpec = { poolId: string; identifier: string } | ForwardTarget;

export interface RelayDeps {
  /** Resolves a stored forward spec at every forward, so edits of the connection apply at once. */
  resolve(spec: ForwardSpec): ForwardTarget;
  /** The replay window for the pushes a relay accepts (the login server's setting); 0 = none. */
  maxSkewSeconds(): number;
}

interface RunningRelay {
  id: string;
  account: RelayAccount;
  forwardTo: ForwardSpec;
  app: FastifyInstance;
  url: string;
  createdAt: number;
  stats: Relay['stats'];
}

interface RelayRow {
  id: string;
  appId: string;
  token: string;
  encodingAesKey: string;
  mode: MessageMode;
  forwardTo: string;
  url: string;
  createdAt: number;
}

const FORWARD_TIMEOUT_MS = 4_000;
export const RELAY_PATH = '/wechat/events';

export function createRelays(ctx: CoreContext, deps: RelayDeps) {
  const relays = new Map<string, RunningRelay>();
  const unix = (): number => Math.floor(ctx.clock.now() / 1000);
  const q = {
    insert: ctx.store.write(
      `INSERT INTO relays (id, app_id, token, encoding_aes_key, mode, forward_to, url, created_at)
       VALUES (@id, @appId, @token, @encodingAesKey, @mode, @forwardTo, @url, @createdAt)`,
      'relays',
    ),
    setUrl: ctx.store.write('UPDATE relays SET url = ? WHERE id = ?', 'relays'),
    setForward: ctx.store.write('UPDATE relays SET forward_to = ? WHERE id = ?', 'relays'),
    remove: ctx.store.write('DELETE FROM relays WHERE id = ?', 'relays'),
    clear: ctx.store.write('DELETE FROM relays', 'relays'),
    all: ctx.store.read<RelayRow>(
      `SELECT id, app_id AS appId, token, encoding_aes_key AS encodingAesKey, mode, forward_to AS forwardTo, url, created_at AS createdAt
       FROM relays ORDER BY created_at, id`,
    ),
  };

  function dto(r: RunningRelay): Relay {
    let target: ForwardTarget | undefined;
    try {
      target = deps.resolve(r.forwardTo);
    } catch {
      target = undefined;
    }
    const where = 'poolId' in r.forwardTo ? { poolId: r.forwardTo.poolId, identifier: r.forwardTo.identifier } : {};
    return {
      id: r.id,
      appId: r.account.appId,
      url: r.url,
      mode: r.account.mode,
      forwardTo: { url: target?.url ?? '', mode: target?.mode ?? r.account.mode, ...where },
      createdAt: r.createdAt,
      stats: { ...r.stats },
    };
  }

  const secretsOf = (r: RunningRelay, target?: ForwardTarget): KnownSecret[] => [
    { value: r.account.token, label: 'Token' },
    { value: r.account.encodingAesKey, label: 'EncodingAESKey' },
    ...(target ? [{ value: target.token, label: 'Token' }, { value: target.encodingAesKey, label: 'EncodingAESKey' }] : []),
  ];

  /** The relay's own handling of what is not a login event. */
  function ownReply(msg: InboundMessage): string {
    const head = { toUserName: msg.fromUserName, fromUserName: msg.toUserName, createTime: unix() };
    if (msg.kind === 'text') return textReplyXml({ ...head, content: `You said: ${msg.content}` });
    if (msg.kind === 'subscribe') return textReplyXml({ ...head, content: 'Thanks for following! (answered by the relay)' });
    return '';
  }

  async function forward(r: RunningRelay, target: ForwardTarget, opened: OpenedPush, msg: InboundMessage): Promise<{ replyXml: string; reasons: Said[]; failed: boolean; attempt: JournalAttempt }> {
    const sealed = sealPush({
      mode: target.mode,
      token: target.token,
      ...(target.encodingAesKey ? { encodingAesKey: target.encodingAesKey } : {}),
      appId: r.account.appId,
      messageXml: opened.xml,
      toUserName: msg.toUserName,
      openId: msg.fromUserName,
      timestamp: unix(),
      nonce: newNonce(ctx.random),
      random: ctx.random,
    });
    const url = `${target.url}?${new URLSearchParams(sealed.query)}`;
    const started = performance.now();
    const ms = (): number => Math.round((performance.now() - started) * 10) / 10;
    const request = { method: 'POST', url, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: sealed.body };
    let res: Response;
    let text: string;
    try {
      res = await ctx.fetch(url, { method: 'POST', headers: request.headers, body: sealed.body, signal: ctx.clock.timeout(FORWARD_TIMEOUT_MS) });
      text = await res.text();
    } catch (err) {
      const reason = say('relay.unreachable', { error: errorSaid(err) });
      return { replyXml: '', reasons: [reason], failed: true, attempt: { request, error: sayText(reason), ms: ms() } };
    }
    const attempt: JournalAttempt = { request, response: { status: res.status, headers: { 'content-type': res.headers.get('content-type') ?? '' }, body: text }, ms: ms() };
    if (res.status !== 200) return { replyXml: '', reasons: [say('relay.loginRefused', { status: res.status, body: text.slice(0, 200) })], failed: res.status >= 500, attempt };
    try {
      const reply = openReply({
        body: text,
        token: target.token,
        ...(target.encodingAesKey ? { encodingAesKey: target.encodingAesKey } : {}),
        appId: r.account.appId,
        encrypted: target.mode !== 'plaintext',
      });
      return { replyXml: reply.kind === 'ack' ? '' : reply.xml, reasons: [], failed: false, attempt };
    } catch (err) {
      return { replyXml: '', reasons: [say('relay.replyUnverified', { error: errorSaid(err) })], failed: false, attempt };
    }
  }

  function verify(r: RunningRelay, req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const v = verifyUrl({ query: req.query as Record<string, string | undefined>, token: r.account.token });
    note(req, { kind: 'verify', appId: r.account.appId, secrets: secretsOf(r) });
    if (!v.ok) {
      note(req, { summary: say('relay.urlRefused'), verdict: { ok: false, reasons: [urlVerificationDiagnosis(v)] } });
      return reply.status(401).type('text/plain; charset=utf-8').send(REFUSAL[401]);
    }
    note(req, { summary: say('relay.urlVerified'), verdict: { ok: true, reasons: [] } });
    return reply.status(200).type('text/plain; charset=utf-8').send(v.echostr);
  }

  async function handle(r: RunningRelay, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (req.method === 'GET') return verify(r, req, reply);
    const query = req.query as Record<string, string | undefined>;
    const body = typeof req.body === 'string' ? req.body : '';
    r.stats.received++;
    note(req, { kind: 'event', appId: r.account.appId, secrets: secretsOf(r) });
    let opened: OpenedPush;
    let msg: InboundMessage;
    try {
      opened = openPush({
        query,
        body,
        token: r.account.token,
        ...(r.account.encodingAesKey ? { encodingAesKey: r.account.encodingAesKey } : {}),
        appId: r.account.appId,
        now: unix(),
        ...(deps.maxSkewSeconds() > 0 ? { maxSkewSeconds: deps.maxSkewSeconds() } : {}),
      });
      msg = readMessage(opened.record);
    } catch (err) {
      if (!(err instanceof WechatProtocolError)) throw err;
      r.stats.refused++;
      const refusal = refusalOf(err);
      note(req, { summary: say('relay.pushRefused', { diagnosis: refusal.diagnosis }), verdict: { ok: false, reasons: [refusal.diagnosis] } });
      return reply.status(refusal.status).type('text/plain; charset=utf-8').send(REFUSAL[refusal.status]);
    }
    note(req, { decrypted: { request: opened.xml }, ...verdictSteps(opened, r.account.token, r.account.appId) });
    const encrypted = opened.mode === 'encrypted';
    const isLogin = (msg.kind === 'subscribe' && msg.scene !== undefined) || msg.kind === 'scan';
    let replyXml = '';
    if (isLogin) {
      const target = deps.resolve(r.forwardTo);
      const f = await forward(r, target, opened, msg);
      note(req, { attempts: [f.attempt], secrets: secretsOf(r, target) });
      if (f.failed) {
        note(req, { summary: say('relay.forwardFailed', { kind: msg.kind }), verdict: { ok: false, reasons: f.reasons } });
        return reply.status(502).type('text/plain; charset=utf-8').send(REFUSAL[502]);
      }
      if (!f.reasons.length) r.stats.forwarded++;
      replyXml = f.replyXml;
      note(req, { verdict: { ok: !f.reasons.length, reasons: f.reasons }, summary: say('relay.forwarded', { kind: msg.kind === 'scan' ? 'SCAN' : msg.kind }) });
    } else {
      replyXml = ownReply(msg);
      r.stats.handled++;
      note(req, { verdict: { ok: true, reasons: [] }, summary: say('relay.answered', { kind: msg.kind }) });
    }
    if (replyXml) note(req, { decrypted: { request: opened.xml, reply: replyXml } });
    const out = !replyXml
      ? 'success'
      : encrypted
        ? sealReply({ token: r.account.token, encodingAesKey: r.account.encodingAesKey, appId: r.account.appId, replyXml, timestamp: unix(), nonce: query.nonce ?? newNonce(ctx.random) })
        : replyXml;
    return reply.status(200).type(replyXml ? 'text/xml; charset=utf-8' : 'text/plain; charset=utf-8').send(out);
  }

  async function start(id: string, account: RelayAccount, forwardTo: ForwardSpec, createdAt: number): Promise<RunningRelay> {
    const bound = await bindServer('relay', ctx.config.host, 0);
    const app = createHttpApp({ name: 'relay', log: ctx.log, server: bound.server });
    const running: RunningRelay = { id, account, forwardTo, app, url: `${bound.origin}${RELAY_PATH}`, createdAt, stats: { received: 0, forwarded: 0, handled: 0, refused: 0 } };
    installRecorder(app, ctx.journal, ctx.store, { source: 'relay', origin: bound.origin, kind: 'event' });
    for (const method of ['GET', 'POST'] as const) app.route({ method, url: RELAY_PATH, handler: (req, reply) => handle(running, req, reply) });
    await app.ready();
    relays.set(id, running);
    return running;
  }

  return {
    async create(account: RelayAccount, forwardTo: ForwardSpec): Promise<Relay> {
      const id = ctx.random(8).toString('hex');
      const running = await start(id, account, forwardTo, ctx.clock.now());
      q.insert.run({ id, ...account, forwardTo: JSON.stringify(forwardTo), url: running.url, createdAt: running.createdAt });
      return dto(running);
    },
    /** Starts the stored relays again on ports of this run; returns each one's previous and new URL. */
    async restore(): Promise<Array<{ id: string; from: string; to: string }>> {
      const moved: Array<{ id: string; from: string; to: string }> = [];
      for (const row of q.all.all()) {
        if (relays.has(row.id)) continue;
        const running = await start(row.id, { appId: row.appId, token: row.token, encodingAesKey: row.encodingAesKey, mode: row.mode }, JSON.parse(row.forwardTo) as ForwardSpec, row.createdAt);
        q.setUrl.run(running.url, row.id);
        if (row.url !== running.url) moved.push({ id: row.id, from: row.url, to: running.url });
      }
      return moved;
    },
    /** Stored relays that forward to a URL under `from` forward under `to` instead (the login server moved). */
    rebaseForwardUrls(from: string, to: string): void {
      for (const row of q.all.all()) {
        const spec = JSON.parse(row.forwardTo) as ForwardSpec;
        if ('url' in spec && (spec.url === from || spec.url.startsWith(`${from}/`))) {
          q.setForward.run(JSON.stringify({ ...spec, url: to + spec.url.slice(from.length) }), row.id);
        }
      }
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
      q.remove.run(id);
      await r.app.close();
      return true;
    },
    /** Stops every relay and forgets them (the demo reset). */
    async clear(): Promise<void> {
      await this.stop();
      q.clear.run();
    },
    /** Stops every relay; they are started again by the next run. */
    async stop(): Promise<void> {
      const all = [...relays.values()];
      relays.clear();
      await Promise.allSettled(all.map((r) => r.app.close()));
    },
  };
}

export type Relays = ReturnType<typeof createRelays>;
