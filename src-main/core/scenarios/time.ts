import type { Activity } from './activity';
import type { World } from './world';
import { formatMs } from './duration';
import { say, type Said } from '../../contracts/said';
import { SaidError } from './said';

/**
 * Moving a world's time while real I/O runs. In a virtual-clock world a step's promise may wait on real
 * work (a push on the wire, the login server calling WeChat's API) and on the clock (WeChat's 5 s
 * timeout, a retry's spacing, a slow server). The loop: let real work finish, then fire the next timer,
 * until the promise settles or the step's deadline passes. The clock never moves while real work runs,
 * so a timeout can only fire when the answer it races truly has not come.
 */

/** Longest real time a world may stay busy without progress before the step is failed as stalled. */
const BUSY_LIMIT_MS = 30_000;
/** Event-loop turns with no change in activity that count as quiet (promise chains and commits run in these). */
const QUIET_TURNS = 3;

export class StepTimeout extends SaidError {
  constructor(
    said: Said,
    readonly waitedMs: number,
  ) {
    super(said);
    this.name = 'StepTimeout';
  }
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `work`'s value, or 'timeout' after `ms` of real time (the timer is cleared either way). */
async function withinWall<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Parallel branches each wait on the same clock: one of them at a time may move it, and only after the
// world is quiet, so that no timer fires while work another branch started is still running.
const locks = new WeakMap<World, Promise<unknown>>();

function exclusive<T>(world: World, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(world) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(
    world,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * One step of time, once the world is quiet and the waiter still `waiting()`: fire the next timer due at or
 * before `limit` ('fired'), or, when none is, move the clock to `limit` ('jumped'). Deciding and moving
 * happen under the lock, so no timer another branch has just set can be skipped over, and a wait that
 * ended while the world settled moves nothing.
 */
function stepTime(world: World, limit: number, waiting: () => boolean): Promise<'fired' | 'jumped' | 'done'> {
  const v = world.virtual!;
  return exclusive(world, async () => {
    await quiet(world.activity);
    if (!waiting()) return 'done';
    const due = v.nextDue();
    if (due !== undefined && due <= limit) {
      await v.runNext();
      return 'fired';
    }
    if (v.now() < limit) await v.advanceTo(limit);
    return 'jumped';
  });
}

/** Resolves once no real work is running and a few turns of the event loop changed nothing. */
export async function quiet(activity: Activity): Promise<void> {
  const started = performance.now();
  for (;;) {
    if (activity.active > 0) {
      const left = BUSY_LIMIT_MS - (performance.now() - started);
      if (left <= 0 || (await withinWall(activity.whenIdle(), left)) === 'timeout') {
        throw new SaidError(say('scenario.fail.busy', { seconds: BUSY_LIMIT_MS / 1000, running: activity.running().slice(0, 3).join('; ') }));
      }
    }
    const v = activity.version;
    for (let i = 0; i < QUIET_TURNS; i++) await turn();
    if (activity.active === 0 && activity.version === v) return;
  }
}

/**
 * Waits for `work`, moving a virtual clock as needed, at most `limitMs` of the world's time. In a
 * wall-clock world it simply waits (at most `limitMs` of real time).
 */
export async function drive<T>(world: World, work: Promise<T>, limitMs: number, what: string): Promise<T> {
  let settled = false;
  const watched = work.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined);
  const v = world.virtual;
  if (!v) {
    const r = await withinWall(watched, limitMs);
    if (r === 'timeout' && !settled) throw new StepTimeout(say('scenario.fail.notWithin', { what, duration: formatMs(limitMs) }), limitMs);
    return watched;
  }
  const deadline = v.now() + limitMs;
  for (;;) {
    await quiet(world.activity);
    if (settled) return watched;
    const step = await stepTime(world, deadline, () => !settled);
    if (settled) return watched;
    if (step !== 'jumped') continue;
    await quiet(world.activity);
    if (settled) return watched;
    throw new StepTimeout(say('scenario.fail.notWithinCaseTime', { what, duration: formatMs(limitMs) }), limitMs);
  }
}

/**
 * Lets `ms` of the world's time pass for this branch. In virtual time it is a timer like any other, so
 * that while one branch waits two seconds, another's earlier timers fire first and a later one waits.
 */
export async function advance(world: World, ms: number): Promise<void> {
  if (!world.virtual) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return;
  }
  await drive(world, world.clock.sleep(ms), ms + 1, 'clock.advance');
  await quiet(world.activity);
}

/**
 * Checks `test` until it passes or `withinMs` of the world's time has gone by; returns the last result.
 * Virtual time jumps from timer to timer (nothing can change in between); the deadline is a timer too,
 * so other branches' timers after it wait for the check. Wall time polls.
 */
export async function waitUntil<R extends { ok: boolean }>(world: World, withinMs: number, test: () => R): Promise<R> {
  const v = world.virtual;
  if (!v) {
    const deadline = performance.now() + withinMs;
    for (;;) {
      await quiet(world.activity);
      const r = test();
      if (r.ok || performance.now() >= deadline) return r;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, Math.max(1, deadline - performance.now()))));
    }
  }
  const deadline = v.now() + withinMs;
  const marker = withinMs > 0 ? v.setTimer(() => {}, withinMs) : undefined;
  try {
    for (;;) {
      await quiet(world.activity);
      const r = test();
      if (r.ok || v.now() >= deadline) return r;
      await stepTime(world, deadline, () => !test().ok);
    }
  } finally {
    marker?.cancel();
  }
}
