import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-main/contracts/api';
import type { StudioEventBody } from '../../../src-main/contracts/events';
import { sseParser, type SseMessage } from '../../helpers/sse';
import { startWorld, type World } from '../platform/world';

/**
 * Every answer of the control API is declared: OpenAPI shows a response schema for every route's success,
 * and a field the schema does not declare (a secret attached to a DTO by mistake) never reaches the client,
 * neither in an answer nor on the event stream.
 */

const SECRET = 'c0ffee00c0ffee00c0ffee00c0ffee00';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

describe('declared answers', () => {
  let w: World;
  let appId: string;
  beforeAll(async () => {
    w = await startWorld();
    appId = (await w.api<Account>('POST', '/api/wechat/accounts', { name: 'Declared', type: 'service', verified: true })).body.appId;
  });
  afterAll(() => w.stop());

  it('OpenAPI shows a response schema for the success status of every route', async () => {
    const doc = (await w.api<{ paths: Record<string, Record<string, Operation>> }>('GET', '/api/openapi.json')).body;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ at: `${method.toUpperCase()} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(70);
    const undocumented = operations.filter(({ op }) => {
      const success = Object.keys(op.responses).find((s) => /^2\d\d$/.test(s));
      const content = success ? op.responses[success]!.content ?? {} : {};
      const schema = Object.values(content)[0]?.schema;
      return !schema || Object.keys(schema).filter((k) => k !== '$schema').length === 0;
    });
    expect(undocumented.map((o) => o.at)).toEqual([]);
    const one = doc.paths['/api/wechat/accounts/{appId}']!.get!.responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(one.properties)).toContain('appSecretMasked');
    expect(Object.keys(one.properties)).not.toContain('appSecret');
    // A file download documents the media types it comes in.
    const report = doc.paths['/api/audits/{id}/report.{format}']!.get!.responses['200']!.content!;
    expect(Object.keys(report)).toEqual(['text/html', 'application/json', 'application/xml']);
  });

  it('never sends a field the schema does not declare: an AppSecret attached to the account by mistake stays on the server', async () => {
    const service = w.rt.platform.service;
    const { getAccount, listAccounts } = service;
    const leaky = (a: Account): Account => ({ ...a, appSecret: SECRET, server: { ...a.server, secretKey: SECRET } }) as Account;
    service.getAccount = (id) => {
      const a = getAccount(id);
      return a && leaky(a);
    };
    service.listAccounts = () => listAccounts().map(leaky);
    try {
      const one = await w.api<Account>('GET', `/api/wechat/accounts/${appId}`);
      const all = await w.api<{ accounts: Account[] }>('GET', '/api/wechat/accounts');
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ appId, name: 'Declared', server: { mode: 'plaintext' } });
      expect(all.body.accounts.map((a) => a.appId)).toEqual([appId]);
      expect(JSON.stringify(one.body)).not.toContain(SECRET);
      expect(JSON.stringify(all.body)).not.toContain(SECRET);
    } finally {
      service.getAccount = getAccount;
      service.listAccounts = listAccounts;
    }
  });

  it('never streams a field the event schema does not declare', async () => {
    const ac = new AbortController();
    const res = await fetch(`${w.rt.urls.studio}/api/events`, { headers: { authorization: `Bearer ${w.rt.token}` }, signal: ac.signal });
    const seen: SseMessage[] = [];
    const feed = sseParser((m) => seen.push(m));
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let published = false;
    try {
      while (!seen.some((m) => m.event === 'changed' && m.data?.includes('"relays"'))) {
        if (!published && seen.some((m) => m.event === 'ready')) {
          published = true;
          w.rt.bus.publish({ type: 'changed', topic: 'relays', token: SECRET } as StudioEventBody);
        }
        const { value, done } = await reader.read();
        if (done) break;
        feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      ac.abort();
    }
    const relays = seen.find((m) => m.event === 'changed' && m.data?.includes('"relays"'))!;
    expect(JSON.parse(relays.data!)).toMatchObject({ type: 'changed', topic: 'relays' });
    expect(seen.map((m) => m.data ?? '').join('\n')).not.toContain(SECRET);
  });
});
