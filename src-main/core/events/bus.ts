import type { StudioEvent, StudioEventBody } from '../../contracts/events';
import type { Clock } from '../context';

export type Listener = (event: StudioEvent) => void;

export interface Bus {
  publish(body: StudioEventBody): StudioEvent;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
  /** The most recent events, oldest first (replayed to a new subscriber). */
  recent(limit?: number): StudioEvent[];
}

/**
 * The in-process event bus: typed, synchronous fan-out, plus a ring buffer so that a client that
 * connects late (or reconnects) first sees recent history. A failing listener never stops the others.
 */
export function createBus(clock: Clock, historySize = 500): Bus {
  const listeners = new Set<Listener>();
  const ring: StudioEvent[] = [];
  let head = 0;
  let seq = 0;
  return {
    publish(body) {
      const event = { ...body, seq: ++seq, at: clock.now() } as StudioEvent;
      if (ring.length < historySize) ring.push(event);
      else {
        ring[head] = event;
        head = (head + 1) % historySize;
      }
      for (const l of listeners) {
        try {
          l(event);
        } catch {
          // A broken subscriber (e.g. a closed SSE socket) must not break publishing.
        }
      }
      return event;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    recent(limit = historySize) {
      const ordered = ring.length < historySize ? ring.slice() : [...ring.slice(head), ...ring.slice(0, head)];
      return ordered.slice(Math.max(0, ordered.length - limit));
    },
  };
}
