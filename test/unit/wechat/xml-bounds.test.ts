import { describe, expect, it } from 'vitest';
import { WechatProtocolError, parseXml, repeatedChildren, type ParseXmlOptions } from '../../../src-main/core/wechat';
import { GROWTH, LINEAR_GROWTH, growth } from '../../helpers/growth';
import { expectProtocolError } from './expect-error';

/**
 * XML from the network (the events endpoint, a developer's reply to a push) is parsed on the event loop, so a
 * document whose parse time grows faster than its size stalls the whole process. These tests hold the parser
 * to linear time and to its bounds without wall-clock thresholds: a refusal is proven early by what the parser
 * never reads, and linearity by how the time grows when the input grows sixteenfold.
 */

const siblings = (n: number, name = 'item'): string => `<xml>${`<${name}>1</${name}>`.repeat(n)}</xml>`;
const unbounded: ParseXmlOptions = { maxBytes: 100_000_000, maxElements: 10_000_000, maxDepth: 10_000_000 };
// Not well-formed in several ways at once: any parser that reads this far refuses it as 'xml-parse'.
const GARBAGE = `<<</a>&bogus;<b x=1>${'<'.repeat(1000)}`;

function parseOutcome(doc: string, options: ParseXmlOptions): void {
  try {
    parseXml(doc, options);
  } catch (e) {
    if (!(e instanceof WechatProtocolError)) throw e;
  }
}

/** How many times longer parsing takes when the input grows GROWTH times (see test/helpers/growth.ts). */
function parseGrowth(make: (n: number) => string, n: number, options: ParseXmlOptions = unbounded): number {
  const small = make(n);
  const large = make(GROWTH * n);
  expect(large.length / small.length).toBeGreaterThan(GROWTH - 1);
  return growth(small, large, (doc) => parseOutcome(doc, options));
}

const sized: ParseXmlOptions = { maxBytes: 100_000_000 };

describe('parseXml refuses documents over its bounds without reading them', () => {
  it('16,000 and 100,000 repeated siblings are too large, naming the bound', () => {
    for (const n of [16_000, 100_000]) {
      const e = expectProtocolError(() => parseXml(siblings(n, 'a')), 'too-large', /XML has more than 1000 elements/);
      expect(e.expected).toBe('<= 1000');
      expect(e.sampleCode).toBe(-40002);
    }
  });

  it('stops at the first element over the bound: what follows is never read', () => {
    // The same refusal whether the rest is well-formed or not, so the parser cannot have read it.
    const repeated = `<xml>${'<a>1</a>'.repeat(1000)}`;
    expectProtocolError(() => parseXml(`${repeated}${GARBAGE}</xml>`), 'too-large', /more than 1000 elements/);
    const distinct = `<xml>${Array.from({ length: 1000 }, (_, i) => `<F${i}>1</F${i}>`).join('')}`;
    expectProtocolError(() => parseXml(`${distinct}${GARBAGE}</xml>`), 'too-large', /more than 1000 elements/);
    expectProtocolError(() => parseXml(`<xml>${'<a/>'.repeat(999)}${GARBAGE}`), 'xml-parse', /not well-formed/);
  });

  it('stops at the first level over the depth bound', () => {
    expectProtocolError(() => parseXml(`<xml>${'<a>'.repeat(32)}${GARBAGE}`), 'xml-parse', /nests deeper than 32 levels at <xml\/a\/a/);
    expectProtocolError(() => parseXml(`<xml>${'<a>'.repeat(31)}${GARBAGE}`), 'xml-parse', /not well-formed/);
    const deepest = `<xml>${'<a>'.repeat(31)}x${'</a>'.repeat(31)}</xml>`;
    expect(() => parseXml(deepest)).not.toThrow();
  });

  it('a 1 MB body of many elements is refused as too large', () => {
    const article = '<item><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><Url><![CDATA[u]]></Url></item>';
    const body = `<xml><ToUserName><![CDATA[o]]></ToUserName><Articles>${article.repeat(10_000)}</Articles></xml>`;
    expect(body.length).toBeGreaterThan(1_000_000);
    expectProtocolError(() => parseXml(body, { maxBytes: 2_000_000 }), 'too-large', /more than 1000 elements/);
  });

  it('counts the root, and takes other bounds as options', () => {
    expect(Object.keys(parseXml(`<xml>${'<a/>'.repeat(999)}</xml>`))).toHaveLength(999);
    expectProtocolError(() => parseXml(`<xml>${'<a/>'.repeat(1000)}</xml>`), 'too-large', /more than 1000 elements/);
    expectProtocolError(() => parseXml('<xml><A>1</A><B>2</B></xml>', { maxElements: 2 }), 'too-large', /more than 2 elements/);
    expectProtocolError(() => parseXml('<xml><A><B/></A></xml>', { maxDepth: 2 }), 'xml-parse', /deeper than 2 levels at <xml\/A\/B>/);
    expect(parseXml('<xml><A><B/></A></xml>', { maxDepth: 3 }).A).toEqual({ B: '' });
  });

  it('bounds attributes too (WeChat sends none)', () => {
    const attributes = Array.from({ length: 1001 }, (_, i) => `a${i}="1"`).join(' ');
    expectProtocolError(() => parseXml(`<xml><A ${attributes}/></xml>`), 'too-large', /more than 1000 attributes/);
  });

  it('keeps every repeated sibling in order, however many are allowed', () => {
    const doc = `<xml>${Array.from({ length: 50_000 }, (_, i) => `<item>${i}</item>`).join('')}</xml>`;
    const items = repeatedChildren(parseXml(doc, unbounded), 'item');
    expect(items).toHaveLength(50_000);
    expect(items[0]).toBe('0');
    expect(items[49_999]).toBe('49999');
  });
});

// Generous timeouts: a busy machine slows these down; a quadratic parser would still take minutes.
describe('parseXml takes time linear in its input', { timeout: 30_000 }, () => {
  it('repeated siblings (once 15 s for 16,000)', () => {
    expect(parseGrowth((n) => siblings(n, 'a'), 4_000)).toBeLessThan(LINEAR_GROWTH);
  });

  it('repeated records inside records', () => {
    expect(parseGrowth((n) => `<xml><Articles>${'<item><Title>t</Title><Title>u</Title></item>'.repeat(n)}</Articles></xml>`, 1_000)).toBeLessThan(LINEAR_GROWTH);
  });

  it('nesting down to the depth bound, again and again', () => {
    const chain = `${'<a>'.repeat(30)}x${'</a>'.repeat(30)}`;
    expect(parseGrowth((n) => `<xml>${chain.repeat(n)}</xml>`, 100)).toBeLessThan(LINEAR_GROWTH);
  });

  it('flat documents with trailing whitespace (the fast path)', () => {
    // Mostly whitespace: the old fast path rescanned the trailing whitespace once per element.
    const flat = (n: number): string => `<xml>${Array.from({ length: n }, (_, i) => `<F${i}>1</F${i}>`).join('')}${' '.repeat(n * 200)}</xml>`;
    expect(parseGrowth(flat, 250)).toBeLessThan(LINEAR_GROWTH);
  });

  it('text with entity references, CDATA sections and comments', () => {
    expect(parseGrowth((n) => `<xml><A>${'a &amp; b &#x4e2d; '.repeat(n)}</A></xml>`, 4_000, sized)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml><A>${'<![CDATA[x]]>'.repeat(n)}</A></xml>`, 4_000, sized)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml>${'<!-- c -->'.repeat(n)}<A>1</A></xml>`, 4_000, sized)).toBeLessThan(LINEAR_GROWTH);
  });

  it('attributes, whitespace inside tags, long names', () => {
    const attributes = (n: number): string => `<xml><A ${Array.from({ length: n }, (_, i) => `a${i}="&amp;"`).join(' ')}/></xml>`;
    expect(parseGrowth(attributes, 2_000)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml><A${' '.repeat(n)}>1</A${' '.repeat(n)}></xml>`, 40_000, sized)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml><${'a'.repeat(n)}>1</${'a'.repeat(n)}></xml>`, 20_000, sized)).toBeLessThan(LINEAR_GROWTH);
  });

  it('malformed input: unterminated CDATA sections, stray ampersands and tags', () => {
    expect(parseGrowth((n) => `<xml><A>${'<![CDATA['.repeat(n)}</A></xml>`, 4_000, sized)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml><A>${'&amp'.repeat(n)}</A></xml>`, 20_000, sized)).toBeLessThan(LINEAR_GROWTH);
    expect(parseGrowth((n) => `<xml><A x="${'<'.repeat(n)}`, 40_000, sized)).toBeLessThan(LINEAR_GROWTH);
  });
});
