import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditMode, CheckStatus } from '../../../src-main/core/audit';
import { audit, AES_KEY, APP_ID, table, TOKEN, unsaid } from './audit-helpers';

/**
 * The audit against a server built on node-webot's `wechat` middleware (2.1.0, lib/wechat.js, with
 * wechat-crypto 0.0.2 and xml2js 0.4.17), run as its own process with a typical handler: texts echoed,
 * subscribe/SCAN welcomed, everything else answered with res.reply('') (HTTP 200, empty body).
 *
 * What the library does, and so what the audit must report — check by check:
 *
 * URL-01  WARN  GET with a valid signature: `res.writeHead(200); res.end(req.query.echostr)`. The body is exactly
 *               the echostr, but writeHead before end makes Node send it chunked, without Content-Length.
 * URL-02  PASS  checkSignature() runs before the echo; a mismatch gets 401 "Invalid signature".
 * URL-03  PASS  no query → the signature of [token, undefined, undefined] mismatches → 401; HEAD → 501
 *               "Not Implemented" (an explicit refusal); an extra parameter does not disturb the check.
 * MODE-P1 PASS  plaintext: the same checkSignature() guards every POST; forged or missing → 401.
 * MODE-C1 PASS  compatible: encrypt_type + msg_signature send it to serveEncrypt, which compares
 *               msg_signature with cryptor.getSignature(timestamp, nonce, Encrypt) → 401 when both are wrong.
 * MODE-S1 PASS  safe: same comparison; a swapped <Encrypt> no longer matches msg_signature → 401.
 * MODE-S2 WARN  a POST without encrypt_type takes the plaintext path whatever the config: safe mode accepts
 *               a plaintext push and replies to it.
 * CRY-01  FAIL  serveEncrypt never compares the decrypted id with config.appid ("TODO 检查appId的正确性"):
 *               a ciphertext for another AppID is processed and answered.
 * CRY-02  FAIL  cryptor.decrypt() runs inside the xml2js callback without try/catch; a bad Base64 length
 *               makes decipher.final() throw ("wrong final block length"), xml2js rethrows, and the process
 *               dies (uncaught 'error' event). The audit sees the connection close and nothing answer after.
 * CRY-03  PASS  wechat-crypto pads to 32 with a full block at exact multiples and strips pads 1–32.
 * CRY-04  PASS  new Buffer(text) and readUInt32BE count bytes; the Chinese echo round-trips.
 * REP-01  WARN  reply(): `info.createTime = new Date().getTime()` — CreateTime in milliseconds (issue #175 says
 *               WeChat tolerates it); ToUserName/FromUserName are swapped correctly.
 * REP-02  FAIL  encryptXml(): `wrap.timestamp = new Date().getTime()` — TimeStamp in milliseconds (issue #243).
 *               (SKIP in plaintext mode.)
 * REP-03  PASS  res.reply('') → writeHead(200) + end('') — an empty 200.
 * TIME-*  PASS  everything is answered in milliseconds.
 * DUP-01  INFO  no deduplication in the library, and each delivery gets the same welcome: the answers look
 *               right, and whether work was done three times cannot be seen — the audit says so.
 * DUP-02  PASS  two users' texts in the same second each get their own echo.
 * EVT-01  INFO  both subscribe and SCAN reach the handler and get a reply; the login mapping is the app's.
 * EVT-02  PASS  every event reaches the handler; unknown ones get res.reply('').
 * EVT-03  PASS  image, voice, 10 KB and unknown elements all parse (xml2js keeps what it does not know).
 * SEC-01  WARN  no timestamp window anywhere.
 * SEC-02  PASS  xml2js/sax does not expand DTD entities: the DOCTYPE push fails to parse → next(err) → 500.
 * SEC-03  WARN  load() reads the whole body with no limit; the 1.5 MB message is parsed and echoed.
 * SEC-04  PASS  refusals are the fixed text "Invalid signature".
 * FWD-01, TOK-01  SKIP  not observable here.
 */

const EXPECTED: Record<AuditMode, Record<string, CheckStatus>> = {
  plaintext: {
    'URL-01': 'WARN', 'URL-02': 'PASS', 'URL-03': 'PASS',
    'MODE-P1': 'PASS', 'MODE-C1': 'SKIP', 'MODE-S1': 'SKIP', 'MODE-S2': 'SKIP',
    'CRY-01': 'SKIP', 'CRY-02': 'SKIP', 'CRY-03': 'SKIP', 'CRY-04': 'PASS',
    'REP-01': 'WARN', 'REP-02': 'SKIP', 'REP-03': 'PASS',
    'TIME-01': 'PASS', 'TIME-02': 'PASS', 'DUP-01': 'INFO', 'DUP-02': 'PASS',
    'EVT-01': 'INFO', 'EVT-02': 'PASS', 'EVT-03': 'PASS',
    'SEC-01': 'WARN', 'SEC-02': 'PASS', 'SEC-03': 'WARN', 'SEC-04': 'PASS', 'FWD-01': 'SKIP', 'TOK-01': 'SKIP',
  },
  compatible: {
    'URL-01': 'WARN', 'URL-02': 'PASS', 'URL-03': 'PASS',
    'MODE-P1': 'SKIP', 'MODE-C1': 'PASS', 'MODE-S1': 'SKIP', 'MODE-S2': 'SKIP',
    'CRY-01': 'FAIL', 'CRY-02': 'FAIL', 'CRY-03': 'PASS', 'CRY-04': 'PASS',
    'REP-01': 'WARN', 'REP-02': 'FAIL', 'REP-03': 'PASS',
    'TIME-01': 'PASS', 'TIME-02': 'PASS', 'DUP-01': 'INFO', 'DUP-02': 'PASS',
    'EVT-01': 'INFO', 'EVT-02': 'PASS', 'EVT-03': 'PASS',
    'SEC-01': 'WARN', 'SEC-02': 'PASS', 'SEC-03': 'WARN', 'SEC-04': 'PASS', 'FWD-01': 'SKIP', 'TOK-01': 'SKIP',
  },
  safe: {
    'URL-01': 'WARN', 'URL-02': 'PASS', 'URL-03': 'PASS',
    'MODE-P1': 'SKIP', 'MODE-C1': 'SKIP', 'MODE-S1': 'PASS', 'MODE-S2': 'WARN',
    'CRY-01': 'FAIL', 'CRY-02': 'FAIL', 'CRY-03': 'PASS', 'CRY-04': 'PASS',
    'REP-01': 'WARN', 'REP-02': 'FAIL', 'REP-03': 'PASS',
    'TIME-01': 'PASS', 'TIME-02': 'PASS', 'DUP-01': 'INFO', 'DUP-02': 'PASS',
    'EVT-01': 'INFO', 'EVT-02': 'PASS', 'EVT-03': 'PASS',
    'SEC-01': 'WARN', 'SEC-02': 'PASS', 'SEC-03': 'WARN', 'SEC-04': 'PASS', 'FWD-01': 'SKIP', 'TOK-01': 'SKIP',
  },
};

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill();
  child = undefined;
});

async function startWebot(mode: AuditMode): Promise<{ url: string; exited: () => Promise<boolean> }> {
  const script = fileURLToPath(new URL('./webot-server.mjs', import.meta.url));
  const env = { ...process.env, TOKEN, APPID: APP_ID, ...(mode === 'plaintext' ? {} : { AES_KEY }) };
  const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  const exit = new Promise<boolean>((resolve) => proc.once('exit', () => resolve(true)));
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout.once('data', (d: Buffer) => resolve((JSON.parse(String(d)) as { port: number }).port));
    proc.once('exit', (code) => reject(new Error(`the node-webot server exited (${code})`)));
  });
  // Waits for the exit (a state), giving up after 5 s.
  const exited = (): Promise<boolean> => Promise.race([exit, new Promise<boolean>((r) => setTimeout(() => r(false), 5000).unref())]);
  return { url: `http://127.0.0.1:${port}/wechat`, exited };
}

describe.each<AuditMode>(['plaintext', 'compatible', 'safe'])('a node-webot server, %s mode', (mode) => {
  it('gets exactly the findings that match the library’s source, in under 30 s', async () => {
    const server = await startWebot(mode);
    const r = await audit({ url: server.url, token: TOKEN, appId: APP_ID, encodingAesKey: AES_KEY, mode });
    const got = Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
    expect(got, table(r)).toEqual(EXPECTED[mode]);
    expect(r.durationMs).toBeLessThan(30_000);
    expect(unsaid(r)).toEqual([]);
    if (mode !== 'plaintext') {
      expect(r.sdk?.id).toBe('node-webot');
      const rep02 = r.checks.find((c) => c.id === 'REP-02')!;
      expect(rep02.summary).toMatch(/<TimeStamp> is \d{13}: milliseconds/);
      expect(rep02.fix).toContain('node-webot sets wrap.timestamp = new Date().getTime()');
      // CRY-02 is the last hostile check: the crash it finds is the process really exiting.
      const cry02 = r.checks.find((c) => c.id === 'CRY-02')!;
      expect(cry02.evidence.findings.map((f) => f.text).join('\n')).toMatch(/stopped answering/);
      expect(await server.exited()).toBe(true);
    }
  });
});
