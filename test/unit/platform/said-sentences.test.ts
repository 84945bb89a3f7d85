import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../src-main/contracts/api';
import { englishTemplate, sayText, type Said } from '../../../src-main/contracts/said';
import { ERRMSG, WechatApiError } from '../../../src-main/core/platform/wechat-errors';
import { OPEN_ERRMSG } from '../../../src-main/core/platform/open/errors';
import { judgeReply } from '../../../src-main/core/platform/push/verdict';
import { echoAnswerSaid, explainEchoAnswer } from '../../../src-main/core/platform/push/verify-url';
import { startDevServer, type DevServer } from '../../integration/platform/dev-server';
import { textReply } from '../../integration/platform/reference-crypto';
import { makeAccount, phone, type Fixture } from '../../integration/platform/setup';
import { startWorld, until, type World } from '../../integration/platform/world';

const codes = (said: Said[] | undefined): string[] => (said ?? []).map((s) => s.code);

/** Every code in a sentence, nested values included, depth first. */
function allCodes(s: Said): string[] {
  return [s.code, ...Object.values(s.values ?? {}).flatMap((v) => (typeof v === 'object' ? allCodes(v) : []))];
}

describe("the mock platform's journal speaks in sentences", () => {
  let w: World;
  let dev: DevServer;
  let f: Fixture;

  beforeEach(async () => {
    w = await startWorld({ pushTimeoutMs: 5000 }, true);
    dev = await startDevServer();
  });
  afterEach(async () => {
    await w.stop();
    await dev.close();
  });

  const entry = async (id: string | null | undefined): Promise<JournalEntry> => {
    expect(id).toBeTypeOf('string');
    return (await w.api<JournalEntry>('GET', `/api/journal/${id}`)).body;
  };

  it('a plaintext reply to a safe-mode push: the reason names the protocol error, the summary is a sentence', async () => {
    f = await makeAccount(w, dev, 'safe');
    dev.respond((r) => (r.method === 'GET' ? { body: r.query.get('echostr')! } : { body: textReply(f.openId, f.originalId, 'hi') }));
    const chat = await phone(w, f.personaId, 'follow', { appId: f.appId });
    const e = await entry(chat.journalId);
    expect(e.verdict.ok).toBe(false);
    expect(codes(e.verdict.said)).toEqual(['reply.notValid', 'push.userSaw']);
    expect(allCodes(e.verdict.said![0]!)[1]).toMatch(/^wechat\./);
    // The English stays what it was, and is the sentence's own text.
    expect(e.verdict.reasons[0]).toMatch(/^reply is not a valid passive reply: .*plaintext, but in safe mode a reply must use the encrypted template/);
    expect(e.verdict.said!.map(sayText)).toEqual(e.verdict.reasons);
    expect(allCodes(e.summarySaid!)).toEqual(['push.summary', 'reply.outcome.invalid']);
    expect(e.summary).toBe('subscribe → invalid reply');
  });

  it('a server that never answers: each attempt says it timed out, as a transport sentence', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    dev.respond((r) => (r.method === 'GET' ? { body: r.query.get('echostr')! } : { hold: true }));
    const sent = phone(w, f.personaId, 'follow', { appId: f.appId });
    for (let i = 1; i <= 3; i++) {
      await until(() => dev.holding === 1 && dev.received.filter((r) => r.method === 'POST').length >= i, `attempt ${i} held`);
      await w.virtual!.runNext();
    }
    const e = await entry((await sent).journalId);
    expect(codes(e.verdict.said)).toEqual(['push.failedAttempt', 'push.failedAttempt', 'push.failedAttempt', 'push.fix', 'push.userSaw']);
    expect(allCodes(e.verdict.said![0]!)).toEqual(['push.failedAttempt', 'transport.timeout']);
    expect(e.verdict.reasons[0]).toBe('timed out after 5000 ms (attempt 1 of 3)');
    expect(allCodes(e.summarySaid!).slice(0, 3)).toEqual(['push.summary', 'push.outcomeFailed', 'push.failedAttempt']);
    expect(e.summary).toBe('subscribe → failed: timed out after 5000 ms (attempt 1 of 3)');
  });

  it('a cgi-bin error: the errcode with its errmsg by code, then the hint', async () => {
    const res = await w.wx('GET', '/cgi-bin/user/info?access_token=');
    const e = await entry(res.headers.get('x-journal-entry'));
    expect(codes(e.verdict.said)).toEqual(['api.error', 'api.hint.passAccessToken']);
    expect(allCodes(e.verdict.said![0]!)).toEqual(['api.error', 'api.errmsg.41001']);
    expect(e.verdict.reasons).toEqual(['41001 access_token missing', 'pass access_token in the query string']);
    expect(allCodes(e.summarySaid!)).toEqual(['api.summary', 'api.error', 'api.errmsg.41001']);
    expect(e.summary).toBe('GET user/info → 41001 access_token missing');

    // A long errmsg is cut to 60 characters in the summary; the cut text has its own code.
    const unknown = await w.wx('GET', '/cgi-bin/user/info?access_token=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMN');
    const u = await entry(unknown.headers.get('x-journal-entry'));
    expect(allCodes(u.summarySaid!)).toEqual(['api.summary', 'api.error', 'api.errmsgHead.40001']);
    expect(u.summary).toBe(`GET user/info → 40001 ${ERRMSG[40001].slice(0, 60)}`);
    expect(codes(u.verdict.said)).toEqual(['api.error', 'api.hint.tokenNeverIssued']);
  });

  it('an API success: the outcome is a sentence', async () => {
    f = await makeAccount(w, dev, 'plaintext');
    const res = await w.wx('GET', `/cgi-bin/token?grant_type=client_credential&appid=${f.appId}&secret=${f.appSecret}`);
    const e = await entry(res.headers.get('x-journal-entry'));
    expect(allCodes(e.summarySaid!)).toEqual(['api.summary', 'api.outcome.newToken']);
    expect(e.summary).toBe('GET token → new token, 7200 s');
  });
});

describe('the sentences of WeChat API errors', () => {
  it("have the wire's errmsg as their English, for every errcode of both tables", () => {
    for (const [code, text] of Object.entries({ ...ERRMSG, ...OPEN_ERRMSG })) {
      expect(englishTemplate(`api.errmsg.${code}`), code).toBe(text);
      if (text.length > 60) expect(englishTemplate(`api.errmsgHead.${code}`), code).toBe(text.slice(0, 60));
    }
  });

  it('keep an errmsg that is not the table text (as given) as it is', () => {
    const e = new WechatApiError(40013, 'custom text');
    expect(e.said).toEqual({ code: 'text', values: { text: 'custom text' } });
    expect(new WechatApiError(40013).said).toEqual({ code: 'api.errmsg.40013' });
  });
});

describe('reply and URL verification sentences, without the journal', () => {
  const c = { mode: 'plaintext' as const, token: 't', encodingAesKey: '', appId: 'wx1', originalId: 'gh_1', openId: 'o1' };

  it('keep the English reasons and outcome beside the sentences, in the same order', () => {
    const v = judgeReply(' success\n', c);
    expect(v.outcomeSaid.code).toBe('reply.outcome.success');
    expect(v.said.map((s) => s.code)).toEqual(['reply.whitespaceAck']);
    expect(v.reasons).toEqual(v.said.map(sayText));
    expect(v.outcome).toBe('success');
  });

  it('explain a wrong echostr answer in both forms', () => {
    expect(echoAnswerSaid(200, 'abc\n', 'abc')?.code).toBe('verify.whitespace');
    expect(explainEchoAnswer(200, 'abc\n', 'abc')).toBe('the server answered the echostr with surrounding whitespace ("abc\\n"); WeChat needs exactly the echostr, no newline');
    expect(echoAnswerSaid(200, 'abc', 'abc')).toBeNull();
  });
});
