import type { StagePace, StageView } from '../../contracts/scenarios';
import type { Clock, Timer } from '../clock';
import { say, type Said } from '../../contracts/said';
import { SaidError } from './said';

/**
 * The pace of a case on the stage: before each step (after the first) a pause, or — in manual pace — a
 * wait for "next", so whoever gives the demo says what happens before it happens. The pace can change
 * while the case plays; stopping the run ends a wait with an error (the step fails: "the run was stopped").
 */


export interface StagePacer {
  beforeStep(next: { id: string; label: string; labelSaid?: Said }): Promise<void>;
  /** The waiting step goes now; false when nothing waits. */
  next(): boolean;
  setPace(pace: Partial<StagePace>): StageView;
  stop(): void;
  view(): StageView;
}

export function createStagePacer(clock: Clock, initial: StagePace, changed: (view: StageView) => void): StagePacer {
  let pace = initial;
  let waiting: StageView['waiting'] = null;
  let release: (() => void) | null = null;
  let fail: ((err: Error) => void) | null = null;
  let timer: Timer | null = null;
  let stopped = false;
  const view = (): StageView => ({ pace, waiting });
  const announce = (): void => changed(view());
  const go = (): void => {
    timer?.cancel();
    timer = null;
    const r = release;
    release = fail = null;
    waiting = null;
    announce();
    r?.();
  };
  const arm = (): void => {
    timer?.cancel();
    timer = pace.manual || !release ? null : clock.setTimer(go, pace.pauseMs);
  };
  return {
    beforeStep(next) {
      if (stopped) return Promise.reject(new SaidError(say('scenario.fail.stopped')));
      return new Promise<void>((resolve, reject) => {
        release = resolve;
        fail = reject;
        waiting = { stepId: next.id, label: next.label, ...(next.labelSaid ? { labelSaid: next.labelSaid } : {}), manual: pace.manual };
        announce();
        arm();
      });
    },
    next() {
      if (!release) return false;
      go();
      return true;
    },
    setPace(patch) {
      pace = { ...pace, ...patch };
      if (waiting) waiting = { ...waiting, manual: pace.manual };
      arm();
      announce();
      return view();
    },
    stop() {
      stopped = true;
      timer?.cancel();
      const f = fail;
      release = fail = null;
      waiting = null;
      f?.(new SaidError(say('scenario.fail.stopped')));
    },
    view,
  };
}
