import { describe, expect, it } from 'vitest';
import {
  AES_KEY_RE,
  APPID_RE,
  IDENTIFIER_RE,
  TOKEN_RE,
  aesKeyRequiredForMode,
  appIdSchema,
  encodingAesKeySchema,
  identifierSchema,
  messageModeSchema,
  tokenSchema,
} from '../../../src-main/contracts/rules';

function firstMessage(result: { success: boolean; error?: { issues: Array<{ message: string }> } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe('contracts/rules', () => {
  it('Token: 3–32 English letters or digits', () => {
    expect(tokenSchema.parse('AAAAA')).toBe('AAAAA');
    expect(tokenSchema.safeParse('a'.repeat(32)).success).toBe(true);
    for (const bad of ['ab', 'a'.repeat(33), 'abc-def', 'abc def', '中文abc', 42]) {
      expect(firstMessage(tokenSchema.safeParse(bad))).toBe('Token must be 3–32 English letters or digits');
    }
    expect(TOKEN_RE.test('testtoken123')).toBe(true);
  });

  it('EncodingAESKey: exactly 43 letters or digits', () => {
    expect(encodingAesKeySchema.safeParse('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG').success).toBe(true);
    expect(firstMessage(encodingAesKeySchema.safeParse('A'.repeat(42)))).toMatch(/43 English letters or digits/);
    expect(encodingAesKeySchema.safeParse(`${'A'.repeat(42)}=`).success).toBe(false);
    expect(AES_KEY_RE.test('A'.repeat(44))).toBe(false);
  });

  it('identifier: lower-case letters, digits and -, 1–31', () => {
    expect(identifierSchema.safeParse('demo-account-1').success).toBe(true);
    expect(IDENTIFIER_RE.test('a'.repeat(31))).toBe(true);
    for (const bad of ['', 'a'.repeat(32), 'Demo', 'a_b', 'a b']) {
      expect(firstMessage(identifierSchema.safeParse(bad))).toMatch(/lower-case letters, digits or hyphens/);
    }
  });

  it('AppID: wx + 16 lower-case hex', () => {
    expect(appIdSchema.safeParse('wxba5fad812f8e6fb9').success).toBe(true);
    expect(APPID_RE.test('wxBA5FAD812F8E6FB9')).toBe(false);
    expect(firstMessage(appIdSchema.safeParse('wx123'))).toMatch(/AppID must be "wx" followed by 16/);
  });

  it('message mode', () => {
    expect(messageModeSchema.options).toEqual(['plaintext', 'compatible', 'safe']);
    expect(firstMessage(messageModeSchema.safeParse('aes'))).toMatch(/plaintext, compatible or safe/);
  });

  it('the key may be blank only in plaintext mode', () => {
    expect(aesKeyRequiredForMode('plaintext', '')).toBeNull();
    expect(aesKeyRequiredForMode('plaintext', undefined)).toBeNull();
    expect(aesKeyRequiredForMode('compatible', '  ')).toMatch(/required in compatible and safe mode/);
    expect(aesKeyRequiredForMode('safe', null)).toMatch(/required/);
    expect(aesKeyRequiredForMode('safe', 'A'.repeat(43))).toBeNull();
    expect(aesKeyRequiredForMode('plaintext', 'short')).toMatch(/43 English letters or digits/);
  });
});
