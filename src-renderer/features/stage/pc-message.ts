/**
 * The hosted login page (on the auth server, inside the PC frame) posts its QR image to the studio:
 * `{type: 'follow-studio:qr', image: 'data:image/png;base64,…', status, sessionId}`. A message is accepted
 * only from the frame's own window and from the auth origin of the frame's src, and only in that shape.
 * WeChat's authorization page, shown in the frame during "Authorize with WeChat", posts the same shape
 * (plus its address); its origin is then one of the frame's expected origins.
 */
export interface QrMessage {
  image: string;
  status: string;
  sessionId: string | null;
  /** The page's own address, when it says (the authorization page does). */
  href?: string;
}

import { LOGIN_PAGE_QR_MESSAGE } from '../../../src-main/contracts/login-page';

export const QR_MESSAGE_TYPE = LOGIN_PAGE_QR_MESSAGE;

export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export function parseQrMessage(
  event: { origin: string; data: unknown; source: unknown },
  expected: { origin: string | null | readonly string[]; source: unknown },
): QrMessage | null {
  const origins = typeof expected.origin === 'string' ? [expected.origin] : (expected.origin ?? []);
  if (!origins.includes(event.origin)) return null;
  if (expected.source && event.source !== expected.source) return null;
  const d = event.data as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || d.type !== QR_MESSAGE_TYPE) return null;
  const status = typeof d.status === 'string' ? d.status : 'PENDING';
  const image = typeof d.image === 'string' && /^data:image\/(png|gif|jpeg|webp|svg\+xml);base64,/.test(d.image) ? d.image : '';
  const sessionId = typeof d.sessionId === 'string' ? d.sessionId : null;
  const href = typeof d.href === 'string' && originOf(d.href) === event.origin ? d.href : undefined;
  return { image, status, sessionId, ...(href ? { href } : {}) };
}
