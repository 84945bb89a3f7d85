import type { Clock, Timer } from '../../clock';
import type { Component, Components } from './components';
import type { OpenSettingsStore } from './settings';

/**
 * component_verify_ticket on the injected clock (spec §4): one push per platform at start, then every N
 * seconds (the interval setting; re-armed when it changes), plus on demand.
 */
export function createTicketTimer(clock: Clock, components: Components, settings: OpenSettingsStore, push: (c: Component) => Promise<unknown>) {
  let timer: Timer | null = null;
  let every = 0;
  const pushAll = (): Promise<unknown> => Promise.allSettled(components.list().map((c) => push(c)));
  const arm = (): void => {
    timer?.cancel();
    every = settings.get().verifyTicketIntervalSeconds;
    timer = clock.setInterval(() => void pushAll(), every * 1000);
  };
  return {
    /** Arms the interval and starts the first round of pushes (not awaited: a slow platform must not delay startup). */
    start(): void {
      arm();
      void pushAll();
    },
    /** After a settings change: a new interval starts counting now. */
    rearm(): void {
      if (timer && settings.get().verifyTicketIntervalSeconds !== every) arm();
    },
    stop(): void {
      timer?.cancel();
      timer = null;
    },
  };
}
