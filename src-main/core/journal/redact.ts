import type { DecryptionStep, HttpRequestRecord, HttpResponseRecord, JournalEntry, SignatureStep } from '../../contracts/api';

/**
 * Redaction, in one place. The journal is persisted, streamed to the studio and exported, so nothing that
 * grants access goes into it: AppSecrets, access and refresh tokens, client secrets, passwords and session
 * tokens are masked wherever they appear by name (query strings, JSON and form bodies, headers), and the
 * secrets a module knows by value (an account's or connection's Token and EncodingAESKey) are replaced
 * wherever they appear at all.
 */

/** "a1b2••••••••9f0e": enough to recognise a long secret, not enough to use it; short ones are hidden whole. */
export function maskSecret(secret: string): string {
  if (!secret) return '';
  if (secret.length <= 8) return '•'.repeat(8);
  const keep = secret.length >= 24 ? 4 : 2;
  return `${secret.slice(0, keep)}${'•'.repeat(8)}${secret.slice(-keep)}`;
}

/** Names of fields and parameters whose value is a credential, wherever they appear. */
const SECRET_NAME =
  /^(access_token|component_access_token|authorizer_access_token|refresh_token|authorizer_refresh_token|id_token|client_secret|secret|appsecret|app_secret|appSecret|component_appsecret|component_secret|componentAppSecret|password|token|loginToken|code_verifier|component_verify_ticket)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/**
 * OpenID Connect's exchanges carry more one-time credentials by name: an authorization code, a token hint,
 * a logout token, a client assertion, the provider's XSRF value, a request object.
 */
const OIDC_SECRET_NAMES = new Set(['code', 'id_token_hint', 'logout_token', 'client_assertion', 'xsrf', 'request']);

export function isOidcSecretName(name: string): boolean {
  return isSecretName(name) || OIDC_SECRET_NAMES.has(name);
}

/** Masks the credential parameters of a query or form string ("a=1&secret=…"). */
export function redactQueryString(qs: string): string {
  return qs.replace(/(^|[?&])([^=&#?]+)=([^&#]*)/g, (m, sep: string, key: string, value: string) => {
    let name = key;
    try {
      name = decodeURIComponent(key);
    } catch {
      // keep the raw key
    }
    return isSecretName(name) ? `${sep}${key}=${maskSecret(value)}` : m;
  });
}

export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q) + redactQueryString(url.slice(q));
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = isSecretName(k) && typeof v === 'string' ? maskSecret(v) : redactJson(v);
    return out;
  }
  return value;
}

/** Masks credentials in a body: JSON by field name, form-encoded by parameter name; anything else as it is. */
export function redactBody(body: string, contentType = ''): string {
  const text = body.trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(body)));
    } catch {
      // Not JSON after all (or cut by the journal's size limit): mask "name":"value" pairs textually.
      return body.replace(/("([^"\\]+)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g, (m, head: string, name: string, value: string, end: string) =>
        isSecretName(name) ? head + maskSecret(value) + end : m,
      );
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType) || (/^[\w.%-]+=[^<\s]*(&[\w.%-]+=[^<\s]*)*$/.test(text) && text.includes('='))) {
    return redactQueryString(body);
  }
  return body;
}

/**
 * Masks credential pairs inside free text (a summary, a report line): `name=value` as in a query and
 * `"name":"value"` as in JSON, for the names above.
 */
export function redactText(text: string): string {
  return text
    .replace(/(^|[?&\s])([\w.-]+)=([^&\s"]+)/g, (m, sep: string, name: string, value: string) => (isSecretName(name) ? `${sep}${name}=${maskSecret(value)}` : m))
    .replace(/("([^"\\]+)"\s*:\s*")((?:[^"\\]|\\.)*)(")/g, (m, head: string, name: string, value: string, end: string) => (isSecretName(name) ? head + maskSecret(value) + end : m));
}

/** Log fields: any key that names a secret, a token, a key, a password or a cookie is dropped whole. */
const LOG_SECRET_KEY = /secret|token|aeskey|encodingaeskey|password|authorization|cookie/i;

export function redactFields(value: unknown, depth = 0): unknown {
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = LOG_SECRET_KEY.test(k) ? '[redacted]' : redactFields(v, depth + 1);
  return out;
}

const DROPPED_HEADERS = new Set(['authorization', 'cookie', 'set-cookie', 'proxy-authorization']);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = DROPPED_HEADERS.has(k.toLowerCase()) ? '«redacted»' : v;
  return out;
}

export function redactRequest(r: HttpRequestRecord): HttpRequestRecord {
  return { ...r, url: redactUrl(r.url), headers: redactHeaders(r.headers), body: redactBody(r.body, r.headers['content-type']) };
}

export function redactResponse(r: HttpResponseRecord): HttpResponseRecord {
  return { ...r, headers: redactHeaders(r.headers), body: redactBody(r.body, r.headers['content-type']) };
}

/** A secret known by value, and the label that replaces it ("Token", "EncodingAESKey"). */
export interface KnownSecret {
  value: string;
  label: string;
}

/** Replaces every occurrence of each known secret in the entry's text by «label». */
function scrub(entry: JournalEntry, secrets: readonly KnownSecret[]): JournalEntry {
  const usable = secrets.filter((s) => s.value && s.value.length >= 3);
  if (!usable.length) return entry;
  let text = JSON.stringify(entry);
  let hit = false;
  for (const s of usable) {
    const needle = JSON.stringify(s.value).slice(1, -1);
    if (text.includes(needle)) {
      hit = true;
      text = text.split(needle).join(`«${s.label}»`);
    }
  }
  return hit ? (JSON.parse(text) as JournalEntry) : entry;
}

/** Everything the journal stores goes through here. */
export function redactEntry(entry: JournalEntry, secrets: readonly KnownSecret[] = []): JournalEntry {
  const attempts = entry.attempts.map((a) => ({
    ...a,
    request: redactRequest(a.request),
    ...(a.response ? { response: redactResponse(a.response) } : {}),
  }));
  return scrub({ ...entry, url: redactUrl(entry.url), attempts }, secrets);
}

/**
 * A signature step keeps its structure (the sorted inputs, the joined text, the SHA-1) with the Token
 * replaced by a label; the workbench reproduces it with the real value.
 */
export function redactSignatureStep(step: SignatureStep, token: string): SignatureStep {
  if (!token) return step;
  const label = '«Token»';
  return { ...step, sorted: step.sorted.map((s) => (s === token ? label : s.split(token).join(label))), joined: step.joined.split(token).join(label) };
}

/** A decryption step keeps everything but the AES key and IV, which are the EncodingAESKey in other clothes. */
export function redactDecryptionStep(step: DecryptionStep): DecryptionStep {
  return { ...step, aesKeyHex: maskSecret(step.aesKeyHex), ivHex: maskSecret(step.ivHex) };
}
