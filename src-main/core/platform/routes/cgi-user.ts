import { say } from '../../../contracts/said';
import type { PhoneMessage } from '../../../contracts/api';
import type { Domain } from '../domain';
import { WechatApiError, apiError } from '../wechat-errors';
import { jsonBody, requirePost, type ApiCall } from './api-call';
import { authorize } from './cgi-auth';

const PAGE = 10_000;

/** GET /cgi-bin/user/info?access_token=…&openid=…&lang=zh_CN (§7.5). */
export function userInfo(d: Domain, call: ApiCall): Record<string, unknown> {
  const account = authorize(d, call, 'user_info');
  const openId = call.query.openid ?? '';
  const owner = openId ? d.personas.ownerOf(openId) : undefined;
  if (!owner || owner.appId !== account.appId) {
    throw apiError(40003, openId ? say('api.hint.notOpenIdOf', { openId, name: account.name }) : say('api.hint.passOpenId'));
  }
  const persona = d.personas.get(owner.personaId);
  const follow = d.personas.follow(owner.personaId, account.appId);
  const unionid = persona.union_id ? { unionid: persona.union_id } : {};
  if (!follow || follow.following !== 1) {
    call.outcome = 'subscribe 0';
    return { subscribe: 0, openid: openId, ...unionid, tagid_list: [] };
  }
  call.outcome = 'subscribe 1';
  // WeChat dropped nickname and headimgurl from user/info at the end of 2021; a setting brings them back.
  const profile = d.settings.get().userInfoNickname ? { nickname: persona.name, headimgurl: '' } : {};
  return {
    subscribe: 1,
    openid: openId,
    ...profile,
    language: 'zh_CN',
    subscribe_time: follow.subscribe_time ?? 0,
    ...unionid,
    remark: '',
    groupid: 0,
    tagid_list: [],
    subscribe_scene: follow.subscribe_scene || 'ADD_SCENE_OTHERS',
    qr_scene: follow.qr_scene,
    qr_scene_str: follow.qr_scene_str,
  };
}

/** GET /cgi-bin/user/get?access_token=…&next_openid=… (§7.6): followers in follow order, 10 000 a page. */
export function userGet(d: Domain, call: ApiCall): Record<string, unknown> {
  const account = authorize(d, call, 'user_list');
  let after = 0;
  const next = call.query.next_openid ?? '';
  if (next !== '') {
    const owner = d.personas.ownerOf(next);
    const follow = owner && owner.appId === account.appId ? d.personas.follow(owner.personaId, account.appId) : undefined;
    if (!follow) throw apiError(40003, say('api.hint.nextOpenIdNotFollower', { openId: next, name: account.name }));
    after = follow.seq;
  }
  const rows = d.repo.followersPage.all({ app_id: account.appId, after, limit: PAGE });
  const total = d.repo.followersCount.get(account.appId)!.n;
  call.outcome = say('api.outcome.followers', { count: rows.length, total });
  if (rows.length === 0) return { total, count: 0, next_openid: '' };
  const openids = rows.map((r) => r.open_id);
  return { total, count: openids.length, data: { openid: openids }, next_openid: openids[openids.length - 1] };
}

const MEDIA_TYPES: Record<string, PhoneMessage> = {
  image: { from: 'account', text: '[图片]', kind: 'image' },
  voice: { from: 'account', text: '[语音]', kind: 'notice' },
  video: { from: 'account', text: '[视频]', kind: 'notice' },
  music: { from: 'account', text: '[音乐]', kind: 'notice' },
  mpnews: { from: 'account', text: '[图文消息]', kind: 'news' },
  mpnewsarticle: { from: 'account', text: '[图文消息]', kind: 'news' },
  msgmenu: { from: 'account', text: '[菜单消息]', kind: 'notice' },
  wxcard: { from: 'account', text: '[卡券]', kind: 'notice' },
  miniprogrampage: { from: 'account', text: '[小程序]', kind: 'notice' },
};

function objectField(body: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = body[name];
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** What the chat shows for a customer-service message, or WeChat's error for a malformed one. */
function customMessage(body: Record<string, unknown>): PhoneMessage {
  const type = body.msgtype;
  if (type === 'text') {
    const content = objectField(body, 'text')?.content;
    if (typeof content !== 'string' || content === '') throw new WechatApiError(40097, undefined, say('api.hint.textNeedsContent'));
    return { from: 'account', text: content, kind: 'text' };
  }
  if (type === 'news') {
    const articles = objectField(body, 'news')?.articles;
    const first = Array.isArray(articles) ? (articles[0] as Record<string, unknown> | undefined) : undefined;
    if (!first || typeof first.title !== 'string') throw new WechatApiError(40097, undefined, say('api.hint.newsNeedsTitle'));
    return { from: 'account', text: first.title, kind: 'news' };
  }
  const media = typeof type === 'string' ? MEDIA_TYPES[type] : undefined;
  if (!media) throw apiError(40008, say('api.hint.notCsType', { got: JSON.stringify(type ?? null) }));
  return media;
}

/** POST /cgi-bin/message/custom/send?access_token=… (§7.7): lands in the phone's chat, inside WeChat's windows. */
export function customSend(d: Domain, call: ApiCall): Record<string, unknown> {
  requirePost(call);
  const account = authorize(d, call, 'custom_send');
  const body = jsonBody(call);
  const touser = typeof body.touser === 'string' ? body.touser : '';
  const owner = touser ? d.personas.ownerOf(touser) : undefined;
  if (!owner || owner.appId !== account.appId) {
    throw apiError(40003, touser ? say('api.hint.touserNotOpenIdOf', { openId: touser, name: account.name }) : say('api.hint.passTouser'));
  }
  const message = customMessage(body);
  if (!d.personas.isFollowing(owner.personaId, account.appId)) {
    throw new WechatApiError(45015, undefined, say('api.hint.notFollowing'));
  }
  if (d.settings.get().enforceCustomerServiceWindow) {
    const problem = d.phone.useWindow(owner.personaId, account.appId);
    if (problem === 45015) {
      throw new WechatApiError(45015, undefined, say('api.hint.noWindow'));
    }
    if (problem === 45047) throw new WechatApiError(45047, undefined, say('api.hint.windowFull'));
  }
  d.phone.receive(owner.personaId, account, message);
  call.outcome = say('api.outcome.sent', { msgtype: String(body.msgtype), touser });
  return { errcode: 0, errmsg: 'ok' };
}
