import { describe, expect, it } from 'vitest';
import {
  deriveAesKey,
  newAppId,
  newAppSecret,
  newEchostr,
  newEncodingAesKey,
  newMsgId,
  newNonce,
  newOpenId,
  newOriginalId,
  newQrUrlId,
  newSceneStr,
  newTicket,
  newToken,
  newUnionId,
  parseTicket,
  randomChars,
  alphanumericRandom,
} from '../../../src-main/core/wechat';
import { AES_KEY_RE, APPID_RE, TOKEN_RE } from '../../../src-main/contracts/rules';
import { DOC_TICKET } from '../../fixtures/wechat-vectors';
import { seededRandom } from './seeded-random';

const SEEDS = 300;

describe('generators produce the documented shapes', () => {
  it('for many seeds', () => {
    for (let seed = 0; seed < SEEDS; seed++) {
      const r = seededRandom(seed);
      expect(newAppId(r)).toMatch(APPID_RE);
      expect(newAppSecret(r)).toMatch(/^[0-9a-f]{32}$/);
      expect(newOriginalId(r)).toMatch(/^gh_[0-9a-f]{12}$/);
      expect(newOpenId(r)).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(newUnionId(r)).toMatch(/^o[A-Za-z0-9_-]{27}$/);
      expect(newQrUrlId(r)).toMatch(/^[A-Za-z0-9_-]{20}$/);
      expect(newQrUrlId(r, 22)).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const key = newEncodingAesKey(r);
      expect(key).toMatch(AES_KEY_RE);
      expect(deriveAesKey(key).key).toHaveLength(32);
      expect(newToken(32, r)).toMatch(TOKEN_RE);
      expect(newToken(3, r)).toMatch(/^[A-Za-z0-9]{3}$/);
      const nonce = newNonce(r);
      expect(nonce).toMatch(/^[1-9][0-9]{8,9}$/);
      expect(Number(nonce)).toBeLessThanOrEqual(0xffffffff);
      expect(newEchostr(r)).toMatch(/^[1-9][0-9]{18}$/);
      const msgId = newMsgId(r);
      expect(msgId).toMatch(/^[1-9][0-9]{0,18}$/);
      expect(BigInt(msgId) < 2n ** 63n).toBe(true);
      const scene = newSceneStr(16, r);
      expect(scene).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(newSceneStr(48, r).length).toBeLessThanOrEqual(64);
    }
  });

  it('are deterministic per seed and differ across seeds', () => {
    expect(newOpenId(seededRandom('a'))).toBe(newOpenId(seededRandom('a')));
    const ids = new Set(Array.from({ length: 200 }, (_, i) => newOpenId(seededRandom(i))));
    expect(ids.size).toBe(200);
  });

  it('EncodingAESKeys do not zero the unused bits of the last character', () => {
    const lowBits = new Set<number>();
    for (let seed = 0; seed < 200; seed++) {
      const last = newEncodingAesKey(seededRandom(`k${seed}`)).at(-1) ?? 'A';
      const index = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.indexOf(last);
      lowBits.add(index & 3);
    }
    expect(lowBits.size).toBe(4);
  });

  it('nonces cover both 9 and 10 digits', () => {
    const lengths = new Set(Array.from({ length: 300 }, (_, i) => newNonce(seededRandom(`n${i}`)).length));
    expect([...lengths].sort()).toEqual([10, 9]);
  });

  it('a degenerate random source terminates with the right shapes', () => {
    const ff = (n: number) => Buffer.alloc(n, 0xff);
    const zero = (n: number) => Buffer.alloc(n, 0);
    expect(newToken(32, ff)).toMatch(TOKEN_RE);
    expect(newEncodingAesKey(ff)).toMatch(AES_KEY_RE);
    expect(newNonce(zero)).toMatch(/^[0-9]{9,10}$/);
    expect(newMsgId(zero)).toBe('1');
    expect(newOpenId(() => Buffer.alloc(0))).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(alphanumericRandom(ff)(16).toString('latin1')).toMatch(/^[A-Za-z0-9]{16}$/);
  });

  it('randomChars is unbiased enough to reach every character', () => {
    const seen = new Set(randomChars(seededRandom('all'), 'abc', 300));
    expect(seen).toEqual(new Set(['a', 'b', 'c']));
  });

  it('refuses impossible lengths', () => {
    expect(() => newToken(2)).toThrow(RangeError);
    expect(() => newToken(33)).toThrow(/3–32/);
    expect(() => newSceneStr(49)).toThrow(/64 characters/);
  });
});

describe('tickets', () => {
  it('parse the doc example ticket', () => {
    expect(parseTicket(DOC_TICKET.ticket)).toEqual({ url: DOC_TICKET.url, createTime: 1408003431, expireSeconds: 1408003482 });
  });

  it('round-trip url, createTime and expireSeconds', () => {
    const r = seededRandom('ticket');
    const url = `http://weixin.qq.com/q/${newQrUrlId(r)}`;
    const ticket = newTicket(url, 1747028969, 7200, r);
    expect(ticket).toMatch(/^gQ[A-Za-z0-9+/]+={0,2}$/);
    expect(parseTicket(ticket)).toEqual({ url, createTime: 1747028969, expireSeconds: 7200 });
    expect(parseTicket(newTicket(url, 1747028969, undefined, r))).toEqual({ url, createTime: 1747028969 });
    expect(parseTicket('not a ticket')).toBeNull();
    expect(parseTicket('AAAA')).toBeNull();
  });

  it('contain + / = often and survive URL encoding', () => {
    let plus = 0;
    let slash = 0;
    let padded = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const r = seededRandom(`t${seed}`);
      // Real ids are 20 or 22 characters; both lengths occur in the wild (§7.3).
      const id = seed % 2 === 0 ? newQrUrlId(r) : newQrUrlId(r, 22);
      const ticket = newTicket(`http://weixin.qq.com/q/${id}`, 1700000000 + seed * 7919, 60 + seed, r);
      if (ticket.includes('+')) plus++;
      if (ticket.includes('/')) slash++;
      if (ticket.endsWith('=')) padded++;
      const encoded = encodeURIComponent(ticket);
      expect(encoded).not.toMatch(/[+/=]/);
      const back = decodeURIComponent(encoded);
      expect(back).toBe(ticket);
      expect(parseTicket(back)?.createTime).toBe(1700000000 + seed * 7919);
      expect(new URLSearchParams(`ticket=${encoded}`).get('ticket')).toBe(ticket);
    }
    expect(plus).toBeGreaterThan(SEEDS / 20);
    expect(slash).toBeGreaterThan(SEEDS / 20);
    expect(padded).toBeGreaterThanOrEqual(SEEDS / 2);
  });
});
