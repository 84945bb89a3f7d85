import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A listener the audit points XML external entities at: if the developer's server fetches the URL while
 * parsing a push, the hit is the evidence. It only makes sense for a server on this machine (127.0.0.1
 * means the server itself elsewhere).
 */
export interface Canary {
  url(id: string): string;
  hits(id: string): number;
  close(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const id = (req.url ?? '').replace(/^\/xxe\//, '').replace(/[?#].*$/, '');
    hits.set(id, (hits.get(id) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('audit-canary');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (id) => `http://127.0.0.1:${port}/xxe/${id}`,
    hits: (id) => hits.get(id) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}
