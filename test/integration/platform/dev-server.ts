import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  /** The raw request target, query string included, as sent. */
  url: string;
  query: URLSearchParams;
  /** Query parameter names in the order they were sent. */
  queryOrder: string[];
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status?: number;
  body?: string;
  /** Hold the answer this long (to exercise the platform's timeout). */
  delayMs?: number;
  /** Never answer: hold the request until the platform gives up on it (or the server closes). */
  hold?: boolean;
  headers?: Record<string, string>;
}

export type Responder = (r: Received, index: number) => Answer | Promise<Answer>;

export interface DevServer {
  url: string;
  received: Received[];
  /** Requests held unanswered right now. */
  readonly holding: number;
  respond(fn: Responder): void;
  /** Resolves when `n` requests have arrived in total. */
  waitFor(n: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A developer's server on port 0 that records every request the platform sends and answers as a test
 * tells it: a stand-in for the GenAuth events endpoint or someone's own server.
 */
export async function startDevServer(path = '/wechat'): Promise<DevServer> {
  const received: Received[] = [];
  let responder: Responder = (r) => (r.method === 'GET' ? { body: r.query.get('echostr') ?? '' } : { body: 'success' });
  const waiters: Array<{ n: number; resolve: (r: Received[]) => void }> = [];
  const timers = new Set<NodeJS.Timeout>();
  let holding = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '';
      const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      const r: Received = {
        method: req.method ?? '',
        url,
        query: new URLSearchParams(search),
        queryOrder: search.split('&').filter(Boolean).map((p) => decodeURIComponent(p.split('=')[0]!)),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const index = received.push(r) - 1;
      for (const w of [...waiters]) {
        if (received.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(received.slice());
        }
      }
      void Promise.resolve(responder(r, index)).then((a) => {
        if (a.hold) {
          holding++;
          res.on('close', () => holding--);
          return;
        }
        const send = (): void => {
          if (res.destroyed) return;
          res.writeHead(a.status ?? 200, { 'content-type': 'text/plain; charset=utf-8', ...a.headers });
          res.end(a.body ?? '');
        };
        if (a.delayMs) {
          const t = setTimeout(() => (timers.delete(t), send()), a.delayMs);
          timers.add(t);
        } else send();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    get holding() {
      return holding;
    },
    respond(fn) {
      responder = fn;
    },
    waitFor(n) {
      if (received.length >= n) return Promise.resolve(received.slice());
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
