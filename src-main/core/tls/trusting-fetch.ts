import tls from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * A fetch that trusts the public roots and one more CA (the studio's own), for the studio's outgoing
 * requests to its https auth server (WeChat's pushes, the relay, the sample website). Scoped to the
 * requests made with it: the process's default trust is left alone.
 */
export function fetchTrusting(caPem: string): { fetch: typeof globalThis.fetch; close(): Promise<void> } {
  const agent = new Agent({ connect: { ca: [...tls.rootCertificates, caPem] } });
  const trusting = (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> =>
    // undici's own fetch, so the dispatcher is of the same version; its Response is the standard one.
    undiciFetch(input as never, { ...(init ?? {}), dispatcher: agent } as never) as unknown as Promise<Response>;
  return { fetch: trusting as typeof globalThis.fetch, close: () => agent.close() };
}
