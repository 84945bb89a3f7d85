import { say, verbatim, type Said } from '../../contracts/said';
/**
 * Every way a WeChat payload can be malformed or fail verification ends in a WechatProtocolError, never in a
 * stray TypeError/RangeError: callers (push receiver, reply verdicts, the inspector) switch on `code` and show
 * `message` to a person as is.
 */

export type WechatErrorCode =
  | 'signature-mismatch'
  | 'timestamp-skew'
  | 'xml-parse'
  | 'xml-forbidden'
  | 'xml-build'
  | 'illegal-aes-key'
  | 'appid-mismatch'
  | 'decrypt-failed'
  | 'illegal-buffer'
  | 'base64'
  | 'too-large'
  | 'missing-field'
  | 'invalid-field'
  | 'unsupported-encrypt-type';

/**
 * The closest WXBizMsgCrypt sample return code (§4.6), so a user comparing against the official SDKs' logs
 * recognises the failure. These codes are library-local; nothing sends them over the wire.
 */
const SAMPLE_CODES: Readonly<Record<WechatErrorCode, number>> = {
  'signature-mismatch': -40001,
  'timestamp-skew': -40001,
  'xml-parse': -40002,
  'xml-forbidden': -40002,
  'too-large': -40002,
  'missing-field': -40002,
  'invalid-field': -40002,
  'illegal-aes-key': -40004,
  'appid-mismatch': -40005,
  'decrypt-failed': -40007,
  'unsupported-encrypt-type': -40007,
  'illegal-buffer': -40008,
  base64: -40010,
  'xml-build': -40011,
};

export function sampleCodeFor(code: WechatErrorCode): number {
  return SAMPLE_CODES[code];
}

export interface WechatProtocolErrorDetails {
  /** The input field (query parameter, XML element or option) the problem concerns. */
  field?: string;
  /** What a correct input would have carried, e.g. the computed signature. */
  expected?: string;
  /** What the input actually carried. */
  got?: string;
  cause?: unknown;
}

export class WechatProtocolError extends Error {
  readonly code: WechatErrorCode;
  readonly sampleCode: number;
  readonly field?: string;
  readonly expected?: string;
  readonly got?: string;

  constructor(code: WechatErrorCode, message: string, details: WechatProtocolErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'WechatProtocolError';
    this.code = code;
    this.sampleCode = SAMPLE_CODES[code];
    if (details.field !== undefined) this.field = details.field;
    if (details.expected !== undefined) this.expected = details.expected;
    if (details.got !== undefined) this.got = details.got;
  }

  /** Plain shape for problem responses and the inspector (Error's own fields are not enumerable). */
  toJSON(): {
    code: WechatErrorCode;
    sampleCode: number;
    message: string;
    field?: string;
    expected?: string;
    got?: string;
  } {
    return {
      code: this.code,
      sampleCode: this.sampleCode,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.expected === undefined ? {} : { expected: this.expected }),
      ...(this.got === undefined ? {} : { got: this.got }),
    };
  }
}

export function isWechatProtocolError(e: unknown): e is WechatProtocolError {
  return e instanceof WechatProtocolError;
}

/** Shortens long values (ciphertexts, signatures) for messages without hiding which value it was. */
export function preview(value: string, max = 16): string {
  return value.length <= max ? value : `${value.slice(0, max)}…`;
}

/**
 * An error as a sentence for the journal: a protocol error by its code (the studio names the kind of failure
 * in the reader's language, before the error's own words), anything else as its message.
 */
export function errorSaid(err: unknown): Said {
  if (isWechatProtocolError(err)) return say(`wechat.${err.code}`, { detail: verbatim(err.message) });
  return verbatim(err instanceof Error ? err.message : String(err));
}
