import { createRequire } from 'node:module';
import jsQR from 'jsqr';

// pngjs comes with qrcode (which renders our PNGs); typed here at the one place tests use it.
const require = createRequire(import.meta.url);
const { PNG } = require('pngjs') as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };

/** Decodes a PNG and the QR code in it, like a phone camera would; null when there is none. */
export function decodeQrPng(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  const r = jsQR(new Uint8ClampedArray(img.data), img.width, img.height);
  return r?.data ?? null;
}
