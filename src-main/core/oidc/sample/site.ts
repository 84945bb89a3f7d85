import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CoreContext } from '../../context';
import { createHttpApp } from '../../http/app';
import { bindServer } from '../../http/listen';
import { renderSamplePage } from './page';
import { createSampleRp, describeError, type PendingLogin, type SampleBinding, type SignedIn } from './rp';
import { pickLang, SAMPLE_TEXT, type SampleLang } from './texts';

export type { SampleBinding } from './rp';

/**
 * A small website on its own loopback origin that signs its users in through the studio's provider, as
 * a real website would (see rp.ts). It is the stage's "website": the PC browser shows it, "Sign in with
 * WeChat" leads to the hosted login page. Visits are kept in memory (a restart signs the site's visitors out).
 */

export type SampleProblem = 'noApplication' | 'noSecret';

export interface SampleDeps {
  core: CoreContext;
  issuer(): string;
  /** The application the site signs in with, with `callback` and `home` registered on it. */
  bind(callback: string, home: string): SampleBinding | SampleProblem;
}

interface Visit {
  lang: SampleLang;
  pending?: PendingLogin;
  user?: SignedIn;
  notice?: string;
  error?: string;
}

const COOKIE = 'sample_sid';
const MAX_VISITS = 500;

/** Visits by cookie, oldest dropped first. */
function createVisits() {
  const visits = new Map<string, Visit>();
  return (req: FastifyRequest, reply: FastifyReply): Visit => {
    const sid = /(?:^|;\s*)sample_sid(?:_x)?=([A-Za-z0-9_-]{22})/.exec(req.headers.cookie ?? '')?.[1];
    const found = sid ? visits.get(sid) : undefined;
    if (found) return found;
    const id = randomBytes(16).toString('base64url');
    const visit: Visit = { lang: pickLang(undefined, req.headers['accept-language']) };
    visits.set(id, visit);
    // In the studio's frame with an https auth server, the callback arrives from a cross-site page: the Lax
    // cookie is not sent then, its partitioned SameSite=None twin is (browsers count loopback http as secure).
    reply.header('set-cookie', [`${COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax`, `${COOKIE}_x=${id}; Path=/; HttpOnly; SameSite=None; Secure; Partitioned`]);
    if (visits.size > MAX_VISITS) visits.delete(visits.keys().next().value!);
    return visit;
  };
}

export async function startSampleSite(d: SampleDeps): Promise<{ url: string; stop(): Promise<void> }> {
  // Listens first, like the studio's servers: its callback URL is known before any route is built.
  const bound = await bindServer('sample', d.core.config.host, 0, { flag: 'the sample website' });
  const origin = bound.origin;
  const app = createHttpApp({ name: 'sample', log: d.core.log, server: bound.server });
  const rp = createSampleRp({ issuer: d.issuer, fetch: d.core.fetch, now: () => d.core.clock.now() });
  const visitOf = createVisits();

  function show(req: FastifyRequest, reply: FastifyReply, visit: Visit): FastifyReply {
    visit.lang = pickLang((req.query as { lang?: string }).lang ?? visit.lang, req.headers['accept-language']);
    const nonce = randomBytes(16).toString('base64');
    const html = renderSamplePage({
      lang: visit.lang,
      t: SAMPLE_TEXT[visit.lang],
      nonce,
      signedIn: visit.user ?? null,
      ...(visit.notice ? { notice: visit.notice } : {}),
      ...(visit.error ? { error: visit.error } : {}),
    });
    delete visit.notice;
    delete visit.error;
    return reply
      .header('cache-control', 'no-store')
      .header('content-security-policy', `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self' ${new URL(d.issuer()).origin}; base-uri 'none'`)
      .type('text/html; charset=utf-8')
      .send(html);
  }

  /** Runs one step of the flow; its failure is shown on the home page. */
  const step = (run: (visit: Visit, b: SampleBinding, req: FastifyRequest) => Promise<string | void>) => async (req: FastifyRequest, reply: FastifyReply) => {
    const visit = visitOf(req, reply);
    const b = d.bind(`${origin}/callback`, `${origin}/`);
    if (typeof b === 'string') visit.error = SAMPLE_TEXT[visit.lang][b];
    else {
      try {
        const next = await run(visit, b, req);
        if (next) return reply.redirect(next, 303);
      } catch (err) {
        visit.error = describeError(err);
      }
    }
    return reply.redirect('/', 303);
  };

  app.get('/', async (req, reply) => show(req, reply, visitOf(req, reply)));
  app.get(
    '/login',
    step(async (visit, b, req) => {
      visit.lang = pickLang((req.query as { lang?: string }).lang ?? visit.lang, req.headers['accept-language']);
      const { url, pending } = await rp.authorizationUrl(b, `${origin}/callback`, visit.lang);
      visit.pending = pending;
      return url;
    }),
  );
  app.get(
    '/callback',
    step(async (visit, b, req) => {
      const pending = visit.pending;
      delete visit.pending;
      if (pending) visit.user = await rp.callback(b, new URL(req.url, origin), pending);
    }),
  );
  app.post(
    '/refresh',
    step(async (visit, b) => {
      if (!visit.user?.refreshToken) return;
      visit.user = await rp.refresh(b, { ...visit.user, refreshToken: visit.user.refreshToken });
      visit.notice = SAMPLE_TEXT[visit.lang].refreshed;
    }),
  );
  app.post(
    '/logout',
    step(async (visit, b) => {
      const user = visit.user;
      delete visit.user;
      return user ? rp.endSessionUrl(b, user, `${origin}/`) : undefined;
    }),
  );

  await app.ready();
  return { url: origin, stop: () => app.close() };
}
