import { STATUS_CODES } from 'node:http';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { JOURNAL_KINDS, type JournalAttempt, type JournalEntry } from '../../contracts/api';
import type { CoreContext } from '../context';
import type { RouteRegistry } from '../http/routes';
import type { Journal, JournalQuery } from '../journal/journal';
import { VERSION } from '../version';

/**
 * The journal as a file: HAR 1.2 (one HAR entry per HTTP attempt, for browsers' network panels and HAR
 * tools) or NDJSON (one journal entry per line, for jq and log tools). Streamed page by page, newest first
 * like the inspector, so a journal of 100,000 entries is never held in memory at once. Entries are exported
 * as stored — already redacted — so no secret leaves through an export either.
 */

const PAGE = 500;

export const exportQuery = z.object({
  format: z.enum(['har', 'ndjson'], { error: 'format must be har or ndjson' }),
  kind: z.enum(JOURNAL_KINDS).optional(),
  appId: z.string().optional(),
  ok: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
type ExportQuery = z.infer<typeof exportQuery>;

/** Every entry matching the filter, newest first, read a page at a time. */
export async function* journalPages(journal: Journal, filter: Omit<JournalQuery, 'limit' | 'beforeSeq'>): AsyncGenerator<JournalEntry> {
  let beforeSeq: number | undefined;
  for (;;) {
    const page = journal.list({ ...filter, limit: PAGE, ...(beforeSeq !== undefined ? { beforeSeq } : {}) });
    for (const { seq, ...entry } of page) {
      void seq;
      yield entry;
    }
    if (page.length < PAGE) return;
    beforeSeq = page[page.length - 1]!.seq;
    // Let other requests run between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

type NameValue = { name: string; value: string };
const pairs = (headers: Record<string, string>): NameValue[] => Object.entries(headers).map(([name, value]) => ({ name, value }));
const headerOf = (headers: Record<string, string>, name: string): string | undefined => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

function absolute(url: string, base: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** One HTTP attempt of a journal entry as a HAR 1.2 entry; what HAR has no field for goes under `_journal`. */
export function harEntry(e: JournalEntry, a: JournalAttempt, i: number): Record<string, unknown> {
  const url = absolute(a.request.url, e.url);
  const reqType = headerOf(a.request.headers, 'content-type') ?? 'text/plain';
  const res = a.response;
  const resBody = res?.body ?? '';
  const resType = res ? (headerOf(res.headers, 'content-type') ?? '') : '';
  const ms = Math.max(0, a.ms);
  return {
    // The entry's time is when it was recorded; earlier attempts of a delivery started before it.
    startedDateTime: new Date(e.at - e.attempts.slice(i).reduce((s, x) => s + Math.max(0, x.ms), 0)).toISOString(),
    time: ms,
    request: {
      method: a.request.method,
      url: url?.toString() ?? a.request.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: pairs(a.request.headers),
      queryString: url ? [...url.searchParams].map(([name, value]) => ({ name, value })) : [],
      ...(a.request.body ? { postData: { mimeType: reqType, text: a.request.body } } : {}),
      headersSize: -1,
      bodySize: Buffer.byteLength(a.request.body),
    },
    response: {
      // A request that got no answer (a timeout, a dropped connection) is status 0, as browsers export it.
      status: res?.status ?? 0,
      statusText: res ? (STATUS_CODES[res.status] ?? '') : '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: res ? pairs(res.headers) : [],
      content: { size: Buffer.byteLength(resBody), mimeType: resType, text: resBody },
      redirectURL: res ? (headerOf(res.headers, 'location') ?? '') : '',
      headersSize: -1,
      bodySize: res ? Buffer.byteLength(resBody) : -1,
      ...(a.error ? { _error: a.error } : {}),
    },
    cache: {},
    timings: { send: 0, wait: ms, receive: 0 },
    comment: e.summary ?? '',
    _journal: {
      id: e.id,
      kind: e.kind,
      ...(e.source ? { source: e.source } : {}),
      ...(e.appId ? { appId: e.appId } : {}),
      attempt: i + 1,
      of: e.attempts.length,
      verdict: e.verdict,
      ...(e.related?.length ? { related: e.related } : {}),
    },
  };
}

async function* harText(entries: AsyncIterable<JournalEntry>): AsyncGenerator<string> {
  yield `{"log":{"version":"1.2","creator":{"name":"Follow Studio","version":${JSON.stringify(VERSION)}},"pages":[],"entries":[`;
  let first = true;
  for await (const e of entries) {
    for (let i = 0; i < e.attempts.length; i++) {
      yield (first ? '\n' : ',\n') + JSON.stringify(harEntry(e, e.attempts[i]!, i));
      first = false;
    }
  }
  yield '\n]}}\n';
}

async function* ndjsonText(entries: AsyncIterable<JournalEntry>): AsyncGenerator<string> {
  for await (const e of entries) yield `${JSON.stringify(e)}\n`;
}

function filterOf(q: ExportQuery): Omit<JournalQuery, 'limit' | 'beforeSeq'> {
  return { ...(q.kind ? { kind: q.kind } : {}), ...(q.appId ? { appId: q.appId } : {}), ...(q.ok !== undefined ? { ok: q.ok } : {}) };
}

export function registerJournalExport(app: FastifyInstance, ctx: CoreContext, routes: RouteRegistry): void {
  routes.add(app, {
    method: 'GET',
    url: '/api/journal/export',
    tag: 'journal',
    summary: 'Export the journal (redacted, newest first): ?format=har (HAR 1.2, one entry per HTTP attempt) or ?format=ndjson (one journal entry per line); kind, appId and ok filter',
    query: exportQuery,
    // A file: NDJSON has one journal entry a line; HAR is HAR 1.2's log.
    response: { 200: z.string() },
    files: ['application/json', 'application/x-ndjson'],
    handler: ({ query }, _req, reply) => {
      const entries = journalPages(ctx.journal, filterOf(query));
      const stamp = new Date(ctx.clock.now()).toISOString().replace(/[:.]/g, '-');
      const har = query.format === 'har';
      return reply
        .type(har ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="follow-studio-journal-${stamp}.${query.format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(har ? harText(entries) : ndjsonText(entries)));
    },
  });
}
