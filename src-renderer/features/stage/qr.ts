import jsQR from 'jsqr';

/**
 * The phone's "camera": a real decode of the pixels the PC page shows (jsQR), not a shortcut through the
 * API. The pure part works on RGBA pixels (unit-tested); the DOM part draws an image into a canvas first.
 */
export function decodePixels(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  const r = jsQR(rgba, width, height, { inversionAttempts: 'attemptBoth' });
  return r && r.data ? r.data : null;
}

/** Loads an image (data: URL) and decodes the QR code in it; null when none could be read. */
export async function decodeQrImage(src: string, doc: Document = document): Promise<string | null> {
  const img = new Image();
  img.src = src;
  await img.decode();
  // Scale so a module covers several pixels without making the canvas huge; keep edges crisp.
  const longest = Math.max(img.naturalWidth, img.naturalHeight) || 1;
  const scale = longest < 300 ? Math.ceil(300 / longest) : longest > 1200 ? 1200 / longest : 1;
  const w = Math.max(1, Math.round(img.naturalWidth * scale));
  const h = Math.max(1, Math.round(img.naturalHeight * scale));
  const canvas = doc.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  ctx.imageSmoothingEnabled = false;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  const data = ctx.getImageData(0, 0, w, h);
  return decodePixels(data.data, w, h);
}
