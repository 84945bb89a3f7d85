/**
 * WeChat crypto throughput: seal (encrypt + sign) and open (verify + decrypt + parse) of a ~500-byte
 * safe-mode push, against raw AES-256-CBC of the same bytes as the floor. Figures only, no pass/fail.
 *
 *   node --import tsx bench/crypto.ts
 */
import { createCipheriv } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { deriveAesKey, openPush, sealPush, subscribeXml } from '../src-main/core/wechat';

const DURATION_MS = 1000;

const account = {
  token: 'testtoken123',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wx1234567890abcdef',
  toUserName: 'gh_0123456789ab',
};
const openId = 'oABCDEFGHIJKLMNOPQRSTUVWXYZ0';

// A QR-follow event padded with a long scene and ticket to land near 500 bytes, a realistic upper size.
const messageXml = subscribeXml({
  toUserName: account.toUserName,
  fromUserName: openId,
  createTime: 1700000000,
  scene: `login_${'9f8e7d6c5b4a3210'.repeat(4)}`,
  ticket: `gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyLUhGaXgxRkNmbUoxODlFeE5FMXAAAgTpHyJoAwQgHAAA${'x'.repeat(18)}`,
});

function seal() {
  return sealPush({ mode: 'safe', ...account, messageXml, openId, timestamp: 1700000000, nonce: '1234567890' });
}

const sealed = seal();
const query = Object.fromEntries(sealed.query);
const { key, iv } = deriveAesKey(account.encodingAesKey);
const plain = Buffer.from(messageXml, 'utf8');

function measure(name: string, fn: () => unknown): { name: string; ops: number; usPerOp: number } {
  for (let i = 0; i < 200; i++) fn(); // warm-up: let the JIT settle before timing
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < DURATION_MS) {
    for (let i = 0; i < 100; i++) fn();
    count += 100;
    elapsed = performance.now() - start;
  }
  const ops = Math.round((count * 1000) / elapsed);
  return { name, ops, usPerOp: Number(((elapsed * 1000) / count).toFixed(2)) };
}

const results = [
  measure('sealPush safe (encrypt+sign)', seal),
  measure('openPush safe (verify+decrypt+parse)', () =>
    openPush({ query, body: sealed.body, token: account.token, encodingAesKey: account.encodingAesKey, appId: account.appId }),
  ),
  measure('raw AES-256-CBC encrypt (floor)', () => {
    const c = createCipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([c.update(plain), c.final()]);
  }),
];

console.log(`WeChat crypto bench — message ${plain.length} bytes, body ${Buffer.byteLength(sealed.body)} bytes, node ${process.version}`);
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
    results,
  }),
);
