import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from '../../../src-renderer/store/route';
import { scrollToRow, virtualWindow } from '../../../src-renderer/features/inspector/virtual';
import { curlOf, queryOf, rawRequest, rawResponse } from '../../../src-renderer/features/inspector/raw';
import { originOf, parseQrMessage } from '../../../src-renderer/features/stage/pc-message';
import { decodePixels } from '../../../src-renderer/features/stage/qr';
import { randomString } from '../../../src-renderer/features/shared/generate';
import { checkServerConfig } from '../../../src-renderer/features/wechat-console/server-config-rules';
import { parseIpList } from '../../../src-renderer/features/wechat-console/ip-list';

describe('route', () => {
  it('round-trips views and params through the hash', () => {
    expect(parseHash('')).toEqual({ view: 'stage', params: [] });
    expect(parseHash('#/nowhere/x')).toEqual({ view: 'stage', params: [] });
    expect(parseHash('#/wechat/wx0123/server')).toEqual({ view: 'wechat', params: ['wx0123', 'server'] });
    expect(formatHash({ view: 'inspector', params: ['a b/c'] })).toBe('#/inspector/a%20b%2Fc');
    expect(parseHash(formatHash({ view: 'inspector', params: ['a b/c'] }))).toEqual({ view: 'inspector', params: ['a b/c'] });
  });
});

describe('virtual list window', () => {
  it('renders only the rows in view plus overscan', () => {
    expect(virtualWindow(100_000, 40, 0, 400, 5)).toEqual({ start: 0, end: 16, totalHeight: 4_000_000 });
    const mid = virtualWindow(100_000, 40, 2_000_000, 400, 5);
    expect(mid.start).toBe(49_995);
    expect(mid.end - mid.start).toBeLessThan(30);
    expect(virtualWindow(3, 40, 0, 400).end).toBe(3);
    expect(virtualWindow(0, 40, 0, 400)).toEqual({ start: 0, end: 0, totalHeight: 0 });
  });

  it('scrolls just enough to show a row', () => {
    expect(scrollToRow(0, 40, 400, 400)).toBe(0);
    expect(scrollToRow(20, 40, 0, 400)).toBe(440);
    expect(scrollToRow(5, 40, 0, 400)).toBe(0);
  });
});

describe('raw exchanges', () => {
  const req = { method: 'POST', url: 'http://127.0.0.1:9/events?signature=abc&nonce=1', headers: { 'content-type': 'text/xml', host: 'x' }, body: "<xml>it's</xml>" };
  it('prints the request and response as on the wire', () => {
    expect(rawRequest(req)).toBe("POST /events?signature=abc&nonce=1 HTTP/1.1\ncontent-type: text/xml\nhost: x\n\n<xml>it's</xml>");
    expect(rawResponse({ status: 200, headers: { 'content-type': 'text/plain' }, body: 'success' })).toBe('HTTP/1.1 200\ncontent-type: text/plain\n\nsuccess');
    expect(queryOf(req.url)).toEqual([
      ['signature', 'abc'],
      ['nonce', '1'],
    ]);
  });
  it('builds a replayable curl command, quoting for the shell', () => {
    expect(curlOf(req)).toBe(`curl -X POST 'http://127.0.0.1:9/events?signature=abc&nonce=1' -H 'content-type: text/xml' --data-binary '<xml>it'\\''s</xml>'`);
  });
});

describe('QR message from the hosted page', () => {
  const frame = {};
  const good = { type: 'follow-studio:qr', image: 'data:image/png;base64,AAAA', status: 'PENDING', sessionId: 's1' };
  it('accepts only the frame, from the auth origin of its src, in the documented shape', () => {
    const origin = originOf('http://127.0.0.1:4001/login/app1');
    expect(origin).toBe('http://127.0.0.1:4001');
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4001', source: frame, data: good }, { origin, source: frame })).toEqual({
      image: good.image,
      status: 'PENDING',
      sessionId: 's1',
    });
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4002', source: frame, data: good }, { origin, source: frame })).toBeNull();
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4001', source: {}, data: good }, { origin, source: frame })).toBeNull();
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4001', source: frame, data: { ...good, type: 'other' } }, { origin, source: frame })).toBeNull();
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4001', source: frame, data: 'string' }, { origin, source: frame })).toBeNull();
    // Not an image data URL: the status still counts, the image does not.
    expect(parseQrMessage({ origin: 'http://127.0.0.1:4001', source: frame, data: { ...good, image: 'javascript:alert(1)' } }, { origin, source: frame })?.image).toBe('');
    expect(originOf('not a url')).toBeNull();
  });
});

describe('the phone camera', () => {
  it('decodes the pixels of a QR code (as drawn by the hosted page) back to its content', () => {
    const content = 'http://weixin.qq.com/q/02AbCdEfGh-_+/=x';
    const qr = QRCode.create(content, { errorCorrectionLevel: 'M' });
    const scale = 6;
    const quiet = 4;
    const n = qr.modules.size;
    const side = (n + quiet * 2) * scale;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (!qr.modules.get(y, x)) continue;
        for (let dy = 0; dy < scale; dy++) {
          for (let dx = 0; dx < scale; dx++) {
            const i = (((y + quiet) * scale + dy) * side + (x + quiet) * scale + dx) * 4;
            rgba[i] = rgba[i + 1] = rgba[i + 2] = 0;
          }
        }
      }
    }
    expect(decodePixels(rgba, side, side)).toBe(content);
    expect(decodePixels(new Uint8ClampedArray(side * side * 4).fill(255), side, side)).toBeNull();
  });
});

describe('form helpers', () => {
  it('generates console-valid keys', () => {
    const key = randomString(43);
    expect(key).toMatch(/^[A-Za-z0-9]{43}$/);
    let i = 0;
    const biased = randomString(10, 'ab', (n) => Uint8Array.from({ length: n }, () => i++ % 256));
    expect(biased).toMatch(/^[ab]{10}$/);
  });

  it('checks the server configuration with the shared rules', () => {
    const ok = { url: 'http://127.0.0.1:1/e', token: 'abc123', encodingAesKey: 'A'.repeat(43), mode: 'safe' as const, enabled: true };
    expect(checkServerConfig(ok)).toEqual({});
    expect(checkServerConfig({ ...ok, url: 'ftp://x' }).url).toMatch(/http/);
    expect(checkServerConfig({ ...ok, url: '' }).url).toMatch(/required to enable/);
    expect(checkServerConfig({ ...ok, token: 'x' }).token).toMatch(/3–32/);
    expect(checkServerConfig({ ...ok, encodingAesKey: '' }).encodingAesKey).toMatch(/required in compatible and safe/);
    expect(checkServerConfig({ ...ok, encodingAesKey: '', mode: 'plaintext' })).toEqual({});
  });

  it('reads an IP whitelist typed one per line or comma-separated', () => {
    expect(parseIpList(' 127.0.0.1\n\n10.0.0.0/8, ::1 \n')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });
});
