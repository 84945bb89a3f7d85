import { isMainThread, workerData } from 'node:worker_threads';

/** Marks a worker thread started to run scenario cases (kept tiny: hosts check it before loading anything). */
export const SCENARIO_WORKER_ROLE = 'follow-studio-scenario-worker';

export function isScenarioWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | null)?.role === SCENARIO_WORKER_ROLE;
}
