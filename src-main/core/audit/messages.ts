import { pushHeader, plainSubscribe, qrSubscribe, scan, text, unsubscribe, type EventHeader } from '../platform/push/events';
import { eventXml, messageXml } from '../wechat/messages';
import type { XmlField } from '../wechat/xml';

/**
 * The messages the audit pushes: the platform's own builders for what a phone produces (follow, scan, text,
 * unfollow), and WeChat's documented shapes for the rest (menu, location, template results, media).
 */

export type { EventHeader };
export { plainSubscribe, qrSubscribe, scan, text, unsubscribe };

export function event(h: EventHeader, name: string, extra: XmlField[] = []): { xml: string; label: string } {
  return { xml: eventXml({ ...pushHeader(h), event: name, fields: extra }), label: name };
}

export function media(h: EventHeader, type: 'image' | 'voice', msgId: string): { xml: string; label: string } {
  const fields: XmlField[] =
    type === 'image'
      ? [['PicUrl', 'http://mmbiz.qpic.cn/mmbiz/audit/0'], ['MediaId', 'audit_media_image_0001']]
      : [['MediaId', 'audit_media_voice_0001'], ['Format', 'amr']];
  return { xml: messageXml({ ...pushHeader(h), msgType: type, fields: [...fields, ['MsgId', BigInt(msgId)]] }), label: type };
}

/** A text message carrying elements WeChat may add one day: a server must ignore what it does not know. */
export function textWithExtras(h: EventHeader, content: string, msgId: string): { xml: string; label: string } {
  const fields: XmlField[] = [
    ['Content', content],
    ['MsgId', BigInt(msgId)],
    ['MsgDataId', '2247483650'],
    ['Idx', 1],
    ['AuditFutureField', 'ignored'],
    ['AuditNested', [['Inner', 'value']]],
  ];
  return { xml: messageXml({ ...pushHeader(h), msgType: 'text', fields }), label: 'text with unknown elements' };
}
