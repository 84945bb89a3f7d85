import { describe, expect, it, vi } from 'vitest';
import { OIDC_DEFAULTS, TTL_MAX_SECONDS, oidcClientPatchSchema, type OidcClientSettings } from '../../../src-main/contracts/oidc';
import type { StudioApi } from '../../../src-renderer/api/studio-api';
import { checkOidcForm, durationParts, fieldOf, formValues, toPatch, uriLines } from '../../../src-renderer/features/oidc/oidc-form';
import { claimText, claimTime } from '../../../src-renderer/features/oidc/token-view';
import { createStudioStore } from '../../../src-renderer/store/create-store';

/** The login console's OpenID Connect form and the inspector's token view, as pure functions; the stage's site choice in the store. */

const SETTINGS: OidcClientSettings = {
  appId: 'a1',
  poolId: 'p1',
  clientId: 'a1',
  issuer: 'http://127.0.0.1:1/oidc',
  discoveryUrl: 'http://127.0.0.1:1/oidc/.well-known/openid-configuration',
  redirectUris: ['https://shop.example/cb', 'http://127.0.0.1:3000/cb'],
  postLogoutRedirectUris: [],
  idTokenAlg: OIDC_DEFAULTS.idTokenAlg,
  tokenEndpointAuthMethod: OIDC_DEFAULTS.tokenEndpointAuthMethod,
  accessTokenTtl: OIDC_DEFAULTS.accessTokenTtl,
  refreshTokenTtl: OIDC_DEFAULTS.refreshTokenTtl,
  pkceRequired: false,
  hasSecret: true,
  secretMasked: 'abcd••••wxyz',
};

describe('the OpenID Connect settings form', () => {
  it('round-trips the saved settings: one URI a line, lifetimes as text', () => {
    const v = formValues(SETTINGS);
    expect(v.redirectUris).toBe('https://shop.example/cb\nhttp://127.0.0.1:3000/cb');
    expect(v.accessTokenTtl).toBe('1209600');
    expect(checkOidcForm(v)).toEqual([]);
    const patch = toPatch(v);
    expect(oidcClientPatchSchema.parse(patch)).toEqual(patch);
    expect(patch).toMatchObject({ redirectUris: SETTINGS.redirectUris, postLogoutRedirectUris: [], accessTokenTtl: 1209600, pkceRequired: false });
  });

  it('drops blank lines and surrounding spaces', () => {
    expect(uriLines('  https://a.example/cb \r\n\n\thttps://b.example/cb\n')).toEqual(['https://a.example/cb', 'https://b.example/cb']);
  });

  it('names the field and the URI that breaks the rules, with the rule it breaks', () => {
    const v = {
      ...formValues(SETTINGS),
      redirectUris: 'https://ok.example/cb\nhttp://shop.example/cb',
      postLogoutRedirectUris: 'https://shop.example/#top',
    };
    expect(checkOidcForm(v)).toEqual([
      { field: 'redirectUris', rule: 'redirectUri', values: { uri: 'http://shop.example/cb' } },
      { field: 'postLogoutRedirectUris', rule: 'fragment', values: { uri: 'https://shop.example/#top' } },
    ]);
    expect(checkOidcForm({ ...v, redirectUris: 'not a url', postLogoutRedirectUris: '' })[0]).toMatchObject({ field: 'redirectUris', rule: 'redirectUri', values: { uri: 'not a url' } });
  });

  it('refuses more than 20 URIs and lifetimes that are not whole seconds in range', () => {
    const many = Array.from({ length: 21 }, (_, i) => `https://s${i}.example/cb`).join('\n');
    const problems = checkOidcForm({ ...formValues(SETTINGS), redirectUris: many, accessTokenTtl: '59', refreshTokenTtl: '1.5' });
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['redirectUris', 'tooMany'],
      ['accessTokenTtl', 'ttl'],
      ['refreshTokenTtl', 'ttl'],
    ]);
    expect(checkOidcForm({ ...formValues(SETTINGS), accessTokenTtl: String(TTL_MAX_SECONDS + 1) })).toHaveLength(1);
    expect(checkOidcForm({ ...formValues(SETTINGS), accessTokenTtl: String(TTL_MAX_SECONDS) })).toEqual([]);
  });

  it('maps a server field ("redirectUris.1") to its form field', () => {
    expect(fieldOf('redirectUris.1')).toBe('redirectUris');
    expect(fieldOf('body.accessTokenTtl')).toBe('accessTokenTtl');
    expect(fieldOf('secret')).toBeNull();
  });

  it('says a lifetime in its largest whole unit', () => {
    expect(durationParts(1_209_600)).toEqual({ unit: 'days', count: 14 });
    expect(durationParts(7200)).toEqual({ unit: 'hours', count: 2 });
    expect(durationParts(90)).toEqual({ unit: 'seconds', count: 90 });
    expect(durationParts(120)).toEqual({ unit: 'minutes', count: 2 });
  });
});

describe("the inspector's decoded tokens", () => {
  it('shows strings as they are, other values as JSON, and NumericDate claims also as times', () => {
    expect(claimText('abc')).toBe('abc');
    expect(claimText(['openid', 'profile'])).toBe('["openid","profile"]');
    expect(claimText(false)).toBe('false');
    expect(claimTime('exp', 1_700_000_000)).toBe(1_700_000_000_000);
    expect(claimTime('updated_at', 1_700_000_000)).toBe(1_700_000_000_000);
    expect(claimTime('nonce', 1_700_000_000)).toBeNull();
    expect(claimTime('exp', 'soon')).toBeNull();
  });
});

describe("the stage's PC browser site", () => {
  it('starts on the hosted page; switching reloads the frame and forgets its last QR', () => {
    const store = createStudioStore({ api: { listPools: vi.fn() } as unknown as StudioApi });
    const a = store.getState().actions;
    expect(store.getState().pcSite).toBe('hosted');
    a.setPcQr({ image: 'data:image/png;base64,AA', status: 'PENDING', sessionId: 's1', at: 1 });
    const key = store.getState().pcKey;
    a.setPcSite('sample');
    expect(store.getState()).toMatchObject({ pcSite: 'sample', pcKey: key + 1, pcQr: null });
    a.setPcSite('sample');
    expect(store.getState().pcKey).toBe(key + 1);
  });
});
