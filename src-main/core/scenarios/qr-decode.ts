import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * What the phone's camera reads: the QR code in the page's image (a PNG data URL), decoded from its
 * pixels — so a page that shows the wrong image, or none, fails the scan the way a real phone would.
 */
export function decodeQrDataUrl(dataUrl: string | undefined): string | null {
  if (!dataUrl) return null;
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!m) return null;
  try {
    const img = PNG.sync.read(Buffer.from(m[1]!, 'base64'));
    return jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)?.data ?? null;
  } catch {
    return null;
  }
}
