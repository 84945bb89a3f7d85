import type { Probe } from './wire';
import type { ExchangeEvidence, Finding, TimingRow } from './types';

/** What a check's run yields before the engine turns it into a status under the policy. */
export interface CheckOutcome {
  findings: Finding[];
  notObserved: string[];
  exchanges: ExchangeEvidence[];
  summary?: string;
  /** Set when the check could not run here (not applicable, blocked by another check's finding). */
  skip?: string;
  /** Nothing wrong was seen, but the check's core question could not be observed: INFO, not PASS. */
  inconclusive?: boolean;
  timing?: TimingRow[];
}

export class Outcome {
  readonly findings: Finding[] = [];
  readonly notObserved: string[] = [];
  readonly exchanges: ExchangeEvidence[] = [];
  summary?: string;
  skipped?: string;
  inconclusive = false;
  timing?: TimingRow[];

  fail(text: string): this {
    this.findings.push({ level: 'fail', text });
    return this;
  }
  warn(text: string): this {
    this.findings.push({ level: 'warn', text });
    return this;
  }
  info(text: string): this {
    this.findings.push({ level: 'info', text });
    return this;
  }
  pass(text: string): this {
    this.findings.push({ level: 'pass', text });
    return this;
  }
  unobserved(text: string, core = true): this {
    this.notObserved.push(text);
    if (core) this.inconclusive = true;
    return this;
  }
  skip(reason: string): this {
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
