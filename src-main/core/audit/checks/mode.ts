import { say } from '../../../contracts/said';
import { answerSaid } from '../answer';
import type { AuditContext } from '../context';
import { Outcome } from '../outcome';
import { expectRejected, setParam, wrongSignature } from '../reject';
import { encrypt } from '../../wechat/crypto';
import { text } from '../messages';
import type { CheckDef } from './define';

/** MODE-*: each mode's authenticity rule, and that genuine pushes in the configured mode get through. */


async function genuineAccepted(ctx: AuditContext, o: Outcome): Promise<boolean> {
  const b = await ctx.baseline();
  o.keep(b.text, b.event);
  const answers = say('audit.mode.answers', { text: answerSaid(b.text.answer), follow: answerSaid(b.event.answer) });
  const mode = say(`audit.mode.${ctx.mode}`);
  if (b.state === 'ok') {
    o.pass(say('audit.mode.handled', { mode, answers }));
    return true;
  }
  if (b.state === 'timeout' || b.state === 'down') {
    o.skip(say('audit.mode.noAnswer', { answers, check: 'TIME-01' }));
    return false;
  }
  const settings = ctx.mode === 'plaintext' ? say('audit.mode.settingsPlain') : say('audit.mode.settingsEncrypted');
  o.fail(say(b.state === 'refused' ? 'audit.mode.refused' : 'audit.mode.errors', { mode, answers, settings }));
  return false;
}

const forgedSignature = {
  what: say('audit.mode.what.wrongSignature'),
  consequence: say('audit.mode.consequence.forgeEvents'),
};

export const modeP1: CheckDef = {
  id: 'MODE-P1',
  title: 'Plaintext mode: the signature of every push is verified',
  severity: 'FAIL',
  phase: 'hostile',
  modes: ['plaintext'],
  notApplicable: say('audit.na.plaintext'),
  why: 'In plaintext mode the signature is the only thing that tells WeChat’s pushes from anyone else’s. Without the check, a forged follow event carrying a login page’s scene signs the forger in as whichever WeChat user they name.',
  fix: 'Before reading the body, compare signature with sha1(sort(Token, timestamp, nonce)) in constant time; refuse a mismatch or a missing signature with 401 and change nothing.',
  async run(ctx) {
    const o = new Outcome();
    if (!(await genuineAccepted(ctx, o))) return o.done();
    await expectRejected(ctx, o, {
      ...forgedSignature,
      forge: (spec) => ({ ...spec, genuine: false, tamper: ({ query, body }) => ({ query: setParam(query, 'signature', wrongSignature(query[0]![1])), body }) }),
    });
    await expectRejected(ctx, o, {
      what: say('audit.mode.what.noSignature'),
      consequence: say('audit.mode.consequence.forgePushes'),
      forge: (spec) => ({ ...spec, genuine: false, tamper: ({ query, body }) => ({ query: query.filter(([k]) => k !== 'signature'), body }) }),
    });
    return o.done();
  },
};

export const modeC1: CheckDef = {
  id: 'MODE-C1',
  title: 'Compatible mode: pushes carrying plaintext and <Encrypt> are handled, forged ones refused',
  severity: 'FAIL',
  phase: 'hostile',
  modes: ['compatible'],
  notApplicable: say('audit.na.compatible'),
  why: 'In compatible mode every push carries the plaintext fields and an <Encrypt> copy; a server that chokes on the extra element, or has no EncodingAESKey for it, answers errors and the user sees “该公众号暂时无法提供服务，请稍后再试”.',
  fix: 'Configure the EncodingAESKey, verify msg_signature over (Token, timestamp, nonce, Encrypt) and decrypt when encrypt_type=aes (prefer the decrypted copy); a server reading the plaintext copy must still verify signature.',
  async run(ctx) {
    const o = new Outcome();
    if (!(await genuineAccepted(ctx, o))) return o.done();
    const b = await ctx.baseline();
    const kinds = [...new Set([b.text, b.event].filter((p) => p.answer.kind === 'reply').map((p) => (p.answer.reply?.encrypted ? 'encrypted' : 'plaintext')))].map((k) => say(`audit.mode.kind.${k}`));
    if (kinds.length) o.info(say('audit.mode.replies', { kinds: kinds.length > 1 ? say('audit.mode.both', { first: kinds[0], second: kinds[1] }) : kinds[0] }));
    await expectRejected(ctx, o, {
      what: say('audit.mode.what.bothWrong'),
      consequence: say('audit.mode.consequence.neither'),
      forge: (spec) => ({
        ...spec,
        genuine: false,
        tamper: ({ query, body }) => {
          const sig = query.find(([k]) => k === 'signature')?.[1] ?? '';
          const msg = query.find(([k]) => k === 'msg_signature')?.[1] ?? '';
          return { query: setParam(setParam(query, 'signature', wrongSignature(sig)), 'msg_signature', wrongSignature(msg)), body };
        },
      }),
    });
    return o.done();
  },
};

export const modeS1: CheckDef = {
  id: 'MODE-S1',
  title: 'Safe mode: msg_signature over (Token, timestamp, nonce, Encrypt) is verified, not only signature',
  severity: 'FAIL',
  phase: 'hostile',
  modes: ['safe'],
  notApplicable: say('audit.na.safeSignature'),
  why: 'signature covers only the timestamp and nonce; msg_signature is what ties the ciphertext to your Token. A server checking only signature accepts any ciphertext with a captured query, and SDK confusion here is the classic “签名校验失败” in safe mode.',
  fix: 'When encrypt_type=aes, read <Encrypt> from the body and compare msg_signature with sha1(sort(Token, timestamp, nonce, Encrypt)) before decrypting. Do not use signature for this (WeChat’s docs: “不要使用signature验证”).',
  async run(ctx) {
    const o = new Outcome();
    if (!(await genuineAccepted(ctx, o))) return o.done();
    await expectRejected(ctx, o, {
      what: say('audit.mode.what.wrongMsgSignature'),
      consequence: say('audit.mode.consequence.msgSignature'),
      forge: (spec) => ({
        ...spec,
        genuine: false,
        tamper: ({ query, body }) => ({ query: setParam(query, 'msg_signature', wrongSignature(query.find(([k]) => k === 'msg_signature')?.[1] ?? '')), body }),
      }),
    });
    await expectRejected(ctx, o, {
      what: say('audit.mode.what.swapped'),
      consequence: say('audit.mode.consequence.swapped'),
      forge: (spec) => ({
        ...spec,
        genuine: false,
        tamper: ({ query, body, sealed }) => {
          const other = encrypt({
            encodingAesKey: ctx.account.encodingAesKey ?? '',
            appId: ctx.account.appId,
            message: text(ctx.head(spec.openId), `swapped ${ctx.wire.nonce()}`, ctx.wire.msgId()).xml,
          });
          return { query, body: body.replace(sealed.encrypt ?? '', other) };
        },
      }),
    });
    return o.done();
  },
};

export const modeS2: CheckDef = {
  id: 'MODE-S2',
  title: 'Safe mode: a plaintext push (downgrade) is refused',
  severity: 'WARN',
  phase: 'hostile',
  modes: ['safe'],
  notApplicable: say('audit.na.safe'),
  why: 'In safe mode WeChat always encrypts. A server that still accepts a plaintext body lets anyone who obtains one valid signature skip the encryption and its AppID check (EasyWeChat PR #1525).',
  fix: 'When the account is in safe mode, refuse pushes without encrypt_type=aes (400) instead of falling back to the plaintext path.',
  sdkFix: {
    'node-webot': 'node-webot takes the plaintext path whenever encrypt_type or msg_signature is missing; reject such requests in a middleware in front of it when you run safe mode.',
  },
  async run(ctx) {
    const o = new Outcome();
    await expectRejected(ctx, o, {
      what: say('audit.mode.what.downgrade'),
      consequence: say('audit.mode.consequence.downgrade'),
      forge: (spec) => ({ ...spec, genuine: false, mode: 'plaintext' }),
    });
    return o.done();
  },
};
