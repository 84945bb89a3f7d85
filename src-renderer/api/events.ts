import { STUDIO_EVENT_TYPES } from '../../src-main/contracts/events';
import type { StudioEvent } from './types';

export type StreamStatus = 'connecting' | 'open' | 'closed';

export interface EventStreamHandlers {
  onEvent(event: StudioEvent): void;
  onStatus(status: StreamStatus): void;
  /** The server finished replaying history; what follows is live. */
  onReady?(): void;
}

export interface EventStream {
  close(): void;
}

/**
 * The one EventSource of the UI. The server names each event by its type, so the listener is per type
 * (onmessage would see nothing). EventSource reconnects by itself with Last-Event-ID; when the browser
 * gives up (e.g. the server answered 401 or went away for good) we retry with a backoff.
 */
export function openEventStream(url: string, handlers: EventStreamHandlers, ES: typeof EventSource = EventSource): EventStream {
  let source: EventSource | null = null;
  let closed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let backoff = 1000;

  const connect = (): void => {
    handlers.onStatus('connecting');
    const es = new ES(url, { withCredentials: true });
    source = es;
    es.onopen = () => {
      backoff = 1000;
      handlers.onStatus('open');
    };
    es.onerror = () => {
      if (closed) return;
      if (es.readyState === ES.CLOSED) {
        handlers.onStatus('closed');
        retry = setTimeout(connect, backoff);
        backoff = Math.min(backoff * 2, 10_000);
      } else {
        handlers.onStatus('connecting');
      }
    };
    for (const type of STUDIO_EVENT_TYPES) {
      es.addEventListener(type, (m: MessageEvent<string>) => {
        let event: StudioEvent;
        try {
          event = JSON.parse(m.data) as StudioEvent;
        } catch {
          return;
        }
        handlers.onEvent(event);
      });
    }
    es.addEventListener('ready', () => handlers.onReady?.());
  };

  connect();
  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      source?.close();
      handlers.onStatus('closed');
    },
  };
}
