import type { FastifyReply, FastifyRequest } from 'fastify';
import { studioEventSchema, type StudioEvent } from '../../contracts/events';
import type { Bus } from '../events/bus';
import { openEventStream, type EventStream } from '../http/event-stream';

/** Each event as the contract declares it: a field not in the schema never reaches the studio. */
function sendDeclared(stream: EventStream, e: StudioEvent): void {
  const r = studioEventSchema.safeParse(e);
  if (r.success) stream.send(e.type, r.data, e.seq);
}

/**
 * One server-sent-event stream of everything that happens. A new subscriber first gets the recent
 * history (or, when it reconnects with Last-Event-ID, only what it missed), then every event live.
 */
export function streamEvents(bus: Bus, req: FastifyRequest, reply: FastifyReply): void {
  const stream = openEventStream(req, reply, 1500);
  const lastId = Number(req.headers['last-event-id'] ?? NaN);
  const history = bus.recent();
  for (const e of Number.isFinite(lastId) ? history.filter((h) => h.seq > lastId) : history) sendDeclared(stream, e);
  stream.send('ready', {});
  stream.onClose(bus.subscribe((e) => sendDeclared(stream, e)));
}
