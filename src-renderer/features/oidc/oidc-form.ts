import {
  OIDC_RULES,
  TTL_MAX_SECONDS,
  TTL_MIN_SECONDS,
  oidcClientPatchSchema,
  redirectUriProblem,
  type ClientAuthMethod,
  type IdTokenAlg,
  type OidcClientPatch,
  type OidcClientSettings,
} from '../../../src-main/contracts/oidc';

/**
 * The OpenID Connect settings form of an application, pure: its values as typed (URIs one per line,
 * lifetimes as text), the PATCH body they make, and the problems of each field, found with the contract's
 * rules (the same the control API applies) before anything is sent.
 */

export interface OidcFormValues {
  redirectUris: string;
  postLogoutRedirectUris: string;
  idTokenAlg: IdTokenAlg;
  tokenEndpointAuthMethod: ClientAuthMethod;
  accessTokenTtl: string;
  refreshTokenTtl: string;
  pkceRequired: boolean;
}

export type OidcField = keyof OidcFormValues;
export const OIDC_FIELDS: readonly OidcField[] = ['redirectUris', 'postLogoutRedirectUris', 'idTokenAlg', 'tokenEndpointAuthMethod', 'accessTokenTtl', 'refreshTokenTtl', 'pkceRequired'];

/** What is wrong with a field, as a catalogue rule (`oidc.rules.<rule>`) and its values. */
export interface OidcProblem {
  field: OidcField;
  rule: 'redirectUri' | 'fragment' | 'tooMany' | 'ttl' | 'other';
  values: Record<string, string | number>;
}

export const MAX_URIS = 20;

export function formValues(s: OidcClientSettings): OidcFormValues {
  return {
    redirectUris: s.redirectUris.join('\n'),
    postLogoutRedirectUris: s.postLogoutRedirectUris.join('\n'),
    idTokenAlg: s.idTokenAlg,
    tokenEndpointAuthMethod: s.tokenEndpointAuthMethod,
    accessTokenTtl: String(s.accessTokenTtl),
    refreshTokenTtl: String(s.refreshTokenTtl),
    pkceRequired: s.pkceRequired,
  };
}

/** The lines of a URI list, trimmed, blank lines dropped. */
export function uriLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

/** A lifetime as typed: a whole number of seconds, or NaN. */
function seconds(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

export function toPatch(v: OidcFormValues): OidcClientPatch {
  return {
    redirectUris: uriLines(v.redirectUris),
    postLogoutRedirectUris: uriLines(v.postLogoutRedirectUris),
    idTokenAlg: v.idTokenAlg,
    tokenEndpointAuthMethod: v.tokenEndpointAuthMethod,
    accessTokenTtl: seconds(v.accessTokenTtl),
    refreshTokenTtl: seconds(v.refreshTokenTtl),
    pkceRequired: v.pkceRequired,
  };
}

function uriListProblem(field: OidcField, text: string): OidcProblem | null {
  const lines = uriLines(text);
  if (lines.length > MAX_URIS) return { field, rule: 'tooMany', values: { max: MAX_URIS } };
  for (const uri of lines) {
    const problem = redirectUriProblem(uri);
    if (problem) return { field, rule: problem === OIDC_RULES.fragment ? 'fragment' : 'redirectUri', values: { uri } };
  }
  return null;
}

function ttlProblem(field: OidcField, text: string): OidcProblem | null {
  const n = seconds(text);
  return Number.isInteger(n) && n >= TTL_MIN_SECONDS && n <= TTL_MAX_SECONDS ? null : { field, rule: 'ttl', values: { min: TTL_MIN_SECONDS, max: TTL_MAX_SECONDS } };
}

/**
 * Every field's first problem, or [] when the form can be saved. The shared schema has the last word: a
 * problem it finds that the checks above do not name is reported under its field as it words it.
 */
export function checkOidcForm(v: OidcFormValues): OidcProblem[] {
  const problems = [
    uriListProblem('redirectUris', v.redirectUris),
    uriListProblem('postLogoutRedirectUris', v.postLogoutRedirectUris),
    ttlProblem('accessTokenTtl', v.accessTokenTtl),
    ttlProblem('refreshTokenTtl', v.refreshTokenTtl),
  ].filter((p): p is OidcProblem => p !== null);
  const parsed = oidcClientPatchSchema.safeParse(toPatch(v));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(String(issue.path[0] ?? ''));
      if (field && !problems.some((p) => p.field === field)) problems.push({ field, rule: 'other', values: { detail: issue.message } });
    }
  }
  return problems;
}

/** The form field a server's field name points at ("redirectUris.1" → redirectUris), or null. */
export function fieldOf(name: string): OidcField | null {
  const base = name.replace(/^body\./, '').split('.')[0] ?? '';
  return (OIDC_FIELDS as readonly string[]).includes(base) ? (base as OidcField) : null;
}

/** A lifetime in the largest whole unit that divides it (1209600 → 14 days), for the hint beside the field. */
export function durationParts(totalSeconds: number): { unit: 'days' | 'hours' | 'minutes' | 'seconds'; count: number } {
  for (const [unit, size] of [
    ['days', 86_400],
    ['hours', 3600],
    ['minutes', 60],
  ] as const) {
    if (totalSeconds >= size && totalSeconds % size === 0) return { unit, count: totalSeconds / size };
  }
  return { unit: 'seconds', count: totalSeconds };
}
