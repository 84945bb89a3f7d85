import type { RunResult } from './results';

/** The JSON report: the run's result as the engine returns it (see results.ts for its shape). */
export function jsonReport(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
