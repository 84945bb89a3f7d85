import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCipheriv } from 'node:crypto';
import type { LoginObserver } from '../../../src-main/core/audit';
import { decrypt, deriveAesKey } from '../../../src-main/core/wechat/crypto';
import { openPush, sealReply, verifyUrl, type OpenedPush } from '../../../src-main/core/wechat/envelope';
import { WechatProtocolError } from '../../../src-main/core/wechat/errors';
import { readMessage, textReplyXml, type InboundMessage } from '../../../src-main/core/wechat/messages';
import { msgSignature, urlSignature } from '../../../src-main/core/wechat/signature';
import { cdata } from '../../../src-main/core/wechat/xml';

/**
 * A developer server that does everything right, with one flaw switched on at a time: each audit check has
 * a flaw built to fail it, so the tests can show every check fails exactly when it should. It replies like
 * a typical login bot: texts are echoed, a follow or scan of a known scene signs that login in.
 */

export type Flaw =
  | 'echo-quoted' // URL-01
  | 'echo-without-signature' // URL-02
  | 'bare-get-500' // URL-03
  | 'no-post-signature' // MODE-P1
  | 'compat-signatures-unchecked' // MODE-C1
  | 'signature-only' // MODE-S1
  | 'plaintext-accepted-in-safe' // MODE-S2
  | 'no-appid-check' // CRY-01
  | 'decrypt-error-500' // CRY-02
  | 'pad-16' // CRY-03
  | 'char-length' // CRY-04
  | 'users-not-swapped' // REP-01
  | 'plaintext-reply-in-safe' // REP-02
  | 'reply-wrong-token' // REP-02
  | 'timestamp-ms' // REP-02
  | 'json-ack' // REP-03
  | 'slow' // TIME-01
  | 'slow-burst' // TIME-02
  | 'no-dedup' // DUP-01
  | 'dedup-without-user' // DUP-02
  | 'no-scan' // EVT-01
  | 'unknown-event-500' // EVT-02
  | 'text-only' // EVT-03
  | 'no-window' // SEC-01
  | 'expand-entities' // SEC-02
  | 'no-body-limit' // SEC-03
  | 'verbose-refusal'; // SEC-04

export interface FakeServerConfig {
  token: string;
  appId: string;
  encodingAesKey: string;
  mode: 'plaintext' | 'compatible' | 'safe';
  flaw?: Flaw;
  /** The 'slow' flaw's delay, and the 'slow-burst' one's. */
  delayMs?: number;
  /** Listen on this port (a server replaced by a fixed one at the same URL); any free port by default. */
  port?: number;
}

const KNOWN_EVENTS = new Set(['subscribe', 'unsubscribe', 'scan', 'click', 'view', 'location', 'templatesendjobfinish']);
const unix = (): number => Math.floor(Date.now() / 1000);

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The 'expand-entities' flaw: a naive DTD pass that substitutes internal entities and fetches external ones. */
async function expandEntities(xml: string): Promise<string> {
  const dtd = /<!DOCTYPE[^[]*\[([\s\S]*?)\]>/.exec(xml);
  if (!dtd) return xml;
  const entities = new Map<string, string>();
  for (const m of dtd[1]!.matchAll(/<!ENTITY\s+(\w+)\s+(SYSTEM\s+)?"([^"]*)">/g)) {
    let value = m[3]!;
    if (m[2]) value = await (await fetch(value)).text();
    for (let i = 0; i < 3; i++) value = value.replace(/&(\w+);/g, (all, n: string) => entities.get(n) ?? all);
    entities.set(m[1]!, value.slice(0, 1_000_000));
  }
  let body = xml.replace(dtd[0], '').replace(/<\?xml[^>]*\?>/, '');
  body = body.replace(/&(\w+);/g, (all, n: string) => entities.get(n) ?? all);
  return body;
}

/** Reply encryption with the CRY-03 / CRY-04 flaws: AES's 16-byte padding, or a character count. */
function flawedEncrypt(c: FakeServerConfig, xml: string): string {
  const { key, iv } = deriveAesKey(c.encodingAesKey);
  const msg = Buffer.from(xml, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(c.flaw === 'char-length' ? [...xml].length : msg.length);
  const full = Buffer.concat([Buffer.from('0123456789abcdef'), len, msg, Buffer.from(c.appId)]);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  if (c.flaw === 'pad-16') return Buffer.concat([cipher.update(full), cipher.final()]).toString('base64');
  cipher.setAutoPadding(false);
  const pad = 32 - (full.length % 32);
  return Buffer.concat([cipher.update(Buffer.concat([full, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

export async function startFakeServer(c: FakeServerConfig) {
  const logins = new Map<string, number>();
  const seen = new Map<string, string>();
  const requests: string[] = [];

  function open(query: Record<string, string>, body: string): OpenedPush {
    const { timestamp, nonce } = query;
    if (!timestamp || !nonce) throw new Refusal(401, 'invalid signature');
    const q = { ...query };
    const enc = encryptOf(body);
    // Flaws that skip a check: put the right value in place, so the shared receiver passes that step.
    if (c.flaw === 'no-post-signature' || c.flaw === 'compat-signatures-unchecked') q.signature = urlSignature(c.token, timestamp, nonce);
    if ((c.flaw === 'compat-signatures-unchecked' || c.flaw === 'signature-only') && enc !== undefined) q.msg_signature = msgSignature(c.token, timestamp, nonce, enc);
    const opened = openPush({
      query: q,
      body,
      token: c.token,
      encodingAesKey: c.encodingAesKey,
      appId: c.flaw === 'no-appid-check' && enc !== undefined ? appIdInside(c.encodingAesKey, enc) : c.appId,
      now: unix(),
      ...(c.flaw === 'no-window' ? {} : { maxSkewSeconds: 300 }),
      ...(c.flaw === 'no-body-limit' ? { maxBytes: 4_000_000 } : {}),
    });
    const encrypted = opened.mode === 'encrypted';
    if (c.mode === 'plaintext' && encrypted) throw new Refusal(400, 'unexpected encryption');
    if (c.mode !== 'plaintext' && !encrypted && c.flaw !== 'plaintext-accepted-in-safe') throw new Refusal(400, 'encryption required');
    return opened;
  }

  function dedupKey(m: InboundMessage): string | null {
    if (c.flaw === 'no-dedup') return null;
    if (m.kind === 'text') return `msg|${m.msgId}`;
    const key = m.kind === 'subscribe' || m.kind === 'scan' ? m.eventKey : '';
    const event = m.kind === 'other' ? (m.event ?? m.msgType) : m.kind;
    return c.flaw === 'dedup-without-user' ? `evt|${m.createTime}|${event}|${key}` : `evt|${m.fromUserName}|${m.createTime}|${event}|${key}`;
  }

  function decide(m: InboundMessage): string {
    const reply = (content: string): string =>
      c.flaw === 'users-not-swapped'
        ? textReplyXml({ toUserName: m.toUserName, fromUserName: m.fromUserName, createTime: unix(), content })
        : textReplyXml({ toUserName: m.fromUserName, fromUserName: m.toUserName, createTime: unix(), content });
    if (m.kind === 'text') return reply(`echo: ${m.content.slice(0, 3000)}`);
    if (m.kind === 'subscribe' || m.kind === 'scan') {
      if (m.kind === 'scan' && c.flaw === 'no-scan') return '';
      const scene = m.scene;
      if (scene !== undefined && logins.has(scene)) logins.set(scene, logins.get(scene)! + 1);
      return reply(scene ? `welcome, scene ${scene}` : 'welcome');
    }
    if (m.kind === 'other' && m.msgType !== 'event' && c.flaw === 'text-only') throw new Refusal(500, 'unsupported message');
    if (m.kind === 'other' && m.msgType === 'event' && !KNOWN_EVENTS.has((m.event ?? '').toLowerCase()) && c.flaw === 'unknown-event-500') {
      throw new Refusal(500, 'Internal Server Error');
    }
    return '';
  }

  function seal(replyXml: string, opened: OpenedPush, query: Record<string, string>): string {
    if (!replyXml) return 'success';
    if (opened.mode !== 'encrypted' || c.flaw === 'plaintext-reply-in-safe') return replyXml;
    if (c.flaw === 'pad-16' || c.flaw === 'char-length') {
      const enc = flawedEncrypt(c, replyXml);
      const ts = String(unix());
      const nonce = query.nonce ?? '1';
      return `<xml><Encrypt>${cdata(enc)}</Encrypt><MsgSignature>${cdata(msgSignature(c.token, ts, nonce, enc))}</MsgSignature><TimeStamp>${ts}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`;
    }
    return sealReply({
      token: c.flaw === 'reply-wrong-token' ? `${c.token}x` : c.token,
      encodingAesKey: c.encodingAesKey,
      appId: c.appId,
      replyXml,
      timestamp: c.flaw === 'timestamp-ms' ? Date.now() : unix(),
      nonce: query.nonce ?? '1',
    });
  }

  async function post(query: Record<string, string>, raw: string): Promise<[number, string]> {
    const body = c.flaw === 'expand-entities' ? await expandEntities(raw) : raw;
    let opened: OpenedPush;
    try {
      opened = open(query, body);
    } catch (e) {
      if (e instanceof Refusal) throw e;
      const err = e as WechatProtocolError;
      if (c.flaw === 'decrypt-error-500' && ['decrypt-failed', 'illegal-buffer', 'base64'].includes(err.code)) throw new Refusal(500, 'Internal Server Error');
      if (c.flaw === 'verbose-refusal') throw new Refusal(err.code === 'signature-mismatch' ? 401 : 400, err.message);
      throw new Refusal(err.code === 'signature-mismatch' ? 401 : 400, 'invalid request');
    }
    const m = readMessage(opened.record);
    if (c.flaw === 'json-ack' && m.kind === 'unsubscribe') return [200, '{"ok":true}'];
    const key = dedupKey(m);
    if (key && seen.has(key)) return [200, seal(seen.get(key)!, opened, query)];
    const replyXml = decide(m);
    if (key) seen.set(key, replyXml);
    if (c.flaw === 'slow' || (c.flaw === 'slow-burst' && m.kind === 'text' && m.content.startsWith('burst'))) {
      await new Promise((r) => setTimeout(r, c.delayMs ?? 6000).unref());
    }
    return [200, seal(replyXml, opened, query)];
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    requests.push(`${req.method} ${url.search}`);
    const send = (status: number, text: string): void => {
      if (res.headersSent) return;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (c.flaw === 'bare-get-500' && !url.search) return send(500, 'Internal Server Error');
      const v = verifyUrl({ query, token: c.token });
      const echostr = query.echostr ?? '';
      if (c.flaw === 'echo-without-signature' && echostr) return send(200, echostr);
      if (!v.ok) return send(401, c.flaw === 'verbose-refusal' ? v.reason : 'invalid signature');
      return send(200, c.flaw === 'echo-quoted' ? JSON.stringify(v.echostr) : v.echostr);
    }
    if (req.method !== 'POST') return send(405, 'method not allowed');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (d: Buffer) => {
      size += d.length;
      if (size > 65_536 && c.flaw !== 'no-body-limit') {
        send(413, 'payload too large');
        req.destroy();
        return;
      }
      chunks.push(d);
    });
    req.on('end', () => {
      post(query, Buffer.concat(chunks).toString('utf8')).then(
        ([status, text]) => send(status, text),
        (e: unknown) => send(e instanceof Refusal ? e.status : 500, e instanceof Refusal ? e.message : 'Internal Server Error'),
      );
    });
  });
  await new Promise<void>((r) => server.listen(c.port ?? 0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  let n = 0;
  const observer: LoginObserver = {
    description: 'the test server’s login table',
    eventsUrl: url,
    async newLogin() {
      const scene = `login_${++n}_${Date.now().toString(36)}`;
      logins.set(scene, 0);
      return { scene, ticket: `gQticket${n}==`, label: scene, signIns: async () => logins.get(scene) ?? 0 };
    },
  };
  return {
    url,
    observer,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const encryptOf = (body: string): string | undefined => /<Encrypt><!\[CDATA\[([^\]]*)\]\]><\/Encrypt>/.exec(body)?.[1];

function appIdInside(key: string, enc: string): string {
  try {
    return decrypt({ encodingAesKey: key, encrypt: enc }).appId;
  } catch {
    return '';
  }
}
