import { WechatProtocolError } from './errors';
import { buildXml, repeatedChildren, type XmlField, type XmlRecord } from './xml';

/** Builders and readers for the messages of §5, fields in WeChat's documented order. */

export interface MessageHeader {
  /** Push: the account's original id (gh_…). Reply: the user's OpenID. */
  toUserName: string;
  /** Push: the user's OpenID. Reply: the account's original id. */
  fromUserName: string;
  /** Unix seconds. */
  createTime: number;
}

export interface BuildMessageOptions {
  /** Newline-separated like the official samples' plaintext (default); false for a single line. */
  newlines?: boolean;
}

const QR_PREFIX = 'qrscene_';

function header({ toUserName, fromUserName, createTime }: MessageHeader): XmlField[] {
  if (!Number.isSafeInteger(createTime) || createTime < 0) {
    throw new WechatProtocolError('xml-build', `CreateTime must be whole seconds since 1970; got ${createTime}`, {
      field: 'CreateTime',
    });
  }
  return [
    ['ToUserName', toUserName],
    ['FromUserName', fromUserName],
    ['CreateTime', createTime],
  ];
}

function render(fields: XmlField[], options: BuildMessageOptions): string {
  return buildXml(fields, { newlines: options.newlines ?? true });
}

export interface SubscribeInput extends MessageHeader, BuildMessageOptions {
  /** The raw EventKey, written as is (e.g. `qrscene_0` for bug-compatibility); null leaves the element out. */
  eventKey?: string | null;
  /** Convenience for a follow via a parametric QR code: written as EventKey `qrscene_<scene>`. */
  scene?: string;
  ticket?: string;
}

/**
 * A follow. Without a scene the EventKey is present but empty, as real plain-follow pushes carry it (§5.1),
 * unless `eventKey: null` leaves it out (as the documentation's sample does); with a scene it is
 * `qrscene_<scene>` followed by the QR's Ticket (§5.2).
 */
export function subscribeXml(input: SubscribeInput): string {
  if (input.eventKey != null && input.scene !== undefined) {
    throw new WechatProtocolError('xml-build', 'give either eventKey (raw) or scene (prefixed with qrscene_), not both', {
      field: 'EventKey',
    });
  }
  const eventKey = input.scene !== undefined ? `${QR_PREFIX}${input.scene}` : input.eventKey === null ? null : (input.eventKey ?? '');
  const fields: XmlField[] = [...header(input), ['MsgType', 'event'], ['Event', 'subscribe']];
  if (eventKey !== null) fields.push(['EventKey', eventKey]);
  if (input.ticket !== undefined) fields.push(['Ticket', input.ticket]);
  return render(fields, input);
}

export interface ScanInput extends MessageHeader, BuildMessageOptions {
  /** The bare scene value: scene_id as decimal text or scene_str (no `qrscene_` prefix, §5.3). */
  scene: string;
  ticket: string;
}

export function scanXml(input: ScanInput): string {
  return render(
    [...header(input), ['MsgType', 'event'], ['Event', 'SCAN'], ['EventKey', input.scene], ['Ticket', input.ticket]],
    input,
  );
}

export interface UnsubscribeInput extends MessageHeader, BuildMessageOptions {
  /** Leave the EventKey out (as the documentation's sample does); observed pushes carry it empty (§5.4). */
  omitEventKey?: boolean;
}

export function unsubscribeXml(input: UnsubscribeInput): string {
  const fields: XmlField[] = [...header(input), ['MsgType', 'event'], ['Event', 'unsubscribe']];
  if (!input.omitEventKey) fields.push(['EventKey', '']);
  return render(fields, input);
}

export interface TextMessageInput extends MessageHeader, BuildMessageOptions {
  content: string;
  /** 64-bit id as decimal text (or bigint): a double would round it. */
  msgId: string | bigint;
}

export function textMessageXml(input: TextMessageInput): string {
  const text = typeof input.msgId === 'bigint' ? input.msgId.toString() : input.msgId;
  if (!/^[0-9]{1,20}$/.test(text) || BigInt(text) > 0xffffffffffffffffn) {
    throw new WechatProtocolError('xml-build', `MsgId must be a 64-bit unsigned integer in decimal; got ${JSON.stringify(text)}`, {
      field: 'MsgId',
    });
  }
  return render([...header(input), ['MsgType', 'text'], ['Content', input.content], ['MsgId', BigInt(text)]], input);
}

export interface TextReplyInput extends MessageHeader, BuildMessageOptions {
  content: string;
}

export function textReplyXml(input: TextReplyInput): string {
  return render([...header(input), ['MsgType', 'text'], ['Content', input.content]], input);
}

export interface MessageInput extends MessageHeader, BuildMessageOptions {
  /** event, text, image, voice, location… */
  msgType: string;
  /** The type's own fields after MsgType, in WeChat's order (MsgId included where the type has one). */
  fields: XmlField[];
}

/** Any push by its type and fields, for the kinds without a builder of their own (media, menu events…). */
export function messageXml(input: MessageInput): string {
  return render([...header(input), ['MsgType', input.msgType], ...input.fields], input);
}

export interface EventInput extends MessageHeader, BuildMessageOptions {
  /** The Event value: CLICK, VIEW, LOCATION, TEMPLATESENDJOBFINISH… */
  event: string;
  /** The event's own fields after Event, in WeChat's order. */
  fields?: XmlField[];
}

/** An event push other than follow, scan and unfollow (those have their own builders above). */
export function eventXml(input: EventInput): string {
  return messageXml({ ...input, msgType: 'event', fields: [['Event', input.event], ...(input.fields ?? [])] });
}

// ---- the third-party platform's notices ----------------------------------------------------------------

export interface ComponentNoticeInput {
  /** The component AppID the notice is for. */
  appId: string;
  /** Unix seconds. */
  createTime: number;
  /** component_verify_ticket, authorized, updateauthorized, unauthorized. */
  infoType: string;
  /** The notice type's own fields, after InfoType, in WeChat's order. */
  fields?: XmlField[];
}

/** A notice to an authorization-event URL, on one line like WeChat's (third-party-platform spec §4). */
export function componentNoticeXml(input: ComponentNoticeInput): string {
  if (!Number.isSafeInteger(input.createTime) || input.createTime < 0) {
    throw new WechatProtocolError('xml-build', `CreateTime must be whole seconds since 1970; got ${input.createTime}`, { field: 'CreateTime' });
  }
  return buildXml([['AppId', input.appId], ['CreateTime', input.createTime], ['InfoType', input.infoType], ...(input.fields ?? [])]);
}

/** The encrypted body of a notice: the component AppID and the Encrypt text (always encrypted). */
export function componentEnvelopeXml(appId: string, encrypt: string): string {
  return buildXml([
    ['AppId', appId],
    ['Encrypt', encrypt],
  ]);
}

// ---- readers -------------------------------------------------------------------------------------------

interface InboundHeader extends MessageHeader {
  msgType: string;
}

export type InboundMessage =
  | (InboundHeader & { kind: 'subscribe'; eventKey: string; scene?: string; ticket?: string })
  | (InboundHeader & { kind: 'scan'; eventKey: string; scene: string; ticket?: string })
  | (InboundHeader & { kind: 'unsubscribe' })
  | (InboundHeader & { kind: 'text'; content: string; msgId: string })
  | (InboundHeader & { kind: 'other'; event?: string; record: XmlRecord });

function optionalText(rec: XmlRecord, name: string): string | undefined {
  const value = rec[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new WechatProtocolError('invalid-field', `<${name}> must hold text, but it holds child elements`, {
      field: name,
    });
  }
  return value;
}

function requiredText(rec: XmlRecord, name: string, { allowEmpty = false } = {}): string {
  const value = optionalText(rec, name);
  if (value === undefined) {
    throw new WechatProtocolError('missing-field', `the XML has no <${name}> element, which is required here`, {
      field: name,
    });
  }
  if (!allowEmpty && value.trim() === '') {
    throw new WechatProtocolError('missing-field', `<${name}> is empty, but it is required here`, { field: name });
  }
  return value;
}

function requiredRecord(rec: XmlRecord, name: string): XmlRecord {
  const value = rec[name];
  if (value === undefined || value === '') {
    throw new WechatProtocolError('missing-field', `the XML has no <${name}> element, which is required here`, {
      field: name,
    });
  }
  if (typeof value === 'string') {
    throw new WechatProtocolError('invalid-field', `<${name}> must hold child elements, but it holds text`, {
      field: name,
    });
  }
  return value;
}

function readCreateTime(rec: XmlRecord): number {
  const text = requiredText(rec, 'CreateTime').trim();
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new WechatProtocolError('invalid-field', `<CreateTime> must be whole seconds; got ${JSON.stringify(text)}`, {
      field: 'CreateTime',
      got: text,
    });
  }
  return value;
}

function readHeader(rec: XmlRecord): InboundHeader {
  if (typeof rec !== 'object' || rec === null) {
    throw new WechatProtocolError('missing-field', 'no parsed XML record was given; expected the fields of <xml>');
  }
  return {
    toUserName: requiredText(rec, 'ToUserName'),
    fromUserName: requiredText(rec, 'FromUserName'),
    createTime: readCreateTime(rec),
    msgType: requiredText(rec, 'MsgType'),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function readMessage(rec: XmlRecord): InboundMessage {
  const head = readHeader(rec);
  if (head.msgType === 'text') {
    const msgId = requiredText(rec, 'MsgId').trim();
    return { ...head, kind: 'text', content: requiredText(rec, 'Content', { allowEmpty: true }), msgId };
  }
  if (head.msgType !== 'event') return { ...head, kind: 'other', record: rec };
  const event = requiredText(rec, 'Event');
  // WeChat sends `subscribe`, `unsubscribe` and upper-case `SCAN`; SDKs compare case-insensitively, so do we.
  switch (event.toLowerCase()) {
    case 'subscribe': {
      const eventKey = optionalText(rec, 'EventKey') ?? '';
      const scene = eventKey.startsWith(QR_PREFIX) ? nonEmpty(eventKey.slice(QR_PREFIX.length)) : undefined;
      const ticket = nonEmpty(optionalText(rec, 'Ticket'));
      return {
        ...head,
        kind: 'subscribe',
        eventKey,
        ...(scene === undefined ? {} : { scene }),
        ...(ticket === undefined ? {} : { ticket }),
      };
    }
    case 'scan': {
      const eventKey = requiredText(rec, 'EventKey');
      const ticket = nonEmpty(optionalText(rec, 'Ticket'));
      return { ...head, kind: 'scan', eventKey, scene: eventKey, ...(ticket === undefined ? {} : { ticket }) };
    }
    case 'unsubscribe':
      return { ...head, kind: 'unsubscribe' };
    default:
      return { ...head, kind: 'other', event, record: rec };
  }
}

export interface NewsArticle {
  title: string;
  description?: string;
  url?: string;
  picUrl?: string;
}

export type PassiveReply =
  | (InboundHeader & { type: 'text'; content: string })
  | (InboundHeader & { type: 'image'; mediaId: string })
  | (InboundHeader & { type: 'news'; articles: NewsArticle[] })
  | (InboundHeader & { type: 'other'; record: XmlRecord });

function readArticle(item: string | XmlRecord, index: number): NewsArticle {
  if (typeof item === 'string') {
    throw new WechatProtocolError('invalid-field', `news article ${index + 1} (<Articles><item>) holds text, not elements`, {
      field: 'Articles/item',
    });
  }
  const article: NewsArticle = { title: requiredText(item, 'Title', { allowEmpty: true }) };
  const description = optionalText(item, 'Description');
  const url = optionalText(item, 'Url');
  const picUrl = optionalText(item, 'PicUrl');
  if (description !== undefined) article.description = description;
  if (url !== undefined) article.url = url;
  if (picUrl !== undefined) article.picUrl = picUrl;
  return article;
}

/** Reads a developer's plaintext passive reply (§5.6); `success`/empty acknowledgements never get here. */
export function readReply(rec: XmlRecord): PassiveReply {
  const head = readHeader(rec);
  switch (head.msgType) {
    case 'text':
      return { ...head, type: 'text', content: requiredText(rec, 'Content', { allowEmpty: true }) };
    case 'image':
      return { ...head, type: 'image', mediaId: requiredText(requiredRecord(rec, 'Image'), 'MediaId') };
    case 'news': {
      const items = repeatedChildren(requiredRecord(rec, 'Articles'), 'item');
      if (items.length === 0) {
        throw new WechatProtocolError('missing-field', 'a news reply needs at least one <Articles><item>', {
          field: 'Articles/item',
        });
      }
      return { ...head, type: 'news', articles: items.map(readArticle) };
    }
    default:
      return { ...head, type: 'other', record: rec };
  }
}
