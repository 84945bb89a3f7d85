import { ERRMSG, WechatApiError, type ApiText } from '../wechat-errors';
import type { Said } from '../../../contracts/said';

/** The Open Platform's error texts (third-party-platform spec §16), on top of the platform's own table. */
export const OPEN_ERRMSG: Record<number, string> = {
  41018: 'missing component_appid',
  40170: 'args count exceed count limit',
  45009: 'reach max api daily quota limit',
  61003: 'component is not authorized by this account',
  61004: 'access clientip is not registered',
  61005: 'component ticket is expired',
  61006: 'component ticket is invalid',
  61007: 'api is unauthorized to component',
  61009: 'code is invalid',
  61010: 'code is expired',
  61011: 'invalid component',
  61012: 'invalid option name',
  61013: 'invalid option value',
  61014: 'must use component token for component api',
  61023: 'refresh_token is invalid',
  61025: 'read-only option',
};

/** A WeChat-style error whose errmsg comes from either table; `hint` goes only to the journal. */
export function openError(errcode: number, hint?: ApiText): WechatApiError {
  const text = OPEN_ERRMSG[errcode] ?? (ERRMSG as Record<number, string>)[errcode] ?? 'system error';
  return new WechatApiError(errcode, text, hint);
}

/**
 * The authorization page's own error codes (§7.2), shown in its dialog and on the phone. The texts are
 * those of mp.weixin.qq.com's page script.
 */
export const PAGE_ERRORS = {
  [-1]: '系统错误',
  [-11]: 'PreAuthCode无效',
  [-12]: '二维码失效',
  [-13]: '参数错误',
  [-14]: '请确认授权入口页所在域名，与授权后回调页所在域名相同，并且，此两者都必须与申请第三方平台时填写的授权发起页域名相同。授权入口页所在域名：%s',
  [-15]: '请求过于频繁',
  [-16]: '跳转url命中黑名单',
  [-19]: '获取授权信息失败',
  [-20]: '权限集未发生变化',
  [-21]: '没有绑定管理员',
  [-22]: '没有绑定关系',
  [-23]: '授权失败',
  [-24]: '第三方平台已停止服务',
  [-25]: '公众号已达到最大授权上限',
  [-26]: '二维码已被授权',
  [-27]: '二维码未授权',
  [-28]: '预授权码已经被授权过，不能重复使用，请重新从源头页面进入授权页',
} as const;
export type PageErrorCode = keyof typeof PAGE_ERRORS;

/** A refusal of the authorization page: its code, the page's text, and for the journal why. */
export class PageError extends Error {
  constructor(
    readonly code: PageErrorCode,
    /** For the journal (a refusal of the page's opening) and the phone's error screen. */
    readonly hint: Said | string,
    detail = '',
  ) {
    super(PAGE_ERRORS[code].replace('%s', detail));
  }
}
