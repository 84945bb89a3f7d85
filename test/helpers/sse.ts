/** One server-sent event as a client sees it. */
export interface SseMessage {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * An incremental parser of a text/event-stream: feed it chunks as they arrive; it calls `onMessage` for
 * each complete event (comments and retry lines are skipped).
 */
export function sseParser(onMessage: (m: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const m: SseMessage = {};
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) m.id = line.slice(4);
        else if (line.startsWith('event: ')) m.event = line.slice(7);
        else if (line.startsWith('data: ')) m.data = line.slice(6);
      }
      if (m.event !== undefined || m.data !== undefined) onMessage(m);
    }
  };
}
