import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Bus } from '../events/bus';
import { openEventStream } from '../http/event-stream';

/**
 * One server-sent-event stream of everything that happens. A new subscriber first gets the recent
 * history (or, when it reconnects with Last-Event-ID, only what it missed), then every event live.
 */
export function streamEvents(bus: Bus, req: FastifyRequest, reply: FastifyReply): void {
  const stream = openEventStream(req, reply, 1500);
  const lastId = Number(req.headers['last-event-id'] ?? NaN);
  const history = bus.recent();
  for (const e of Number.isFinite(lastId) ? history.filter((h) => h.seq > lastId) : history) stream.send(e.type, e, e.seq);
  stream.send('ready', {});
  stream.onClose(bus.subscribe((e) => stream.send(e.type, e, e.seq)));
}
