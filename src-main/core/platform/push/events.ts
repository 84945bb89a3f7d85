import { scanXml, subscribeXml, textMessageXml, unsubscribeXml, type MessageHeader } from '../../wechat/messages';

/** The pushes a phone action produces (§5.1–§5.5), one builder per kind, in WeChat's field order. */

export interface EventHeader {
  originalId: string;
  openId: string;
  createTime: number;
}

/** The header of a push from the follower `openId` to the account `originalId`. */
export const pushHeader = (h: EventHeader): MessageHeader => ({
  toUserName: h.originalId,
  fromUserName: h.openId,
  createTime: h.createTime,
});

/** Follow via a parametric QR code: EventKey `qrscene_<scene>` and the Ticket (§5.2). */
export function qrSubscribe(h: EventHeader, scene: string, ticket: string): { xml: string; label: string } {
  return { xml: subscribeXml({ ...pushHeader(h), scene, ticket }), label: `subscribe qrscene_${scene}` };
}

/** Plain follow (§5.1); real pushes carry an empty EventKey, which a setting can turn off. */
export function plainSubscribe(h: EventHeader, emptyEventKey: boolean): { xml: string; label: string } {
  return { xml: subscribeXml({ ...pushHeader(h), ...(emptyEventKey ? {} : { eventKey: null }) }), label: 'subscribe' };
}

/** A follower scans a parametric QR code: `SCAN` with the bare scene and the Ticket (§5.3). */
export function scan(h: EventHeader, scene: string, ticket: string): { xml: string; label: string } {
  return { xml: scanXml({ ...pushHeader(h), scene, ticket }), label: `SCAN ${scene}` };
}

export function unsubscribe(h: EventHeader, emptyEventKey: boolean): { xml: string; label: string } {
  return { xml: unsubscribeXml({ ...pushHeader(h), omitEventKey: !emptyEventKey }), label: 'unsubscribe' };
}

export function text(h: EventHeader, content: string, msgId: string): { xml: string; label: string } {
  const shown = content.length > 30 ? `${content.slice(0, 30)}…` : content;
  return { xml: textMessageXml({ ...pushHeader(h), content, msgId }), label: `text ${JSON.stringify(shown)}` };
}
