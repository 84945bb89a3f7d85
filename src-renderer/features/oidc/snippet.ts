import type { ClientAuthMethod, IdTokenAlg } from '../../../src-main/contracts/oidc';

/**
 * The openid-client (v6) code a website needs for one application, with its issuer, client ID, method and
 * algorithm filled in. The secret is never put in it: it is read from CLIENT_SECRET.
 */
export interface SnippetInput {
  issuer: string;
  clientId: string;
  authMethod: ClientAuthMethod;
  idTokenAlg: IdTokenAlg;
  redirectUri: string;
  /** Path of the local CA (https issuers): Node must be told to trust it. */
  authCa: string | null;
}

const AUTH: Record<ClientAuthMethod, string> = {
  client_secret_post: 'client.ClientSecretPost(process.env.CLIENT_SECRET)',
  client_secret_basic: 'client.ClientSecretBasic(process.env.CLIENT_SECRET)',
  none: 'client.None()',
};

export function openidClientSnippet(s: SnippetInput): string {
  const http = s.issuer.startsWith('http:');
  const metadata = [
    ...(s.authMethod === 'none' ? [] : ['client_secret: process.env.CLIENT_SECRET']),
    `id_token_signed_response_alg: '${s.idTokenAlg}'`,
  ].join(', ');
  return [
    ...(s.authCa ? [`// Run with NODE_EXTRA_CA_CERTS=${s.authCa} (the studio's local CA)`] : []),
    "import * as client from 'openid-client';",
    '',
    'const config = await client.discovery(',
    `  new URL('${s.issuer}'),`,
    `  '${s.clientId}',`,
    `  { ${metadata} },`,
    `  ${AUTH[s.authMethod]},`,
    ...(http ? ['  { execute: [client.allowInsecureRequests] }, // the issuer is plain http'] : []),
    ');',
    'const codeVerifier = client.randomPKCECodeVerifier();',
    'const state = client.randomState();',
    'const url = client.buildAuthorizationUrl(config, {',
    `  redirect_uri: '${s.redirectUri}',`,
    "  scope: 'openid profile unionid',",
    '  code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),',
    "  code_challenge_method: 'S256',",
    '  state,',
    '});',
    '// … the browser goes to url; the user scans and follows; back at redirect_uri:',
    'const tokens = await client.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: codeVerifier, expectedState: state });',
    'console.log(tokens.claims()); // { sub, openid, unionid, userpool_id, name, … }',
  ].join('\n');
}
