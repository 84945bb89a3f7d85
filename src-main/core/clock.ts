/**
 * Time, injected. Everything in the engine that waits — QR expiry, token lifetimes, WeChat's push timeout
 * and retry spacing, shutdown grace, periodic jobs — asks its clock, never the global timers, so that a test
 * or a scenario can run two minutes of QR lifetime or three 5-second push attempts in milliseconds.
 *
 * `systemClock` is wall time. `createVirtualClock()` is time that moves only when told to (`advance`,
 * `advanceTo`, `runNext`); its timers fire in due order, each followed by a turn of the event loop so that
 * the work a timer starts (an aborted fetch, a retry) gets to run before the next one fires.
 */

export interface Timer {
  /** Cancels the timer; calling it again, or after it fired, does nothing. */
  cancel(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `fn` once after `ms` of this clock's time. The timer never keeps the process alive on its own. */
  setTimer(fn: () => void, ms: number): Timer;
  /** Runs `fn` every `ms` of this clock's time until cancelled. */
  setInterval(fn: () => void, ms: number): Timer;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A signal that aborts with a `TimeoutError` after `ms` of this clock's time (AbortSignal.timeout, on this clock). */
  timeout(ms: number): AbortSignal;
}

export interface VirtualClock extends Clock {
  readonly virtual: true;
  /** Moves time forward by `ms`, firing every timer that falls due on the way, in order. */
  advance(ms: number): Promise<void>;
  /** Moves time forward to `at` (never backwards). */
  advanceTo(at: number): Promise<void>;
  /** When the earliest pending timer falls due, or undefined when none is pending. */
  nextDue(): number | undefined;
  /** Moves time to the earliest pending timer and fires it (and any due at the same instant); false when none. */
  runNext(): Promise<boolean>;
  /** How many timers are pending. */
  pending(): number;
}

const MAX_DELAY = 2_147_000_000;

function timeoutError(ms: number): DOMException {
  return new DOMException(`The operation timed out after ${ms} ms`, 'TimeoutError');
}

function sleepWith(clock: Pick<Clock, 'setTimer'>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      timer.cancel();
      reject(signal?.reason);
    };
    const timer = clock.setTimer(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, Math.min(Math.max(0, ms), MAX_DELAY));
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, Math.min(Math.max(1, ms), MAX_DELAY));
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
  sleep(ms, signal) {
    return sleepWith(systemClock, ms, signal);
  },
  timeout(ms) {
    return AbortSignal.timeout(Math.min(Math.max(0, ms), MAX_DELAY));
  },
};

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  every?: number;
  cancelled: boolean;
}

/** One turn of the event loop: promise continuations and I/O callbacks queued by a fired timer run first. */
const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

export function createVirtualClock(start = Date.UTC(2026, 0, 1)): VirtualClock {
  let current = start;
  let seq = 0;
  let timers: Pending[] = [];

  const add = (fn: () => void, ms: number, every?: number): Timer => {
    const p: Pending = { at: current + Math.max(0, ms), seq: ++seq, fn, cancelled: false, ...(every ? { every } : {}) };
    timers.push(p);
    return {
      cancel: () => {
        p.cancelled = true;
        timers = timers.filter((t) => t !== p);
      },
    };
  };
  const earliest = (): Pending | undefined => {
    let best: Pending | undefined;
    for (const t of timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  };
  const fire = async (t: Pending): Promise<void> => {
    timers = timers.filter((x) => x !== t);
    if (t.every && !t.cancelled) {
      t.at += t.every;
      t.seq = ++seq;
      timers.push(t);
    }
    try {
      t.fn();
    } catch {
      // A failing timer callback must not stop time for the others.
    }
    await settle();
  };

  const clock: VirtualClock = {
    virtual: true,
    now: () => current,
    setTimer: (fn, ms) => add(fn, ms),
    setInterval: (fn, ms) => add(fn, Math.max(1, ms), Math.max(1, ms)),
    sleep: (ms, signal) => sleepWith(clock, ms, signal),
    timeout(ms) {
      const c = new AbortController();
      add(() => c.abort(timeoutError(ms)), ms);
      return c.signal;
    },
    async advanceTo(at) {
      for (let t = earliest(); t && t.at <= at; t = earliest()) {
        current = Math.max(current, t.at);
        await fire(t);
      }
      current = Math.max(current, at);
      await settle();
    },
    advance(ms) {
      return clock.advanceTo(current + Math.max(0, ms));
    },
    nextDue: () => earliest()?.at,
    async runNext() {
      const t = earliest();
      if (!t) return false;
      await clock.advanceTo(t.at);
      return true;
    },
    pending: () => timers.length,
  };
  return clock;
}
