import { describeAnswer } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { Outcome, type CheckOutcome } from '../outcome';
import { unsubscribe } from '../messages';
import { readReply } from '../../wechat/messages';
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
      probes.push(await ctx.wire.push(ctx.loginSpec(`follow for login ${login.label}`, login.scene, login.ticket)));
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
    o.unobserved(`the server answered every sample push without a passive reply (${sample.map((p) => describeAnswer(p.answer)).join('; ')}); there is no reply to judge`);
    return o.done();
  }
  for (const p of got) judge(o, p, ctx);
  return o.done();
}

/** Seconds, not milliseconds: 13 digits is Date.now(). */
export function secondsProblem(value: string | undefined, name: string): { level: 'fail' | 'warn'; text: string } | null {
  if (value === undefined) return { level: 'fail', text: `<${name}> is missing` };
  if (!/^[0-9]+$/.test(value)) return { level: 'fail', text: `<${name}> is ${JSON.stringify(value)}, not a whole number of seconds` };
  if (Number(value) > 1e11) return { level: 'warn', text: `<${name}> is ${value}: milliseconds, not seconds` };
  return null;
}

function judgeOwnXml(o: Outcome, p: Probe, ctx: AuditContext): void {
  const r = p.answer.reply;
  const label = p.evidence.label;
  if (!r?.xml) return void o.info(`${label}: the encrypted reply could not be decrypted; see REP-02`);
  if (!r.record) return void o.fail(`${label}: the reply is not well-formed XML: ${JSON.stringify(r.xml.slice(0, 80))}`);
  let parsed: ReturnType<typeof readReply>;
  try {
    parsed = readReply(r.record);
  } catch (e) {
    return void o.fail(`${label}: ${(e as Error).message}`);
  }
  const openId = p.spec?.openId;
  const problems: string[] = [];
  if (openId && parsed.toUserName !== openId) problems.push(`ToUserName is ${parsed.toUserName}, not the user's OpenID ${openId} (the push's FromUserName)`);
  if (parsed.fromUserName !== ctx.account.originalId) problems.push(`FromUserName is ${parsed.fromUserName}, not the account's original ID ${ctx.account.originalId} (the push's ToUserName)`);
  if (!REPLY_TYPES.includes(parsed.msgType)) problems.push(`MsgType ${JSON.stringify(parsed.msgType)} is not a passive reply type`);
  if (parsed.type === 'text' && parsed.content.trim() === '') problems.push('a text reply with an empty <Content>; to reply nothing, answer success');
  for (const text of problems) o.fail(`${label}: ${text}`);
  const time = secondsProblem(String(parsed.createTime), 'CreateTime');
  if (time) o[time.level](`${label}: ${time.text} (WeChat documents seconds; replies in milliseconds are reported to pass — node-webot #175 — but do not rely on it)`);
  if (!problems.length && !time) o.pass(`${label}: ${parsed.msgType} reply to ${parsed.toUserName} from ${parsed.fromUserName}, CreateTime ${parsed.createTime}`);
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
  const label = p.evidence.label;
  if (!r) return;
  if (!r.encrypted) {
    if (ctx.mode === 'safe') o.fail(`${label}: the reply is plaintext XML, but in safe mode WeChat reads only the encrypted template (Encrypt, MsgSignature, TimeStamp, Nonce)`);
    else o.info(`${label}: plaintext reply (compatible mode accepts it)`);
    return;
  }
  const env = r.envelope!;
  const before = o.findings.length;
  if (env.missing.length) o.fail(`${label}: the encrypted reply has no ${env.missing.map((m) => `<${m}>`).join(', ')}`);
  if (env.msgSignature && !env.msgSignature.ok) {
    o.fail(`${label}: MsgSignature ${env.msgSignature.got} is not sha1(sort(Token, TimeStamp, Nonce, Encrypt)) = ${env.msgSignature.expected}: the reply is signed with another Token (or over other values)`);
  }
  const ts = secondsProblem(env.timeStamp, 'TimeStamp');
  if (ts && !env.missing.includes('TimeStamp')) o.fail(`${label}: ${ts.text} (node-webot #243: WeChat then shows “该公众号暂时无法提供服务”)`);
  if (env.decryptError) o.fail(`${label}: <Encrypt> cannot be decrypted with the EncodingAESKey: ${env.decryptError}`);
  else if (env.decrypted && env.decrypted.appId !== ctx.account.appId) {
    o.fail(`${label}: the reply decrypts to AppID ${env.decrypted.appId || '(empty)'}, not ${ctx.account.appId}: WeChat refuses it`);
  }
  if (o.findings.length === before) o.pass(`${label}: encrypted reply with a valid MsgSignature, TimeStamp ${env.timeStamp} in seconds, Nonce, and AppID ${ctx.account.appId}`);
}

export const rep02: CheckDef = {
  id: 'REP-02',
  title: 'Encrypted reply: <Encrypt>, a valid <MsgSignature>, <TimeStamp> in seconds, <Nonce>, own AppID',
  severity: 'FAIL',
  phase: 'main',
  modes: ENCRYPTED,
  notApplicable: 'replies are plaintext in plaintext mode',
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
    const p = await ctx.wire.push({ label: 'unfollow (no reply expected)', kind: 'unsubscribe', message: unsubscribe(ctx.head(openId), true).xml, openId, genuine: true });
    o.keep(p);
    const a = p.answer;
    const said = describeAnswer(a);
    if (a.kind === 'ack') {
      if (a.status !== 200) o.warn(`acknowledged with HTTP ${a.status}; WeChat documents 200`);
      else o.pass(`acknowledged: ${said}`);
      if ((a.body ?? '') !== (a.body ?? '').trim()) o.info('the acknowledgement has surrounding whitespace (accepted, but send exactly success)');
    } else if (a.kind === 'reply') {
      o.pass(`answered with a passive reply (${said}); a reply to an unfollow is never shown, success is enough`);
    } else {
      o.fail(`answered ${said}: not success, not empty, not a passive reply`);
    }
    return o.done();
  },
};
