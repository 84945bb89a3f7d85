import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openPush } from '../../../src-main/core/wechat/envelope';

export const TOKEN = 'platformTok9';
export const AES_KEY = 'Kq8wE2rT6yU0iO4pA7sD1fG5hJ9kL3zX6cV0bN4mQ2w';

export interface Received {
  path: string;
  query: Record<string, string>;
  fields: Record<string, string>;
}

/**
 * A stand-in third-party platform server: decrypts every push with the platform's Token and key (tail =
 * the component AppID, set once known) and answers `success`, or what `answer` says.
 */
export async function startReceiver(): Promise<{
  base: string;
  got: Received[];
  componentAppId: { value: string };
  answer: { body: string };
  close(): Promise<void>;
}> {
  const got: Received[] = [];
  const componentAppId = { value: '' };
  const answer = { body: 'success' };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      const query = Object.fromEntries(u.searchParams);
      try {
        const opened = openPush({ query, body: Buffer.concat(chunks).toString('utf8'), token: TOKEN, encodingAesKey: AES_KEY, appId: componentAppId.value });
        got.push({ path: u.pathname, query, fields: opened.record as Record<string, string> });
        res.end(answer.body);
      } catch (e) {
        res.statusCode = 400;
        res.end((e as Error).message);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, got, componentAppId, answer, close: () => new Promise((r) => server.close(() => r())) };
}
