/**
 * WeChat's own words on the authorization page the admin opens on the phone (third-party platform
 * authorization), the same in every language of the studio like the rest of WeChat's texts
 * (wechat-texts.ts); the English studio glosses some of them (catalogue `phone.gloss`).
 */
export const WECHAT_AUTH_TEXT = {
  title: '公众号授权',
  platform: '第三方平台',
  pickAccount: '选择要授权的公众号',
  authorized: '已授权',
  next: '下一步',
  previous: '上一步',
  grant: '授权后，该第三方平台将获得以下权限',
  heldElsewhere: '已授权给其他第三方平台',
  confirm: '授权',
  cancel: '取消',
  success: '授权成功',
  continueOnPc: '请在电脑上继续操作',
  done: '完成',
  errorCode: '错误码',
} as const;

/** "已将「account」授权给「platform」" */
export const authorizedTo = (account: string, platform: string): string => `已将「${account}」授权给「${platform}」`;

/**
 * The authorization page's error codes and their texts, as the page script of mp.weixin.qq.com has them
 * (third-party-platform spec §7.2). The mock's phone shows a refused scan with the page's own text.
 */
export const AUTH_PAGE_ERRORS: Readonly<Record<string, string>> = {
  '-1': '系统错误',
  '-11': 'PreAuthCode无效',
  '-12': '二维码失效',
  '-13': '参数错误',
  '-14': '请确认授权入口页所在域名，与授权后回调页所在域名相同，并且，此两者都必须与申请第三方平台时填写的授权发起页域名相同。',
  '-15': '请求过于频繁',
  '-16': '跳转url命中黑名单',
  '-19': '获取授权信息失败',
  '-20': '权限集未发生变化',
  '-21': '没有绑定管理员',
  '-22': '没有绑定关系',
  '-23': '授权失败',
  '-24': '第三方平台已停止服务',
  '-25': '公众号已达到最大授权上限',
  '-26': '二维码已被授权',
  '-27': '二维码未授权',
  '-28': '预授权码已经被授权过',
};

/** A phone error that came from the authorization page: "-21 the persona administers…" → its code, text and detail. */
export function authPageError(error: string | undefined): { code: string; text: string; detail: string } | null {
  const m = /^(-\d+) ([\s\S]*)$/.exec(error ?? '');
  const text = m ? AUTH_PAGE_ERRORS[m[1]!] : undefined;
  return m && text ? { code: m[1]!, text, detail: m[2]! } : null;
}
