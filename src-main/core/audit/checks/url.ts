import { explainEchoAnswer } from '../../platform/push/verify-url';
import { verifyUrlRequest } from '../../platform/push/request';
import { describeAnswer } from '../answer';
import type { AuditContext } from '../context';
import { Outcome } from '../outcome';
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
    const p = await ctx.wire.send('URL verification (GET, valid signature)', request);
    o.keep(p);
    const res = p.evidence.response;
    if (!res) {
      o.fail(p.answer.kind === 'timeout' ? `no answer within 5 s: the console says “请求URL超时”` : `no answer: ${p.answer.error ?? 'connection failed'}`);
      return o.done();
    }
    const problem = explainEchoAnswer(res.status, p.answer.body ?? '', echostr);
    if (problem) o.fail(problem);
    else o.pass(`answered HTTP 200 with exactly the echostr ${echostr} in ${p.evidence.ms} ms`);
    const chunked = /chunked/i.test(res.headers['transfer-encoding'] ?? '');
    if (chunked && !res.headers['content-length']) {
      o.warn('the answer was sent with Transfer-Encoding: chunked and no Content-Length; some deployments report WeChat refusing a chunked echostr (CowAgent #1148), while many chunked servers pass. Send Content-Length to be safe');
    }
    if (p.evidence.ms > 3000) o.warn(`the answer took ${p.evidence.ms} ms; WeChat gives up at 5 s`);
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
    const p = await ctx.wire.send('URL verification (GET, wrong signature)', request);
    o.keep(p);
    if (p.answer.kind === 'timeout') return o.skip('no answer within 5 s; see URL-01').done();
    if ((p.answer.body ?? '').trim() === echostr) {
      o.fail(`echoed the echostr to a request whose signature is wrong (${describeAnswer(p.answer)}): the GET check does not verify the signature`);
    } else {
      o.pass(`did not echo: ${describeAnswer(p.answer)}`);
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
      ctx.wire.send('GET without any query', bare),
      ctx.wire.send('GET with only echostr', onlyEcho),
      ctx.wire.send('HEAD with a valid signature', head),
      ctx.wire.send('GET with a valid signature and an unknown parameter', extraReq),
      ctx.wire.send('GET with a wrong signature (to tell this check from URL-02)', wrong.request),
    ]);
    o.keep(p1, p2, p3, p4);
    for (const p of [p1, p2, p3]) {
      const a = p.answer;
      if (a.kind === 'server-error' && a.status !== 501) o.fail(`${p.evidence.label}: ${describeAnswer(a)}`);
      else if (a.kind === 'no-answer') o.fail(`${p.evidence.label}: the server closed the connection without answering`);
      else o.pass(`${p.evidence.label}: ${describeAnswer(a)}`);
    }
    if ((p2.answer.body ?? '').trim() === valid.echostr) {
      // Echoing without any check at all is URL-02's finding; echoing only when the signature is absent is this one.
      if ((p5.answer.body ?? '').trim() === wrong.echostr) o.info('echoes without checking the signature at all; see URL-02');
      else o.fail('echoed the echostr to a GET that carries no signature at all (a wrong one is refused): a missing signature must be refused too');
    }
    if (p4.answer.kind === 'refused' || p4.answer.kind === 'server-error') {
      o.warn(`a correctly signed check with one extra query parameter was refused (${describeAnswer(p4.answer)}): ignore parameters you do not know`);
    } else {
      o.pass(`a correctly signed check with an extra parameter was answered ${describeAnswer(p4.answer)}`);
    }
    return o.done();
  },
};
