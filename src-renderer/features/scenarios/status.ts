import type { CaseRunStatus, RunStatus, StepView } from '../../../src-main/contracts/scenarios';

type Tone = 'grey' | 'green' | 'red' | 'amber' | 'blue';

export const caseTone = (s: CaseRunStatus): Tone => (s === 'passed' ? 'green' : s === 'failed' ? 'red' : s === 'running' ? 'blue' : 'grey');
export const runTone = (s: RunStatus): Tone => (s === 'passed' ? 'green' : s === 'failed' ? 'red' : s === 'running' ? 'blue' : 'amber');
export const stepTone = (s: StepView['status']): Tone => (s === 'passed' ? 'green' : s === 'failed' ? 'red' : s === 'running' ? 'blue' : 'grey');

/** `file#case`: one case of one file (all its modes). */
export const caseKey = (file: string, name: string): string => `${file}#${name}`;

/** A duration as the reports write it: 850 ms, 1.2 s, 2 min 5 s. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Depth of a step in its case: "3" is 0, "5.2" (a branch) is 1, "5.2.1" is 2. */
export const stepDepth = (id: string): number => id.split('.').length - 1;
