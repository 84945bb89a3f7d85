import { describeAnswer, isHandled, replyField, type Answer } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { qrSubscribe, text } from '../messages';
import { Outcome } from '../outcome';
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
    const spec = ctx.loginSpec('delivery 1 of 3', login?.scene, login?.ticket);
    const first = await ctx.wire.push(spec);
    // The second and third arrive together: a retry can land while another is still being handled.
    const [second, third] = await Promise.all([ctx.wire.push({ ...spec, label: 'delivery 2 of 3 (retry)' }), ctx.wire.push({ ...spec, label: 'delivery 3 of 3 (retry)' })]);
    const all = [first, second, third];
    o.keep(...all);
    o.info('the three deliveries carry the same XML (FromUserName, CreateTime, Event, EventKey) with a fresh timestamp, nonce and encryption, as WeChat’s retries do');
    for (const p of all) {
      if (!isHandled(p.answer)) o.fail(`${p.evidence.label} was answered ${describeAnswer(p.answer)}: a retry must be answered like the first delivery, or WeChat retries again`);
    }
    if (login) {
      const n = await login.signIns();
      if (n === 1) o.pass(`one sign-in for login ${login.label} after three deliveries (${ctx.observer!.description})`);
      else if (n > 1) o.fail(`${n} sign-ins for login ${login.label} after three deliveries of one scan: retries are not deduplicated`);
      else o.unobserved(`no sign-in at all for login ${login.label}, so duplicates could not be counted; see EVT-01`);
      return o.done();
    }
    const answers = all.map((p) => seen(p.answer));
    if (new Set(answers).size === 1) o.pass(`all three deliveries got the same answer (${answers[0]})`);
    else o.warn(`the deliveries got different answers (${answers.join(' | ')}): the retries were probably processed as new events — or deduplicated and answered differently; a retry should get the first delivery's answer, since the user never saw that one`);
    o.unobserved('whether the server did the work once or three times happens inside it and cannot be seen from the answers; against the studio’s login server (--studio) the audit counts the sign-ins');
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
    const logins = ctx.observer ? await Promise.all([ctx.observer.newLogin(), ctx.observer.newLogin()]) : [];
    const useText = !ctx.observer && b.reactive === 'text';
    const make = (openId: string, who: string, login?: ObservedLogin): PushSpec => ({
      label: `${useText ? 'text' : 'follow'} from user ${who}, CreateTime ${t}`,
      kind: useText ? 'text' : 'subscribe',
      message: useText
        ? text(ctx.head(openId, t), `user ${who} ${ctx.wire.nonce()}`, ctx.wire.msgId()).xml
        : qrSubscribe(ctx.head(openId, t), login?.scene ?? ctx.wire.scene(), login?.ticket ?? 'gQaudit==').xml,
      openId,
      genuine: true,
    });
    const [a, bb] = await Promise.all([ctx.wire.push(make(userA, 'A', logins[0])), ctx.wire.push(make(userB, 'B', logins[1]))]);
    o.keep(a, bb);
    for (const p of [a, bb]) if (!isHandled(p.answer)) o.fail(`${p.evidence.label} was answered ${describeAnswer(p.answer)}`);
    if (logins.length === 2) {
      const counts = await Promise.all(logins.map((l) => l.signIns()));
      if (counts.every((n) => n === 1)) o.pass('both users were signed in');
      else o.fail(`sign-ins: user A ${counts[0]}, user B ${counts[1]}: a scan in the same second was taken for a duplicate`);
      return o.done();
    }
    judgeWithoutObserver(o, a, bb, userB);
    return o.done();
  },
};

function judgeWithoutObserver(o: Outcome, a: Probe, b: Probe, userB: string): void {
  const toB = replyField(b.answer, 'ToUserName');
  if (b.answer.kind === 'reply' && toB !== undefined && toB !== userB) {
    o.fail(`user B got a reply addressed to ${toB}, not to B (${userB}): B's push was answered with A's cached answer`);
  } else if (a.answer.kind !== b.answer.kind && isHandled(a.answer) && isHandled(b.answer)) {
    o.warn(`user A got ${seen(a.answer)}, user B got ${seen(b.answer)}: B's push was probably taken for a duplicate of A's`);
  } else if (isHandled(a.answer) && isHandled(b.answer)) {
    o.pass(`both got an answer of the same kind (${seen(a.answer).split(' ')[0]})`);
    o.unobserved('whether both users were processed happens inside the server; against the studio’s login server (--studio) the audit counts the sign-ins', a.answer.kind !== 'reply');
  }
}
