import { echoAnswerSaid } from '../../platform/push/verify-url';
import { verifyUrlRequest } from '../../platform/push/request';
import { say } from '../../../contracts/said';
import { answerSaid } from '../answer';
import type { AuditContext } from '../context';
import { Outcome, labelOf } from '../outcome';
import { wrongSignature } from '../reject';
import type { CheckDef } from './define';

/** URL-01…03: WeChat's GET check (§2), sent exactly as the console sends it when a configuration is saved. */

function urlCheck(ctx: AuditContext, signature?: (real: string) => string) {
  const echostr = ctx.wire.echostr();
  const built = verifyUrlRequest({ url: ctx.account.url, token: ctx.account.token, timestamp: String(ctx.wire.now()), nonce: ctx.wire.nonce(), echostr });
  const request = signature
    ? { ...built.request, url: built.request.url.replace(`signature=${built.signature.sha1}`, `signature=${signature(built.signature.sha1)}`) }
    : built.request;
  return { echostr, request, signature: built.signature.sha1 };
}

export const url01: CheckDef = {
  id: 'URL-01',
  title: 'URL verification answers exactly the echostr',
  severity: 'FAIL',
  phase: 'main',
  why: 'Saving the server configuration runs this GET; any other answer makes the console refuse the URL (“token验证失败” or “请求URL超时”), so no follow or scan ever reaches the server and users get no login.',
  fix: 'On GET, check signature = sha1(sort(Token, timestamp, nonce)) and answer HTTP 200 with the echostr query parameter as the whole body: no quotes, JSON, XML, BOM or trailing newline, and within 5 s. Set Content-Length (write the body in one call) rather than streaming it chunked.',
  sdkFix: {
    'node-webot': 'node-webot echoes with res.writeHead(200) then res.end(echostr), which Node sends chunked. If the console refuses the URL, answer the GET yourself before the middleware: res.setHeader("Content-Length", Buffer.byteLength(echostr)); res.end(echostr).',
  },
  async run(ctx) {
    const o = new Outcome();
    const { echostr, request } = urlCheck(ctx);
    const p = await ctx.wire.send(say('audit.url.label.valid'), request);
    o.keep(p);
    const res = p.evidence.response;
    if (!res) {
      o.fail(p.answer.kind === 'timeout' ? say('audit.url.timeout') : say('audit.url.noAnswer', { error: p.answer.error ?? say('audit.url.connectionFailed') }));
      return o.done();
    }
    const problem = echoAnswerSaid(res.status, p.answer.body ?? '', echostr);
    if (problem) o.fail(problem);
    else o.pass(say('audit.url.echoed', { echostr, ms: p.evidence.ms }));
    const chunked = /chunked/i.test(res.headers['transfer-encoding'] ?? '');
    if (chunked && !res.headers['content-length']) {
      o.warn(say('audit.url.chunked'));
    }
    if (p.evidence.ms > 3000) o.warn(say('audit.url.slow', { ms: p.evidence.ms }));
    return o.done();
  },
};

export const url02: CheckDef = {
  id: 'URL-02',
  title: 'URL verification with a wrong signature is not echoed',
  severity: 'FAIL',
  phase: 'hostile',
  why: 'A server that echoes without checking the signature passes WeChat’s check with any Token, so a wrong Token goes unnoticed until real pushes fail — and the same shortcut often hides a missing check on pushes, where forged follow events can sign someone in.',
  fix: 'Compute sha1(sort(Token, timestamp, nonce)) and compare it with the signature parameter (constant time) before echoing; on a mismatch answer 401 or 403 with a short fixed body.',
  sdkFix: {
    php: 'EasyWeChat 3.x skips the signature check on the URL check “for debugging” (issues #611, #800); verify it yourself or upgrade.',
  },
  async run(ctx) {
    const o = new Outcome();
    const { echostr, request } = urlCheck(ctx, wrongSignature);
    const p = await ctx.wire.send(say('audit.url.label.wrong'), request);
    o.keep(p);
    if (p.answer.kind === 'timeout') return o.skip(say('audit.skip.noAnswer', { check: 'URL-01' })).done();
    if ((p.answer.body ?? '').trim() === echostr) {
      o.fail(say('audit.url.echoedWrong', { answer: answerSaid(p.answer) }));
    } else {
      o.pass(say('audit.url.notEchoed', { answer: answerSaid(p.answer) }));
    }
    return o.done();
  },
};

export const url03: CheckDef = {
  id: 'URL-03',
  title: 'Unexpected GET and HEAD requests get no echo and no 5xx',
  severity: 'WARN',
  phase: 'hostile',
  why: 'Health checks, crawlers and WeChat’s own future parameters reach the same URL; a 500 or a crash there takes the login server down for the users scanning at that moment.',
  fix: 'Treat a GET without signature, timestamp, nonce or echostr as a refusal (400/401), answer HEAD like GET without a body (or 405), and ignore query parameters you do not know.',
  async run(ctx) {
    const o = new Outcome();
    const valid = urlCheck(ctx);
    const bare = { method: 'GET', url: ctx.account.url, headers: { accept: '*/*' }, body: '' };
    const onlyEcho = { ...bare, url: `${ctx.account.url}${ctx.account.url.includes('?') ? '&' : '?'}echostr=${valid.echostr}` };
    const head = { ...valid.request, method: 'HEAD' };
    const extra = urlCheck(ctx);
    const extraReq = { ...extra.request, url: `${extra.request.url}&audit_extra=1` };
    const wrong = urlCheck(ctx, wrongSignature);
    const [p1, p2, p3, p4, p5] = await Promise.all([
      ctx.wire.send(say('audit.url.label.bare'), bare),
      ctx.wire.send(say('audit.url.label.onlyEcho'), onlyEcho),
      ctx.wire.send(say('audit.url.label.head'), head),
      ctx.wire.send(say('audit.url.label.extra'), extraReq),
      ctx.wire.send(say('audit.url.label.wrongToo', { check: 'URL-02' }), wrong.request),
    ]);
    o.keep(p1, p2, p3, p4);
    for (const p of [p1, p2, p3]) {
      const a = p.answer;
      const label = labelOf(p);
      if (a.kind === 'server-error' && a.status !== 501) o.fail(say('audit.labelled', { label, text: answerSaid(a) }));
      else if (a.kind === 'no-answer') o.fail(say('audit.labelled', { label, text: say('audit.url.closed') }));
      else o.pass(say('audit.labelled', { label, text: answerSaid(a) }));
    }
    if ((p2.answer.body ?? '').trim() === valid.echostr) {
      // Echoing without any check at all is URL-02's finding; echoing only when the signature is absent is this one.
      if ((p5.answer.body ?? '').trim() === wrong.echostr) o.info(say('audit.url.echoesAll', { check: 'URL-02' }));
      else o.fail(say('audit.url.echoesUnsigned'));
    }
    if (p4.answer.kind === 'refused' || p4.answer.kind === 'server-error') {
      o.warn(say('audit.url.extraRefused', { answer: answerSaid(p4.answer) }));
    } else {
      o.pass(say('audit.url.extraAnswered', { answer: answerSaid(p4.answer) }));
    }
    return o.done();
  },
};
