import { say, type Said } from '../../../contracts/said';
import { answerSaid, isHandled, replyField } from '../answer';
import { blockedByBaseline, modeCheckOf } from '../context';
import { text } from '../messages';
import { Outcome, labelOf } from '../outcome';
import { expectRejected, setParam } from '../reject';
import { sortedSignature } from '../../wechat/signature';
import type { Probe, PushSpec } from '../wire';
import { ENCRYPTED, type CheckDef } from './define';

/** CRY-*: the WXBizMsgCrypt scheme at its edges — foreign AppID, malformed ciphertext, padding, UTF-8. */

export const cry01: CheckDef = {
  id: 'CRY-01',
  title: 'A ciphertext for another AppID is refused',
  severity: 'FAIL',
  phase: 'hostile',
  modes: ENCRYPTED,
  notApplicable: say('audit.na.encrypted'),
  why: 'The scheme has no MAC: the AppID at the end of the plaintext is the proof that a message was encrypted for this account. A server that skips it accepts messages meant for another account that shares the key, and a placeholder AppID in its config goes unnoticed until WeChat rejects its replies (node-webot #140, WxJava #1147).',
  fix: 'After decrypting, compare the trailing AppID with your own and refuse a mismatch (WXBizMsgCrypt error -40005) before parsing the message.',
  sdkFix: {
    'node-webot': 'node-webot’s serveEncrypt never compares the decrypted id with config.appid (“TODO 检查appId的正确性” in lib/wechat.js). Check it yourself: decrypt with wechat-crypto in a middleware and refuse when id !== your AppID.',
  },
  async run(ctx) {
    const o = new Outcome();
    const foreign = ctx.account.appId === 'wx0123456789abcdef' ? 'wxfedcba9876543210' : 'wx0123456789abcdef';
    await expectRejected(ctx, o, {
      what: say('audit.cry.what.foreign', { appId: foreign }),
      consequence: say('audit.cry.consequence.foreign'),
      forge: (spec) => ({ ...spec, genuine: false, appId: foreign }),
    });
    return o.done();
  },
};

/** Re-signs a push after its Encrypt was replaced, so the server gets past msg_signature to the decryption. */
function withEncrypt(query: Array<[string, string]>, body: string, old: string, next: string, token: string) {
  const ts = query.find(([k]) => k === 'timestamp')?.[1] ?? '';
  const nonce = query.find(([k]) => k === 'nonce')?.[1] ?? '';
  const sig = sortedSignature([token, ts, nonce, next]).sha1;
  return { query: setParam(query, 'msg_signature', sig), body: body.split(old).join(next) };
}

type Breaker = { what: Said; change(cipher: Buffer, fullBytes: number, length: number): string };

const BREAKERS: Breaker[] = [
  { what: say('audit.cry.breaker.base64'), change: () => 'not*base64!text' },
  { what: say('audit.cry.breaker.cut'), change: (c) => c.subarray(0, c.length - 16).toString('base64') },
  {
    what: say('audit.cry.breaker.padding'),
    change: (c, full) => {
      // CBC: flipping a byte of the previous block flips the same byte of the last plaintext block.
      const pad = 32 - (full % 32);
      const out = Buffer.from(c);
      out[out.length - 17] = out[out.length - 17]! ^ pad;
      return out.toString('base64');
    },
  },
  {
    what: say('audit.cry.breaker.length'),
    change: (c, _full, length) => {
      const out = Buffer.from(c);
      const want = Buffer.from([0x7f, 0xff, 0xff, 0xf0]);
      const had = Buffer.alloc(4);
      had.writeUInt32BE(length, 0);
      for (let i = 0; i < 4; i++) out[i] = out[i]! ^ had[i]! ^ want[i]!;
      return out.toString('base64');
    },
  },
];

export const cry02: CheckDef = {
  id: 'CRY-02',
  title: 'Malformed ciphertexts are refused without a 5xx or a crash',
  severity: 'FAIL',
  phase: 'hostile',
  modes: ENCRYPTED,
  notApplicable: say('audit.na.encrypted'),
  why: 'A decryption error that escapes as a 500 makes WeChat retry the push three times, and one that escapes the request handler stops the whole process: every user scanning a login page at that moment sees “该公众号暂时无法提供服务，请稍后再试” until it restarts.',
  fix: 'Wrap Base64 decoding, AES-CBC decryption, unpadding and the length read in one try/catch; answer 400 (or success) on any failure, check that the length field fits the buffer, and never let a decryption exception leave the request handler.',
  sdkFix: {
    'node-webot': 'node-webot calls cryptor.decrypt() inside an xml2js callback without try/catch (lib/wechat.js serveEncrypt); wechat-crypto throws on a bad block length or a short buffer, and the exception kills the process. Put a try/catch around a decrypt of your own before the middleware, or run it behind a process manager and an error boundary.',
  },
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    for (const breaker of BREAKERS) {
      const spec: PushSpec = {
        ...ctx.textSpec(say('audit.cry.label.breaker', { what: breaker.what }), `audit ${ctx.wire.nonce()}`),
        genuine: false,
        tamper: ({ query, body, sealed }) => {
          const old = sealed.encrypt ?? '';
          const enc = sealed.steps.encryption;
          const next = breaker.change(Buffer.from(old, 'base64'), enc?.fullBytes ?? 0, enc?.length ?? 0);
          return withEncrypt(query, body, old, next, ctx.account.token);
        },
      };
      const p = await ctx.wire.push(spec);
      o.keep(p);
      const a = p.answer;
      const label = breaker.what;
      if (a.kind === 'no-answer') o.fail(say('audit.labelled', { label, text: say('audit.cry.noAnswer', { error: a.error ?? say('audit.cry.closed') }) }));
      else if (a.kind === 'server-error' || a.kind === 'timeout') o.fail(say('audit.labelled', { label, text: answerSaid(a) }));
      else if (a.kind === 'reply') o.info(say('audit.labelled', { label, text: say('audit.cry.replied') }));
      else o.pass(say('audit.labelled', { label, text: answerSaid(a) }));
      if (a.kind === 'no-answer') break; // the next ones would only meet a closed port
    }
    return o.done();
  },
};

/** Content of `n` ASCII letters whose push plaintext (16 + 4 + message + AppID) is a multiple of 32 bytes. */
function blockAlignedText(make: (content: string) => string, appIdBytes: number): string {
  for (let n = 1; n <= 64; n++) {
    const xml = make('x'.repeat(n));
    if ((20 + Buffer.byteLength(xml) + appIdBytes) % 32 === 0) return xml;
  }
  return make('x');
}

function paddingFindings(o: Outcome, probes: Probe[]): { seen: number; edge: boolean } {
  let seen = 0;
  let edge = false;
  for (const p of probes) {
    const d = p.answer.reply?.envelope?.decrypted;
    if (!d) continue;
    seen++;
    if (d.fullBytes % 32 === 0) edge = true;
    const label = labelOf(p);
    if (d.cipherBytes % 32 !== 0) o.fail(say('audit.labelled', { label, text: say('audit.cry.pad16', { bytes: d.cipherBytes }) }));
    else if (d.padding === 0) o.fail(say('audit.labelled', { label, text: say('audit.cry.padMissing') }));
  }
  return { seen, edge };
}

export const cry03: CheckDef = {
  id: 'CRY-03',
  title: 'Padding edge: a plaintext of an exact multiple of 32 bytes, both directions',
  severity: 'FAIL',
  phase: 'main',
  modes: ENCRYPTED,
  notApplicable: say('audit.na.encrypted'),
  why: 'WeChat pads to 32-byte blocks and adds a whole block of 0x20 when the plaintext is already a multiple of 32. Code that pads to 16 or skips that block works for most messages and fails for some lengths: the user then sees “该公众号暂时无法提供服务，请稍后再试” for one message in 32 (silenceper #13, esap PR #43).',
  fix: 'Pad with n = 32 − (len % 32) bytes of value n, so an exact multiple gets 32 bytes of 0x20; on decryption accept pads 1–32 and read the message by its length field.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const appIdBytes = Buffer.byteLength(ctx.account.appId);
    const openId = ctx.wire.openId();
    const xml = blockAlignedText((c) => text(ctx.head(openId), c, ctx.wire.msgId()).xml, appIdBytes);
    const edge = await ctx.wire.push({ label: say('audit.cry.label.edge'), kind: 'text', message: xml, openId, genuine: true });
    o.keep(edge);
    if (isHandled(edge.answer)) o.pass(say('audit.cry.edgeHandled', { answer: answerSaid(edge.answer) }));
    else o.fail(say('audit.cry.edgeFailed', { answer: answerSaid(edge.answer) }));
    const replies: Probe[] = [b.text, b.event, edge];
    if (b.echoes && b.text.answer.reply?.encrypted) {
      // An echo's length follows the message's: 32 consecutive lengths put one reply on the edge.
      const base = `audit pad ${ctx.wire.nonce()} `;
      const sweep = await Promise.all(
        Array.from({ length: 32 }, (_, i) => ctx.wire.push(ctx.textSpec(say('audit.cry.label.sweep', { n: i + 1 }), `${base}${'y'.repeat(i + 1)}`))),
      );
      replies.push(...sweep);
      o.keep(...sweep.filter((p) => (p.answer.reply?.envelope?.decrypted?.fullBytes ?? 1) % 32 === 0));
    }
    const { seen, edge: hit } = paddingFindings(o, replies);
    if (seen === 0) o.unobserved(say('audit.cry.noReplies'), false);
    else if (hit) o.pass(say('audit.cry.edgeReplies', { count: seen }));
    else {
      o.pass(say('audit.cry.replies', { count: seen }));
      o.unobserved(say('audit.cry.noEdgeReply'), false);
    }
    return o.done();
  },
};

const MULTIBYTE = '中文昵称😀🀄éß';

export const cry04: CheckDef = {
  id: 'CRY-04',
  title: 'Chinese, emoji and a 2 KB message survive decryption; replies count bytes, not characters',
  severity: 'FAIL',
  phase: 'main',
  why: 'The length field counts UTF-8 bytes. Code that counts characters works in English and breaks on the first Chinese nickname or emoji: the reply cannot be decrypted and the user sees “该公众号暂时无法提供服务，请稍后再试”, in safe mode only (doraemonext #80).',
  fix: 'Encode to UTF-8 first, then write the 4-byte big-endian length of the bytes (Buffer.byteLength, len(bytes), getBytes("UTF-8").length); decode the message from bytes, never from a string sliced by character count.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const marker = `${MULTIBYTE}${ctx.wire.nonce()}`;
    let content = marker;
    while (Buffer.byteLength(content) < 2048) content += ` ${MULTIBYTE}文本`;
    const p = await ctx.wire.push(ctx.textSpec(say('audit.cry.label.multibyte'), content));
    o.keep(p);
    const a = p.answer;
    if (!isHandled(a)) {
      o.fail(say('audit.cry.multibyteFailed', { bytes: Buffer.byteLength(content), answer: answerSaid(a) }));
      return o.done();
    }
    o.pass(say('audit.cry.multibyteHandled', { bytes: Buffer.byteLength(content), answer: answerSaid(a) }));
    const env = a.reply?.envelope;
    if (env?.decryptError) {
      const asciiOk = b.text.answer.reply?.envelope?.decrypted !== undefined;
      if (asciiOk) o.fail(say('audit.cry.countsCharacters', { error: env.decryptError }));
      else o.info(say('audit.cry.noneDecrypt', { check: 'REP-02' }));
      return o.done();
    }
    const echoed = replyField(a, 'Content');
    if (b.echoes && echoed !== undefined) {
      if (echoed.includes(marker)) o.pass(say('audit.cry.echoed'));
      else o.fail(say('audit.cry.mangled', { sent: marker, got: echoed.slice(0, 60) }));
    } else {
      o.unobserved(say('audit.cry.noEcho'), false);
    }
    return o.done();
  },
};
