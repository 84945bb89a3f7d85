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
    // The same poster QR code scanned by two users in the same second: only FromUserName differs.
    const poster = ctx.wire.scene();
    const follow = (openId: string, who: string, scene: string, ticket = 'gQaudit=='): PushSpec => ({
      label: `follow from user ${who} with EventKey qrscene_${scene}, CreateTime ${t}`,
      kind: 'subscribe',
      message: qrSubscribe(ctx.head(openId, t), scene, ticket).xml,
      openId,
      genuine: true,
    });
    const [a, bb] = await Promise.all([ctx.wire.push(follow(userA, 'A', poster)), ctx.wire.push(follow(userB, 'B', poster))]);
    o.keep(a, bb);
    for (const p of [a, bb]) if (!isHandled(p.answer)) o.fail(`${p.evidence.label} was answered ${describeAnswer(p.answer)}`);
    judgePair(o, a, bb, userA, userB);
    if (b.reactive === 'text') {
      const msg = (openId: string, who: string): PushSpec => ({
        label: `text from user ${who}, CreateTime ${t}`,
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
        ctx.wire.push({ ...follow(userA, 'A', logins[0]!.scene, logins[0]!.ticket), label: `follow from user A for login ${logins[0]!.label}, CreateTime ${t}` }),
        ctx.wire.push({ ...follow(userB, 'B', logins[1]!.scene, logins[1]!.ticket), label: `follow from user B for login ${logins[1]!.label}, CreateTime ${t}` }),
      ]);
      o.keep(la, lb);
      const counts = await Promise.all(logins.map((l) => l.signIns()));
      if (counts.every((n) => n === 1)) o.pass('both logins of the same second were signed in');
      else o.fail(`sign-ins: login of user A ${counts[0]}, of user B ${counts[1]}: a scan in the same second was taken for a duplicate`);
    } else if (!o.has('fail') && !o.has('warn') && !o.findings.some((f) => f.level === 'pass')) {
      o.unobserved('whether both users were processed happens inside the server; against the studio’s login server (--studio) the audit counts the sign-ins');
    }
    return o.done();
  },
};

function judgePair(o: Outcome, a: Probe, b: Probe, userA: string, userB: string): void {
  const toB = replyField(b.answer, 'ToUserName');
  if (b.answer.kind === 'reply' && toB === userA) {
    o.fail(`user B got a reply addressed to user A (${userA}): B's push was answered with A's cached answer, taken for a duplicate`);
  } else if (a.answer.kind !== b.answer.kind && isHandled(a.answer) && isHandled(b.answer)) {
    o.warn(`user A got ${seen(a.answer)}, user B got ${seen(b.answer)}: B's push was probably taken for a duplicate of A's`);
  } else if (a.answer.kind === 'reply' && b.answer.kind === 'reply' && toB === userB) {
    o.pass(`${b.evidence.label}: its own reply (to ${userB}), so both pushes were processed`);
  }
}
