import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../clock';
import type { Transport } from '../platform/push/http';
import type { Activity, Handle } from './activity';

/**
 * A misbehaving developer server, in front of the login server's events endpoint: it starts on a push
 * only after `delayMs` of the world's clock, or answers every push with `status`. The account's server
 * URL points here, so WeChat's requests, timeouts and retries are the real ones.
 *
 * Time: while the proxy holds a request it waits on the world's clock, not on real work, so it parks the
 * push's activity (matched by the request's path and query, which carry a fresh nonce per attempt).
 */

export interface FaultProxyOptions {
  clock: Clock;
  activity: Activity;
  /** Origin of the real server, e.g. http://127.0.0.1:41236. */
  target: string;
  delayMs?: number;
  status?: number;
}

export interface FaultProxy {
  origin: string;
  /** The transport announces a request on its way here, so its activity can be parked when it arrives. */
  expect(key: string, handle: Handle): () => void;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forward(target: string, req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: new URL(target).host, 'content-length': String(body.length) };
    const out = http.request(`${target}${req.url ?? '/'}`, { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  const expected = new Map<string, Handle[]>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (o.status !== undefined) {
      res.writeHead(o.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`HTTP ${o.status} (scenario fault)`);
      return;
    }
    const push = expected.get(req.url ?? '')?.[0];
    if (o.delayMs) {
      push?.park();
      await o.clock.sleep(o.delayMs);
      push?.resume();
    }
    // The server does its work even when WeChat has given up waiting: that is what makes retries dangerous.
    const own = o.activity.begin(`slow server handling ${req.url ?? ''}`);
    try {
      const answer = await forward(o.target, req, body);
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      if (!res.destroyed) res.writeHead(answer.status, headers).end(answer.body);
    } catch {
      if (!res.destroyed) res.writeHead(502).end();
    } finally {
      own.end();
    }
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.destroyed) res.writeHead(500).end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    expect(key, h) {
      const list = expected.get(key) ?? [];
      list.push(h);
      expected.set(key, list);
      return () => {
        const rest = (expected.get(key) ?? []).filter((x) => x !== h);
        if (rest.length) expected.set(key, rest);
        else expected.delete(key);
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback URL where nothing listens: a port the system gave out and took back. */
export async function closedPortOrigin(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * The platform's transport with every push counted as real work, and parked while a fault proxy holds it.
 */
export function trackedTransport(inner: Transport, activity: Activity, proxy: () => FaultProxy | undefined): Transport {
  return {
    async send(request, timeoutMs, stop) {
      const h = activity.begin(`push ${request.url}`);
      const p = proxy();
      const forget = p && request.url.startsWith(p.origin) ? p.expect(request.url.slice(p.origin.length), h) : undefined;
      try {
        return await inner.send(request, timeoutMs, stop);
      } finally {
        forget?.();
        h.end();
      }
    },
    close: () => inner.close(),
  };
}
