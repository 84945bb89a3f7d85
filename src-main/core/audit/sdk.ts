import type { SdkGuess } from './types';
import type { Probe } from './wire';

/**
 * Guesses the server's SDK or stack from what it sent, so fix hints can name the exact place to change.
 * Only details that the named SDK produces by itself count; the basis is shown in the report.
 */
export function guessSdk(probes: readonly Probe[]): SdkGuess | undefined {
  for (const p of probes) {
    const body = p.answer.body ?? '';
    if (p.answer.status === 401 && body === 'Invalid signature') {
      return { id: 'node-webot', name: 'node-webot/wechat (Node.js)', basis: 'refusals answer HTTP 401 “Invalid signature”, as lib/wechat.js does' };
    }
    if (/^<xml><Encrypt><!\[CDATA\[[^\]]*\]\]><\/Encrypt><MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature><TimeStamp>\d{13}<\/TimeStamp>/.test(body)) {
      return { id: 'node-webot', name: 'node-webot/wechat (Node.js)', basis: 'its encrypted replies use node-webot’s one-line template with a 13-digit TimeStamp' };
    }
  }
  const header = (name: string): string | undefined => probes.map((p) => p.evidence.response?.headers[name]).find((v) => v !== undefined);
  const powered = header('x-powered-by') ?? '';
  const server = header('server') ?? '';
  if (/express/i.test(powered)) return { id: 'express', name: 'Express (Node.js)', basis: `X-Powered-By: ${powered}` };
  if (/php/i.test(powered)) return { id: 'php', name: 'PHP (EasyWeChat is the common SDK)', basis: `X-Powered-By: ${powered}` };
  if (/werkzeug|gunicorn|uvicorn|tornado/i.test(server)) return { id: 'python', name: 'Python (wechatpy is the common SDK)', basis: `Server: ${server}` };
  if (probes.some((p) => /"timestamp":.*"status":\d{3},"error":/.test(p.answer.body ?? ''))) {
    return { id: 'java', name: 'Java / Spring (WxJava is the common SDK)', basis: 'Spring Boot’s JSON error body' };
  }
  return undefined;
}
