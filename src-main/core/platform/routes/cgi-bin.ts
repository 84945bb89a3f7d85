import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Domain } from '../domain';
import { clipBody, note } from '../../journal/recorder';
import { WechatApiError, apiError, type WechatErrorBody } from '../wechat-errors';
import { makeCall, type ApiAnswer, type ApiCall } from './api-call';
import { asSaid, say, verbatim, type Said } from '../../../contracts/said';
import { createQrCode, showQrCode } from './cgi-qrcode';
import { getStableToken, getToken } from './cgi-token';
import { customSend, userGet, userInfo } from './cgi-user';

export type Handler = (d: Domain, call: ApiCall) => ApiAnswer | Promise<ApiAnswer>;

const APIS: Record<string, Handler> = {
  '/cgi-bin/token': getToken,
  '/cgi-bin/stable_token': getStableToken,
  '/cgi-bin/qrcode/create': createQrCode,
  '/cgi-bin/showqrcode': showQrCode,
  '/cgi-bin/user/info': userInfo,
  '/cgi-bin/user/get': userGet,
  '/cgi-bin/message/custom/send': customSend,
};

/**
 * Answers one API call the way WeChat does (HTTP 200 and errcode/errmsg for every error, even for garbage
 * input or a bug of ours), and tells the journal's recorder the verdict with the reason.
 */
async function answer(d: Domain, handler: Handler | undefined, path: string, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const call = makeCall(req, path);
  let status = 200;
  let contentType = 'application/json; encoding=utf-8';
  let payload: string | Buffer;
  let error: WechatApiError | undefined;
  try {
    if (!handler) throw apiError(48001, say('api.hint.notImplemented', { path }));
    const result = await handler(d, call);
    if ('png' in result && Buffer.isBuffer(result.png)) {
      contentType = 'image/png';
      payload = result.png;
    } else if ('status' in result && typeof result.status === 'number' && typeof result.text === 'string') {
      status = result.status;
      contentType = 'text/plain; charset=utf-8';
      payload = result.text;
    } else {
      payload = JSON.stringify(result);
    }
  } catch (err) {
    if (err instanceof WechatApiError) {
      error = err;
    } else {
      d.ctx.log.error(`wechat: unexpected error in ${path}`, { error: (err as Error).message });
      error = new WechatApiError(-1, undefined, say('api.hint.internalError', { error: verbatim((err as Error).message) }));
    }
    const body: WechatErrorBody = error.body(d.ctx.random);
    payload = JSON.stringify(body);
  }
  const reasons: Said[] = error ? [say('api.error', { errcode: error.errcode, errmsg: error.said }), ...(error.hint ? [error.hint] : [])] : [];
  if (!error && status !== 200) reasons.push(call.outcome !== undefined ? asSaid(call.outcome) : say('api.http', { status }));
  const name = path.replace('/cgi-bin/', '');
  const outcome = error ? say('api.error', { errcode: error.errcode, errmsg: error.saidHead }) : call.outcome !== undefined ? asSaid(call.outcome) : say('api.ok');
  note(req, {
    kind: 'api',
    ...(call.appId ? { appId: call.appId } : {}),
    summary: say('api.summary', { method: call.method, name, outcome }),
    verdict: { ok: !error && status === 200, reasons },
    requestBody: clipBody(call.body),
  });
  return reply.status(status).header('content-type', contentType).send(payload);
}

/**
 * WeChat's API on the wechat server (api.weixin.qq.com and mp.weixin.qq.com paths). In its own scope so that
 * every body arrives as text (a malformed JSON body is WeChat's 47001, not a framework 400) and every error,
 * including an unknown /cgi-bin path, answers WeChat-style.
 */
export function registerCgiBin(app: FastifyInstance, d: Domain, extra: Record<string, Handler> = {}): void {
  void app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body));
      // Reached only by framework errors before a handler runs (e.g. a body over the size limit).
      scope.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
        const e = new WechatApiError(err.statusCode === 413 ? 47001 : -1);
        return reply.status(200).send(e.body(d.ctx.random));
      });
      scope.setNotFoundHandler((req, reply) => answer(d, undefined, (req.url.split('?')[0] ?? '').replace(/\/+$/, ''), req, reply));
      for (const [path, handler] of Object.entries({ ...APIS, ...extra })) {
        scope.route({
          method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
          url: path.replace('/cgi-bin', ''),
          handler: (req, reply) => answer(d, handler, path, req, reply),
        });
      }
    },
    { prefix: '/cgi-bin' },
  );
}
