import { say } from '../../../contracts/said';
import { answerSaid, isHandled, replyField, type Answer } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { qrSubscribe, text } from '../messages';
import { Outcome, labelOf } from '../outcome';
import type { ObservedLogin } from '../types';
import type { Probe, PushSpec } from '../wire';
import type { CheckDef } from './define';

/** DUP-*: WeChat's retries must give one login; two users in the same second must give two. */

/** What a user would see from an answer: the kind and, for a reply, its type and text (not its timestamps). */
function seen(a: Answer): string {
  if (a.kind !== 'reply') return a.kind === 'ack' ? 'ack' : `${a.kind} ${a.status ?? ''}`;
  return `reply ${replyField(a, 'MsgType') ?? '?'} ${replyField(a, 'Content') ?? replyField(a, 'MediaId') ?? ''}`;
}

async function loginFor(ctx: AuditContext): Promise<ObservedLogin | undefined> {
  return ctx.observer ? ctx.observer.newLogin() : undefined;
}

export const dup01: CheckDef = {
  id: 'DUP-01',
  title: 'WeChat’s three deliveries of one event give one login',
  severity: 'FAIL',
  phase: 'main',
  why: 'When an answer is late WeChat sends the same event again — up to three deliveries, sometimes while the first is still being handled. Without deduplication one scan becomes two or three logins, duplicate users or a “duplicate key” 500 on the retry, which WeChat retries again.',
  fix: 'Deduplicate before doing work: on MsgId for messages, on FromUserName + CreateTime (+ Event + EventKey) for events; keep keys for a minute, in shared storage if you run several instances, and answer a retry exactly as the first delivery (including one that arrives while the first is in progress).',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const login = await loginFor(ctx);
    const spec = ctx.loginSpec(say('audit.dup.label.first'), login?.scene, login?.ticket);
    const first = await ctx.wire.push(spec);
    // The second and third arrive together: a retry can land while another is still being handled.
    const [second, third] = await Promise.all([ctx.wire.push({ ...spec, label: say('audit.dup.label.retry', { n: 2 }) }), ctx.wire.push({ ...spec, label: say('audit.dup.label.retry', { n: 3 }) })]);
    const all = [first, second, third];
    o.keep(...all);
    o.info(say('audit.dup.same'));
    for (const p of all) {
      if (!isHandled(p.answer)) o.fail(say('audit.dup.retryFailed', { label: labelOf(p), answer: answerSaid(p.answer) }));
    }
    if (login) {
      const n = await login.signIns();
      if (n === 1) o.pass(say('audit.dup.once', { login: login.label, observer: ctx.observer!.describedAs ?? ctx.observer!.description }));
      else if (n > 1) o.fail(say('audit.dup.many', { count: n, login: login.label }));
      else o.unobserved(say('audit.dup.none', { login: login.label, check: 'EVT-01' }));
      return o.done();
    }
    const answers = all.map((p) => seen(p.answer));
    if (new Set(answers).size === 1) o.pass(say('audit.dup.sameAnswer', { answer: answers[0] }));
    else o.warn(say('audit.dup.differentAnswers', { answers: answers.join(' | ') }));
    o.unobserved(say('audit.dup.unseen'));
    return o.done();
  },
};

export const dup02: CheckDef = {
  id: 'DUP-02',
  title: 'Two users scanning in the same second are both processed',
  severity: 'FAIL',
  phase: 'main',
  why: 'CreateTime has one-second resolution. A deduplication key without FromUserName (or MsgId) takes the second user of a busy second for a retry of the first: their scan is dropped, or they receive the first user’s reply (WxJava #3311).',
  fix: 'Include FromUserName in the event key (FromUserName + CreateTime + Event + EventKey) and use MsgId for messages.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const t = ctx.wire.now();
    const [userA, userB] = [ctx.wire.openId(), ctx.wire.openId()];
    // The same poster QR code scanned by two users in the same second: only FromUserName differs.
    const poster = ctx.wire.scene();
    const follow = (openId: string, who: string, scene: string, ticket = 'gQaudit=='): PushSpec => ({
      label: say('audit.dup.label.follow', { user: who, eventKey: `qrscene_${scene}`, time: t }),
      kind: 'subscribe',
      message: qrSubscribe(ctx.head(openId, t), scene, ticket).xml,
      openId,
      genuine: true,
    });
    const [a, bb] = await Promise.all([ctx.wire.push(follow(userA, 'A', poster)), ctx.wire.push(follow(userB, 'B', poster))]);
    o.keep(a, bb);
    for (const p of [a, bb]) if (!isHandled(p.answer)) o.fail(say('audit.dup.answered', { label: labelOf(p), answer: answerSaid(p.answer) }));
    judgePair(o, a, bb, userA, userB);
    if (b.reactive === 'text') {
      const msg = (openId: string, who: string): PushSpec => ({
        label: say('audit.dup.label.text', { user: who, time: t }),
        kind: 'text',
        message: text(ctx.head(openId, t), `user ${who} ${ctx.wire.nonce()}`, ctx.wire.msgId()).xml,
        openId,
        genuine: true,
      });
      const [ta, tb] = await Promise.all([ctx.wire.push(msg(userA, 'A')), ctx.wire.push(msg(userB, 'B'))]);
      o.keep(ta, tb);
      judgePair(o, ta, tb, userA, userB);
    }
    if (ctx.observer) {
      const logins = await Promise.all([ctx.observer.newLogin(), ctx.observer.newLogin()]);
      const [la, lb] = await Promise.all([
        ctx.wire.push({ ...follow(userA, 'A', logins[0]!.scene, logins[0]!.ticket), label: say('audit.dup.label.followFor', { user: 'A', login: logins[0]!.label, time: t }) }),
        ctx.wire.push({ ...follow(userB, 'B', logins[1]!.scene, logins[1]!.ticket), label: say('audit.dup.label.followFor', { user: 'B', login: logins[1]!.label, time: t }) }),
      ]);
      o.keep(la, lb);
      const counts = await Promise.all(logins.map((l) => l.signIns()));
      if (counts.every((n) => n === 1)) o.pass(say('audit.dup.bothSignedIn'));
      else o.fail(say('audit.dup.signIns', { a: counts[0], b: counts[1] }));
    } else if (!o.has('fail') && !o.has('warn') && !o.findings.some((f) => f.level === 'pass')) {
      o.unobserved(say('audit.dup.pairUnseen'));
    }
    return o.done();
  },
};

function judgePair(o: Outcome, a: Probe, b: Probe, userA: string, userB: string): void {
  const toB = replyField(b.answer, 'ToUserName');
  if (b.answer.kind === 'reply' && toB === userA) {
    o.fail(say('audit.dup.crossed', { openId: userA }));
  } else if (a.answer.kind !== b.answer.kind && isHandled(a.answer) && isHandled(b.answer)) {
    o.warn(say('audit.dup.pairDiffer', { a: seen(a.answer), b: seen(b.answer) }));
  } else if (a.answer.kind === 'reply' && b.answer.kind === 'reply' && toB === userB) {
    o.pass(say('audit.labelled', { label: labelOf(b), text: say('audit.dup.ownReply', { openId: userB }) }));
  }
}
