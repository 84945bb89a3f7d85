import tls from 'node:tls';
import type { Agent } from 'undici';

/**
 * A fetch that trusts the public roots and one more CA (the studio's own), for the studio's outgoing
 * requests to its https auth server (WeChat's pushes, the relay, the sample website). Scoped to the
 * requests made with it: the process's default trust is left alone. undici is loaded at the first request.
 */
export function fetchTrusting(caPem: string): { fetch: typeof globalThis.fetch; close(): Promise<void> } {
  type Loaded = { agent: Agent; fetch: (input: never, init: never) => Promise<unknown> };
  let loaded: Promise<Loaded> | null = null;
  const load = (): Promise<Loaded> =>
    (loaded ??= import('undici').then((u) => ({ agent: new u.Agent({ connect: { ca: [...tls.rootCertificates, caPem] } }), fetch: u.fetch as Loaded['fetch'] })));
  const trusting = async (input: Parameters<typeof globalThis.fetch>[0], init?: RequestInit): Promise<Response> => {
    const u = await load();
    // undici's own fetch, so the dispatcher is of the same version; its Response is the standard one.
    return (await u.fetch(input as never, { ...(init ?? {}), dispatcher: u.agent } as never)) as Response;
  };
  return {
    fetch: trusting as typeof globalThis.fetch,
    close: async () => {
      if (loaded) await (await loaded).agent.close();
    },
  };
}
