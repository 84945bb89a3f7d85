import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DecryptionStep, HttpRequestRecord, HttpResponseRecord, JournalAttempt, JournalEntry, SignatureStep } from '../../contracts/api';
import type { DecodedToken } from '../../contracts/oidc';
import type { Store } from '../db/store';
import type { Journal, NewJournalEntry } from './journal';
import type { KnownSecret } from './redact';
import type { SaidVerdict, Sentence } from './said';

/**
 * One recorder for the exchanges a server answers (the auth server, the wechat server's API, relays):
 * a response hook writes the journal entry — request, response, timing — so no handler builds one by
 * hand. Domain code adds only what it knows through `note(req, …)`: the verdict, a summary, the protocol
 * steps, the decrypted bodies, further attempts it made (a relay's forward), and the secrets to hide.
 *
 * Which exchanges: every request a handler noted, and every request on a route declared with
 * `config: { journal: true }`; page loads, static files, event streams and status polls are not noted and
 * stay out of the journal.
 */

export interface ExchangeNote {
  kind?: JournalEntry['kind'];
  appId?: string;
  summary?: Sentence;
  verdict?: SaidVerdict;
  decrypted?: { request?: string; reply?: string };
  signatures?: SignatureStep[];
  decryptions?: DecryptionStep[];
  /** Exchanges the handler made while answering (e.g. the relay's forward), after the inbound one. */
  attempts?: JournalAttempt[];
  /** Secrets known by value that must not appear in the entry. */
  secrets?: KnownSecret[];
  /** The recorded request body, when the raw one must not be kept (e.g. a binary upload). */
  requestBody?: string;
  /** Record only a one-line entry without the bodies (routine acknowledgements at high rates). */
  compact?: boolean;
  /**
   * The request and the response's headers and body as the journal keeps them, when the handler knows
   * credentials the journal cannot find by name (an authorization code in a redirect, tokens in a URL
   * fragment or an HTML page): these replace the raw ones; the status and the timing stay the recorder's.
   */
  masked?: { request: HttpRequestRecord; response: Omit<HttpResponseRecord, 'status'> };
  /** Tokens the exchange carried, decoded (OpenID Connect), shown beside the masked exchange. */
  tokens?: DecodedToken[];
}

const NOTES = new WeakMap<FastifyRequest, ExchangeNote>();

/** Adds to what the journal will say about this exchange (later calls override earlier fields). */
export function note(req: FastifyRequest, add: ExchangeNote): void {
  NOTES.set(req, { ...NOTES.get(req), ...add });
}

/** Bodies above this are cut in the journal: a row stays small enough to write fast. */
const BODY_LIMIT = 65_536;

export function clipBody(body: string): string {
  return body.length <= BODY_LIMIT ? body : `${body.slice(0, BODY_LIMIT)}… [${body.length - BODY_LIMIT} more characters]`;
}

function headerRecord(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function bodyText(payload: unknown, contentType: string): string {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return /^(text\/|application\/(json|xml|x-www-form-urlencoded))/i.test(contentType) ? payload.toString('utf8') : `[${contentType || 'binary'}, ${payload.length} bytes]`;
  if (payload === null || payload === undefined) return '';
  return '[stream]';
}

function requestRecord(req: FastifyRequest, noted: ExchangeNote): HttpRequestRecord {
  const raw = noted.requestBody ?? (typeof req.body === 'string' ? req.body : req.body === undefined || req.body === null ? '' : JSON.stringify(req.body));
  return { method: req.method, url: req.url, headers: headerRecord(req.headers), body: clipBody(raw) };
}

export interface RecorderOptions {
  source: NonNullable<JournalEntry['source']>;
  /** The server's origin, for the entry's absolute URL. */
  origin: string;
  /** The kind of entry when a route or handler does not say. */
  kind: JournalEntry['kind'];
  /** Maps the entry's URL (a relay serves a path under its own URL). */
  url?: (req: FastifyRequest) => string;
}

/** When each request arrived: Fastify's reply.elapsedTime stays 0 unless a logger or an onResponse hook is set. */
const STARTED = new WeakMap<FastifyRequest, number>();

function buildEntry(o: RecorderOptions, req: FastifyRequest, reply: FastifyReply, noted: ExchangeNote, payload: string): { entry: NewJournalEntry; secrets: KnownSecret[] } {
  const status = reply.statusCode;
  const started = STARTED.get(req);
  const ms = started === undefined ? 0 : Math.round((performance.now() - started) * 10) / 10;
  const path = req.url.split('?')[0]!;
  const verdict = noted.verdict ?? { ok: status < 400, reasons: status < 400 ? [] : [`HTTP ${status}`] };
  const inbound: JournalAttempt = noted.masked
    ? { request: noted.masked.request, response: { status, ...noted.masked.response }, ms }
    : noted.compact
      ? { request: { method: req.method, url: req.url, headers: {}, body: '' }, response: { status, headers: {}, body: clipBody(payload) }, ms }
      : { request: requestRecord(req, noted), response: { status, headers: headerRecord(reply.getHeaders()), body: clipBody(payload) }, ms };
  return {
    entry: {
      kind: noted.kind ?? o.kind,
      source: o.source,
      ...(noted.appId ? { appId: noted.appId } : {}),
      url: noted.masked?.request.url ?? (o.url ? o.url(req) : `${o.origin}${req.url}`),
      summary: noted.summary ?? `${req.method} ${path} → ${status}`,
      attempts: [inbound, ...(noted.attempts ?? [])],
      verdict,
      ...(noted.decrypted ? { decrypted: noted.decrypted } : {}),
      ...(noted.signatures?.length ? { signatures: noted.signatures } : {}),
      ...(noted.decryptions?.length ? { decryptions: noted.decryptions } : {}),
      ...(noted.tokens?.length ? { tokens: noted.tokens } : {}),
    },
    secrets: noted.secrets ?? [],
  };
}

/**
 * Installs the recorder on a server. The entry is written in the group commit of the tick the answer is
 * sent in, before the bytes leave: a client that saw the answer can read its entry.
 */
export function installRecorder(app: FastifyInstance, journal: Journal, store: Store, o: RecorderOptions): void {
  app.addHook('onRequest', async (req) => {
    STARTED.set(req, performance.now());
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const journaled = (req.routeOptions.config as { journal?: boolean } | undefined)?.journal === true;
    const noted = NOTES.get(req);
    if (!noted && !journaled) return payload;
    const id = randomUUID(); // fixed before the batch: a batch retried entry by entry writes the same entry
    // The caller learns which entry explains this answer: the mock platform links its push to it.
    reply.header('x-journal-entry', id);
    const text = bodyText(payload, String(reply.getHeader('content-type') ?? ''));
    const { entry, secrets } = buildEntry(o, req, reply, noted ?? {}, text);
    await store.batch(() => {
      journal.record({ ...entry, id }, secrets);
    });
    return payload;
  });
}
