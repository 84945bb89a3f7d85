import type { z } from 'zod';
import type { Said } from '../../contracts/said';
import type { Mode, SetupInput, STEP_VALUES } from './schema';

/** A scenario file once validated: what the engine runs. Every step keeps its line for reports. */

export type ActionName = Exclude<keyof typeof STEP_VALUES, 'parallel'>;

type Args<K extends ActionName> = z.infer<(typeof STEP_VALUES)[K]>;

export type ActionStep = {
  [K in ActionName]: { kind: K; args: Args<K>; line: number; label: string };
}[ActionName];

export interface ParallelStep {
  kind: 'parallel';
  /** Fixed branches, or one branch per persona of `each` (its steps run with that persona and its own page). */
  branches: Step[][];
  each?: { personas: string[]; steps: Step[] };
  line: number;
  label: string;
  /** The label as a sentence (its words are the engine's). */
  labelSaid: Said;
}

export type Step = ActionStep | ParallelStep;

export type ClockKind = 'virtual' | 'wall';

export interface Case {
  name: string;
  modes: Mode[];
  tags: string[];
  clock: ClockKind;
  /** Longest a step may take, on the case's clock. */
  timeoutMs: number;
  setup: SetupInput;
  steps: Step[];
  line: number;
}

export interface Suite {
  /** The file as the user named it (relative to the working directory), or `builtin/<name>` for the library. */
  file: string;
  name: string;
  cases: Case[];
}

/** One problem in a file: where, which key, what was expected. */
export interface FormatProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
  /** The message as a sentence, for the studio in the reader's language. */
  messageSaid?: Said;
}

export class ScenarioFormatError extends Error {
  constructor(readonly problems: FormatProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioFormatError';
  }
}

export function formatProblem(p: FormatProblem): string {
  return `${p.file}:${p.line}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Whether any step, at any depth (parallel branches, each), is one of `kinds`. */
export function usesStep(steps: Step[], kinds: readonly string[]): boolean {
  return steps.some((s) => (s.kind === 'parallel' ? s.branches.some((b) => usesStep(b, kinds)) || usesStep(s.each?.steps ?? [], kinds) : kinds.includes(s.kind)));
}

/** Steps that connect the account by authorization: such a case starts with the identity source not connected. */
export const PLATFORM_STEPS = ['platform.authorize', 'platform.cancel'] as const;
