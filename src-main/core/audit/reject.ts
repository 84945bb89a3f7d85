import { say } from '../../contracts/said';
import { answerSaid } from './answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from './context';
import type { Line, Outcome } from './outcome';
import type { PushSpec } from './wire';

/**
 * Judges whether a push WeChat would never send (forged signature, foreign AppID, stale timestamp…) was
 * turned away. With an observer the side effect decides (did the login happen?); otherwise the answer:
 * a 4xx is a refusal, a passive reply is acceptance, and `success` tells something only when a genuine
 * push of the same kind gets a reply.
 */

export interface RejectionOptions {
  /** Names the push in findings: "a push with a forged signature". */
  what: Line;
  /** Turns a genuine push spec into the one to send. */
  forge(spec: PushSpec): PushSpec;
  /** Level of the finding when it was accepted ('fail' for most; SEC-01 says 'warn' via severity anyway). */
  level?: 'fail' | 'warn';
  /** Why acceptance matters, appended to the finding. */
  consequence: Line;
}

export async function expectRejected(ctx: AuditContext, o: Outcome, opts: RejectionOptions): Promise<void> {
  const level = opts.level ?? 'fail';
  // Against a server that refuses everything, every refusal would be meaningless.
  const b = await ctx.baseline();
  if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return;
  if (ctx.observer) {
    const login = await ctx.observer.newLogin();
    const probe = await ctx.wire.push(opts.forge(ctx.loginSpec(opts.what, login.scene, login.ticket)));
    o.keep(probe);
    const signIns = await login.signIns();
    if (signIns > 0) {
      o[level](say('audit.reject.actedOn', { what: opts.what, login: login.label, observer: ctx.observer.describedAs ?? ctx.observer.description, consequence: opts.consequence }));
    } else {
      o.pass(say('audit.reject.changedNothing', { what: opts.what, login: login.label, answer: answerSaid(probe.answer) }));
    }
    return;
  }
  const genuine = b.reactive === 'event' ? ctx.loginSpec(opts.what) : ctx.textSpec(opts.what, `audit ${ctx.wire.nonce()}`);
  const probe = await ctx.wire.push(opts.forge(genuine));
  o.keep(probe);
  const a = probe.answer;
  const answer = answerSaid(a);
  const what = opts.what;
  switch (a.kind) {
    case 'refused':
      o.pass(say('audit.reject.refused', { what, answer }));
      return;
    case 'server-error':
      o.pass(say('audit.reject.refused', { what, answer }));
      if (a.status !== 501) o.info(say('audit.reject.errorPage'));
      return;
    case 'reply':
      o[level](say('audit.reject.replied', { what, consequence: opts.consequence }));
      return;
    case 'ack':
      if (b.reactive) {
        o.pass(say('audit.reject.ackedNotProcessed', { what, answer }));
      } else {
        o.info(say('audit.reject.got', { what, answer }));
        o.unobserved(say('audit.reject.ackUnseen'));
      }
      return;
    case 'timeout':
      o.skip(say('audit.skip.noAnswer', { check: 'TIME-01' }));
      return;
    default:
      o.pass(say('audit.reject.notAccepted', { what, answer }));
  }
}

/** Replaces one query parameter (or adds it). */
export function setParam(query: Array<[string, string]>, name: string, value: string): Array<[string, string]> {
  const out = query.filter(([k]) => k !== name);
  const at = query.findIndex(([k]) => k === name);
  out.splice(at < 0 ? out.length : at, 0, [name, value]);
  return out;
}

/** A wrong but well-formed SHA-1 hex: the real one with its digits rotated. */
export function wrongSignature(sig: string): string {
  return `${sig.slice(1)}${sig[0] === '0' ? '1' : '0'}`;
}
