import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addDraft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { newSession, startWorld, type World } from '../login/helpers';

const require = createRequire(import.meta.url);
/** The HAR 1.2 JSON Schemas (har-schema, the schemas behind har-validator): an independent check of the structure. */
const harSchemas = require('har-schema') as Record<string, { $id: string }>;

function harValidator(): (data: unknown) => { ok: boolean; errors: string } {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(addDraft06);
  for (const schema of Object.values(harSchemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json#')!;
  return (data) => ({ ok: validate(data) === true, errors: ajv.errorsText(validate.errors) });
}

interface Har {
  log: {
    version: string;
    creator: { name: string };
    entries: Array<{
      startedDateTime: string;
      time: number;
      request: { method: string; url: string; headers: Array<{ name: string; value: string }>; queryString: unknown[]; postData?: { text: string } };
      response: { status: number; content: { text?: string } };
      timings: { send: number; wait: number; receive: number };
      _journal: { id: string; attempt: number; of: number; related?: string[] };
    }>;
  };
}

describe('journal export (HAR 1.2 and NDJSON)', () => {
  let w: World;
  let secrets: string[];

  beforeAll(async () => {
    w = await startWorld();
    const appSecret = (w.rt.ctx.db.prepare('SELECT app_secret AS s FROM login_connections').get() as { s: string }).s;
    secrets = [w.secrets.token, w.secrets.encodingAesKey, appSecret, w.rt.token];
    // A login, and a push refused three times by an injected HTTP 500 (attempts, related entries).
    const s = await newSession(w);
    await w.rt.platform.service.scan(w.personas.chen, s.qrUrl);
    await w.api('PUT', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}/fault`, { answer: 'http500', times: 3 });
    await w.rt.platform.service.sendMessage(w.personas.chen, w.conn.appId, 'hello');
  });
  afterAll(() => w.stop());

  async function download(query: string): Promise<{ status: number; type: string; disposition: string; text: string }> {
    const res = await fetch(`${w.rt.urls.studio}/api/journal/export?${query}`, { headers: { authorization: `Bearer ${w.rt.token}` } });
    return { status: res.status, type: res.headers.get('content-type') ?? '', disposition: res.headers.get('content-disposition') ?? '', text: await res.text() };
  }

  it('HAR validates against the HAR 1.2 schema: one entry per HTTP attempt, with request, response and timings', async () => {
    const res = await download('format=har');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.disposition).toMatch(/^attachment; filename="follow-studio-journal-.*\.har"$/);
    const har = JSON.parse(res.text) as Har;
    const validate = harValidator();
    const check = validate(har);
    expect(check.errors).toBe('No errors');
    expect(check.ok).toBe(true);
    // The schema does look at entries: one without timings is not a HAR.
    const broken = structuredClone(har) as unknown as { log: { entries: Array<Record<string, unknown>> } };
    delete broken.log.entries[0]!.timings;
    expect(validate(broken).ok).toBe(false);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toBe('Follow Studio');
    const journal = w.rt.journal.list({ limit: 10_000 });
    expect(har.log.entries).toHaveLength(journal.reduce((n, e) => n + e.attempts.length, 0));
    for (const e of har.log.entries) {
      expect(new URL(e.request.url).protocol).toBe('http:');
      expect(e.time).toBe(e.timings.send + e.timings.wait + e.timings.receive);
      expect(Number.isNaN(Date.parse(e.startedDateTime))).toBe(false);
    }
    // The refused push: three attempts, each answered 500 by the fault, linked to the login server's entries.
    const failed = har.log.entries.filter((e) => e.response.status === 500 && e._journal.of === 3);
    expect(failed.map((e) => e._journal.attempt).sort()).toEqual([1, 2, 3]);
    expect(failed[0]!._journal.related).toHaveLength(3);
    expect(failed[0]!.response.content.text).toBe('Internal Server Error');
  });

  it('NDJSON is one journal entry per line, newest first, filters apply', async () => {
    const res = await download('format=ndjson');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/x-ndjson/);
    const lines = res.text.split('\n');
    expect(lines.pop()).toBe('');
    const entries = lines.map((l) => JSON.parse(l) as JournalEntry);
    const journal = w.rt.journal.list({ limit: 10_000 });
    expect(entries.map((e) => e.id)).toEqual(journal.map((e) => e.id));
    expect(entries[0]).toEqual(w.rt.journal.get(entries[0]!.id));
    const pushes = (await download('format=ndjson&kind=push&ok=false')).text.trim().split('\n').map((l) => JSON.parse(l) as JournalEntry);
    expect(pushes.length).toBeGreaterThan(0);
    expect(pushes.every((e) => e.kind === 'push' && !e.verdict.ok)).toBe(true);
  });

  it('keeps the redaction: no Token, EncodingAESKey, AppSecret or launch token in either export', async () => {
    for (const format of ['har', 'ndjson']) {
      const { text } = await download(`format=${format}`);
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it('refuses an unknown format by name, and needs the launch token', async () => {
    const bad = await download('format=csv');
    expect(bad.status).toBe(422);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { field: 'format', message: expect.stringContaining('format must be har or ndjson') } });
    const anonymous = await fetch(`${w.rt.urls.studio}/api/journal/export?format=har`);
    expect(anonymous.status).toBe(401);
  });
});
