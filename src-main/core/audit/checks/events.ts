import { say } from '../../../contracts/said';
import { answerSaid, isHandled } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { event, media, plainSubscribe, qrSubscribe, scan, text, textWithExtras } from '../messages';
import { Outcome, labelOf, type Line } from '../outcome';
import type { Probe, PushSpec } from '../wire';
import type { CheckDef } from './define';

/** EVT-*: the follow-login events, the events a server must shrug off, and message variety. */

function spec(ctx: AuditContext, kind: string, label: Line, make: (openId: string) => string): PushSpec {
  const openId = ctx.wire.openId();
  return { label, kind, message: make(openId), openId, genuine: true };
}

function requireHandled(o: Outcome, probes: Probe[]): void {
  for (const p of probes) {
    const line = say('audit.labelled', { label: labelOf(p), text: answerSaid(p.answer) });
    if (isHandled(p.answer)) o.pass(line);
    else o.fail(line);
  }
}

export const evt01: CheckDef = {
  id: 'EVT-01',
  title: 'subscribe with qrscene_<scene> and SCAN with <scene> both reach the login',
  severity: 'FAIL',
  phase: 'main',
  why: 'A new user scanning a login QR code sends subscribe with EventKey qrscene_<scene>; a user who already follows sends SCAN with the bare scene. Handle only one and half of your users scan, follow and are never signed in (doraemonext #5: “SCAN 文档没写”).',
  fix: 'Map both to the login: for subscribe strip exactly the leading qrscene_ (once — a scene may itself contain “qrscene_”, wechatpy #430), for SCAN take EventKey as is; you can also match on Ticket.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const nested = `qrscene_${ctx.wire.scene()}`;
    const tricky = await ctx.wire.push(spec(ctx, 'subscribe', say('audit.evt.label.nested', { eventKey: `qrscene_${nested}` }), (u) => qrSubscribe(ctx.head(u), nested, 'gQaudit==').xml));
    o.keep(tricky);
    if (!isHandled(tricky.answer)) o.fail(say('audit.evt.nestedFailed', { answer: answerSaid(tricky.answer) }));
    if (ctx.observer) {
      const [viaFollow, viaScan] = await Promise.all([ctx.observer.newLogin(), ctx.observer.newLogin()]);
      const [f, s] = await Promise.all([
        ctx.wire.push(spec(ctx, 'subscribe', say('audit.evt.label.followFor', { login: viaFollow.label }), (u) => qrSubscribe(ctx.head(u), viaFollow.scene, viaFollow.ticket ?? 'gQaudit==').xml)),
        ctx.wire.push(spec(ctx, 'SCAN', say('audit.evt.label.scanFor', { login: viaScan.label }), (u) => scan(ctx.head(u), viaScan.scene, viaScan.ticket ?? 'gQaudit==').xml)),
      ]);
      o.keep(f, s);
      const [nf, ns] = await Promise.all([viaFollow.signIns(), viaScan.signIns()]);
      if (nf === 1) o.pass(say('audit.evt.followSignedIn', { login: viaFollow.label }));
      else o.fail(say('audit.evt.followCount', { eventKey: 'qrscene_<scene>', count: nf, login: viaFollow.label, answer: answerSaid(f.answer) }));
      if (ns === 1) o.pass(say('audit.evt.scanSignedIn', { login: viaScan.label }));
      else o.fail(say('audit.evt.scanCount', { eventKey: '<scene>', count: ns, login: viaScan.label, answer: answerSaid(s.answer) }));
      return o.done();
    }
    const scene = ctx.wire.scene();
    const [f, s] = await Promise.all([
      ctx.wire.push(spec(ctx, 'subscribe', say('audit.evt.label.subscribeWith', { eventKey: `qrscene_${scene}` }), (u) => qrSubscribe(ctx.head(u), scene, 'gQaudit==').xml)),
      ctx.wire.push(spec(ctx, 'SCAN', say('audit.evt.label.scanWith', { eventKey: scene }), (u) => scan(ctx.head(u), scene, 'gQaudit==').xml)),
    ]);
    o.keep(f, s);
    requireHandled(o, [f, s]);
    if (isHandled(f.answer) && isHandled(s.answer) && f.answer.kind !== s.answer.kind) {
      o.warn(say('audit.evt.differ', { follow: answerSaid(f.answer), scan: answerSaid(s.answer) }));
    }
    o.unobserved(say('audit.evt.unseen'));
    return o.done();
  },
};

export const evt02: CheckDef = {
  id: 'EVT-02',
  title: 'Plain follow, menu, location, template results and unknown events get 200 and no crash',
  severity: 'FAIL',
  phase: 'main',
  why: 'Every event of the account reaches the same URL. A handler that throws on a plain follow without EventKey, on a menu click or on an event type added next year answers 500: WeChat retries, the user sees “该公众号暂时无法提供服务，请稍后再试”, and a login server that crashes takes the scans of everyone else with it.',
  fix: 'Answer success for every event you do not handle (default branch), treat an empty or absent EventKey as “no scene”, and compare event names case-insensitively.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const specs = [
      spec(ctx, 'subscribe', say('audit.evt.label.plainFollow'), (u) => plainSubscribe(ctx.head(u), true).xml),
      spec(ctx, 'CLICK', say('audit.evt.label.menu', { event: 'CLICK' }), (u) => event(ctx.head(u), 'CLICK', [['EventKey', 'AUDIT_MENU_KEY']]).xml),
      spec(ctx, 'VIEW', say('audit.evt.label.menu', { event: 'VIEW' }), (u) => event(ctx.head(u), 'VIEW', [['EventKey', 'https://example.com/audit'], ['MenuId', '1']]).xml),
      spec(ctx, 'LOCATION', say('audit.evt.label.location', { event: 'LOCATION' }), (u) => event(ctx.head(u), 'LOCATION', [['Latitude', '23.137466'], ['Longitude', '113.352425'], ['Precision', '119.385040']]).xml),
      spec(ctx, 'TEMPLATESENDJOBFINISH', 'TEMPLATESENDJOBFINISH', (u) => event(ctx.head(u), 'TEMPLATESENDJOBFINISH', [['MsgID', 200163836n], ['Status', 'success']]).xml),
      spec(ctx, 'unknown', say('audit.evt.label.unknown', { event: 'audit_unknown_event' }), (u) => event(ctx.head(u), 'audit_unknown_event', [['AuditDetail', 'x']]).xml),
    ];
    const probes = await Promise.all(specs.map((s) => ctx.wire.push(s)));
    o.keep(...probes);
    requireHandled(o, probes);
    return o.done();
  },
};

export const evt03: CheckDef = {
  id: 'EVT-03',
  title: 'Text, image and voice messages, a 10 KB message and unknown XML elements are tolerated',
  severity: 'WARN',
  phase: 'main',
  why: 'Users send pictures and voice to the account that logs them in; WeChat adds fields over time (MsgDataId, Idx). A handler that assumes every message is text, or rejects elements it does not know, answers errors to ordinary users.',
  fix: 'Dispatch on MsgType with a default branch that answers success, read only the fields you need, and accept bodies of a few tens of KB.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const big = 'audit 10 KB message '.repeat(520);
    const specs = [
      spec(ctx, 'text', say('audit.label.text'), (u) => text(ctx.head(u), 'hello from the audit', ctx.wire.msgId()).xml),
      spec(ctx, 'image', say('audit.evt.label.image'), (u) => media(ctx.head(u), 'image', ctx.wire.msgId()).xml),
      spec(ctx, 'voice', say('audit.evt.label.voice'), (u) => media(ctx.head(u), 'voice', ctx.wire.msgId()).xml),
      spec(ctx, 'text', say('audit.evt.label.big', { bytes: big.length }), (u) => text(ctx.head(u), big, ctx.wire.msgId()).xml),
      spec(ctx, 'text', say('audit.evt.label.extras'), (u) => textWithExtras(ctx.head(u), 'hello with extras', ctx.wire.msgId()).xml),
    ];
    const probes = await Promise.all(specs.map((s) => ctx.wire.push(s)));
    o.keep(...probes);
    requireHandled(o, probes);
    return o.done();
  },
};
