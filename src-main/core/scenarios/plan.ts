import type { Case, Suite } from './model';
import type { RunRef } from './results';
import { runId } from './run-case';
import type { Mode } from './schema';

/**
 * The list of runs — every case × mode, in file order — filtered and sharded. The same files and flags
 * give the same list on every machine, so `--shard 2/4` on four CI machines covers it exactly once.
 */

export interface PlannedRun extends RunRef {
  suiteRef: Suite;
  caseRef: Case;
}

export interface PlanOptions {
  /** Only these modes (a case's own list is intersected with it). */
  modes?: Mode[];
  /** Runs whose title `suite › case [mode]` matches. */
  grep?: RegExp;
  /** Cases with any of these tags; `!tag` excludes a tag. */
  tags?: string[];
  /** 1-based shard of a total; runs are dealt round-robin, so each shard gets a mix of files. */
  shard?: { index: number; total: number };
}

export const runTitle = (r: RunRef): string => `${r.suite} › ${r.case} [${r.mode}]`;

function tagFilter(tags: string[] | undefined): (c: Case) => boolean {
  if (!tags?.length) return () => true;
  const include = tags.filter((t) => !t.startsWith('!'));
  const exclude = tags.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  return (c) => !c.tags.some((t) => exclude.includes(t)) && (include.length === 0 || c.tags.some((t) => include.includes(t)));
}

export function planRuns(suites: Suite[], o: PlanOptions = {}): PlannedRun[] {
  const byTags = tagFilter(o.tags);
  const all: PlannedRun[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      if (!byTags(c)) continue;
      for (const mode of c.modes) {
        if (o.modes && !o.modes.includes(mode)) continue;
        const run: PlannedRun = { id: runId(suite.file, c.name, mode), file: suite.file, suite: suite.name, case: c.name, mode, suiteRef: suite, caseRef: c };
        if (o.grep && !o.grep.test(runTitle(run))) continue;
        all.push(run);
      }
    }
  }
  const shard = o.shard;
  return shard ? all.filter((_, i) => i % shard.total === shard.index - 1) : all;
}
