import type { Clock } from '../context';
import { say } from '../../contracts/said';
import { answerSaid, isHandled, replyField } from './answer';
import type { Canary } from './canary';
import { plainSubscribe, qrSubscribe, scan, text, type EventHeader } from './messages';
import type { Line, Outcome } from './outcome';
import type { AuditMode, LoginObserver } from './types';
import type { AuditAccount, Probe, PushSpec, Wire } from './wire';

/** What every check gets: the wire, the account, the run's shared samples and the optional observer. */

export interface Baseline {
  text: Probe;
  event: Probe;
  /** ok: the server handles genuine pushes; otherwise checks that need that are blocked. */
  state: 'ok' | 'refused' | 'timeout' | 'down' | 'broken';
  /** Which genuine push gets a passive reply (so a forged one answered differently shows a refusal). */
  reactive: 'text' | 'event' | null;
  /** The text reply contains the text sent: the server echoes, so content round trips can be seen. */
  echoes: boolean;
}

export interface AuditContext {
  wire: Wire;
  account: AuditAccount;
  mode: AuditMode;
  clock: Clock;
  observer?: LoginObserver;
  canary?: Canary;
  /** Every probe of the run so far, in completion order. */
  readonly ledger: Probe[];
  head(openId?: string, createTime?: number): EventHeader;
  textSpec(label: Line, content?: string, openId?: string): PushSpec;
  loginSpec(label: Line, scene?: string, ticket?: string, openId?: string): PushSpec;
  /** Computed once per run (and again after a re-run clears it). */
  shared<T>(key: string, make: () => Promise<T>): Promise<T>;
  baseline(): Promise<Baseline>;
}

export function createContext(input: {
  wire: Wire;
  clock: Clock;
  observer?: LoginObserver;
  canary?: Canary;
  ledger: Probe[];
  memo: Map<string, Promise<unknown>>;
}): AuditContext {
  const { wire } = input;
  const head = (openId = wire.openId(), createTime = wire.now()): EventHeader => ({ originalId: wire.account.originalId, openId, createTime });
  const ctx: AuditContext = {
    wire,
    account: wire.account,
    mode: wire.account.mode,
    clock: input.clock,
    ...(input.observer ? { observer: input.observer } : {}),
    ...(input.canary ? { canary: input.canary } : {}),
    ledger: input.ledger,
    head,
    textSpec(label, content = 'hello', openId = wire.openId()) {
      return { label, kind: 'text', message: text(head(openId), content, wire.msgId()).xml, openId, genuine: true };
    },
    loginSpec(label, scene = wire.scene(), ticket = `gQ${wire.nonce()}audit==`, openId = wire.openId()) {
      return { label, kind: 'subscribe', message: qrSubscribe(head(openId), scene, ticket).xml, openId, genuine: true };
    },
    shared<T>(key: string, make: () => Promise<T>): Promise<T> {
      let p = input.memo.get(key) as Promise<T> | undefined;
      if (!p) {
        p = make();
        input.memo.set(key, p);
      }
      return p;
    },
    baseline: () => ctx.shared('baseline', () => runBaseline(ctx)),
  };
  return ctx;
}

async function runBaseline(ctx: AuditContext): Promise<Baseline> {
  const content = `audit hello ${ctx.wire.nonce()}`;
  const [textProbe, event] = await Promise.all([
    ctx.wire.push(ctx.textSpec(say('audit.label.genuineText'), content)),
    ctx.wire.push(ctx.loginSpec(say('audit.label.genuineFollow'))),
  ]);
  const answers = [textProbe.answer, event.answer];
  const handled = answers.some(isHandled);
  const state: Baseline['state'] = handled
    ? 'ok'
    : answers.some((a) => a.kind === 'refused')
      ? 'refused'
      : answers.some((a) => a.kind === 'timeout')
        ? 'timeout'
        : answers.every((a) => a.kind === 'no-answer')
          ? 'down'
          : 'broken';
  const reactive = textProbe.answer.kind === 'reply' ? 'text' : event.answer.kind === 'reply' ? 'event' : null;
  const echoes = (replyField(textProbe.answer, 'Content') ?? '').includes(content);
  return { text: textProbe, event, state, reactive, echoes };
}

/** Marks the check skipped when genuine pushes are not handled, naming the check that reports why. */
export function blockedByBaseline(o: Outcome, b: Baseline, modeCheck: string): boolean {
  if (b.state === 'ok') return false;
  const answer = answerSaid(b.text.answer);
  const reason: Record<Exclude<Baseline['state'], 'ok'>, Line> = {
    refused: say('audit.blocked.refused', { answer, check: modeCheck }),
    timeout: say('audit.blocked.timeout', { check: 'TIME-01' }),
    down: say('audit.blocked.down', { answer, check: 'TIME-01' }),
    broken: say('audit.blocked.broken', { answer, check: modeCheck }),
  };
  o.skip(reason[b.state]);
  return true;
}

/** The check that says whether genuine pushes in this mode are accepted. */
export const modeCheckOf = (mode: AuditMode): string => (mode === 'plaintext' ? 'MODE-P1' : mode === 'compatible' ? 'MODE-C1' : 'MODE-S1');

export { plainSubscribe, qrSubscribe, scan, text };
