import { describe, expect, it } from 'vitest';
import {
  buildXml,
  eventXml,
  messageXml,
  parseXml,
  readMessage,
  readReply,
  scanXml,
  subscribeXml,
  textMessageXml,
  textReplyXml,
  unsubscribeXml,
} from '../../../src-main/core/wechat';
import { expectProtocolError } from './expect-error';

const head = { toUserName: 'gh_97417a04a28d', fromUserName: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY', createTime: 1714037059 };
const common = { ...head, msgType: 'event' };

describe('builders', () => {
  it('plain follow carries an empty EventKey and no Ticket', () => {
    const xml = subscribeXml(head);
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1714037059</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[subscribe]]></Event>\n<EventKey><![CDATA[]]></EventKey>\n</xml>',
    );
    expect(readMessage(parseXml(xml))).toEqual({ ...common, kind: 'subscribe', eventKey: '' });
  });

  it('plain follow and unfollow without an EventKey, as the documented sample shows them', () => {
    const follow = subscribeXml({ ...head, eventKey: null });
    expect(follow).toBe(
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1714037059</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[subscribe]]></Event>\n</xml>',
    );
    expect(readMessage(parseXml(follow))).toEqual({ ...common, kind: 'subscribe', eventKey: '' });
    const unfollow = unsubscribeXml({ ...head, omitEventKey: true });
    expect(unfollow).not.toContain('EventKey');
    expect(unfollow).toContain('<Event><![CDATA[unsubscribe]]></Event>\n</xml>');
  });

  it('other events and messages by type and fields: a menu CLICK and an image as documented', () => {
    const click = eventXml({ ...head, event: 'CLICK', fields: [['EventKey', 'V1001_TODAY_MUSIC']] });
    expect(click).toBe(
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>\n<FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>\n<CreateTime>1714037059</CreateTime>\n<MsgType><![CDATA[event]]></MsgType>\n<Event><![CDATA[CLICK]]></Event>\n<EventKey><![CDATA[V1001_TODAY_MUSIC]]></EventKey>\n</xml>',
    );
    expect(readMessage(parseXml(click))).toMatchObject({ kind: 'other', event: 'CLICK' });
    const image = messageXml({ ...head, msgType: 'image', fields: [['PicUrl', 'http://mmbiz.qpic.cn/x'], ['MediaId', 'm1'], ['MsgId', 1234567890123456789n]], newlines: false });
    expect(image).toContain('<MsgType><![CDATA[image]]></MsgType><PicUrl><![CDATA[http://mmbiz.qpic.cn/x]]></PicUrl><MediaId><![CDATA[m1]]></MediaId><MsgId>1234567890123456789</MsgId></xml>');
    expect(readMessage(parseXml(image))).toMatchObject({ kind: 'other', msgType: 'image' });
    expect(() => eventXml({ ...head, createTime: 1.5, event: 'VIEW' })).toThrow(/CreateTime must be whole seconds/);
  });

  it('follow via QR: EventKey qrscene_<scene> and the Ticket', () => {
    const xml = subscribeXml({ ...head, scene: '123123', ticket: 'gQ+/=', newlines: false });
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[gQ+/=]]></Ticket></xml>',
    );
    expect(readMessage(parseXml(xml))).toEqual({
      ...common,
      kind: 'subscribe',
      eventKey: 'qrscene_123123',
      scene: '123123',
      ticket: 'gQ+/=',
    });
  });

  it('refuses both eventKey and scene', () => {
    expectProtocolError(() => subscribeXml({ ...head, eventKey: 'qrscene_1', scene: '1' }), 'xml-build', /either eventKey/);
  });

  it('SCAN carries the bare scene', () => {
    const xml = scanXml({ ...head, scene: 'login_abc', ticket: 'T' });
    expect(xml).toContain('<Event><![CDATA[SCAN]]></Event>\n<EventKey><![CDATA[login_abc]]></EventKey>\n<Ticket><![CDATA[T]]></Ticket>\n</xml>');
    expect(readMessage(parseXml(xml))).toEqual({ ...common, kind: 'scan', eventKey: 'login_abc', scene: 'login_abc', ticket: 'T' });
  });

  it('unsubscribe', () => {
    const xml = unsubscribeXml(head);
    expect(xml).toContain('<Event><![CDATA[unsubscribe]]></Event>\n<EventKey><![CDATA[]]></EventKey>');
    expect(readMessage(parseXml(xml))).toEqual({ ...common, kind: 'unsubscribe' });
  });

  it('text message with a 64-bit MsgId kept exact', () => {
    const xml = textMessageXml({ ...head, content: 'hi ]]> there', msgId: 18446744073709551615n });
    expect(xml).toContain('<MsgId>18446744073709551615</MsgId>');
    expect(readMessage(parseXml(xml))).toEqual({
      ...head,
      msgType: 'text',
      kind: 'text',
      content: 'hi ]]> there',
      msgId: '18446744073709551615',
    });
    expectProtocolError(() => textMessageXml({ ...head, content: 'x', msgId: '12a' }), 'xml-build', /MsgId must be/);
    expectProtocolError(() => textMessageXml({ ...head, content: 'x', msgId: '18446744073709551616' }), 'xml-build');
  });

  it('text reply in the documented order', () => {
    expect(textReplyXml({ toUserName: 'oU', fromUserName: 'gh_1', createTime: 12345678, content: '你好' })).toBe(
      '<xml><ToUserName><![CDATA[oU]]></ToUserName>\n<FromUserName><![CDATA[gh_1]]></FromUserName>\n<CreateTime>12345678</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[你好]]></Content>\n</xml>',
    );
  });

  it('refuses a CreateTime that is not whole seconds', () => {
    expectProtocolError(() => textReplyXml({ ...head, createTime: 1.5, content: 'x' }), 'xml-build', /CreateTime/);
  });
});

describe('readMessage', () => {
  const full: Array<[string, string]> = [
    ['ToUserName', 'gh_1'],
    ['FromUserName', 'oU'],
    ['CreateTime', '1700000000'],
    ['MsgType', 'text'],
    ['Content', 'hello'],
    ['MsgId', '42'],
  ];
  const record = (without?: string, patch: Record<string, string> = {}) =>
    parseXml(buildXml(full.filter(([n]) => n !== without).map(([n, v]) => [n, patch[n] ?? v])));

  it('reads a complete text message', () => {
    expect(readMessage(record())).toMatchObject({ kind: 'text', content: 'hello', msgId: '42', createTime: 1700000000 });
  });

  it.each(['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'MsgId', 'Content'])('names a missing <%s>', (name) => {
    const e = expectProtocolError(() => readMessage(record(name)), 'missing-field', new RegExp(`no <${name}> element`));
    expect(e.field).toBe(name);
  });

  it('treats an empty ToUserName as missing and a bad CreateTime as invalid', () => {
    expectProtocolError(() => readMessage(record(undefined, { ToUserName: '' })), 'missing-field', /<ToUserName> is empty/);
    const e = expectProtocolError(() => readMessage(record(undefined, { CreateTime: '17e8' })), 'invalid-field', /<CreateTime> must be whole seconds/);
    expect(e.field).toBe('CreateTime');
  });

  it('needs Event for events and EventKey for SCAN', () => {
    const base: Array<[string, string]> = [['ToUserName', 'gh'], ['FromUserName', 'o'], ['CreateTime', '1'], ['MsgType', 'event']];
    expectProtocolError(() => readMessage(parseXml(buildXml(base))), 'missing-field', /<Event>/);
    expectProtocolError(() => readMessage(parseXml(buildXml([...base, ['Event', 'SCAN']]))), 'missing-field', /<EventKey>/);
  });

  it('a non-record at the boundary is a protocol error, not a TypeError', () => {
    expectProtocolError(() => readMessage(undefined as never), 'missing-field', /no parsed XML record/);
    expectProtocolError(() => readReply(null as never), 'missing-field');
  });

  it('a field holding elements instead of text is invalid', () => {
    const rec = parseXml('<xml><ToUserName><A>1</A></ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>');
    expectProtocolError(() => readMessage(rec), 'invalid-field', /<ToUserName> must hold text/);
  });

  it('reads other messages and events as other', () => {
    expect(readMessage(record(undefined, { MsgType: 'image' }))).toMatchObject({ kind: 'other', msgType: 'image' });
    const click = parseXml(buildXml([['ToUserName', 'gh'], ['FromUserName', 'o'], ['CreateTime', 1], ['MsgType', 'event'], ['Event', 'CLICK']]));
    expect(readMessage(click)).toMatchObject({ kind: 'other', event: 'CLICK' });
  });

  it('a subscribe whose EventKey is not a QR scene has no scene', () => {
    const rec = parseXml(buildXml([['ToUserName', 'gh'], ['FromUserName', 'o'], ['CreateTime', 1], ['MsgType', 'event'], ['Event', 'subscribe'], ['EventKey', 'last_trade_no_1']]));
    const message = readMessage(rec);
    expect(message).toMatchObject({ kind: 'subscribe', eventKey: 'last_trade_no_1' });
    expect('scene' in message).toBe(false);
  });
});

describe('readReply', () => {
  const header: Array<[string, string | number]> = [['ToUserName', 'oU'], ['FromUserName', 'gh_1'], ['CreateTime', 1]];

  it('text', () => {
    expect(readReply(parseXml(textReplyXml({ toUserName: 'oU', fromUserName: 'gh_1', createTime: 1, content: '登录成功' })))).toEqual({
      toUserName: 'oU',
      fromUserName: 'gh_1',
      createTime: 1,
      msgType: 'text',
      type: 'text',
      content: '登录成功',
    });
  });

  it('image', () => {
    const rec = parseXml(buildXml([...header, ['MsgType', 'image'], ['Image', [['MediaId', 'media-1']]]]));
    expect(readReply(rec)).toMatchObject({ type: 'image', mediaId: 'media-1' });
    expectProtocolError(() => readReply(parseXml(buildXml([...header, ['MsgType', 'image']]))), 'missing-field', /<Image>/);
  });

  it('news with every article title', () => {
    const item = (title: string) => ['item', [['Title', title], ['Description', 'd'], ['PicUrl', 'p'], ['Url', 'u']]] as [string, Array<[string, string]>];
    const rec = parseXml(buildXml([...header, ['MsgType', 'news'], ['ArticleCount', 2], ['Articles', [item('one'), item('two')]]], { newlines: true }));
    const reply = readReply(rec);
    expect(reply.type).toBe('news');
    if (reply.type !== 'news') return;
    expect(reply.articles.map((a) => a.title)).toEqual(['one', 'two']);
    expect(reply.articles[0]).toEqual({ title: 'one', description: 'd', url: 'u', picUrl: 'p' });
    expectProtocolError(() => readReply(parseXml(buildXml([...header, ['MsgType', 'news'], ['Articles', []]]))), 'missing-field', /Articles/);
  });

  it('other types, and a text reply without Content', () => {
    expect(readReply(parseXml(buildXml([...header, ['MsgType', 'voice']])))).toMatchObject({ type: 'other', msgType: 'voice' });
    expectProtocolError(() => readReply(parseXml(buildXml([...header, ['MsgType', 'text']]))), 'missing-field', /<Content>/);
    expectProtocolError(() => readReply(parseXml(buildXml([['MsgType', 'text']]))), 'missing-field', /<ToUserName>/);
  });
});
