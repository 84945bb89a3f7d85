import { describe, expect, it, vi } from 'vitest';
import { applyProgress, emptyRunView, type ScenarioProgress, type ScenarioRunView } from '../../../src-main/contracts/scenarios';
import type { StudioApi } from '../../../src-renderer/api/studio-api';
import { createStudioStore } from '../../../src-renderer/store/create-store';

/**
 * A run's view on the page follows the stream by version: items it already has (a fetch raced the stream)
 * are skipped, items it missed (a reconnect) make it fetch the view again.
 */

const REF = { id: 'c1', file: 'builtin/follow-login.yaml', suite: 'Follow login', case: 'new user follows and signs in', mode: 'safe' as const };
const STARTED: ScenarioProgress = { t: 'started', runs: [REF] };
const CASE: ScenarioProgress = { t: 'case', id: 'c1' };
const STEP: ScenarioProgress = { t: 'step', caseId: 'c1', stepId: '1', label: 'page.open', line: 10 };
const STEP2: ScenarioProgress = { t: 'step', caseId: 'c1', stepId: '2', label: 'phone.scan as Lin', line: 11 };

const view = (...items: ScenarioProgress[]): ScenarioRunView => items.reduce(applyProgress, emptyRunView('run_1', 'suite', 0, null));

function setup(fetched: ScenarioRunView) {
  const scenarioRun = vi.fn(async () => fetched);
  const store = createStudioStore({ api: { scenarioRun } as unknown as StudioApi, schedule: () => undefined });
  const receive = (progress: ScenarioProgress[], version: number): void => store.getState().actions.receiveScenario({ runId: 'run_1', progress, version, at: Date.now() });
  const run = (): ScenarioRunView | undefined => store.getState().scenarios.runs['run_1'];
  return { store, scenarioRun, receive, run };
}

describe('a scenario run on the page', () => {
  it('counts the items a view has applied', () => {
    expect(view().version).toBe(0);
    expect(view(STARTED, CASE, STEP).version).toBe(3);
  });

  it('applies only the items it has not seen, and fetches the view again when some were missed', async () => {
    const { scenarioRun, receive, run } = setup(view(STARTED));
    receive([STARTED], 1);
    await vi.waitFor(() => expect(run()?.version).toBe(1));
    expect(run()?.cases.map((c) => c.status)).toEqual(['queued']);

    receive([CASE], 2);
    expect(run()?.version).toBe(2);
    expect(run()?.cases[0]?.status).toBe('running');

    // The same items again (a fetch already had them): nothing changes.
    const before = run();
    receive([CASE], 2);
    expect(run()).toBe(before);

    // A batch that overlaps what the view has: only the new step is applied, once.
    receive([CASE, STEP], 3);
    expect(run()?.version).toBe(3);
    expect(run()?.cases[0]?.steps.map((s) => s.id)).toEqual(['1']);
    expect(scenarioRun).toHaveBeenCalledTimes(1);

    // Items 4 and 5 never arrived: the page fetches the view rather than show a wrong one.
    receive([STEP2], 6);
    expect(run()?.version).toBe(3);
    expect(scenarioRun).toHaveBeenCalledTimes(2);
  });

  it('keeps the newer view when a fetch answers with an older one', async () => {
    const { receive, run, scenarioRun } = setup(view(STARTED));
    receive([STARTED], 1);
    await vi.waitFor(() => expect(run()?.version).toBe(1));
    receive([CASE, STEP], 3);
    scenarioRun.mockResolvedValueOnce(view(STARTED, CASE));
    receive([STEP2], 9); // a gap: fetch, but the answer is older than what the stream brought meanwhile
    expect(scenarioRun).toHaveBeenCalledTimes(2);
    // The page's own continuation was queued first: once this settles, the answer has been handled.
    await scenarioRun.mock.results[1]!.value;
    expect(run()?.version).toBe(3);
    expect(run()?.cases[0]?.steps.map((s) => s.id)).toEqual(['1']);
  });
});
