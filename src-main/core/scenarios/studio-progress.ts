import { applyProgress, flattenSteps, type ScenarioProgress, type ScenarioRunView } from '../../contracts/scenarios';
import type { Clock, Timer } from '../clock';
import type { ScenarioEvent } from './results';

/**
 * A run's progress for the studio: each engine event becomes a compact progress item (no timelines: the
 * page fetches a case's result when it opens it), applied at once to the run's view and sent on the
 * studio's event stream a few items at a time, so a whole library run is tens of events rather than
 * thousands.
 */

/** How long items wait to travel together. */
export const BATCH_MS = 100;

export function progressOf(e: ScenarioEvent): ScenarioProgress | null {
  switch (e.type) {
    case 'run-started':
      return { t: 'started', runs: e.runs };
    case 'case-started':
      return { t: 'case', id: e.run.id };
    case 'step-started':
      return { t: 'step', caseId: e.runId, stepId: e.stepId, label: e.label, ...(e.labelSaid ? { labelSaid: e.labelSaid } : {}), line: e.line };
    case 'step-finished':
      return { t: 'step-done', caseId: e.runId, step: e.step };
    case 'case-finished': {
      const r = e.result;
      return { t: 'case-done', id: r.id, status: r.status, ...(r.failure ? { failure: r.failure } : {}), wallMs: r.wallMs, caseMs: r.caseMs, steps: flattenSteps(r.steps) };
    }
    case 'run-finished':
      return null; // the manager ends the run: it knows whether it was stopped
  }
}

export interface ProgressChannel {
  /** Applies the item to the view and queues it; `urgent` sends the queue now (stage cues, the end). */
  push(item: ScenarioProgress, urgent?: boolean): void;
  flush(): void;
}

export function createProgressChannel(
  clock: Clock,
  record: { view: ScenarioRunView },
  send: (items: ScenarioProgress[], version: number) => void,
): ProgressChannel {
  let queue: ScenarioProgress[] = [];
  let timer: Timer | null = null;
  const flush = (): void => {
    timer?.cancel();
    timer = null;
    if (!queue.length) return;
    const items = queue;
    queue = [];
    send(items, record.view.version);
  };
  return {
    push(item, urgent = false) {
      record.view = applyProgress(record.view, item);
      queue.push(item);
      if (urgent) flush();
      else timer ??= clock.setTimer(flush, BATCH_MS);
    },
    flush,
  };
}
