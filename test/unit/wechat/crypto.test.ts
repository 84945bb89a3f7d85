import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  WechatProtocolError,
  decrypt,
  decryptDetailed,
  deriveAesKey,
  encrypt,
  encryptDetailed,
  newAppId,
  newEncodingAesKey,
  sampleCodeFor,
} from '../../../src-main/core/wechat';
import { V5, V6 } from '../../fixtures/wechat-vectors';
import { expectProtocolError } from './expect-error';
import { fixedRandom, seededRandom } from './seeded-random';

const KEY = V6.encodingAesKey;
const APPID = 'wx1111111111111111';

/** AES-256-CBC of arbitrary bytes under a key, bypassing our layout, to forge malformed plaintexts. */
function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const { key, iv } = deriveAesKey(encodingAesKey);
  const c = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([c.update(plain), c.final()]).toString('base64');
}

function layout(message: Buffer, appId: string, declaredLength = message.length): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(declaredLength, 0);
  return Buffer.concat([Buffer.from('0123456789abcdef'), len, message, Buffer.from(appId)]);
}

describe('deriveAesKey', () => {
  it('decodes 43 × A to 32 zero bytes and takes the IV from the first 16', () => {
    const { key, iv } = deriveAesKey('A'.repeat(43));
    expect(key).toEqual(Buffer.alloc(32));
    expect(iv).toEqual(Buffer.alloc(16));
  });

  it('is lenient on the unused low bits of the last character (official key ends in G)', () => {
    const g = deriveAesKey(KEY);
    expect(g.key).toHaveLength(32);
    expect(deriveAesKey(`${KEY.slice(0, 42)}E`).key).toEqual(g.key);
    expect(deriveAesKey(`${KEY.slice(0, 42)}F`).key).toEqual(g.key);
    expect(deriveAesKey(`${KEY.slice(0, 42)}I`).key).not.toEqual(g.key);
    expect(g.iv).toEqual(g.key.subarray(0, 16));
  });

  it('rejects a wrong length with the rule and the count', () => {
    const e = expectProtocolError(
      () => deriveAesKey(KEY.slice(0, 42)),
      'illegal-aes-key',
      /^EncodingAESKey must be 43 characters of A-Z, a-z, 0-9; got 42 characters$/,
    );
    expect(e.sampleCode).toBe(-40004);
    expect(e.field).toBe('encodingAesKey');
    expectProtocolError(() => deriveAesKey(`${KEY}A`), 'illegal-aes-key', /got 44 characters/);
    expectProtocolError(() => deriveAesKey(''), 'illegal-aes-key', /got no key/);
  });

  it('rejects characters outside A-Z a-z 0-9, naming the character and position', () => {
    expectProtocolError(() => deriveAesKey(`${KEY.slice(0, 42)}=`), 'illegal-aes-key', /"=" at position 43/);
    expectProtocolError(() => deriveAesKey(`ab+${KEY.slice(3)}`), 'illegal-aes-key', /"\+" at position 3/);
    expectProtocolError(() => deriveAesKey(`中${KEY.slice(1)}`), 'illegal-aes-key', /"中" at position 1/);
  });

  it('rejects a non-string key at the boundary without a TypeError', () => {
    expectProtocolError(() => deriveAesKey(undefined as unknown as string), 'illegal-aes-key');
  });
});

describe('encrypt / decrypt', () => {
  it('round-trips text of many sizes, including every padding length', () => {
    const random = seededRandom('sizes');
    for (let size = 0; size <= 80; size++) {
      const message = 'x'.repeat(size);
      const result = encryptDetailed({ encodingAesKey: KEY, appId: APPID, message, random });
      const d = decryptDetailed({ encodingAesKey: KEY, encrypt: result.encrypt, expectedAppId: APPID });
      expect(d.message).toBe(message);
      expect(d.padding).toBe(result.breakdown.padding);
      expect(d.padding).toBeGreaterThanOrEqual(1);
      expect(d.padding).toBeLessThanOrEqual(32);
      expect((d.fullBytes + d.padding) % 32).toBe(0);
      expect(d.cipherBytes).toBe(d.fullBytes + d.padding);
    }
  });

  it('pads a FullStr that is already a multiple of 32 with 32 bytes of 0x20', () => {
    // 16 + 4 + message + 18-byte appid = 64 when the message is 26 bytes.
    const result = encryptDetailed({ encodingAesKey: KEY, appId: APPID, message: 'a'.repeat(26) });
    expect(result.breakdown.fullBytes).toBe(64);
    expect(result.breakdown.padding).toBe(32);
    expect(result.breakdown.cipherBytes).toBe(96);
  });

  it('by default prefixes 16 alphanumeric ASCII characters like the official samples', () => {
    for (let i = 0; i < 50; i++) {
      const d = decryptDetailed({ encodingAesKey: KEY, encrypt: encrypt({ encodingAesKey: KEY, appId: APPID, message: 'm' }) });
      expect(d.random.toString('latin1')).toMatch(/^[A-Za-z0-9]{16}$/);
    }
  });

  it('uses an injected prefix verbatim, even non-ASCII bytes', () => {
    const prefix = Buffer.from('00ff10ee20dd30cc40bb50aa60997088', 'hex');
    const e = encrypt({ encodingAesKey: KEY, appId: APPID, message: 'hi', random: () => prefix });
    expect(decryptDetailed({ encodingAesKey: KEY, encrypt: e }).random).toEqual(prefix);
  });

  it('decrypt returns just the message and appid, the same as decryptDetailed', () => {
    const e = encrypt({ encodingAesKey: KEY, appId: APPID, message: '<xml>登录</xml>' });
    const d = decrypt({ encodingAesKey: KEY, encrypt: e, expectedAppId: APPID });
    expect(d).toEqual({ message: '<xml>登录</xml>', appId: APPID });
    const detailed = decryptDetailed({ encodingAesKey: KEY, encrypt: e, expectedAppId: APPID });
    expect([detailed.message, detailed.appId]).toEqual([d.message, d.appId]);
  });

  it('keeps a message that carries U+FFFD itself, and drops a leading BOM as a UTF-8 decoder does', () => {
    const e = (message: string) => encrypt({ encodingAesKey: KEY, appId: APPID, message });
    expect(decrypt({ encodingAesKey: KEY, encrypt: e('\uFFFD ok \uFFFD'), expectedAppId: APPID }).message).toBe('\uFFFD ok \uFFFD');
    expect(decrypt({ encodingAesKey: KEY, encrypt: e('\uFEFF<xml/>'), expectedAppId: APPID }).message).toBe('<xml/>');
    expect(decrypt({ encodingAesKey: KEY, encrypt: e('<xml>\uFEFF</xml>'), expectedAppId: APPID }).message).toBe('<xml>\uFEFF</xml>');
  });

  it('a message with lone surrogates is encoded as Buffer.from would (U+FFFD), length and all', () => {
    const message = `a\uD800b\uDFFFc`;
    const e = encrypt({ encodingAesKey: KEY, appId: APPID, message, random: fixedRandom('aaaabbbbccccdddd') });
    const d = decryptDetailed({ encodingAesKey: KEY, encrypt: e, expectedAppId: APPID });
    expect(d.length).toBe(Buffer.from(message, 'utf8').length);
    expect(d.message).toBe('a\uFFFDb\uFFFDc');
  });

  it('counts msg_len in UTF-8 bytes', () => {
    const e = encrypt({ encodingAesKey: KEY, appId: APPID, message: '登录成功', random: fixedRandom('aaaabbbbccccdddd') });
    expect(decryptDetailed({ encodingAesKey: KEY, encrypt: e }).length).toBe(12);
  });
});

describe('decrypt rejects every malformed input with a WechatProtocolError', () => {
  it('bad base64: a character outside the alphabet', () => {
    const bad = `${V5.encrypt.slice(0, 10)}$${V5.encrypt.slice(11)}`;
    const e = expectProtocolError(() => decrypt({ encodingAesKey: V5.encodingAesKey, encrypt: bad }), 'base64', /"\$" at position 11/);
    expect(e.sampleCode).toBe(-40010);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: 'ab cd===' }), 'base64', /" " at position 3/);
  });

  it('bad base64: padding in the middle, length not a multiple of 4, empty', () => {
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: 'AA==AAAA' }), 'base64', /padding may only appear at the end/);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: V5.encrypt.slice(0, -1) }), 'base64', /not a multiple of 4/);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: '' }), 'base64', /empty/);
  });

  it('refuses as base64 exactly the texts a strict Base64 pattern refuses (random near-misses)', () => {
    // Node's own decoder is lenient (URL-safe letters, skipped characters, low bytes of wide characters).
    const strict = /^[A-Za-z0-9+/]*={0,2}$/;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const odd = ['=', '=', '-', '_', ' ', '\n', '\r', '\t', '%', '.', '\u0000', '\u00ad', '\u00ff', '\u0100', '\u012b', '\u0141', '中', '\ud800'];
    const random = seededRandom('base64-near-misses');
    let refused = 0;
    for (let i = 0; i < 4000; i++) {
      const r = random(80);
      const length = 4 * (r[0]! % 8) + (r[1]! % 5 === 0 ? r[2]! % 4 : 0);
      let text = '';
      for (let j = 0; j < length; j++) text += r[3 + j]! < 230 ? alphabet[r[40 + j]! % 64] : odd[r[40 + j]! % odd.length];
      if (text === '') continue;
      const isStrict = strict.test(text) && text.length % 4 === 0;
      let code = 'ok';
      try {
        decrypt({ encodingAesKey: KEY, encrypt: text, expectedAppId: APPID });
      } catch (err) {
        code = (err as WechatProtocolError).code;
      }
      expect(code === 'base64', JSON.stringify(text)).toBe(!isStrict);
      if (!isStrict) refused++;
    }
    expect(refused).toBeGreaterThan(500);
  });

  it('a ciphertext that is not a multiple of the AES block', () => {
    const e = expectProtocolError(
      () => decrypt({ encodingAesKey: KEY, encrypt: Buffer.alloc(20).toString('base64') }),
      'decrypt-failed',
      /20 bytes, not a non-zero multiple of the 16-byte AES block/,
    );
    expect(e.sampleCode).toBe(-40007);
  });

  it('a wrong key length or illegal key characters', () => {
    expectProtocolError(() => decrypt({ encodingAesKey: 'short', encrypt: V5.encrypt }), 'illegal-aes-key', /got 5 characters/);
    expectProtocolError(() => decrypt({ encodingAesKey: `${KEY.slice(0, 42)}/`, encrypt: V5.encrypt }), 'illegal-aes-key', /"\/"/);
  });

  it('bad padding: a last byte outside 1..32 means no padding (lenient, like the samples)', () => {
    // 64-byte FullStr, no PKCS#7 at all: the last byte is the appid's '6' (0x36 > 32).
    const full = layout(Buffer.from('a'.repeat(26)), 'wxb11529c136998cb6');
    expect(full).toHaveLength(64);
    const d = decryptDetailed({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, full), expectedAppId: 'wxb11529c136998cb6' });
    expect(d.padding).toBe(0);
    expect(d.message).toBe('a'.repeat(26));
  });

  it('bad padding: a zero last byte leaves garbage in the appid', () => {
    const full = layout(Buffer.from('hello'), APPID);
    const plain = Buffer.concat([full, Buffer.alloc(32 - (full.length % 32))]);
    expectProtocolError(
      () => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain), expectedAppId: APPID }),
      'illegal-buffer',
      /appid is not printable ASCII/,
    );
  });

  it('bad padding: a pad count larger than the data', () => {
    const plain = Buffer.alloc(32, 32);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain) }), 'illegal-buffer', /too short/);
  });

  it('bad padding: inconsistent pad bytes strip part of the appid, caught by the appid check', () => {
    const full = layout(Buffer.from('hello'), APPID);
    const n = 32 - (full.length % 32);
    const plain = Buffer.concat([full, Buffer.alloc(n - 1, 0x41), Buffer.from([n + 3])]);
    expectProtocolError(
      () => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain), expectedAppId: APPID }),
      'appid-mismatch',
    );
  });

  it('a truncated length field (declares more bytes than follow)', () => {
    const full = layout(Buffer.from('hello'), APPID, 1000);
    const n = 32 - (full.length % 32);
    const plain = Buffer.concat([full, Buffer.alloc(n, n)]);
    const e = expectProtocolError(
      () => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain) }),
      'illegal-buffer',
      /says the message is 1000 bytes but only 23 bytes follow/,
    );
    expect(e.sampleCode).toBe(-40008);
  });

  it('a plaintext too short to hold the random prefix and the length', () => {
    const plain = Buffer.concat([Buffer.from('0123456789abcdef01'), Buffer.alloc(14, 14)]);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain) }), 'illegal-buffer', /too short/);
  });

  it('a message that is not UTF-8', () => {
    const full = layout(Buffer.from([0xff, 0xfe, 0x80]), APPID);
    const n = 32 - (full.length % 32);
    const plain = Buffer.concat([full, Buffer.alloc(n, n)]);
    expectProtocolError(() => decrypt({ encodingAesKey: KEY, encrypt: rawEncrypt(KEY, plain) }), 'illegal-buffer', /not valid UTF-8/);
  });

  it('a wrong appid names both appids', () => {
    const e = encrypt({ encodingAesKey: KEY, appId: APPID, message: 'x' });
    const err = expectProtocolError(
      () => decrypt({ encodingAesKey: KEY, encrypt: e, expectedAppId: 'wx2222222222222222' }),
      'appid-mismatch',
      /decrypted appid wx1111111111111111 does not match the expected wx2222222222222222/,
    );
    expect(err.sampleCode).toBe(-40005);
    expect(err.expected).toBe('wx2222222222222222');
    expect(err.got).toBe(APPID);
  });

  it('a wrong key yields illegal-buffer or appid-mismatch, never a crash', () => {
    const random = seededRandom('wrong-key');
    const codes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const appId = newAppId(random);
      const e = encrypt({ encodingAesKey: newEncodingAesKey(random), appId, message: `<xml>${i}</xml>`, random });
      try {
        decrypt({ encodingAesKey: newEncodingAesKey(random), encrypt: e, expectedAppId: appId });
        throw new Error('decryption with a wrong key succeeded');
      } catch (err) {
        expect(err).toBeInstanceOf(WechatProtocolError);
        codes.add((err as WechatProtocolError).code);
      }
    }
    expect([...codes].every((c) => c === 'illegal-buffer' || c === 'appid-mismatch')).toBe(true);
  });

  it('arbitrary bytes of any length never escape as a TypeError or RangeError', () => {
    const random = seededRandom('fuzz');
    for (let i = 0; i < 500; i++) {
      const len = (random(1)[0] ?? 0) % 100;
      const text = random(len).toString('base64');
      try {
        decrypt({ encodingAesKey: KEY, encrypt: text, expectedAppId: APPID });
      } catch (err) {
        expect(err).toBeInstanceOf(WechatProtocolError);
      }
    }
  });
});

describe('error codes', () => {
  it('map to the WXBizMsgCrypt sample codes', () => {
    expect(sampleCodeFor('signature-mismatch')).toBe(-40001);
    expect(sampleCodeFor('xml-parse')).toBe(-40002);
    expect(sampleCodeFor('illegal-aes-key')).toBe(-40004);
    expect(sampleCodeFor('appid-mismatch')).toBe(-40005);
    expect(sampleCodeFor('decrypt-failed')).toBe(-40007);
    expect(sampleCodeFor('illegal-buffer')).toBe(-40008);
    expect(sampleCodeFor('base64')).toBe(-40010);
    expect(sampleCodeFor('xml-build')).toBe(-40011);
  });

  it('serialise with code, sample code, field and values', () => {
    const e = new WechatProtocolError('appid-mismatch', 'm', { field: 'appId', expected: 'a', got: 'b' });
    expect(JSON.parse(JSON.stringify(e))).toEqual({
      code: 'appid-mismatch',
      sampleCode: -40005,
      message: 'm',
      field: 'appId',
      expected: 'a',
      got: 'b',
    });
    expect(e.name).toBe('WechatProtocolError');
  });
});
