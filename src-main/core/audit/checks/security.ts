import { describeAnswer, isHandled, replyField } from '../answer';
import { blockedByBaseline, modeCheckOf, type AuditContext } from '../context';
import { text } from '../messages';
import { Outcome } from '../outcome';
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
      [-600, 'a push whose timestamp is 10 minutes old'],
      [600, 'a push whose timestamp is 10 minutes in the future'],
    ] as const) {
      await expectRejected(ctx, o, {
        what,
        consequence: 'captured pushes can be replayed later',
        forge: (spec) => ({ ...spec, genuine: false, timestamp: now + offset }),
      });
      if (o.skipped) break;
    }
    return o.done();
  },
};

function entityPush(ctx: AuditContext, label: string, dtd: string, entity: string): PushSpec {
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
    const probes: Array<[Probe, string]> = [];
    const internal = await ctx.wire.push(entityPush(ctx, 'text whose Content is an internal entity', `<!ENTITY audit "${marker}">`, 'audit'));
    probes.push([internal, 'internal entity']);
    if (ctx.canary) {
      const ext = await ctx.wire.push(entityPush(ctx, 'text whose Content is an external entity (a URL on the audit’s listener)', `<!ENTITY ext SYSTEM "${ctx.canary.url(id)}">`, 'ext'));
      probes.push([ext, 'external entity']);
      if (ctx.mode !== 'plaintext') {
        const outerId = `${id}o`;
        const outer = await ctx.wire.push({
          ...ctx.textSpec('encrypted push whose outer XML declares an external entity'),
          genuine: false,
          tamper: ({ query, body }) => ({ query, body: `<!DOCTYPE xml [<!ENTITY ext SYSTEM "${ctx.canary!.url(outerId)}">]>\n${body.replace('<xml>', '<xml><AuditEntity>&ext;</AuditEntity>')}` }),
        });
        probes.push([outer, 'external entity in the outer XML']);
        if (ctx.canary.hits(outerId) > 0) o.fail('the server fetched the external entity declared in the outer XML: it resolves external entities before any signature check (XXE)');
      }
      if (ctx.canary.hits(id) > 0) o.fail(`the server fetched ${ctx.canary.url(id)} while parsing the push: external entities are resolved (XXE)`);
    } else {
      o.unobserved('external entities were not tried: the server is not on this machine, so a fetch could not be seen', false);
    }
    const bomb = await ctx.wire.push(entityPush(ctx, 'text whose Content is a 5-level entity bomb (10^5 expansions)', bombDtd(5), 'lol5'));
    probes.push([bomb, 'entity bomb']);
    o.keep(...probes.map(([p]) => p));
    for (const [p, what] of probes) {
      const content = replyField(p.answer, 'Content') ?? p.answer.body ?? '';
      if (content.includes(marker) || content.includes('lollollol')) o.fail(`${what}: the reply contains the expanded entity — entities are expanded`);
      else if (p.answer.kind === 'timeout' || p.answer.kind === 'no-answer') o.fail(`${what}: ${describeAnswer(p.answer)} — the parser choked on it`);
      else o.pass(`${what}: ${describeAnswer(p.answer)}, nothing expanded`);
    }
    if (!b.echoes && !o.has('fail')) o.unobserved('the server does not echo messages, so internal-entity expansion could only have shown as an error or a hang', false);
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
    const spec: PushSpec = { ...ctx.textSpec('1.5 MB text message', 'x'.repeat(1_500_000)), genuine: false };
    const p = await ctx.wire.push(spec);
    o.keep(p);
    const a = p.answer;
    if (a.kind === 'refused') o.pass(`refused: ${describeAnswer(a)} in ${p.evidence.ms} ms`);
    else if (a.kind === 'no-answer') o.pass(`the server closed the connection without reading it all (${a.error ?? ''})`);
    else o.fail(`a ${Math.round(Buffer.byteLength(spec.message) / 1000)} KB push was not refused: ${describeAnswer(a)} after ${p.evidence.ms} ms`);
    if (a.kind !== 'no-answer' && p.evidence.ms > 2000) o.fail(`it took ${p.evidence.ms} ms to answer`);
    return o.done();
  },
};

/** Secrets an answer must never contain: the expected signatures for the request, the Token, the key. */
function leaks(body: string, exact: Array<[string, string | undefined]>, secrets: Array<[string, string | undefined]>): string[] {
  const found = exact.filter(([, v]) => v && body.toLowerCase().includes(v.toLowerCase())).map(([what]) => what);
  for (const [what, secret] of secrets) {
    if (!secret) continue;
    const run = secretRuns(body, secret)[0];
    if (run) found.push(run.length === secret.length ? what : `${run.length} of the ${secret.length} characters of ${what}`);
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
    if (b.state === 'timeout' || b.state === 'down') return o.skip('genuine pushes got no answer in time; see TIME-01').done();
    const forged = await ctx.wire.push({
      ...ctx.textSpec('push with a wrong signature'),
      genuine: false,
      tamper: ({ query, body }) => ({ query: setParam(query, 'signature', wrongSignature(query[0]![1])), body }),
    });
    const built = verifyUrlRequest({ url: ctx.account.url, token, timestamp: String(ctx.wire.now()), nonce: ctx.wire.nonce(), echostr: ctx.wire.echostr() });
    const get = await ctx.wire.send('URL verification with a wrong signature', {
      ...built.request,
      url: built.request.url.replace(built.signature.sha1, wrongSignature(built.signature.sha1)),
    });
    const checks: Array<[Probe, Array<[string, string | undefined]>]> = [
      [forged, [['the expected signature', forged.sealed?.steps.signature.sha1]]],
      [get, [['the expected signature', built.signature.sha1]]],
    ];
    if (ctx.mode !== 'plaintext') {
      const msg = await ctx.wire.push({
        ...ctx.textSpec('push with a wrong msg_signature'),
        genuine: false,
        tamper: ({ query, body }) => ({ query: setParam(query, 'msg_signature', wrongSignature(query.find(([k]) => k === 'msg_signature')?.[1] ?? '')), body }),
      });
      checks.push([msg, [['the expected msg_signature', msg.sealed?.steps.msgSignature?.sha1]]]);
    }
    for (const [p, own] of checks) {
      o.keep(p);
      const text = `${p.answer.body ?? ''}\n${JSON.stringify(p.evidence.response?.headers ?? {})}`;
      const found = leaks(text, own, [['the Token', token], ['the EncodingAESKey', encodingAesKey]]);
      if (found.length) o.fail(`${p.evidence.label}: the answer (${describeAnswer(p.answer)}) contains ${found.join(' and ')}`);
      else if (isHandled(p.answer)) o.pass(`${p.evidence.label}: ${describeAnswer(p.answer)}, nothing secret in it`);
      else o.pass(`${p.evidence.label}: ${describeAnswer(p.answer)}, nothing secret in it`);
    }
    o.unobserved('only the answers are checked; the server’s own logs are not visible to the audit', false);
    return o.done();
  },
};
