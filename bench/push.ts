/**
 * Push throughput of the mock platform in safe mode, to a local server that answers `success`. The server
 * runs in a worker thread so it does not share the platform's event loop. Two measurements:
 *
 * - phone: what a phone action costs end to end — the user's message stored, the push sealed, signed,
 *   encrypted, sent, the answer judged, journaled, the chat and screen updated (PlatformService.sendMessage);
 * - dispatcher: the push pipeline alone (seal, send, judge, journal).
 *
 *   node --import tsx bench/push.ts [--pushes 10000] [--concurrency 16]
 *
 * Prints a table and one JSON line. Not a test: no pass/fail. Numbers move with other load on the machine;
 * cpuMicrosPerPush (the whole process, answering server included) moves less.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRuntime } from '../src-main/core/runtime';
import { nodeTransport } from '../src-main/core/platform/push/http';
import { createDomain } from '../src-main/core/platform/domain';
import { newEncodingAesKey, newToken } from '../src-main/core/wechat/ids';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const PUSHES = arg('pushes', 10_000);
const CONCURRENCY = arg('concurrency', 16);

const SERVER = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const server = http.createServer((req, res) => {
  if (req.method === 'GET') { res.end(new URL(req.url, 'http://x').searchParams.get('echostr') ?? ''); return; }
  req.resume();
  req.on('end', () => res.end('success'));
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

interface Result {
  pushes: number;
  failed: number;
  seconds: number;
  pushesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerPush: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `one` PUSHES times from CONCURRENCY loops; `one` returns false for a failed push. */
async function measure(one: (loop: number, n: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, loop) => {
      while (next < PUSHES) {
        const n = next++;
        const t = performance.now();
        if (!(await one(loop, n))) failed++;
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return {
    pushes: latencies.length,
    failed,
    seconds: Number(seconds.toFixed(3)),
    pushesPerSecond: Math.round(latencies.length / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    cpuMicrosPerPush: Math.round((cpu.user + cpu.system) / latencies.length),
  };
}

async function main(): Promise<void> {
  const worker = new Worker(SERVER, { eval: true });
  const port = await new Promise<number>((resolve) => worker.once('message', resolve));
  const rt = await createRuntime({ memory: true, quiet: true, seed: 'empty' });
  const s = rt.platform.service;
  const { account } = s.createAccount({ name: 'Bench', type: 'service', verified: true });
  const config = { url: `http://127.0.0.1:${port}/wechat`, token: newToken(), encodingAesKey: newEncodingAesKey(), mode: 'safe' as const, enabled: true };
  await s.setServerConfig(account.appId, config, { verify: true });
  const personas = Array.from({ length: CONCURRENCY }, (_, i) => s.createPersona({ name: `p${i}` }).id);
  for (const id of personas) await s.follow(id, account.appId, { push: false });
  // Warm-up: connections and JIT.
  for (let i = 0; i < 5; i++) await Promise.all(personas.map((id) => s.sendMessage(id, account.appId, 'warm-up')));

  const phone = await measure(async (loop, n) => {
    const screen = await s.sendMessage(personas[loop]!, account.appId, `message ${n}`);
    return screen.messages?.at(-1)?.from !== 'system';
  });

  const d = createDomain(rt.ctx, nodeTransport(rt.ctx.clock));
  const record = d.accounts.get(account.appId);
  const openId = s.openId(personas[0]!, account.appId);
  const xml = `<xml><ToUserName><![CDATA[${record.originalId}]]></ToUserName>\n<FromUserName><![CDATA[${openId}]]></FromUserName>\n<CreateTime>1700000000</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[bench]]></Content>\n<MsgId>1</MsgId>\n</xml>`;
  const dispatcher = await measure(async () => (await d.dispatcher.deliver({ account: record, openId, messageXml: xml, label: 'bench' })).delivered);
  await d.dispatcher.stop(0);

  const rows: Array<[string, string, string]> = [
    ['', 'phone → push', 'dispatcher only'],
    ['pushes', String(phone.pushes), String(dispatcher.pushes)],
    ['failed', String(phone.failed), String(dispatcher.failed)],
    ['pushes/s', String(phone.pushesPerSecond), String(dispatcher.pushesPerSecond)],
    ['p50 latency', `${phone.p50Ms} ms`, `${dispatcher.p50Ms} ms`],
    ['p99 latency', `${phone.p99Ms} ms`, `${dispatcher.p99Ms} ms`],
    ['CPU per push', `${phone.cpuMicrosPerPush} µs`, `${dispatcher.cpuMicrosPerPush} µs`],
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  process.stdout.write(`safe mode, concurrency ${CONCURRENCY}, ${availableParallelism()} cores, Node ${process.version}\n`);
  for (const [a, b, c] of rows) process.stdout.write(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'push', mode: 'safe', concurrency: CONCURRENCY, cores: availableParallelism(), node: process.version, phone, dispatcher })}\n`,
  );
  await rt.stop();
  worker.postMessage('stop');
  await worker.terminate();
}

void main();
