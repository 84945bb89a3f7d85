/**
 * Real work in flight in one world: HTTP requests between its servers, the engine's own calls. The
 * virtual clock may move only when nothing real is running — otherwise a push still on the wire would
 * see its 5 s timeout fire before the server's answer arrived. Work that waits only on the world's clock
 * (a server told to be slow) is "parked": it does not hold time back.
 */

export interface Handle {
  /** The work now waits only on the world's clock. */
  park(): void;
  /** The work is running again. */
  resume(): void;
  end(): void;
}

export interface Activity {
  begin(what: string): Handle;
  /** Tracks a promise of real work from now until it settles. */
  track<T>(what: string, work: Promise<T>): Promise<T>;
  /** Running (not parked) work. */
  readonly active: number;
  /** Changes whenever work begins, parks, resumes or ends: a quiet check compares it across turns. */
  readonly version: number;
  /** Resolves once nothing is running (at once when nothing is). */
  whenIdle(): Promise<void>;
  /** What is running, for a stall message. */
  running(): string[];
}

export function createActivity(): Activity {
  const running = new Map<number, string>();
  let version = 0;
  let seq = 0;
  let waiters: Array<() => void> = [];

  const changed = (): void => {
    version++;
    if (running.size === 0 && waiters.length) {
      const w = waiters;
      waiters = [];
      for (const fn of w) fn();
    }
  };

  const activity: Activity = {
    begin(what) {
      const id = ++seq;
      let state: 'running' | 'parked' | 'ended' = 'running';
      running.set(id, what);
      changed();
      return {
        park() {
          if (state !== 'running') return;
          state = 'parked';
          running.delete(id);
          changed();
        },
        resume() {
          if (state !== 'parked') return;
          state = 'running';
          running.set(id, what);
          changed();
        },
        end() {
          if (state === 'ended') return;
          state = 'ended';
          running.delete(id);
          changed();
        },
      };
    },
    track(what, work) {
      const h = activity.begin(what);
      return work.finally(() => h.end());
    },
    get active() {
      return running.size;
    },
    get version() {
      return version;
    },
    whenIdle() {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    running: () => [...running.values()],
  };
  return activity;
}

/** A fetch whose every call counts as real work until its body has been read or it failed. */
export function trackedFetch(activity: Activity, inner: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const what = `fetch ${typeof input === 'string' ? input : input instanceof URL ? input.href : input.url}`;
    const h = activity.begin(what);
    try {
      const res = await inner(input, init);
      // The body is read later by the caller; buffering it here keeps "in flight" honest.
      const body = await res.arrayBuffer();
      return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
    } finally {
      h.end();
    }
  };
}
