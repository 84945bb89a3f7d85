import { scanXml, subscribeXml, textMessageXml, unsubscribeXml } from '../../wechat/messages';
import { buildXml } from '../../wechat/xml';

/** The pushes a phone action produces (§5.1–§5.5), one builder per kind, in WeChat's field order. */

export interface EventHeader {
  originalId: string;
  openId: string;
  createTime: number;
}

const head = (h: EventHeader): { toUserName: string; fromUserName: string; createTime: number } => ({
  toUserName: h.originalId,
  fromUserName: h.openId,
  createTime: h.createTime,
});

/** Follow via a parametric QR code: EventKey `qrscene_<scene>` and the Ticket (§5.2). */
export function qrSubscribe(h: EventHeader, scene: string, ticket: string): { xml: string; label: string } {
  return { xml: subscribeXml({ ...head(h), scene, ticket }), label: `subscribe qrscene_${scene}` };
}

/** Plain follow (§5.1); real pushes carry an empty EventKey, which a setting can turn off. */
export function plainSubscribe(h: EventHeader, emptyEventKey: boolean): { xml: string; label: string } {
  const xml = emptyEventKey
    ? subscribeXml(head(h))
    : buildXml(
        [
          ['ToUserName', h.originalId],
          ['FromUserName', h.openId],
          ['CreateTime', h.createTime],
          ['MsgType', 'event'],
          ['Event', 'subscribe'],
        ],
        { newlines: true },
      );
  return { xml, label: 'subscribe' };
}

/** A follower scans a parametric QR code: `SCAN` with the bare scene and the Ticket (§5.3). */
export function scan(h: EventHeader, scene: string, ticket: string): { xml: string; label: string } {
  return { xml: scanXml({ ...head(h), scene, ticket }), label: `SCAN ${scene}` };
}

export function unsubscribe(h: EventHeader, emptyEventKey: boolean): { xml: string; label: string } {
  const xml = emptyEventKey
    ? unsubscribeXml(head(h))
    : buildXml(
        [
          ['ToUserName', h.originalId],
          ['FromUserName', h.openId],
          ['CreateTime', h.createTime],
          ['MsgType', 'event'],
          ['Event', 'unsubscribe'],
        ],
        { newlines: true },
      );
  return { xml, label: 'unsubscribe' };
}

export function text(h: EventHeader, content: string, msgId: string): { xml: string; label: string } {
  const shown = content.length > 30 ? `${content.slice(0, 30)}…` : content;
  return { xml: textMessageXml({ ...head(h), content, msgId }), label: `text ${JSON.stringify(shown)}` };
}
