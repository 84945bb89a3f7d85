import { parentPort, Worker } from 'node:worker_threads';
import type { Suite } from './model';
import type { CaseResult, ProgressListener, ScenarioEvent } from './results';
import { runCase } from './run-case';
import type { Mode } from './schema';
import { SCENARIO_WORKER_ROLE } from './worker-role';

export { isScenarioWorker } from './worker-role';

/**
 * Cases on worker threads. A case's world is CPU work in the end (QR images drawn and decoded, AES, SQLite,
 * HTTP parsing), and one thread runs one core: with two cores, two threads run two cases truly at once.
 * The host names the script a thread starts (its own entry: the CLI's out/main/cli.js, or
 * worker-entry.ts under a TypeScript loader); that script calls `serveScenarioWorker()` when
 * `isScenarioWorker()` says it was started for this.
 */

export interface ThreadEntry {
  /** The script a worker thread runs. */
  url: URL;
  execArgv?: string[];
}

type ToWorker = { type: 'run'; suite: Suite; caseIndex: number; mode: Mode };
type FromWorker = { type: 'event'; event: ScenarioEvent } | { type: 'crash'; message: string };

/** The worker side: runs each case it is sent and reports its progress and result. */
export function serveScenarioWorker(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (m: ToWorker) => {
    const c = m.suite.cases[m.caseIndex]!;
    runCase(m.suite, c, m.mode, (event) => port.postMessage({ type: 'event', event } satisfies FromWorker)).catch((err: unknown) =>
      port.postMessage({ type: 'crash', message: (err as Error).message } satisfies FromWorker),
    );
  });
}

export interface ThreadPool {
  run(suite: Suite, caseIndex: number, mode: Mode, emit: ProgressListener): Promise<CaseResult>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** Taken by a run (set the moment it is handed out, so two runs never share a thread). */
  taken: boolean;
  busy?: { resolve: (r: CaseResult) => void; reject: (e: Error) => void; emit: ProgressListener };
}

/** N threads, each running one case at a time; `run` waits for a free one. */
export function createThreadPool(entry: ThreadEntry, size: number): ThreadPool {
  const slots: Slot[] = [];
  const waiting: Array<(s: Slot) => void> = [];

  const spawn = (): Slot => {
    const worker = new Worker(entry.url, { workerData: { role: SCENARIO_WORKER_ROLE }, ...(entry.execArgv ? { execArgv: entry.execArgv } : {}) });
    const slot: Slot = { worker, taken: true };
    worker.on('message', (m: FromWorker) => {
      const busy = slot.busy;
      if (!busy) return;
      if (m.type === 'crash') return finish(slot, () => busy.reject(new Error(m.message)));
      busy.emit(m.event);
      if (m.event.type === 'case-finished') {
        const result = m.event.result;
        finish(slot, () => busy.resolve(result));
      }
    });
    const fail = (why: string): void => {
      const busy = slot.busy;
      slot.busy = undefined;
      const i = slots.indexOf(slot);
      if (i < 0) return;
      slots.splice(i, 1);
      if (busy) busy.reject(new Error(`the worker thread stopped: ${why}`));
      // A case waiting for a thread gets a new one in place of the lost one.
      const next = waiting.shift();
      if (next) next(spawn());
    };
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`exit code ${code}`));
    slots.push(slot);
    return slot;
  };

  const finish = (slot: Slot, settle: () => void): void => {
    slot.busy = undefined;
    slot.taken = false;
    settle();
    const next = waiting.shift();
    if (next) {
      slot.taken = true;
      next(slot);
    }
  };

  const acquire = (): Promise<Slot> => {
    const free = slots.find((s) => !s.taken);
    if (free) {
      free.taken = true;
      return Promise.resolve(free);
    }
    if (slots.length < size) return Promise.resolve(spawn());
    return new Promise((resolve) => waiting.push(resolve));
  };

  return {
    async run(suite, caseIndex, mode, emit) {
      const slot = await acquire();
      return new Promise<CaseResult>((resolve, reject) => {
        slot.busy = { resolve, reject, emit };
        slot.worker.postMessage({ type: 'run', suite, caseIndex, mode } satisfies ToWorker);
      });
    },
    async close() {
      await Promise.allSettled(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
