import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { note } from '../../journal/recorder';
import { escapeHtml } from '../../reports/html';
import type { Domain } from '../domain';
import { LOGIN_PAGE_QR_MESSAGE } from '../../../contracts/login-page';
import { AUTH_QR_PREFIX, firstValues, type AuthFlow } from './auth-flow';
import { PageError } from './errors';
import { say, type Said } from '../../../contracts/said';

/**
 * The authorization page on the wechat server (mp.weixin.qq.com and open.weixin.qq.com paths, spec §7):
 * the PC QR page, the two H5 forms, the QR image and the page's polling endpoints. Every opening is
 * journaled by the wechat server's recorder: the page's error code with the reason for a refusal.
 */

const qrImage = (uuid: string): Promise<string> => QRCode.toDataURL(AUTH_QR_PREFIX + uuid, { errorCorrectionLevel: 'M', margin: 2, width: 240 });

function csp(nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, "style-src 'unsafe-inline'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'"].join('; ');
}

const STYLE = `body{font:14px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f6f7f9;color:#1f2329;margin:0;display:flex;justify-content:center;padding:48px 12px}
.card{background:#fff;border-radius:12px;box-shadow:0 8px 24px rgba(0,0,0,.08);padding:28px 32px;max-width:420px;width:100%;text-align:center}
h1{font-size:18px;margin:0 0 4px}p{margin:6px 0;color:#4b5563}.err{color:#d93025;font-weight:600}
img{width:220px;height:220px;image-rendering:pixelated;border:1px solid #e5e7eb;border-radius:8px;padding:6px;margin:14px auto}`;

function page(title: string, body: string, nonce: string, script = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main class="card">${body}</main>${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
}

/**
 * Polls every second: 402 asks for a new QR, 404 means scanned, 405 goes to the redirect after 500 ms (§7.2).
 * Inside the studio's PC frame the page also tells the studio (its one origin) what it shows, in the hosted
 * login page's message shape, so the phone's camera sees this QR code too; elsewhere nothing is posted.
 */
function pollScript(studioOrigin: string): string {
  return `(function(){var img=document.getElementById('qr'),st=document.getElementById('status'),studio=${JSON.stringify(studioOrigin)};
function tell(s){if(!studio||window.parent===window)return;try{window.parent.postMessage({type:${JSON.stringify(LOGIN_PAGE_QR_MESSAGE)},image:s==='PENDING'||s==='SCANNED'?img.src:'',status:s,sessionId:img.dataset.uuid,href:location.href},studio)}catch(e){}}
function poll(){fetch('/safe/safeuuid?uuid='+encodeURIComponent(img.dataset.uuid)).then(function(r){return r.json()}).then(function(j){
if(j.status===402){return fetch('/safe/safeqrconnect?uuid='+encodeURIComponent(img.dataset.uuid),{method:'POST'}).then(function(r){return r.json()}).then(function(n){if(n.uuid){img.dataset.uuid=n.uuid;img.dataset.content=n.content;img.src=n.qrcode;st.textContent='二维码已更新，请重新扫描';tell('PENDING')}else{st.textContent=n.errmsg||'二维码失效';tell('EXPIRED')}setTimeout(poll,1000)})}
if(j.status===404){st.textContent='请在手机上进行授权';tell('SCANNED')}
if(j.status===405){st.textContent='授权成功，正在跳转…';tell('AUTHORIZED');setTimeout(function(){location.href=j.confirm_resp.redirect_uri},500);return}
if(j.status===500){st.textContent='二维码失效，请刷新页面';tell('EXPIRED');return}
setTimeout(poll,1000)}).catch(function(){setTimeout(poll,1000)})}tell('PENDING');poll()})();`;
}

export function registerAuthPages(app: FastifyInstance, d: Domain, flow: AuthFlow): void {
  // The page's HTML (a QR image as a data: URL) says nothing the summary does not: the entry stays one line.
  const journal = (req: FastifyRequest, ok: boolean, summary: Said | string, reasons: Array<Said | string>, appId?: string): void => {
    note(req, { kind: 'api', ...(appId ? { appId } : {}), summary, verdict: { ok, reasons }, compact: true });
  };
  const html = (reply: FastifyReply, nonce: string, status: number, text: string): FastifyReply =>
    reply.status(status).header('content-security-policy', csp(nonce)).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(text);

  const refusal = (req: FastifyRequest, reply: FastifyReply, name: string, e: PageError): FastifyReply => {
    const nonce = d.ctx.random(12).toString('base64');
    journal(req, false, `${name} → ${e.code} ${e.message.slice(0, 40)}`, [`${e.code} ${e.message}`, e.hint], firstValues(req.query).component_appid);
    const body = `<h1>授权失败</h1><p class="err" data-errcode="${e.code}">错误码 ${e.code}：${escapeHtml(e.message)}</p>`;
    return html(reply, nonce, 200, page('授权失败', body, nonce));
  };

  app.get('/cgi-bin/componentloginpage', async (req, reply) => {
    const q = firstValues(req.query);
    try {
      const { session, component } = flow.open(q, 'pc', req.headers.referer);
      const nonce = d.ctx.random(12).toString('base64');
      const src = await qrImage(session.uuid);
      const body = `<h1>公众号授权</h1><p>使用公众号绑定的管理员个人微信号扫描</p>
<img id="qr" alt="授权二维码" src="${src}" data-uuid="${escapeHtml(session.uuid)}" data-content="${escapeHtml(AUTH_QR_PREFIX + session.uuid)}">
<p>授权给第三方平台 <strong>${escapeHtml(component.name)}</strong></p><p id="status" role="status">等待扫码</p>`;
      journal(req, true, say('authPage.qrFor', { name: component.name }), [], component.componentAppId);
      return html(reply, nonce, 200, page('公众号授权', body, nonce, pollScript(d.ctx.urls.studio)));
    } catch (e) {
      if (e instanceof PageError) return refusal(req, reply, 'componentloginpage', e);
      throw e;
    }
  });

  // The H5 forms only work inside WeChat: a browser sees the page's checks, then a QR of the link itself
  // for the phone to open.
  for (const path of ['/safe/bindcomponent', '/wxaopen/safe/bindcomponent']) {
    app.get(path, async (req, reply) => {
      const q = firstValues(req.query);
      try {
        if (q.uuid) throw new PageError(-13, say('authPage.hint.qrForPhone'));
        flow.validate(q, 'h5', req.headers.referer);
      } catch (e) {
        if (e instanceof PageError) return refusal(req, reply, 'bindcomponent', e);
        throw e;
      }
      const nonce = d.ctx.random(12).toString('base64');
      const link = `${d.ctx.urls.wechat}${req.url}`;
      const src = await QRCode.toDataURL(link, { errorCorrectionLevel: 'L', margin: 2, width: 240 });
      journal(req, true, say('authPage.openInWechat'), [], q.component_appid);
      const body = `<h1>请在微信客户端打开链接</h1><img id="qr" alt="" src="${src}" data-content="${escapeHtml(link)}">`;
      return html(reply, nonce, 200, page('公众号授权', body, nonce));
    });
  }

  app.get('/safe/safeuuid', async (req, reply) => reply.header('cache-control', 'no-store').send(flow.poll(firstValues(req.query).uuid ?? '')));

  app.post('/safe/safeqrconnect', async (req, reply) => {
    try {
      const next = flow.renew(firstValues(req.query).uuid ?? '');
      return reply.send({ uuid: next.uuid, content: AUTH_QR_PREFIX + next.uuid, qrcode: await qrImage(next.uuid) });
    } catch (e) {
      if (e instanceof PageError) return reply.send({ errcode: e.code, errmsg: e.message });
      throw e;
    }
  });

  app.get('/safe/safeqrcode', async (req, reply) => {
    const uuid = firstValues(req.query).uuid ?? '';
    const png = await QRCode.toBuffer(AUTH_QR_PREFIX + uuid, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 240 });
    return reply.type('image/png').send(png);
  });

  // head_img and qrcode_url of api_get_authorizer_info: served here so the studio shows them offline.
  app.get('/mmopen/:appId/:kind', async (req, reply) => {
    const { appId, kind } = req.params as { appId: string; kind: string };
    const account = d.accounts.find(appId);
    if (!account) return reply.status(404).send('');
    if (kind === 'qrcode') {
      return reply.type('image/png').send(await QRCode.toBuffer(`http://weixin.qq.com/r/${account.originalId}`, { type: 'png', margin: 2, width: 258 }));
    }
    const initial = escapeHtml([...account.name][0] ?? '?');
    const hue = [...appId].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) % 360, 0);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132"><rect width="132" height="132" rx="20" fill="hsl(${hue},55%,45%)"/><text x="66" y="84" font-size="60" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial}</text></svg>`;
    return reply.type('image/svg+xml').header('cache-control', 'max-age=3600').send(svg);
  });
}
