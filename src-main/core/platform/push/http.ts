import http from 'node:http';
import https from 'node:https';
import type { HttpRequestRecord, HttpResponseRecord } from '../../../contracts/api';
import type { Clock } from '../../clock';
import { say, sayText, verbatim, type Said } from '../../../contracts/said';

/** Bodies larger than this are cut in the journal (the full body is still what the reply parser reads). */
const JOURNAL_BODY_LIMIT = 65_536;
/** A reply larger than this is not a passive reply; reading stops there so a runaway server cannot fill memory. */
export const MAX_REPLY_BYTES = 1_048_576;

export interface Exchange {
  request: HttpRequestRecord;
  response?: HttpResponseRecord;
  /** The full body as received (the record's copy may be cut). */
  body?: string;
  error?: string;
  /** The error as a sentence (its English text is `error`). */
  errorSaid?: Said;
  failure?: 'timeout' | 'stopped' | 'network' | 'too-large';
  ms: number;
}

export function clip(body: string): string {
  return body.length <= JOURNAL_BODY_LIMIT ? body : `${body.slice(0, JOURNAL_BODY_LIMIT)}… [${body.length - JOURNAL_BODY_LIMIT} more characters]`;
}

function networkProblem(err: unknown, url: string): Said {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? (err as { code?: string }).code;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the raw url
  }
  if (code === 'ECONNREFUSED') return say('transport.refused', { host });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return say('transport.unresolved', { host });
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return say('transport.reset', { host });
  const detail = verbatim(cause?.message ?? (err instanceof Error ? err.message : String(err)));
  return code ? say('transport.failedCode', { host, detail, code }) : say('transport.failed', { host, detail });
}

/** An exchange's failure in both forms: the English `error` (the attempt's record) and the sentence. */
function failedWith(said: Said, kind: NonNullable<Exchange['failure']>): Pick<Exchange, 'error' | 'errorSaid' | 'failure'> {
  return { error: sayText(said), errorSaid: said, failure: kind };
}

async function readLimited(res: Response): Promise<{ text: string; tooLarge: boolean }> {
  if (!res.body) return { text: '', tooLarge: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel().catch(() => undefined);
      return { text: '', tooLarge: true };
    }
    chunks.push(value);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: false };
}

/**
 * Sends one request and never throws: every failure becomes a sentence a developer can act on. The
 * per-attempt timeout runs on the transport's clock, so a virtual clock makes WeChat's 5 s take no time.
 */
export interface Transport {
  send(request: HttpRequestRecord, timeoutMs: number, stop: AbortSignal): Promise<Exchange>;
  close(): void;
}

const elapsedSince = (started: number) => (): number => Math.round((performance.now() - started) * 10) / 10;

/**
 * The default transport: node:http(s) with keep-alive agents. Pushes go through this rather than fetch
 * because undici's fetch tops out around 1,800 requests/s on two cores, node:http above 4,000; the platform
 * must push faster than that (bench/push.ts). The per-attempt timeout covers the body too.
 */
export function nodeTransport(clock: Clock, options: { ca?: string[] } = {}): Transport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }),
    // `ca` (the public roots and the studio's local CA under --https): pushes reach an https login server.
    'https:': new https.Agent({ keepAlive: true, maxSockets: 256, ...(options.ca ? { ca: options.ca } : {}) }),
  };
  return {
    send(request, timeoutMs, stop) {
      const elapsed = elapsedSince(performance.now());
      const body = Buffer.from(request.body, 'utf8');
      const headers = request.method === 'GET' ? { ...request.headers } : { ...request.headers, 'content-length': String(body.length) };
      const record: HttpRequestRecord = { ...request, headers, body: clip(request.body) };
      return new Promise<Exchange>((resolve) => {
        let settled = false;
        let failure: Exchange['failure'];
        const finish = (x: Omit<Exchange, 'request' | 'ms'>): void => {
          if (settled) return;
          settled = true;
          timer.cancel();
          stop.removeEventListener('abort', onStop);
          resolve({ request: record, ...x, ms: elapsed() });
        };
        let url: URL;
        try {
          url = new URL(request.url);
        } catch {
          resolve({ request: record, ...failedWith(say('transport.invalidUrl', { url: request.url }), 'network'), ms: elapsed() });
          return;
        }
        const lib = url.protocol === 'https:' ? https : http;
        const req = lib.request(url, { method: request.method, headers, agent: agents[url.protocol === 'https:' ? 'https:' : 'http:'] }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_REPLY_BYTES) {
              failure = 'too-large';
              res.destroy();
              return;
            }
            chunks.push(c);
          });
          res.on('error', (err) => abortWith(err));
          res.on('close', () => {
            const responseHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
            const status = res.statusCode ?? 0;
            if (failure === 'too-large') {
              finish({ response: { status, headers: responseHeaders, body: '' }, ...failedWith(say('transport.tooLarge', { max: MAX_REPLY_BYTES }), 'too-large') });
            } else if (failure || !res.complete) {
              finish(failed(failure));
            } else {
              const text = Buffer.concat(chunks).toString('utf8');
              finish({ response: { status, headers: responseHeaders, body: clip(text) }, body: text });
            }
          });
        });
        const failed = (kind: Exchange['failure'], err?: unknown): Omit<Exchange, 'request' | 'ms'> =>
          kind === 'stopped'
            ? failedWith(say('transport.stopped'), kind)
            : kind === 'timeout'
              ? failedWith(say('transport.timeout', { ms: timeoutMs }), kind)
              : failedWith(err ? networkProblem(err, request.url) : say('transport.incomplete'), 'network');
        const abortWith = (err: unknown): void => {
          if (!failure) finish(failed('network', err));
          else finish(failed(failure));
        };
        req.on('error', abortWith);
        const timer = clock.setTimer(() => {
          failure = 'timeout';
          req.destroy();
          finish(failed('timeout'));
        }, timeoutMs);
        const onStop = (): void => {
          failure = 'stopped';
          req.destroy();
          finish(failed('stopped'));
        };
        if (stop.aborted) return onStop();
        stop.addEventListener('abort', onStop, { once: true });
        req.end(request.method === 'GET' ? undefined : body);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** A transport over an injected fetch (tests that fake the network); the same contract as nodeTransport. */
export function fetchTransport(fetchImpl: typeof globalThis.fetch, clock: Clock): Transport {
  return { send: (request, timeoutMs, stop) => exchange(fetchImpl, request, timeoutMs, stop, clock), close() {} };
}

/**
 * One HTTP exchange over fetch with a per-attempt timeout covering the body too, cancellable by shutdown.
 * Never throws: every failure becomes a sentence a developer can act on.
 */
export async function exchange(
  fetchImpl: typeof globalThis.fetch,
  request: HttpRequestRecord,
  timeoutMs: number,
  stop: AbortSignal,
  clock: Clock,
): Promise<Exchange> {
  const timeout = clock.timeout(timeoutMs);
  const signal = AbortSignal.any([timeout, stop]);
  const started = performance.now();
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
  const record: HttpRequestRecord = { ...request, body: clip(request.body) };
  try {
    const res = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.method === 'GET' ? {} : { body: request.body }),
      signal,
      redirect: 'manual',
    });
    const { text, tooLarge } = await readLimited(res);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const response: HttpResponseRecord = { status: res.status, headers, body: tooLarge ? '' : clip(text) };
    if (tooLarge) {
      return { request: record, response, ...failedWith(say('transport.tooLarge', { max: MAX_REPLY_BYTES }), 'too-large'), ms: elapsed() };
    }
    return { request: record, response, body: text, ms: elapsed() };
  } catch (err) {
    if (stop.aborted) return { request: record, ...failedWith(say('transport.stopped'), 'stopped'), ms: elapsed() };
    if (timeout.aborted) return { request: record, ...failedWith(say('transport.timeout', { ms: timeoutMs }), 'timeout'), ms: elapsed() };
    return { request: record, ...failedWith(networkProblem(err, request.url), 'network'), ms: elapsed() };
  }
}
