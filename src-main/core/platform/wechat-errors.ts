import { HEX, randomChars, type RandomSource } from '../wechat/random';

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

/** Thrown inside cgi-bin handlers; the route wrapper turns it into WeChat's error body. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    /** Overrides the table's text (e.g. 40164 names the caller's IP). */
    readonly text?: string,
    /** For the journal's verdict: what the developer should do about it. */
    readonly hint?: string,
  ) {
    super(text ?? (ERRMSG as Record<number, string>)[errcode] ?? 'system error');
  }

  body(random: RandomSource): WechatErrorBody {
    return { errcode: this.errcode, errmsg: `${this.message} rid: ${newRid(random)}` };
  }
}

export const apiError = (errcode: WechatErrcode, hint?: string): WechatApiError =>
  new WechatApiError(errcode, undefined, hint);
