import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as client from 'openid-client';
import type { LoginUser } from '../../../src-main/contracts/api';
import type { ClientAuthMethod, IdTokenAlg } from '../../../src-main/contracts/oidc';
import { openidClientSnippet } from '../../../src-renderer/features/oidc/snippet';
import { CookieBrowser } from '../../helpers/browser-jar';
import { REDIRECT_URI, registerApp, signInWithWechat, startOidcWorld, type OidcWorld } from './helpers';

/**
 * The openid-client code the login console shows for an application, run as it is written (its import
 * given the library, CLIENT_SECRET in its environment), against the provider on plain http: discovery, the
 * authorization URL, the hosted page and a phone follow in between, the code exchanged for verified tokens.
 */

type Run = (lib: typeof client, proc: { env: Record<string, string> }, signIn: (url: URL) => Promise<URL>) => Promise<Record<string, unknown>>;
const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => Run;

/** The snippet as a function body: the browser's part (a comment in the snippet) done by `signIn`, the claims returned. */
function runnable(snippet: string): Run {
  const browserStep = /^\/\/ … the browser goes to url.*$/m;
  const lastLine = /^console\.log\(tokens\.claims\(\)\);.*$/m;
  expect(snippet).toMatch(browserStep);
  expect(snippet).toMatch(lastLine);
  const body = snippet
    .replace(/^import \* as client from 'openid-client';$/m, '')
    .replace(browserStep, 'const currentUrl = await signIn(url);')
    .replace(lastLine, 'return tokens.claims();');
  return new AsyncFunction('client', 'process', 'signIn', body);
}

describe("the login console's openid-client snippet", () => {
  let w: OidcWorld;

  beforeAll(async () => {
    w = await startOidcWorld({ https: false });
  });
  afterAll(async () => {
    await w?.close();
  });

  const cases: Array<[ClientAuthMethod, IdTokenAlg]> = [
    ['client_secret_post', 'HS256'],
    ['client_secret_basic', 'RS256'],
    ['none', 'RS256'],
  ];
  for (const [authMethod, idTokenAlg] of cases) {
    it(`signs a WeChat user in with ${authMethod} and an ${idTokenAlg} id_token`, async () => {
      const app = await registerApp(w, `Snippet ${authMethod}`, { tokenEndpointAuthMethod: authMethod, idTokenAlg });
      const s = app.settings;
      const snippet = openidClientSnippet({ issuer: s.issuer, clientId: s.clientId, authMethod: s.tokenEndpointAuthMethod, idTokenAlg: s.idTokenAlg, redirectUri: s.redirectUris[0]!, authCa: null });
      expect(snippet).toContain(`new URL('${w.issuer}')`);
      expect(snippet).not.toContain(app.secret);

      const browser = new CookieBrowser(w.fetch);
      const signIn = async (url: URL): Promise<URL> => new URL((await signInWithWechat(w, browser, url, w.personas.chen)).callback);
      const claims = await runnable(snippet)(client, { env: { CLIENT_SECRET: app.secret } }, signIn);

      const chen = (await w.api<{ users: LoginUser[] }>('GET', `/api/login/users?poolId=${w.pool.id}`)).body.users.find((u) => u.username === 'chen')!;
      expect(s.redirectUris[0]).toBe(REDIRECT_URI);
      expect(claims).toMatchObject({ iss: w.issuer, aud: app.id, sub: chen.id, openid: chen.identities[0]!.openId, userpool_id: w.pool.id });
    });
  }
});
