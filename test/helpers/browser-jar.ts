/**
 * A browser without a page: cookies kept per path (host-only, as the provider sets them) and redirects
 * followed by hand, so a test can stop at the hop it wants to look at (the hosted page, the callback).
 */

interface Cookie {
  name: string;
  value: string;
  path: string;
  origin: string;
}

export interface Hop {
  url: string;
  status: number;
  location: string | null;
  body: string;
}

export class CookieBrowser {
  private readonly cookies: Cookie[] = [];

  constructor(private readonly fetchImpl: typeof fetch) {}

  /** The same cookies with another fetch (e.g. after the server restarted with a new agent). */
  withFetch(fetchImpl: typeof fetch): CookieBrowser {
    const next = new CookieBrowser(fetchImpl);
    next.cookies.push(...this.cookies);
    return next;
  }

  cookieNames(): string[] {
    return this.cookies.map((c) => c.name);
  }

  private header(url: URL): string {
    return this.cookies
      .filter((c) => c.origin === url.origin && url.pathname.startsWith(c.path))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private store(url: URL, res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^expires=thu, 01 jan 1970/i.test(a) || /^max-age=0$/i.test(a));
      const i = this.cookies.findIndex((c) => c.name === name && c.path === path && c.origin === url.origin);
      if (i >= 0) this.cookies.splice(i, 1);
      if (!expired) this.cookies.push({ name, value, path, origin: url.origin });
    }
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Hop> {
    const u = new URL(url);
    const headers: Record<string, string> = {};
    const cookie = this.header(u);
    if (cookie) headers.cookie = cookie;
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await this.fetchImpl(u, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      redirect: 'manual',
      ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}),
    });
    this.store(u, res);
    const location = res.headers.get('location');
    return { url: u.href, status: res.status, location: location ? new URL(location, u).href : null, body: await res.text() };
  }

  /** Follows redirects until `stop` says so (or a non-redirect answer); returns every hop. */
  async follow(url: string, stop: (next: string) => boolean = () => false, max = 12): Promise<Hop[]> {
    const hops: Hop[] = [];
    let next: string | null = url;
    while (next && hops.length < max) {
      const hop = await this.request(next);
      hops.push(hop);
      next = hop.status >= 300 && hop.status < 400 ? hop.location : null;
      if (next && stop(next)) break;
    }
    return hops;
  }
}
