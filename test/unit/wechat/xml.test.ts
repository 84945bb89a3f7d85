import { describe, expect, it } from 'vitest';
import { WechatProtocolError, buildXml, cdata, parseXml, repeatedChildren, type XmlField } from '../../../src-main/core/wechat';
import { expectProtocolError } from './expect-error';
import { seededRandom } from './seeded-random';

describe('parseXml', () => {
  it('unwraps CDATA, keeps numbers as text and ignores whitespace between elements', () => {
    const rec = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName><![CDATA[ gh_1 ]]></ToUserName>\n\t<CreateTime>1700000000</CreateTime>\r\n<MsgId>6054768590064713728</MsgId></xml>\n',
    );
    expect({ ...rec }).toEqual({ ToUserName: ' gh_1 ', CreateTime: '1700000000', MsgId: '6054768590064713728' });
  });

  it('reads nested elements as nested records', () => {
    const rec = parseXml('<xml><Video><MediaId><![CDATA[m]]></MediaId><Title>t</Title></Video></xml>');
    expect(rec.Video).toEqual({ MediaId: 'm', Title: 't' });
  });

  it('reads empty and self-closing elements as empty text', () => {
    const rec = parseXml('<xml><EventKey><![CDATA[]]></EventKey><A></A><B/></xml>');
    expect({ ...rec }).toEqual({ EventKey: '', A: '', B: '' });
  });

  it('decodes the predefined and numeric entities once, outside CDATA only', () => {
    const rec = parseXml('<xml><A>a &amp; b &lt;c&gt; &quot;&apos; &#65;&#x4e2d; &amp;lt;</A><B><![CDATA[&amp;]]></B></xml>');
    expect(rec.A).toBe(`a & b <c> "' A中 &lt;`);
    expect(rec.B).toBe('&amp;');
  });

  it('joins split CDATA sections, so a literal ]]> survives', () => {
    expect(parseXml('<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>').A).toBe('x]]>y');
  });

  it('keeps repeated siblings as name, name#2, … ', () => {
    const rec = parseXml('<xml><Articles><item><Title>1</Title></item><item><Title>2</Title></item><item><Title>3</Title></item></Articles></xml>');
    const articles = rec.Articles;
    if (typeof articles === 'string' || articles === undefined) throw new Error('expected a record');
    expect(repeatedChildren(articles, 'item')).toEqual([{ Title: '1' }, { Title: '2' }, { Title: '3' }]);
    expect(Object.keys(articles)).toEqual(['item', 'item#2', 'item#3']);
  });

  it('returns null-prototype records: Object.prototype names are not fields', () => {
    const rec = parseXml('<xml><A>c</A></xml>');
    expect(rec.toString).toBeUndefined();
    expect(rec.hasOwnProperty).toBeUndefined();
    expect('constructor' in rec).toBe(false);
  });

  it('ignores attributes and comments', () => {
    expect({ ...parseXml('<xml a="1"><!-- note --><A b="2">t</A></xml>') }).toEqual({ A: 't' });
  });

  it('accepts <!DOCTYPE as text inside CDATA', () => {
    expect(parseXml('<xml><Content><![CDATA[<!DOCTYPE html>]]></Content></xml>').Content).toBe('<!DOCTYPE html>');
  });

  it('returns an empty record for an empty root', () => {
    expect(Object.keys(parseXml('<xml>\n</xml>'))).toEqual([]);
  });
});

describe('parseXml rejects malformed input', () => {
  it('broken XML, with line and column', () => {
    const e = expectProtocolError(() => parseXml('<xml><A>1</A>'), 'xml-parse', /not well-formed at line 1/);
    expect(e.sampleCode).toBe(-40002);
    expectProtocolError(() => parseXml('<xml><A>1</B></xml>'), 'xml-parse', /Expected closing tag 'A'/);
    expectProtocolError(() => parseXml('{"ToUserName":"gh"}'), 'xml-parse', /not well-formed/);
    expectProtocolError(() => parseXml('<xml></xml><xml></xml>'), 'xml-parse');
  });

  it('a root that is not <xml>', () => {
    const e = expectProtocolError(() => parseXml('<root><A>1</A></root>'), 'xml-parse', /root element is <root>, expected <xml>/);
    expect(e.got).toBe('root');
  });

  it('empty input', () => {
    expectProtocolError(() => parseXml(''), 'xml-parse', /empty/);
    expectProtocolError(() => parseXml('  \n '), 'xml-parse', /empty/);
    expectProtocolError(() => parseXml(undefined as unknown as string), 'xml-parse', /must be text/);
  });

  it('an XML bomb (billion laughs)', () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><Content>&lol9;</Content></xml>`;
    expectProtocolError(() => parseXml(bomb), 'xml-forbidden', /<!DOCTYPE> declaration.*XML bomb/);
  });

  it('an external entity (XXE)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>';
    expectProtocolError(() => parseXml(xxe), 'xml-forbidden', /XXE/);
    expectProtocolError(() => parseXml('<!ENTITY x "y"><xml/>'), 'xml-forbidden', /<!ENTITY>/);
  });

  it('an undefined entity reference even without a DTD', () => {
    expectProtocolError(() => parseXml('<xml><A>&xxe;</A></xml>'), 'xml-parse', /undefined entity &xxe; in <xml\/A>/);
    expectProtocolError(() => parseXml('<xml><A>&#0;</A></xml>'), 'xml-parse', /not a valid character/);
  });

  it('an oversize body', () => {
    const big = `<xml><A><![CDATA[${'x'.repeat(1_000_001)}]]></A></xml>`;
    expectProtocolError(() => parseXml(big), 'too-large', /over the 1000000-byte limit/);
    const e = expectProtocolError(() => parseXml('<xml><A>中</A></xml>', { maxBytes: 16 }), 'too-large', /is 21 bytes/);
    expect(e.got).toBe('21');
  });

  it('mixed text and elements', () => {
    expectProtocolError(() => parseXml('<xml><A>t<B>1</B></A></xml>'), 'xml-parse', /<xml\/A> mixes text/);
    expectProtocolError(() => parseXml('<xml>text</xml>'), 'xml-parse', /holds text/);
  });

  it('deep nesting and prototype-polluting names', () => {
    const deep = `<xml>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</xml>`;
    expectProtocolError(() => parseXml(deep), 'xml-parse');
    expectProtocolError(() => parseXml('<xml><__proto__>x</__proto__></xml>'), 'xml-parse', /prototype pollution/);
    expectProtocolError(() => parseXml('<xml><constructor>x</constructor></xml>'), 'xml-parse', /prototype pollution/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('random garbage only ever throws WechatProtocolError', () => {
    const random = seededRandom('xml-fuzz');
    const pieces = ['<xml>', '</xml>', '<A>', '</A>', '<![CDATA[', ']]>', '&amp;', '&', '<', '>', 'x', '\n', '<!--', '-->', '<?xml?>', '"'];
    for (let i = 0; i < 400; i++) {
      const n = (random(1)[0] ?? 0) % 12;
      const text = [...random(n)].map((b) => pieces[b % pieces.length]).join('');
      try {
        parseXml(text);
      } catch (err) {
        expect(err).toBeInstanceOf(WechatProtocolError);
      }
    }
  });
});

describe('buildXml', () => {
  const fields: XmlField[] = [
    ['ToUserName', 'gh_1'],
    ['CreateTime', 1700000000],
    ['MsgId', 6054768590064713728n],
    ['Video', [['MediaId', 'm'], ['Title', 't']]],
  ];

  it('writes strings in CDATA, numbers raw, nested arrays as elements', () => {
    expect(buildXml(fields)).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1700000000</CreateTime><MsgId>6054768590064713728</MsgId><Video><MediaId><![CDATA[m]]></MediaId><Title><![CDATA[t]]></Title></Video></xml>',
    );
  });

  it('newline form puts \\n between elements and before each closing parent', () => {
    expect(buildXml(fields, { newlines: true })).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName>\n<CreateTime>1700000000</CreateTime>\n<MsgId>6054768590064713728</MsgId>\n<Video><MediaId><![CDATA[m]]></MediaId>\n<Title><![CDATA[t]]></Title>\n</Video>\n</xml>',
    );
    expect(buildXml([], { newlines: true })).toBe('<xml></xml>');
  });

  it('splits a literal ]]> across CDATA sections', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(parseXml(buildXml([['A', ']]>]]>']])).A).toBe(']]>]]>');
  });

  it('refuses invalid names, control characters and non-finite numbers', () => {
    expectProtocolError(() => buildXml([['a b', 'x']]), 'xml-build', /"a b" is not a valid element name/);
    expectProtocolError(() => buildXml([['A><B', 'x']]), 'xml-build', /not a valid element name/);
    expectProtocolError(() => buildXml([['A', 'x\u0001']]), 'xml-build', /<A> contains a control character/);
    expectProtocolError(() => buildXml([['A', Number.NaN]]), 'xml-build', /not a finite number/);
  });

  it('round-trips arbitrary text through parseXml', () => {
    const random = seededRandom('xml-roundtrip');
    const alphabet = ['a', ' ', '\n', '\t', ']]>', ']', '>', '<', '&', '&amp;', '中', '😀', '"', "'", '<![CDATA[', '\r\n'];
    for (let i = 0; i < 300; i++) {
      const n = (random(1)[0] ?? 0) % 20;
      const text = [...random(n)].map((b) => alphabet[b % alphabet.length]).join('');
      const rec = parseXml(buildXml([['Content', text], ['N', i]], { newlines: i % 2 === 0 }));
      // XML normalises line ends (CR LF to LF) everywhere, CDATA included; all else comes back unchanged.
      expect(rec.Content).toBe(text.replaceAll('\r\n', '\n'));
      expect(rec.N).toBe(String(i));
    }
  });
});

describe('parseXml fast path for flat documents', () => {
  // A leading comment keeps a document off the fast path, so the two paths can be compared on the same input.
  const fullParse = (doc: string) => parseXml(`<!-- full parser -->${doc}`);
  const alphabet = ['a', 'Z', '0', ' ', '\n', '\t', '<', '>', '&', ']', ']]>', '中', '😀', '"', "'", '/', 'CDATA', '<![CDATA['];

  it('gives exactly what the validating parser gives, for random flat documents', () => {
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 400; i++) {
      const fields: Array<[string, string | number]> = [];
      const count = 1 + next(6);
      for (let f = 0; f < count; f++) {
        const name = `F${f}_${next(100)}`;
        if (next(4) === 0) fields.push([name, next(1_000_000)]);
        else fields.push([name, Array.from({ length: next(12) }, () => alphabet[next(alphabet.length)]).join('')]);
      }
      const doc = buildXml(fields, { newlines: next(2) === 0 });
      expect(parseXml(doc)).toEqual(fullParse(doc));
    }
  });

  it('leaves anything unusual to the validating parser', () => {
    expect(() => parseXml('<xml><A>1</A><A>2</A></xml>')).not.toThrow();
    expect(parseXml('<xml><A>&lt;b&gt;</A></xml>')).toEqual({ A: '<b>' });
    expect(parseXml('<xml><A><![CDATA[x\r\ny]]></A></xml>')).toEqual({ A: 'x\ny' });
    expect(() => parseXml('<xml><A>1</B></xml>')).toThrow();
    expect(() => parseXml('<xml><__proto__>1</__proto__></xml>')).toThrow();
  });
});
