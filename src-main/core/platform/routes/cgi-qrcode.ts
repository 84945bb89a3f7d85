import { say } from '../../../contracts/said';
import QRCode from 'qrcode';
import type { Domain } from '../domain';
import { jsonBody, requirePost, type ApiCall, type ApiAnswer } from './api-call';
import { authorize } from './cgi-auth';

/** POST /cgi-bin/qrcode/create?access_token=… (§7.3). */
export function createQrCode(d: Domain, call: ApiCall): Record<string, unknown> {
  requirePost(call);
  const account = authorize(d, call, 'qrcode');
  const body = jsonBody(call);
  const answer = d.tickets.create(account, body);
  call.outcome = `${String(body.action_name)} → ${answer.url}`;
  return { ...answer };
}

/**
 * GET /cgi-bin/showqrcode?ticket=… (§7.4, mp.weixin.qq.com): the QR image of the ticket's url; 404 for an
 * unknown or expired ticket. No access token, as on WeChat.
 */
export async function showQrCode(d: Domain, call: ApiCall): Promise<ApiAnswer> {
  const ticket = call.query.ticket ?? '';
  const row = ticket ? d.tickets.lookup(ticket) : undefined;
  if (!row || !d.tickets.isLive(row)) {
    call.outcome = say(row ? 'api.outcome.expiredTicket' : 'api.outcome.unknownTicket');
    if (row) call.appId = row.app_id;
    return { status: 404, text: '' };
  }
  call.appId = row.app_id;
  const url = `http://weixin.qq.com/q/${row.url_id}`;
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 430 });
  call.outcome = say('api.outcome.qrImage', { url });
  return { png };
}
