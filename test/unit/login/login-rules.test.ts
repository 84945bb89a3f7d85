import { describe, expect, it } from 'vitest';
import { CONNECTION_RULES, checkConnectionForm, connectionFormSchema } from '../../../src-main/contracts/login-rules';

const VALID = {
  identifier: 'wechat-follow',
  displayName: 'Follow Studio Demo',
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'AAAAA',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  mode: 'safe',
  loginMode: 'login-and-register',
  association: 'field-matching',
};

describe('connection form rules (seed field table)', () => {
  it('accepts a valid form', () => {
    expect(checkConnectionForm(VALID)).toEqual([]);
    expect(connectionFormSchema.safeParse(VALID).success).toBe(true);
  });

  it('Unique ID: lowercase letters, digits and "-", shorter than 32', () => {
    expect(checkConnectionForm({ ...VALID, identifier: 'a'.repeat(31) })).toEqual([]);
    for (const bad of ['a'.repeat(32), 'Upper', 'under_score', 'dot.ted', '']) {
      expect(checkConnectionForm({ ...VALID, identifier: bad })[0]).toEqual({ field: 'identifier', message: CONNECTION_RULES.identifier });
    }
  });

  it('Token: English letters or digits, 3–32', () => {
    expect(checkConnectionForm({ ...VALID, token: 'abc' })).toEqual([]);
    expect(checkConnectionForm({ ...VALID, token: 'a'.repeat(32) })).toEqual([]);
    for (const bad of ['ab', 'a'.repeat(33), 'to-ken', '中文中文']) expect(checkConnectionForm({ ...VALID, token: bad })[0]?.field).toBe('token');
  });

  it('EncodingAESKey: 43 of A-Za-z0-9, blank only in plaintext mode', () => {
    expect(checkConnectionForm({ ...VALID, encodingAesKey: '', mode: 'plaintext' })).toEqual([]);
    expect(checkConnectionForm({ ...VALID, encodingAesKey: undefined, mode: 'plaintext' })).toEqual([]);
    expect(checkConnectionForm({ ...VALID, encodingAesKey: '', mode: 'compatible' })).toEqual([
      { field: 'encodingAesKey', message: CONNECTION_RULES.encodingAesKeyRequired },
    ]);
    expect(checkConnectionForm({ ...VALID, encodingAesKey: 'x'.repeat(42) })).toEqual([{ field: 'encodingAesKey', message: CONNECTION_RULES.encodingAesKey }]);
    expect(checkConnectionForm({ ...VALID, encodingAesKey: 'x'.repeat(42) + '+' })[0]?.field).toBe('encodingAesKey');
    const z = connectionFormSchema.safeParse({ ...VALID, encodingAesKey: '' });
    expect(z.success).toBe(false);
    expect(z.error?.issues[0]?.path).toEqual(['encodingAesKey']);
  });

  it('reports every problem in form order, with wrong types handled', () => {
    const problems = checkConnectionForm({ identifier: 5, displayName: null, appId: 'wx', token: [], mode: 'x', loginMode: 'y', association: 'z' });
    expect(problems.map((p) => p.field)).toEqual(['identifier', 'displayName', 'appId', 'appSecret', 'token', 'mode', 'loginMode', 'association']);
    expect(checkConnectionForm(null).length).toBeGreaterThan(0);
  });

  it('editing: absent fields are kept, the Unique ID cannot change, the key rule uses the merged mode', () => {
    const current = { ...VALID, mode: 'safe' as const, loginMode: 'login-and-register' as const, association: 'off' as const };
    expect(checkConnectionForm({ displayName: 'New' }, { current })).toEqual([]);
    expect(checkConnectionForm({ identifier: 'wechat-follow' }, { current })).toEqual([]);
    expect(checkConnectionForm({ identifier: 'renamed' }, { current })).toEqual([{ field: 'identifier', message: CONNECTION_RULES.identifierImmutable }]);
    expect(checkConnectionForm({ encodingAesKey: '' }, { current })[0]?.field).toBe('encodingAesKey');
    expect(checkConnectionForm({ encodingAesKey: '', mode: 'plaintext' }, { current })).toEqual([]);
    const plain = { ...current, mode: 'plaintext' as const, encodingAesKey: '' };
    expect(checkConnectionForm({ mode: 'safe' }, { current: plain })[0]?.field).toBe('encodingAesKey');
    expect(checkConnectionForm({ loginMode: 'login-only' }, { current: plain })).toEqual([]);
  });
});
