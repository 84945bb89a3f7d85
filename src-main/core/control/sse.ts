import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Bus } from '../events/bus';
import type { StudioEvent } from '../../contracts/events';

const HEARTBEAT_MS = 15_000;

/**
 * One server-sent-event stream of everything that happens. A new subscriber first gets the recent
 * history (or, when it reconnects with Last-Event-ID, only what it missed), then every event live.
 */
export function streamEvents(bus: Bus, req: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  const send = (e: StudioEvent): void => {
    res.write(`id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  };
  res.write('retry: 1500\n\n');
  const lastId = Number(req.headers['last-event-id'] ?? NaN);
  const history = bus.recent();
  for (const e of Number.isFinite(lastId) ? history.filter((h) => h.seq > lastId) : history) send(e);
  res.write(`event: ready\ndata: {}\n\n`);
  const unsubscribe = bus.subscribe(send);
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const close = (): void => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.raw.on('close', close);
  res.on('error', close);
}
