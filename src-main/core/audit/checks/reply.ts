import { say, type Said } from '../../../contracts/said';
import { answerSaid } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { Outcome, joined, labelOf, type CheckOutcome } from '../outcome';
import { unsubscribe } from '../messages';
import { readReply } from '../../wechat/messages';
import { errorSaid } from '../../wechat/errors';
import type { Probe } from '../wire';
import { ENCRYPTED, type CheckDef } from './define';

/** REP-*: the passive reply's own XML, its encrypted envelope, and the acknowledgement without a reply. */

const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'];

/** Pushes that usually earn a passive reply: the baseline's, plus a real login when a login server is watched. */
async function replySample(ctx: AuditContext): Promise<Probe[]> {
  return ctx.shared('reply-sample', async () => {
    const b = await ctx.baseline();
    const probes = [b.text, b.event];
    if (ctx.observer) {
      const login = await ctx.observer.newLogin();
      probes.push(await ctx.wire.push(ctx.loginSpec(say('audit.rep.label.login', { login: login.label }), login.scene, login.ticket)));
    }
    return probes;
  });
}

/** Runs `judge` on every passive reply of the sample; INFO when the server never replied. */
async function judgeReplies(ctx: AuditContext, judge: (o: Outcome, p: Probe, ctx: AuditContext) => void): Promise<CheckOutcome> {
  const o = new Outcome();
  const b = await ctx.baseline();
  if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
  const sample = await replySample(ctx);
  o.keep(...sample);
  const got = sample.filter((p) => p.answer.kind === 'reply');
  if (!got.length) {
    o.unobserved(say('audit.rep.noReply', { answers: joined(sample.map((p) => answerSaid(p.answer))) }));
    return o.done();
  }
  for (const p of got) judge(o, p, ctx);
  return o.done();
}

/** Seconds, not milliseconds: 13 digits is Date.now(). */
export function secondsProblem(value: string | undefined, name: string): { level: 'fail' | 'warn'; said: Said } | null {
  const element = `<${name}>`;
  if (value === undefined) return { level: 'fail', said: say('audit.rep.time.missing', { element }) };
  if (!/^[0-9]+$/.test(value)) return { level: 'fail', said: say('audit.rep.time.notSeconds', { element, value: JSON.stringify(value) }) };
  if (Number(value) > 1e11) return { level: 'warn', said: say('audit.rep.time.millis', { element, value }) };
  return null;
}

function judgeOwnXml(o: Outcome, p: Probe, ctx: AuditContext): void {
  const r = p.answer.reply;
  const label = labelOf(p);
  const at = (text: Said) => say('audit.labelled', { label, text });
  if (!r?.xml) return void o.info(at(say('audit.rep.undecryptable', { check: 'REP-02' })));
  if (!r.record) return void o.fail(at(say('audit.rep.notXml', { xml: JSON.stringify(r.xml.slice(0, 80)) })));
  let parsed: ReturnType<typeof readReply>;
  try {
    parsed = readReply(r.record);
  } catch (e) {
    return void o.fail(at(errorSaid(e)));
  }
  const openId = p.spec?.openId;
  const problems: Said[] = [];
  if (openId && parsed.toUserName !== openId) problems.push(say('audit.rep.toUser', { got: parsed.toUserName, openId }));
  if (parsed.fromUserName !== ctx.account.originalId) problems.push(say('audit.rep.fromUser', { got: parsed.fromUserName, originalId: ctx.account.originalId }));
  if (!REPLY_TYPES.includes(parsed.msgType)) problems.push(say('audit.rep.msgType', { msgType: JSON.stringify(parsed.msgType) }));
  if (parsed.type === 'text' && parsed.content.trim() === '') problems.push(say('audit.rep.emptyContent'));
  for (const text of problems) o.fail(at(text));
  const time = secondsProblem(String(parsed.createTime), 'CreateTime');
  if (time) o[time.level](at(say('audit.rep.createTime', { problem: time.said })));
  if (!problems.length && !time) o.pass(at(say('audit.rep.ok', { msgType: parsed.msgType, to: parsed.toUserName, from: parsed.fromUserName, time: parsed.createTime })));
}

export const rep01: CheckDef = {
  id: 'REP-01',
  title: 'Passive reply XML: well-formed, ToUserName/FromUserName swapped, CreateTime in seconds',
  severity: 'FAIL',
  phase: 'main',
  why: 'WeChat delivers a passive reply only if it can read it: a reply addressed to the wrong user or from the wrong account, an empty text or broken XML is dropped, and the user sees “该公众号暂时无法提供服务，请稍后再试” instead of “login succeeded”.',
  fix: 'Build the reply from the push: ToUserName = the push’s FromUserName (the user), FromUserName = the push’s ToUserName (gh_…), CreateTime = Math.floor(Date.now() / 1000), text in CDATA; to reply nothing, answer success.',
  sdkFix: {
    'node-webot': 'node-webot writes CreateTime as new Date().getTime() (milliseconds) in every reply (lib/wechat.js reply()); WeChat has tolerated it so far (issue #175), so this is a warning.',
  },
  run: (ctx) => judgeReplies(ctx, judgeOwnXml),
};

function judgeEnvelope(o: Outcome, p: Probe, ctx: AuditContext): void {
  const r = p.answer.reply;
  const label = labelOf(p);
  const at = (text: Said) => say('audit.labelled', { label, text });
  if (!r) return;
  if (!r.encrypted) {
    if (ctx.mode === 'safe') o.fail(at(say('audit.rep.plainInSafe')));
    else o.info(at(say('audit.rep.plainReply')));
    return;
  }
  const env = r.envelope!;
  const before = o.findings.length;
  if (env.missing.length) o.fail(at(say('audit.rep.missing', { elements: env.missing.map((m) => `<${m}>`).join(', ') })));
  if (env.msgSignature && !env.msgSignature.ok) {
    o.fail(at(say('audit.rep.badSignature', { got: env.msgSignature.got, expected: env.msgSignature.expected })));
  }
  const ts = secondsProblem(env.timeStamp, 'TimeStamp');
  if (ts && !env.missing.includes('TimeStamp')) o.fail(at(say('audit.rep.timeStamp', { problem: ts.said })));
  if (env.decryptError) o.fail(at(say('audit.rep.decryptError', { error: env.decryptError })));
  else if (env.decrypted && env.decrypted.appId !== ctx.account.appId) {
    o.fail(at(say('audit.rep.foreignAppId', { got: env.decrypted.appId || say('audit.rep.empty'), appId: ctx.account.appId })));
  }
  if (o.findings.length === before) o.pass(at(say('audit.rep.envelopeOk', { timeStamp: env.timeStamp, appId: ctx.account.appId })));
}

export const rep02: CheckDef = {
  id: 'REP-02',
  title: 'Encrypted reply: <Encrypt>, a valid <MsgSignature>, <TimeStamp> in seconds, <Nonce>, own AppID',
  severity: 'FAIL',
  phase: 'main',
  modes: ENCRYPTED,
  notApplicable: say('audit.na.plainReplies'),
  why: 'In safe mode WeChat verifies the reply’s MsgSignature and AppID before showing it; a plaintext reply, a signature made with another Token, a millisecond TimeStamp or a foreign AppID all end the same way: no reply on the phone, and “该公众号暂时无法提供服务，请稍后再试”. It often works in the debugging tool and fails on a real phone (node-webot #162).',
  fix: 'Encrypt the reply XML with your AppID, then sign: MsgSignature = sha1(sort(Token, TimeStamp, Nonce, Encrypt)) with TimeStamp = whole seconds; send <xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>. A bare success needs no encryption.',
  sdkFix: {
    'node-webot': 'node-webot sets wrap.timestamp = new Date().getTime() (milliseconds) in encryptXml (lib/wechat.js). Until it is fixed there, seal encrypted replies yourself with Math.floor(Date.now() / 1000), or answer success and send the message through the customer-service API.',
  },
  run: (ctx) => judgeReplies(ctx, judgeEnvelope),
};

export const rep03: CheckDef = {
  id: 'REP-03',
  title: '“No reply” is success or an empty body with HTTP 200',
  severity: 'FAIL',
  phase: 'main',
  why: 'When there is nothing to say (an unfollow, a routine event) WeChat expects HTTP 200 with success or an empty body. JSON, an HTML page, a redirect or a 500 counts as a broken reply: WeChat retries and the user sees “该公众号暂时无法提供服务，请稍后再试” (node-webot/weixin-robot #79, WxJava #2131).',
  fix: 'Answer exactly success (or an empty body) with status 200 when you have no passive reply; do not return your framework’s JSON envelope, an error page or a redirect to a login page on this route.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const openId = ctx.wire.openId();
    const p = await ctx.wire.push({ label: say('audit.rep.label.unfollow'), kind: 'unsubscribe', message: unsubscribe(ctx.head(openId), true).xml, openId, genuine: true });
    o.keep(p);
    const a = p.answer;
    const answer = answerSaid(a);
    if (a.kind === 'ack') {
      if (a.status !== 200) o.warn(say('audit.rep.ackStatus', { status: a.status }));
      else o.pass(say('audit.rep.acked', { answer }));
      if ((a.body ?? '') !== (a.body ?? '').trim()) o.info(say('audit.rep.whitespace'));
    } else if (a.kind === 'reply') {
      o.pass(say('audit.rep.unfollowReply', { answer }));
    } else {
      o.fail(say('audit.rep.badAck', { answer }));
    }
    return o.done();
  },
};
