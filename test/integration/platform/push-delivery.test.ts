import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry, PhoneScreen } from '../../../src-main/contracts/api';
import { startDevServer, type DevServer } from './dev-server';
import { field, refDecrypt, refEncryptedReply, textReply } from './reference-crypto';
import { AES_KEY, TOKEN, makeAccount, phone, type Fixture } from './setup';
import { startWorld, until, type World } from './world';

const UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';

async function entryOf(w: World, screen: PhoneScreen): Promise<JournalEntry> {
  expect(screen.journalId).toBeTypeOf('string');
  return (await w.api<JournalEntry>('GET', `/api/journal/${screen.journalId}`)).body;
}

describe('push delivery', () => {
  let w: World;
  let dev: DevServer;
  let f: Fixture;

  beforeEach(async () => {
    // Virtual time: WeChat's 5 s timeouts and the pauses between attempts pass when the test moves the clock.
    w = await startWorld({ pushTimeoutMs: 5000 }, true);
    dev = await startDevServer();
  });
  afterEach(async () => {
    await w.stop();
    await dev.close();
  });

  const answerPosts = (fn: (index: number, body: string) => { status?: number; body?: string; delayMs?: number }) => {
    let n = 0;
    dev.respond((r) => (r.method === 'GET' ? { body: r.query.get('echostr')! } : fn(n++, r.body)));
  };

  /** A server that holds each attempt: WeChat's 5 s per attempt passes on the virtual clock, attempt by attempt. */
  async function timeOutHeldAttempts(n: number): Promise<void> {
    const first = dev.received.length;
    for (let i = 1; i <= n; i++) {
      await until(() => dev.holding === 1 && dev.received.length >= first + i, `attempt ${i} held by the server`);
      const before = w.virtual!.now();
      await w.virtual!.runNext();
      expect(w.virtual!.now() - before).toBe(5000);
    }
  }

  it('retries a slow server 3 times with the same XML content and fresh timestamp/nonce, then shows the notice', async () => {
    f = await makeAccount(w, dev, 'safe');
    answerPosts((i) => (i === 0 ? { body: 'success' } : { hold: true }));
    await phone(w, f.personaId, 'follow', { appId: f.appId });
    const sent = phone(w, f.personaId, 'message', { appId: f.appId, text: 'hello' });
    await timeOutHeldAttempts(3);
    const screen = await sent;
    expect(screen.messages?.at(-1)).toMatchObject({ from: 'system', text: UNAVAILABLE });
    const posts = dev.received.filter((r) => r.method === 'POST' && refDecrypt(AES_KEY, field(r.body, 'Encrypt')!).msg.includes('<MsgType><![CDATA[text]]>'));
    expect(posts).toHaveLength(3);
    const plain = posts.map((p) => refDecrypt(AES_KEY, field(p.body, 'Encrypt')!).msg);
    expect(new Set(plain).size).toBe(1); // same CreateTime and MsgId on every attempt
    expect(new Set(posts.map((p) => p.query.get('nonce'))).size).toBe(3);
    const entry = await entryOf(w, screen);
    expect(entry.attempts).toHaveLength(3);
    expect(entry.attempts.every((a) => a.error === 'timed out after 5000 ms' && !a.response)).toBe(true);
    expect(entry.verdict.reasons.slice(0, 3)).toEqual([
      'timed out after 5000 ms (attempt 1 of 3)',
      'timed out after 5000 ms (attempt 2 of 3)',
      'timed out after 5000 ms (attempt 3 of 3)',
    ]);
    expect(entry.verdict.reasons[3]).toMatch(/^fix: answer within 5 s/);
    expect(entry.verdict.reasons[4]).toBe(`the user saw "${UNAVAILABLE}"`);
    // Each attempt was sealed afresh: its own signature steps, labelled with the attempt.
    expect(entry.signatures?.map((x) => x.label)).toEqual([1, 2, 3].flatMap((n) => [`signature (attempt ${n})`, `msg_signature (attempt ${n})`]));
  });

  it('delivers on a retry after a timeout, shows the reply and tells the developer to deduplicate', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    answerPosts((i) => (i === 0 ? { hold: true } : { body: textReply(f.openId, f.originalId, 'welcome back') }));
    const sent = phone(w, f.personaId, 'follow', { appId: f.appId });
    await timeOutHeldAttempts(1);
    const screen = await sent;
    expect(screen.messages).toEqual([expect.objectContaining({ from: 'account', text: 'welcome back' })]);
    const entry = await entryOf(w, screen);
    expect(entry.verdict.ok).toBe(true);
    expect(entry.attempts.map((a) => a.response?.status ?? a.error)).toEqual(['timed out after 5000 ms', 200]);
    expect(entry.verdict.reasons).toContain('delivered on attempt 2: servers must deduplicate retries (FromUserName + CreateTime, or MsgId)');
  });

  it('retries on HTTP 500 and reports the status', async () => {
    f = await makeAccount(w, dev, 'compatible');
    answerPosts(() => ({ status: 500, body: 'boom' }));
    const screen = await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(screen.messages).toEqual([expect.objectContaining({ from: 'system', text: UNAVAILABLE })]);
    const entry = await entryOf(w, screen);
    expect(entry.attempts.map((a) => a.response?.status)).toEqual([500, 500, 500]);
    expect(entry.verdict.reasons.slice(0, 3)).toEqual([1, 2, 3].map((n) => `HTTP 500 from the server (attempt ${n} of 3): "boom"`));
    expect(entry.verdict.reasons[3]).toMatch(/^fix: the server failed while handling the push/);
  });

  it('accepts success and an empty body without retrying or showing anything', async () => {
    f = await makeAccount(w, dev, 'safe');
    answerPosts((i) => ({ body: i === 0 ? 'success' : '' }));
    const first = await phone(w, f.personaId, 'follow', { appId: f.appId });
    const second = await phone(w, f.personaId, 'message', { appId: f.appId, text: 'x' });
    expect(first.messages).toEqual([]);
    expect(second.messages).toEqual([expect.objectContaining({ from: 'user', text: 'x' })]);
    expect((await entryOf(w, first)).summary).toBe('subscribe → success');
    expect((await entryOf(w, second)).summary).toBe('text "x" → empty (acknowledged)');
  });

  it('refuses a plaintext reply in safe mode and accepts it in compatible mode', async () => {
    f = await makeAccount(w, dev, 'safe');
    answerPosts(() => ({ body: textReply(f.openId, f.originalId, 'plain') }));
    const safe = await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect(safe.messages?.at(-1)?.text).toBe(UNAVAILABLE);
    expect((await entryOf(w, safe)).verdict.reasons[0]).toMatch(/plaintext, but in safe mode a reply must use the encrypted template/);

    await w.api('PUT', `/api/wechat/accounts/${f.appId}/server`, { url: dev.url, token: TOKEN, encodingAesKey: AES_KEY, mode: 'compatible', enabled: true });
    const compatible = await phone(w, f.personaId, 'message', { appId: f.appId, text: 'again' });
    expect(compatible.messages?.at(-1)).toMatchObject({ from: 'account', text: 'plain' });
  });

  it('names the wrong appid of a reply encrypted for another account', async () => {
    f = await makeAccount(w, dev, 'safe');
    answerPosts(() => ({ body: refEncryptedReply({ token: TOKEN, encodingAesKey: AES_KEY, appId: 'wx0000000000000000', xml: textReply(f.openId, f.originalId, 'x') }) }));
    const screen = await phone(w, f.personaId, 'follow', { appId: f.appId });
    const entry = await entryOf(w, screen);
    expect(entry.verdict.reasons[0]).toBe(
      `reply decrypted but its appid is wx0000000000000000, expected ${f.appId}: is the server encrypting with this account's AppID?`,
    );
  });

  it('shows image and news replies as such, and refuses an empty text reply', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    const head = `<ToUserName><![CDATA[${f.openId}]]></ToUserName><FromUserName><![CDATA[${f.originalId}]]></FromUserName><CreateTime>1</CreateTime>`;
    const replies = [
      `<xml>${head}<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>`,
      `<xml>${head}<MsgType><![CDATA[news]]></MsgType><ArticleCount>2</ArticleCount><Articles><item><Title><![CDATA[Welcome]]></Title></item><item><Title><![CDATA[Two]]></Title></item></Articles></xml>`,
      `<xml>${head}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]></Content></xml>`,
    ];
    answerPosts((i) => ({ body: replies[i] }));
    await phone(w, f.personaId, 'follow', { appId: f.appId });
    await phone(w, f.personaId, 'message', { appId: f.appId, text: 'a' });
    const last = await phone(w, f.personaId, 'message', { appId: f.appId, text: 'b' });
    expect(last.messages?.map((m) => [m.from, m.kind, m.text])).toEqual([
      ['account', 'image', '[图片]'],
      ['user', 'text', 'a'],
      ['account', 'news', 'Welcome (+1)'],
      ['user', 'text', 'b'],
      ['system', 'notice', UNAVAILABLE],
    ]);
    expect((await entryOf(w, last)).verdict.reasons[0]).toMatch(/empty <Content>; to acknowledge without a message answer "success"/);
  });

  it('reports a refused connection and pushes nothing when the server configuration is disabled', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    await dev.close();
    const screen = await phone(w, f.personaId, 'follow', { appId: f.appId });
    const entry = await entryOf(w, screen);
    expect(entry.verdict.reasons[0]).toMatch(/^could not connect to 127\.0\.0\.1:\d+ \(connection refused\): is the server running/);
    dev = await startDevServer();
    await w.api('PUT', `/api/wechat/accounts/${f.appId}/server`, { url: '', token: '', encodingAesKey: '', mode: 'plaintext', enabled: false });
    const quiet = await phone(w, f.personaId, 'message', { appId: f.appId, text: 'anyone?' });
    expect(quiet.journalId).toBeUndefined();
    expect(quiet.messages?.at(-1)).toMatchObject({ from: 'user', text: 'anyone?' });
  });

  it('follows the settings for the unconfirmed details', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    await w.api('PUT', '/api/wechat/settings', {
      emptyEventKeyOnPlainFollow: false,
      openIdInPlaintextQuery: false,
      retryOnHttpError: false,
      pushUserAgent: 'Mozilla/5.0 (test)',
    });
    answerPosts(() => ({ status: 502 }));
    const screen = await phone(w, f.personaId, 'follow', { appId: f.appId });
    const post = dev.received.at(-1)!;
    expect(post.queryOrder).toEqual(['signature', 'timestamp', 'nonce']);
    expect(post.headers['user-agent']).toBe('Mozilla/5.0 (test)');
    expect(post.body).not.toContain('EventKey');
    const entry = await entryOf(w, screen);
    expect(entry.attempts).toHaveLength(1);
    expect(entry.verdict.reasons[0]).toBe('HTTP 502 from the server (attempt 1 of 3)');

    // Retry spacing runs on the virtual clock: the pause passes when the clock is moved, not by waiting.
    await w.api('PUT', '/api/wechat/settings', { pushAttempts: 2, retrySpacingMs: 50_000, retryOnHttpError: true });
    const before = dev.received.length;
    const sent = phone(w, f.personaId, 'message', { appId: f.appId, text: 'x' });
    await until(() => dev.received.length === before + 1 && w.virtual!.nextDue() === w.virtual!.now() + 50_000, 'the pause before attempt 2');
    await w.virtual!.runNext();
    const again = await entryOf(w, await sent);
    expect(again.attempts).toHaveLength(2);
  });

  it('deletes a persona with its follows and chats', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    await phone(w, f.personaId, 'follow', { appId: f.appId });
    expect((await w.api('DELETE', `/api/wechat/personas/${f.personaId}`)).status).toBe(200);
    expect((await w.api('GET', `/api/phone/${f.personaId}`)).status).toBe(404);
    expect((await w.api<{ followers: unknown[] }>('GET', `/api/wechat/accounts/${f.appId}/followers`)).body.followers).toEqual([]);
  });
});
