import type { StudioApi } from '../../api/studio-api';
import type { StudioState, StudioStore } from '../../store/types';

/** The story was stopped (Stop, a demo reset): not a failure. */
export class StoryStopped extends Error {
  constructor() {
    super('the story was stopped');
    this.name = 'StoryStopped';
  }
}

/** What the story runs on: the API, the store, a demo's beat and a wait for a state the UI shows. */
export interface StoryEnv {
  api: StudioApi;
  store: StudioStore;
  /** A pause so a viewer can follow (a demo's pacing, not a wait for a state). */
  beat(ms: number): Promise<void>;
  /** Resolves with what `pick` returns once it returns something; rejects on timeout or when the story stops. */
  waitFor<T>(pick: (s: StudioState) => T | null | undefined | false, what: string, timeoutMs?: number): Promise<T>;
}

const running = (s: StudioState): boolean => s.story.status === 'running';

/** The browser's timers; the store is watched with subscribe, so a wait ends on the state, not on a poll. */
export function createStoryEnv(
  api: StudioApi,
  store: StudioStore,
  timers: { set: (fn: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  },
): StoryEnv {
  const waitFor = <T>(pick: (s: StudioState) => T | null | undefined | false, what: string, timeoutMs = 30_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let timer: unknown = null;
      let unsub: () => void = () => undefined;
      const finish = (fn: () => void): void => {
        unsub();
        if (timer !== null) timers.clear(timer);
        fn();
      };
      const check = (s: StudioState): boolean => {
        if (!running(s)) {
          finish(() => reject(new StoryStopped()));
          return true;
        }
        const v = pick(s);
        if (v === null || v === undefined || v === false) return false;
        finish(() => resolve(v));
        return true;
      };
      if (check(store.getState())) return;
      unsub = store.subscribe((s) => void check(s));
      timer = timers.set(() => finish(() => reject(new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`))), timeoutMs);
    });

  return {
    api,
    store,
    waitFor,
    beat(ms) {
      return new Promise<void>((resolve, reject) => {
        const stop = (): void => {
          unsub();
          timers.clear(timer);
          reject(new StoryStopped());
        };
        const unsub = store.subscribe((s) => !running(s) && stop());
        const timer = timers.set(() => {
          unsub();
          if (running(store.getState())) resolve();
          else reject(new StoryStopped());
        }, ms);
        if (!running(store.getState())) stop();
      });
    },
  };
}
