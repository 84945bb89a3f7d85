import { describeAnswer } from './answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from './context';
import type { Outcome } from './outcome';
import type { PushSpec } from './wire';

/**
 * Judges whether a push WeChat would never send (forged signature, foreign AppID, stale timestamp…) was
 * turned away. With an observer the side effect decides (did the login happen?); otherwise the answer:
 * a 4xx is a refusal, a passive reply is acceptance, and `success` tells something only when a genuine
 * push of the same kind gets a reply.
 */

export interface RejectionOptions {
  /** Names the push in findings: "a push with a forged signature". */
  what: string;
  /** Turns a genuine push spec into the one to send. */
  forge(spec: PushSpec): PushSpec;
  /** Level of the finding when it was accepted ('fail' for most; SEC-01 says 'warn' via severity anyway). */
  level?: 'fail' | 'warn';
  /** Why acceptance matters, appended to the finding. */
  consequence: string;
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
      o[level](`${opts.what} was acted on: it signed a user in to login ${login.label} (${ctx.observer.description}); ${opts.consequence}`);
    } else {
      o.pass(`${opts.what} changed nothing: no sign-in for login ${login.label} (answer: ${describeAnswer(probe.answer)})`);
    }
    return;
  }
  const genuine = b.reactive === 'event' ? ctx.loginSpec(opts.what) : ctx.textSpec(opts.what, `audit ${ctx.wire.nonce()}`);
  const probe = await ctx.wire.push(opts.forge(genuine));
  o.keep(probe);
  const a = probe.answer;
  const said = describeAnswer(a);
  switch (a.kind) {
    case 'refused':
      o.pass(`${opts.what} was refused: ${said}`);
      return;
    case 'server-error':
      o.pass(`${opts.what} was refused: ${said}`);
      if (a.status !== 501) o.info('a 5xx is an error page, not a refusal: answering 401/403 says what happened');
      return;
    case 'reply':
      o[level](`${opts.what} was answered with a passive reply, as a genuine push is: the server processed it; ${opts.consequence}`);
      return;
    case 'ack':
      if (b.reactive) {
        o.pass(`${opts.what} got ${said} while a genuine push of the same kind gets a passive reply: the server did not process it`);
      } else {
        o.info(`${opts.what} got ${said}`);
        o.unobserved('the server answers genuine pushes with success too, so the answer does not show whether it acted on this one; give the audit a login server to watch (--studio) to see side effects');
      }
      return;
    case 'timeout':
      o.skip('no answer within 5 s; see TIME-01');
      return;
    default:
      o.pass(`${opts.what} was not accepted: ${said}`);
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
