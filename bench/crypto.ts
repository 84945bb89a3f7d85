/**
 * WeChat crypto throughput, side by side with node-webot's `wechat-crypto` (the WXBizMsgCrypt port most Node
 * WeChat servers use) in one process. Figures only, no pass/fail.
 *
 * - seal: encrypt a ~500-byte event + sign it (msg_signature); theirs: encrypt() + getSignature().
 * - open: verify msg_signature + decrypt, appid checked; theirs: getSignature() compared + decrypt().
 * The two sides run in interleaved short slices timed in CPU time, so load from other processes on a shared
 * machine hits both alike; the ratio is ours / theirs in ops per CPU second (≥ 1 means at least as fast). The
 * envelope operations (push and reply with their XML) and raw AES-256-CBC follow as plain figures.
 *
 *   node --import tsx bench/crypto.ts [--rounds N]
 */
import { createCipheriv } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import {
  decrypt,
  deriveAesKey,
  encrypt,
  msgSignature,
  openPush,
  openReply,
  sealPush,
  sealReply,
  signaturesEqual,
  subscribeXml,
} from '../src-main/core/wechat';

interface WechatCrypto {
  getSignature(timestamp: string, nonce: string, encrypt: string): string;
  encrypt(text: string): string;
  decrypt(encrypted: string): { message: string; id: string };
}
const require = createRequire(import.meta.url);
const WXBizMsgCrypt = require('wechat-crypto') as new (token: string, key: string, appId: string) => WechatCrypto;

const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 10;
const SLICE_MS = 100;

const account = {
  token: 'testtoken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
  toUserName: 'gh_0123456789ab',
};
const openId = 'oABCDEFGHIJKLMNOPQRSTUVWXYZ0';
const timestamp = '1700000000';
const nonce = '1234567890';

// A QR-follow event padded with a long scene and ticket to land near 500 bytes, a realistic upper size.
const messageXml = subscribeXml({
  toUserName: account.toUserName,
  fromUserName: openId,
  createTime: 1700000000,
  scene: `login_${'9f8e7d6c5b4a3210'.repeat(4)}`,
  ticket: `gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyLUhGaXgxRkNmbUoxODlFeE5FMXAAAgTpHyJoAwQgHAAA${'x'.repeat(18)}`,
});

const theirs = new WXBizMsgCrypt(account.token, account.encodingAesKey, account.appId);
const cipherText = encrypt({ encodingAesKey: account.encodingAesKey, appId: account.appId, message: messageXml });
const cipherSignature = msgSignature(account.token, timestamp, nonce, cipherText);

const ours = {
  seal(): string {
    const enc = encrypt({ encodingAesKey: account.encodingAesKey, appId: account.appId, message: messageXml });
    return msgSignature(account.token, timestamp, nonce, enc);
  },
  open(): string {
    if (!signaturesEqual(msgSignature(account.token, timestamp, nonce, cipherText), cipherSignature)) throw new Error('signature');
    return decrypt({ encodingAesKey: account.encodingAesKey, encrypt: cipherText, expectedAppId: account.appId }).message;
  },
};
const webot = {
  seal(): string {
    return theirs.getSignature(timestamp, nonce, theirs.encrypt(messageXml));
  },
  open(): string {
    if (theirs.getSignature(timestamp, nonce, cipherText) !== cipherSignature) throw new Error('signature');
    return theirs.decrypt(cipherText).message;
  },
};
if (webot.open() !== messageXml || ours.open() !== messageXml) throw new Error('the two implementations disagree');

function sealPushSafe() {
  return sealPush({ mode: 'safe', ...account, messageXml, openId, timestamp, nonce });
}
const sealed = sealPushSafe();
const query = Object.fromEntries(sealed.query);
const replyBody = sealReply({ ...account, replyXml: messageXml, timestamp, nonce });
const { key, iv } = deriveAesKey(account.encodingAesKey);
const plain = Buffer.from(messageXml, 'utf8');

/**
 * Runs `fn` for about `ms` milliseconds; returns [calls, CPU ms]. CPU time rather than elapsed time, so the
 * moments other processes hold the cores of a shared machine count against neither side.
 */
function slice(fn: () => unknown, ms: number): [number, number] {
  let count = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  while (performance.now() - start < ms) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
  }
  const used = process.cpuUsage(cpu);
  return [count, (used.user + used.system) / 1000];
}

function warm(fn: () => unknown): void {
  for (let i = 0; i < 2000; i++) fn();
}

interface Versus {
  name: string;
  ours: number;
  theirs: number;
  /** Median of the per-round ratios: robust against a round disturbed by another process. */
  ratio: number;
}

function versus(name: string, a: () => unknown, b: () => unknown): Versus {
  warm(a);
  warm(b);
  const ratios: number[] = [];
  const total = { ours: [0, 0], theirs: [0, 0] };
  const add = (sum: number[], [calls, ms]: [number, number]): void => {
    sum[0]! += calls;
    sum[1]! += ms;
  };
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which side goes first so neither always runs right after a GC of the other.
    const early = round % 2 === 0 ? slice(a, SLICE_MS) : null;
    const theirs = slice(b, SLICE_MS);
    const ours = early ?? slice(a, SLICE_MS);
    ratios.push(ours[0] / ours[1] / (theirs[0] / theirs[1]));
    add(total.ours, ours);
    add(total.theirs, theirs);
  }
  ratios.sort((p, q) => p - q);
  const mid = ratios.length >> 1;
  const ratio = ratios.length % 2 ? ratios[mid]! : (ratios[mid - 1]! + ratios[mid]!) / 2;
  const perSecond = ([calls, ms]: number[]): number => Math.round((calls! * 1000) / ms!);
  return { name, ours: perSecond(total.ours), theirs: perSecond(total.theirs), ratio: Number(ratio.toFixed(2)) };
}

function alone(name: string, fn: () => unknown): { name: string; ops: number; usPerOp: number } {
  warm(fn);
  const [count, cpuMs] = slice(fn, SLICE_MS * 5);
  return { name, ops: Math.round((count * 1000) / cpuMs), usPerOp: Number(((cpuMs * 1000) / count).toFixed(2)) };
}

const comparisons = [
  versus('seal (encrypt + sign)', ours.seal, webot.seal),
  versus('open (verify + decrypt)', ours.open, webot.open),
];
const results = [
  alone('sealPush safe (encrypt + 2 signatures + XML)', sealPushSafe),
  alone('openPush safe (verify + decrypt + 2 parses)', () =>
    openPush({ query, body: sealed.body, token: account.token, encodingAesKey: account.encodingAesKey, appId: account.appId }),
  ),
  alone('sealReply (encrypt + sign + template)', () => sealReply({ ...account, replyXml: messageXml, timestamp, nonce })),
  alone('openReply (parse + verify + decrypt + parse)', () =>
    openReply({ body: replyBody, token: account.token, encodingAesKey: account.encodingAesKey, appId: account.appId, encrypted: true }),
  ),
  alone('raw AES-256-CBC encrypt, a fresh context per message', () => {
    const c = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([c.update(plain), c.final()]);
  }),
];

console.log(`WeChat crypto bench — message ${plain.length} bytes, body ${Buffer.byteLength(sealed.body)} bytes, node ${process.version}`);
console.log(`\nversus wechat-crypto (${ROUNDS} interleaved rounds of ${SLICE_MS} ms each side; ops per CPU second)`);
const vw = Math.max(...comparisons.map((r) => r.name.length));
console.log(`${'operation'.padEnd(vw)}  ${'ours ops/s'.padStart(11)}  ${'theirs ops/s'.padStart(12)}  ${'ratio'.padStart(6)}`);
for (const r of comparisons) {
  console.log(
    `${r.name.padEnd(vw)}  ${r.ours.toLocaleString('en-US').padStart(11)}  ${r.theirs.toLocaleString('en-US').padStart(12)}  ${r.ratio.toFixed(2).padStart(6)}`,
  );
}
console.log('\nalone (ops per CPU second, CPU µs per op)');
const width = Math.max(...results.map((r) => r.name.length));
console.log(`${'operation'.padEnd(width)}  ${'ops/s'.padStart(10)}  ${'µs/op'.padStart(8)}`);
for (const r of results) {
  console.log(`${r.name.padEnd(width)}  ${r.ops.toLocaleString('en-US').padStart(10)}  ${r.usPerOp.toFixed(2).padStart(8)}`);
}
console.log(
  JSON.stringify({
    bench: 'crypto',
    messageBytes: plain.length,
    bodyBytes: Buffer.byteLength(sealed.body),
    node: process.version,
    versusWechatCrypto: comparisons,
    results,
  }),
);
