import { HEX, randomChars, type RandomSource } from '../wechat/random';
import { englishTemplate, say, sayText, verbatim, type Said, type SaidCode } from '../../contracts/said';

/**
 * WeChat's API errors as they travel: HTTP 200 with `{errcode, errmsg}`, the errmsg followed by
 * ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` as the real platform appends it (§7, §8). Texts are the wire texts.
 */
export const ERRMSG = {
  [-1]: 'system error',
  40001:
    'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40008: 'invalid message type',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40052: 'invalid action name',
  40053: 'invalid action info, please check document',
  40097: 'invalid args',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  43004: 'require subscribe',
  44002: 'empty post data',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45029: 'qrcode count out of limit',
  45047: 'out of response count limit',
  47001: 'data format error',
  48001: 'api unauthorized',
} as const satisfies Record<number, string>;

export type WechatErrcode = keyof typeof ERRMSG;

export interface WechatErrorBody {
  errcode: number;
  errmsg: string;
}

/** A request id in WeChat's `rid` shape: three groups of 8 hex digits. */
export function newRid(random: RandomSource): string {
  return `${randomChars(random, HEX, 8)}-${randomChars(random, HEX, 8)}-${randomChars(random, HEX, 8)}`;
}

/** A hint or an errmsg: a sentence, or plain text. */
export type ApiText = Said | string;

/**
 * The errmsg as a sentence: the catalogue's entry for the errcode when the text is the table's, the text
 * itself otherwise.
 */
function errmsgSaid(errcode: number, text: string): Said {
  const code = `api.errmsg.${errcode}`;
  return englishTemplate(code) === text ? say(code as SaidCode) : verbatim(text);
}

/** Thrown inside cgi-bin handlers; the route wrapper turns it into WeChat's error body. */
export class WechatApiError extends Error {
  /** The errmsg (without the rid) as a sentence, for the journal. */
  readonly said: Said;
  /** For the journal's verdict: what the developer should do about it. */
  readonly hint?: Said;

  constructor(
    readonly errcode: number,
    /** Overrides the table's text (e.g. 40164 names the caller's IP). */
    text?: ApiText,
    hint?: ApiText,
  ) {
    const message = text === undefined ? ((ERRMSG as Record<number, string>)[errcode] ?? 'system error') : sayText(text);
    super(message);
    this.said = typeof text === 'object' ? text : errmsgSaid(errcode, message);
    if (hint !== undefined) this.hint = typeof hint === 'string' ? verbatim(hint) : hint;
  }

  /** The errmsg for the journal's one-line summary: its first 60 characters. */
  get saidHead(): Said {
    if (this.message.length <= 60) return this.said;
    const code = `api.errmsgHead.${this.errcode}`;
    return englishTemplate(code) === this.message.slice(0, 60) ? say(code as SaidCode) : verbatim(this.message.slice(0, 60));
  }

  body(random: RandomSource): WechatErrorBody {
    return { errcode: this.errcode, errmsg: `${this.message} rid: ${newRid(random)}` };
  }
}

export const apiError = (errcode: WechatErrcode, hint?: ApiText): WechatApiError =>
  new WechatApiError(errcode, undefined, hint);
