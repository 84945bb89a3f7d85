import { say } from '../../../contracts/said';
import { answerSaid } from '../answer';
import { plainSubscribe, qrSubscribe, scan, text, unsubscribe } from '../messages';
import { Outcome, type Line } from '../outcome';
import type { AuditContext } from '../context';
import type { Probe, PushSpec } from '../wire';
import type { CheckDef } from './define';
import { timingRows } from './stats';

/** TIME-*: WeChat waits 5 s for an answer, then retries; after the third attempt the user sees an error. */


function standardSet(ctx: AuditContext): PushSpec[] {
  const mk = (kind: string, label: Line, make: (openId: string) => string): PushSpec => {
    const openId = ctx.wire.openId();
    return { label, kind, message: make(openId), openId, genuine: true };
  };
  const scene = ctx.wire.scene();
  return [
    mk('text', say('audit.label.text'), (o) => text(ctx.head(o), 'timing', ctx.wire.msgId()).xml),
    mk('subscribe', say('audit.time.label.follow'), (o) => qrSubscribe(ctx.head(o), scene, 'gQaudit==').xml),
    mk('SCAN', say('audit.time.label.scan'), (o) => scan(ctx.head(o), scene, 'gQaudit==').xml),
    mk('subscribe', say('audit.time.label.plainFollow'), (o) => plainSubscribe(ctx.head(o), true).xml),
    mk('unsubscribe', say('audit.time.label.unfollow'), (o) => unsubscribe(ctx.head(o), true).xml),
  ];
}

/** WeChat allows 5 s; over 3 s (60 % of the timeout at another scale) leaves too little room. */
function judgeTimes(o: Outcome, probes: Probe[], what: Line, timeoutMs: number): void {
  const WARN_MS = Math.round(timeoutMs * 0.6);
  const late = probes.filter((p) => p.answer.kind === 'timeout');
  const slow = probes.filter((p) => p.answer.kind !== 'timeout' && p.evidence.ms > WARN_MS);
  const worst = [...probes].sort((a, b) => b.evidence.ms - a.evidence.ms).slice(0, 3);
  o.keep(...late.slice(0, 5), ...worst);
  const total = probes.length;
  if (late.length) o.fail(say('audit.time.late', { count: late.length, total, what }));
  if (slow.length) o.warn(say('audit.time.slow', { count: slow.length, total, what, s: WARN_MS / 1000, ms: Math.max(...slow.map((p) => p.evidence.ms)) }));
  if (!late.length && !slow.length) o.pass(say('audit.time.fast', { total, what, s: WARN_MS / 1000, ms: worst[0]?.evidence.ms ?? 0 }));
}

export const time01: CheckDef = {
  id: 'TIME-01',
  title: 'Every push is answered within 5 s (p50/p95/max per kind of push)',
  severity: 'FAIL',
  phase: 'final',
  why: 'WeChat waits 5 s. A late answer is thrown away and the push is sent again, up to three times; then the user sees “该公众号暂时无法提供服务，请稍后再试” — and the server may have done the work three times.',
  fix: 'Answer success (or the passive reply) at once and do slow work — database writes that wait, calls to other services, AI replies — after answering; send results later through the customer-service message API.',
  async run(ctx) {
    const o = new Outcome();
    // The burst is TIME-02's load test; every other genuine push of the run counts here.
    let genuine = ctx.ledger.filter((p) => p.spec?.genuine && !p.spec.kind.startsWith('burst'));
    if (genuine.length < 5) genuine = [...genuine, ...(await Promise.all(standardSet(ctx).map((s) => ctx.wire.push(s))))];
    o.timing = timingRows(genuine);
    judgeTimes(o, genuine, say('audit.time.genuine'), ctx.wire.timeoutMs);
    return o.done();
  },
};

export const time02: CheckDef = {
  id: 'TIME-02',
  title: 'A burst of pushes (ten users at once) is still answered within 5 s',
  severity: 'WARN',
  phase: 'main',
  why: 'Pushes arrive in bursts — a QR code on a poster, a campaign. A handler that works slowly and one at a time is fine for one user and makes the tenth wait past 5 s: WeChat retries into the queue and users see “该公众号暂时无法提供服务，请稍后再试”.',
  fix: 'Keep the push handler short and non-blocking; queue slow work. If work must happen in the request, make it concurrent and bound it well under 5 s.',
  async run(ctx) {
    const o = new Outcome();
    const specs: PushSpec[] = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0 ? { ...ctx.textSpec(say('audit.time.label.burstText', { n: i + 1 }), `burst ${i + 1}`), kind: 'burst text' } : { ...ctx.loginSpec(say('audit.time.label.burstFollow', { n: i + 1 })), kind: 'burst follow' },
    );
    const probes = await Promise.all(specs.map((s) => ctx.wire.push(s)));
    o.timing = timingRows(probes);
    judgeTimes(o, probes, say('audit.time.burst'), ctx.wire.timeoutMs);
    const errors = probes.filter((p) => p.answer.kind === 'server-error' || p.answer.kind === 'no-answer');
    if (errors.length) o.warn(say('audit.time.burstErrors', { count: errors.length, answer: answerSaid(errors[0]!.answer) }));
    return o.done();
  },
};
