/**
 * WeChat's own words, exactly as the WeChat app shows them. They are the same in every language of the
 * studio — a developer checks their flow against what a WeChat user really sees — so they are not in the
 * catalogues; the English studio adds a gloss beside some of them (catalogue `phone.gloss`).
 */
export const WECHAT_TEXT = {
  discover: '发现',
  chats: '微信',
  contacts: '通讯录',
  me: '我',
  scan: '扫一扫',
  scanHint: '将二维码/条码放入框内，即可自动扫描',
  officialAccounts: '公众号',
  follow: '关注公众号',
  enterAccount: '进入公众号',
  unfollow: '不再关注',
  send: '发送',
  back: '返回',
  loading: '加载中',
  serviceAccount: '服务号',
  subscriptionAccount: '订阅号',
  verified: '已认证',
  serviceUnavailable: '该公众号暂时无法提供服务，请稍后再试',
} as const;
