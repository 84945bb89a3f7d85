import { say, type Said } from '../../../contracts/said';
import { answerSaid, isHandled, replyField } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { text } from '../messages';
import { Outcome, joined, labelOf, type Line } from '../outcome';
import { expectRejected, setParam, wrongSignature } from '../reject';
import { verifyUrlRequest } from '../../platform/push/request';
import { secretRuns } from '../secrets';
import type { Probe, PushSpec } from '../wire';
import type { CheckDef } from './define';

/** SEC-*: replay windows, XML entities, oversized bodies, and what a refusal gives away. */

export const sec01: CheckDef = {
  id: 'SEC-01',
  title: 'Stale or future timestamps (over 5 minutes off) are refused',
  severity: 'WARN',
  phase: 'hostile',
  why: 'WeChat does not require it, but without a window a push captured once (a log, a proxy) can be replayed at any later time to act again — a follow event replayed signs its scene in again. Webhook standards refuse timestamps more than 5 minutes off.',
  fix: 'Refuse pushes whose timestamp is more than about 5 minutes from your clock (retries reuse the content, not the transport values, so this does not break them); keep the dedup record for the window.',
  async run(ctx) {
    const o = new Outcome();
    const now = ctx.wire.now();
    for (const [offset, what] of [
      [-600, say('audit.sec.what.old')],
      [600, say('audit.sec.what.future')],
    ] as const) {
      await expectRejected(ctx, o, {
        what,
        consequence: say('audit.sec.consequence.replay'),
        forge: (spec) => ({ ...spec, genuine: false, timestamp: now + offset }),
      });
      if (o.skipped) break;
    }
    return o.done();
  },
};

function entityPush(ctx: AuditContext, label: Line, dtd: string, entity: string): PushSpec {
  const openId = ctx.wire.openId();
  const xml = text(ctx.head(openId), 'AUDIT_PLACEHOLDER', ctx.wire.msgId()).xml.replace('<![CDATA[AUDIT_PLACEHOLDER]]>', `&${entity};`);
  return { label, kind: 'text', message: `<?xml version="1.0"?>\n<!DOCTYPE xml [${dtd}]>\n${xml}`, openId, genuine: false };
}

function bombDtd(levels: number): string {
  let dtd = '<!ENTITY lol0 "lol">';
  for (let i = 1; i <= levels; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return dtd;
}

export const sec02: CheckDef = {
  id: 'SEC-02',
  title: 'XML entities are not expanded (XXE, entity bombs)',
  severity: 'FAIL',
  phase: 'hostile',
  why: 'WeChat’s XML never has a DTD. A parser that expands entities lets anyone who can reach the URL read files or internal URLs through the server (XXE), or stall it with a small “billion laughs” body — in encrypted modes before any signature is checked, since the outer XML is parsed first.',
  fix: 'Disable DTDs and entity expansion in the XML parser (disallow-doctype-decl, resolve_entities=False, LIBXML_NOENT off…) or refuse any body containing <!DOCTYPE before parsing.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const marker = `XXE_EXPANDED_${ctx.wire.nonce()}`;
    const id = ctx.wire.nonce();
    const probes: Array<[Probe, Said]> = [];
    const internal = await ctx.wire.push(entityPush(ctx, say('audit.sec.label.internal'), `<!ENTITY audit "${marker}">`, 'audit'));
    probes.push([internal, say('audit.sec.entity.internal')]);
    if (ctx.canary) {
      const ext = await ctx.wire.push(entityPush(ctx, say('audit.sec.label.external'), `<!ENTITY ext SYSTEM "${ctx.canary.url(id)}">`, 'ext'));
      probes.push([ext, say('audit.sec.entity.external')]);
      if (ctx.mode !== 'plaintext') {
        const outerId = `${id}o`;
        const outer = await ctx.wire.push({
          ...ctx.textSpec(say('audit.sec.label.outer')),
          genuine: false,
          tamper: ({ query, body }) => ({ query, body: `<!DOCTYPE xml [<!ENTITY ext SYSTEM "${ctx.canary!.url(outerId)}">]>\n${body.replace('<xml>', '<xml><AuditEntity>&ext;</AuditEntity>')}` }),
        });
        probes.push([outer, say('audit.sec.entity.outer')]);
        if (ctx.canary.hits(outerId) > 0) o.fail(say('audit.sec.outerFetched'));
      }
      if (ctx.canary.hits(id) > 0) o.fail(say('audit.sec.fetched', { url: ctx.canary.url(id) }));
    } else {
      o.unobserved(say('audit.sec.notLocal'), false);
    }
    const bomb = await ctx.wire.push(entityPush(ctx, say('audit.sec.label.bomb'), bombDtd(5), 'lol5'));
    probes.push([bomb, say('audit.sec.entity.bomb')]);
    o.keep(...probes.map(([p]) => p));
    for (const [p, what] of probes) {
      const content = replyField(p.answer, 'Content') ?? p.answer.body ?? '';
      const at = (text: Said) => say('audit.labelled', { label: what, text });
      if (content.includes(marker) || content.includes('lollollol')) o.fail(at(say('audit.sec.expanded')));
      else if (p.answer.kind === 'timeout' || p.answer.kind === 'no-answer') o.fail(at(say('audit.sec.choked', { answer: answerSaid(p.answer) })));
      else o.pass(at(say('audit.sec.notExpanded', { answer: answerSaid(p.answer) })));
    }
    if (!b.echoes && !o.has('fail')) o.unobserved(say('audit.sec.noEcho'), false);
    return o.done();
  },
};

export const sec03: CheckDef = {
  id: 'SEC-03',
  title: 'An oversized body (1.5 MB) is refused quickly',
  severity: 'WARN',
  phase: 'hostile',
  why: 'WeChat’s pushes are a few KB (compatible mode about three times the plaintext). Reading and parsing megabytes for anyone who posts them costs memory and time for the real pushes waiting behind — with a 5 s deadline.',
  fix: 'Limit the body size on this route (64 KB is plenty) and answer 413 before reading the rest.',
  async run(ctx) {
    const o = new Outcome();
    const b = await ctx.baseline();
    if (blockedByBaseline(o, b, modeCheckOf(ctx.mode))) return o.done();
    const spec: PushSpec = { ...ctx.textSpec(say('audit.sec.label.big'), 'x'.repeat(1_500_000)), genuine: false };
    const p = await ctx.wire.push(spec);
    o.keep(p);
    const a = p.answer;
    if (a.kind === 'refused') o.pass(say('audit.sec.bigRefused', { answer: answerSaid(a), ms: p.evidence.ms }));
    else if (a.kind === 'no-answer') o.pass(say('audit.sec.bigClosed', { error: a.error ?? '' }));
    else o.fail(say('audit.sec.bigAccepted', { kb: Math.round(Buffer.byteLength(spec.message) / 1000), answer: answerSaid(a), ms: p.evidence.ms }));
    if (a.kind !== 'no-answer' && p.evidence.ms > 2000) o.fail(say('audit.sec.bigSlow', { ms: p.evidence.ms }));
    return o.done();
  },
};

/** Secrets an answer must never contain: the expected signatures for the request, the Token, the key. */
function leaks(body: string, exact: Array<[Said, string | undefined]>, secrets: Array<[Said, string | undefined]>): Said[] {
  const found = exact.filter(([, v]) => v && body.toLowerCase().includes(v.toLowerCase())).map(([what]) => what);
  for (const [what, secret] of secrets) {
    if (!secret) continue;
    const run = secretRuns(body, secret)[0];
    if (run) found.push(run.length === secret.length ? what : say('audit.sec.partOf', { count: run.length, total: secret.length, what }));
  }
  return found;
}

export const sec04: CheckDef = {
  id: 'SEC-04',
  title: 'Refusals give nothing away: no expected signature, no Token',
  severity: 'FAIL',
  phase: 'hostile',
  why: 'A refusal that says “expected signature abc…” is a signing oracle: anyone can send a push with a made-up signature, read the right one from the answer and send the push again — a forged follow event then signs them in as any WeChat user. An answer containing the Token gives away every signature at once.',
  fix: 'Answer refusals with a short fixed text (“invalid signature”) and write the diagnosis — expected values, sorted inputs — only to your own log, with the Token masked.',
  async run(ctx) {
    const o = new Outcome();
    const { token, encodingAesKey } = ctx.account;
    const b = await ctx.baseline();
    if (b.state === 'timeout' || b.state === 'down') return o.skip(say('audit.sec.noAnswer', { check: 'TIME-01' })).done();
    const forged = await ctx.wire.push({
      ...ctx.textSpec(say('audit.sec.label.wrongSignature')),
      genuine: false,
      tamper: ({ query, body }) => ({ query: setParam(query, 'signature', wrongSignature(query[0]![1])), body }),
    });
    const built = verifyUrlRequest({ url: ctx.account.url, token, timestamp: String(ctx.wire.now()), nonce: ctx.wire.nonce(), echostr: ctx.wire.echostr() });
    const get = await ctx.wire.send(say('audit.sec.label.wrongUrl'), {
      ...built.request,
      url: built.request.url.replace(built.signature.sha1, wrongSignature(built.signature.sha1)),
    });
    const expected = say('audit.sec.expectedSignature');
    const checks: Array<[Probe, Array<[Said, string | undefined]>]> = [
      [forged, [[expected, forged.sealed?.steps.signature.sha1]]],
      [get, [[expected, built.signature.sha1]]],
    ];
    if (ctx.mode !== 'plaintext') {
      const msg = await ctx.wire.push({
        ...ctx.textSpec(say('audit.sec.label.wrongMsgSignature')),
        genuine: false,
        tamper: ({ query, body }) => ({ query: setParam(query, 'msg_signature', wrongSignature(query.find(([k]) => k === 'msg_signature')?.[1] ?? '')), body }),
      });
      checks.push([msg, [[say('audit.sec.expectedMsgSignature'), msg.sealed?.steps.msgSignature?.sha1]]]);
    }
    for (const [p, own] of checks) {
      o.keep(p);
      const text = `${p.answer.body ?? ''}\n${JSON.stringify(p.evidence.response?.headers ?? {})}`;
      const found = leaks(text, own, [[say('audit.sec.theToken'), token], [say('audit.sec.theKey'), encodingAesKey]]);
      const at = (line: Said) => say('audit.labelled', { label: labelOf(p), text: line });
      if (found.length) o.fail(at(say('audit.sec.leaks', { answer: answerSaid(p.answer), found: joined(found, 'audit.sec.and') })));
      else if (isHandled(p.answer)) o.pass(at(say('audit.sec.clean', { answer: answerSaid(p.answer) })));
      else o.pass(at(say('audit.sec.clean', { answer: answerSaid(p.answer) })));
    }
    o.unobserved(say('audit.sec.logsUnseen'), false);
    return o.done();
  },
};
