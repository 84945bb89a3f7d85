import { say, sayText, type Said, type SaidValue } from '../../contracts/said';
import type { Probe } from './wire';
import type { ExchangeEvidence, Finding, TimingRow } from './types';

/** A line a check writes: a sentence (its English text is what reports carry), or plain English. */
export type Line = Said | string;

/** What a check's run yields before the engine turns it into a status under the policy. */
export interface CheckOutcome {
  findings: Finding[];
  notObserved: Line[];
  exchanges: ExchangeEvidence[];
  summary?: Line;
  /** Set when the check could not run here (not applicable, blocked by another check's finding). */
  skip?: Line;
  /** Nothing wrong was seen, but the check's core question could not be observed: INFO, not PASS. */
  inconclusive?: boolean;
  timing?: TimingRow[];
}

/** A finding with its English text and, when written as one, its sentence. */
export function findingOf(level: Finding['level'], line: Line): Finding {
  return typeof line === 'string' ? { level, text: line } : { level, text: sayText(line), said: line };
}

/** An exchange's label as a value of a finding: its sentence when it has one. */
export function labelOf(p: Probe): SaidValue {
  return p.evidence.labelSaid ?? p.evidence.label;
}

/** Several values in one, each translated on its own: "a; b; c", or with `audit.sec.and` "a and b and c". */
export function joined(items: SaidValue[], code: 'audit.joined' | 'audit.sec.and' = 'audit.joined'): SaidValue {
  if (items.length <= 1) return items[0] ?? '';
  return say(code, { first: items[0], rest: joined(items.slice(1), code) });
}

export class Outcome {
  readonly findings: Finding[] = [];
  readonly notObserved: Line[] = [];
  readonly exchanges: ExchangeEvidence[] = [];
  summary?: Line;
  skipped?: Line;
  inconclusive = false;
  timing?: TimingRow[];

  fail(line: Line): this {
    this.findings.push(findingOf('fail', line));
    return this;
  }
  warn(line: Line): this {
    this.findings.push(findingOf('warn', line));
    return this;
  }
  info(line: Line): this {
    this.findings.push(findingOf('info', line));
    return this;
  }
  pass(line: Line): this {
    this.findings.push(findingOf('pass', line));
    return this;
  }
  unobserved(line: Line, core = true): this {
    this.notObserved.push(line);
    if (core) this.inconclusive = true;
    return this;
  }
  skip(reason: Line): this {
    this.skipped = reason;
    return this;
  }
  /** Keeps the probes' exchanges as this check's evidence (the same probe is kept once). */
  keep(...probes: Array<Probe | undefined>): this {
    for (const p of probes) if (p && !this.exchanges.includes(p.evidence)) this.exchanges.push(p.evidence);
    return this;
  }
  has(level: Finding['level']): boolean {
    return this.findings.some((f) => f.level === level);
  }
  done(): CheckOutcome {
    return {
      findings: this.findings,
      notObserved: this.notObserved,
      exchanges: this.exchanges,
      ...(this.summary ? { summary: this.summary } : {}),
      ...(this.skipped ? { skip: this.skipped } : {}),
      ...(this.inconclusive ? { inconclusive: true } : {}),
      ...(this.timing ? { timing: this.timing } : {}),
    };
  }
}
