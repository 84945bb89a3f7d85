import type { HttpRequestRecord, HttpResponseRecord } from '../../api/types';

/** Raw HTTP text of a recorded request, as it went over the wire (request line, headers, body). */
export function rawRequest(r: HttpRequestRecord): string {
  let target = r.url;
  try {
    const u = new URL(r.url);
    target = u.pathname + u.search;
  } catch {
    // Keep the URL as recorded.
  }
  const head = [`${r.method} ${target} HTTP/1.1`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\n')}\n\n${r.body}`;
}

export function rawResponse(r: HttpResponseRecord): string {
  const head = [`HTTP/1.1 ${r.status}`, ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\n')}\n\n${r.body}`;
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A curl command that replays the request (to try one's own server by hand). */
export function curlOf(r: HttpRequestRecord): string {
  const skip = new Set(['host', 'content-length', 'connection']);
  const parts = ['curl', '-X', r.method, shellQuote(r.url)];
  for (const [k, v] of Object.entries(r.headers)) if (!skip.has(k.toLowerCase())) parts.push('-H', shellQuote(`${k}: ${v}`));
  if (r.body) parts.push('--data-binary', shellQuote(r.body));
  return parts.join(' ');
}

/** The query parameters of a URL, in order (signature, timestamp, nonce, openid, encrypt_type, msg_signature). */
export function queryOf(url: string): Array<[string, string]> {
  try {
    return [...new URL(url).searchParams.entries()];
  } catch {
    return [];
  }
}
