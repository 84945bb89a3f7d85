import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JournalEntry, Relay } from '../../../src-main/contracts/api';
import { fillTemplate, sayText, type Said } from '../../../src-main/contracts/said';
import { newOpenId, newToken } from '../../../src-main/core/wechat/ids';
import { urlSignature } from '../../../src-main/core/wechat/signature';
import { zhCN } from '../../../src-renderer/i18n/catalogue';
import { newSession, push, startWorld, xml, type World } from './helpers';

/**
 * The login server's and the relays' journal entries carry sentences beside their English text: the studio
 * shows them in Chinese from the codes, while scripts keep reading the same English.
 */

/** A sentence in Chinese from the studio's catalogue; throws on a code the catalogue does not have. */
function chinese(s: Said): string {
  let node: unknown = zhCN.engine;
  for (const part of s.code.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no Chinese for ${s.code}`);
  return fillTemplate(node, s.values, chinese);
}

function lastEntry(w: World, source: JournalEntry['source']): JournalEntry {
  return w.rt.journal.list({ limit: 20 }).find((e) => e.source === source)!;
}

describe('the journal of the login server and the relays, as sentences', () => {
  let w: World;
  beforeEach(async () => {
    w = await startWorld();
  });
  afterEach(() => w.stop());

  const sealed = (openId: string, messageXml: string) => ({ mode: 'safe' as const, token: w.secrets.token, encodingAesKey: w.secrets.encodingAesKey, appId: w.conn.appId, openId, messageXml });

  it('a scan that signs a new user in: the summary is a sentence whose outcome is one too, the English unchanged', async () => {
    const s = await newSession(w);
    const openId = newOpenId();
    const res = await push(w.conn.eventsUrl, sealed(openId, xml.subscribe(openId, s.scene)));
    expect(res.status).toBe(200);
    const entry = lastEntry(w, 'auth');
    expect(entry.summary).toMatch(new RegExp(`^subscribe \\(scene ${s.scene.slice(0, 8)}…\\) → new user wx_\\w+ created and signed in$`));
    expect(entry.summarySaid).toMatchObject({ code: 'login.event.scene', values: { label: 'subscribe', scene: s.scene.slice(0, 8), outcome: { code: 'login.outcome.newUser' } } });
    expect(sayText(entry.summarySaid!)).toBe(entry.summary);
    expect(chinese(entry.summarySaid!)).toMatch(/^subscribe（场景值 \w+…）→ 已创建新用户 wx_\w+ 并登录$/);

    // The same person again, with a new QR code: SCAN, signed in as the user made above.
    const again = await newSession(w);
    await push(w.conn.eventsUrl, sealed(openId, xml.scan(openId, again.scene)));
    const scan = lastEntry(w, 'auth');
    expect(scan.summary).toMatch(/^SCAN \(scene \w+…\) → signed in as wx_\w+$/);
    expect(scan.summarySaid).toMatchObject({ values: { outcome: { code: 'login.outcome.signedIn' } } });
    expect(chinese(scan.summarySaid!)).toMatch(/→ 已以 wx_\w+ 身份登录$/);
  });

  it('a retry answered from the stored event still says what the event meant, as a sentence', async () => {
    await w.api('PUT', '/api/login/settings', { maxSkewSeconds: 0 });
    const s = await newSession(w);
    const openId = newOpenId();
    const opts = sealed(openId, xml.subscribe(openId, s.scene, 1_800_000_000));
    await push(w.conn.eventsUrl, opts);
    await push(w.conn.eventsUrl, opts);
    const entry = lastEntry(w, 'auth');
    expect(entry.summary).toMatch(/→ duplicate of an event already processed \(new user wx_\w+ created and signed in\); same answer, nothing changed$/);
    expect(entry.summarySaid).toMatchObject({ values: { outcome: { code: 'login.duplicateProcessed', values: { outcome: { code: 'login.outcome.newUser' } } } } });
    expect(chinese(entry.summarySaid!)).toMatch(/重复推送，该事件已处理过（已创建新用户 wx_\w+ 并登录）/);
  });

  it('a refused push: the fixed answer for the caller, the diagnosis as a sentence in the journal', async () => {
    const openId = newOpenId();
    // The Encrypt text's signature is not the one its sender computed (an altered ciphertext looks the same).
    const res = await push(w.conn.eventsUrl, { ...sealed(openId, xml.text(openId, 'hi', '6054768590064713728')), query: { msg_signature: '0'.repeat(40) } });
    expect(res.status).toBe(401);
    expect(res.body).toBe('invalid signature');
    const entry = lastEntry(w, 'auth');
    expect(entry.verdict.ok).toBe(false);
    expect(entry.verdict.reasons[0]).toMatch(/^msg_signature mismatch: the SHA-1 of the sorted Token, timestamp, nonce and Encrypt differs from the msg_signature sent \(00000000…\); check that both sides use the same Token \(or the Encrypt text was altered\)$/);
    expect(entry.verdict.said?.[0]).toMatchObject({ code: 'refusal.msgSignatureMismatch', values: { field: 'msg_signature', sent: { code: 'refusal.sent' } } });
    expect(entry.summary).toBe(`refused: ${entry.verdict.reasons[0]}`);
    expect(entry.summarySaid).toMatchObject({ code: 'login.refused', values: { diagnosis: entry.verdict.said?.[0] } });
    expect(chinese(entry.verdict.said![0]!)).toMatch(/^msg_signature 不符：.*令牌\(Token\)/);
  });

  it('a failed URL verification and an unknown connection: sentences too', async () => {
    const ts = '1714036504';
    await fetch(`${w.conn.eventsUrl}?${new URLSearchParams({ signature: urlSignature('WrongToken', ts, '1'), timestamp: ts, nonce: '1', echostr: '1' })}`);
    const bad = lastEntry(w, 'auth');
    expect(bad.verdict.said?.[0]).toMatchObject({ code: 'refusal.urlVerificationFailed', values: { reason: { code: 'refusal.signatureMismatch' } } });
    expect(bad.verdict.reasons[0]).toMatch(/^URL verification failed: signature mismatch: .* same Token$/);

    await fetch(`${w.conn.eventsUrl}?${new URLSearchParams({ timestamp: ts, nonce: '1' })}`);
    const missing = lastEntry(w, 'auth');
    expect(missing.verdict.reasons[0]).toBe('URL verification failed: missing query parameter signature, echostr');
    expect(chinese(missing.verdict.said![0]!)).toBe('服务器地址(URL)验证失败：缺少查询参数 signature, echostr');

    await fetch(`${w.rt.urls.auth}/connections/social/nope/${w.pool.id}/events?signature=x&timestamp=1&nonce=1&echostr=1`);
    const unknown = lastEntry(w, 'auth');
    expect(unknown.verdict.said?.[0]).toEqual({ code: 'refusal.noConnection', values: { identifier: 'nope', poolId: w.pool.id } });
  });

  it('a fault injected on the connection says so as a sentence', async () => {
    expect((await w.api('PUT', `/api/login/pools/${w.pool.id}/connections/${w.conn.identifier}/fault`, { answer: 'http500', times: 1 })).status).toBe(200);
    const openId = newOpenId();
    const res = await push(w.conn.eventsUrl, sealed(openId, xml.text(openId, 'hi', '6054768590064713729')));
    expect(res.status).toBe(500);
    const entry = lastEntry(w, 'auth');
    expect(entry.summary).toBe('fault injected: answered HTTP 500');
    expect(entry.summarySaid).toEqual({ code: 'faults.summary', values: { what: { code: 'faults.answer.http500' } } });
    expect(entry.verdict.reasons).toEqual([`fault injected on connection "${w.conn.identifier}": answered HTTP 500`]);
    expect(chinese(entry.verdict.said![0]!)).toBe(`在身份源 "${w.conn.identifier}" 上注入了故障：返回 HTTP 500`);
  });

  it("a relay's refusal: the summary and the diagnosis are sentences", async () => {
    const token = newToken(16);
    const relay = (await w.api<Relay>('POST', '/api/relay', { appId: w.conn.appId, token, mode: 'plaintext', forwardTo: { poolId: w.pool.id, identifier: w.conn.identifier } })).body;
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${relay.url}?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=1`, { method: 'POST', body: '<xml></xml>', headers: { 'content-type': 'text/xml' } });
    expect(res.status).toBe(401);
    const entry = lastEntry(w, 'relay');
    expect(entry.summary).toBe('relay: push refused: signature mismatch: the SHA-1 of the sorted Token, timestamp and nonce differs from the signature sent (00000000…); check that both sides use the same Token');
    expect(entry.summarySaid).toMatchObject({ code: 'relay.pushRefused', values: { diagnosis: { code: 'refusal.signatureMismatch' } } });
    expect(entry.verdict.said?.[0]?.code).toBe('refusal.signatureMismatch');
    expect(chinese(entry.summarySaid!)).toBe('中转服务器：已拒绝推送：signature 不符：Token、timestamp、nonce 排序拼接后的 SHA-1 与发来的 signature（00000000…）不同；请检查两端是否使用同一个令牌(Token)');
  });
});
