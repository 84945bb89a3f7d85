import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { urlHost } from './loopback';

/** A listen failure in one line that names the address, the port and the flag that chose it. */
export class ListenError extends Error {
  constructor(
    readonly server: string,
    readonly port: number,
    readonly code: string,
    flag: string,
    host: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `port ${port} (${flag}) is already in use; choose another port or 0 for any free port`
        : code === 'EACCES'
          ? `port ${port} (${flag}) needs privileges this user does not have; choose a port above 1023 or 0`
          : code === 'EADDRNOTAVAIL'
            ? `address ${host} (--host) is not available on this machine; use 127.0.0.1`
            : code === 'ENOTFOUND'
              ? `address ${host} (--host) cannot be resolved; use 127.0.0.1`
              : `cannot listen on ${host}:${port} (${flag}): ${code}`,
    );
  }
}

export interface BoundServer {
  server: http.Server;
  /** The origin clients use, e.g. http://127.0.0.1:41234. */
  origin: string;
  port: number;
}

/**
 * Starts listening before anything is built on the server, so every URL of the run is known when the
 * modules are created (and never changes). A request that arrives before the app is attached waits.
 */
export async function bindServer(
  name: string,
  host: string,
  port: number,
  options: { flag?: string; server?: http.Server; secure?: boolean } = {},
): Promise<BoundServer> {
  const server = options.server ?? http.createServer();
  const flag = options.flag ?? `--${name}-port`;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(new ListenError(name, port, err.code ?? 'error', flag, host));
    server.once('error', onError);
    server.listen({ host, port }, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return { server, port: bound, origin: `${options.secure ? 'https' : 'http'}://${urlHost(host)}:${bound}` };
}

/** Closes a bound server, dropping keep-alive connections so shutdown is quick. */
export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}
