import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WechatProtocolError, type XmlRecord } from '../../../src-main/core/wechat';

/**
 * The tree path parseXml had before it got its own parser: fast-xml-parser validating and parsing, then the
 * records built from its node list. Kept only as the reference the differential tests compare against, on
 * small documents (it is quadratic in repeated names and slow on large input, which is why it was replaced).
 */

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const ENTITY_RE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][A-Za-z0-9._-]*));/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

type Node = Record<string, unknown>;

function asNodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((n): n is Node => typeof n === 'object' && n !== null) : [];
}

function elementName(node: Node): string | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  return name === undefined || name === '#text' || name === '#cdata' ? undefined : name;
}

function decodeEntities(text: string, path: string): string {
  return text.replace(ENTITY_RE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const value = PREDEFINED[name];
      if (value === undefined) throw new WechatProtocolError('xml-parse', `undefined entity ${whole} in <${path}>`);
      return value;
    }
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new WechatProtocolError('xml-parse', `character reference ${whole} in <${path}> is not a valid character`);
    }
    return String.fromCodePoint(code);
  });
}

function readElement(children: Node[], path: string, depth: number): string | XmlRecord {
  if (depth > 32) throw new WechatProtocolError('xml-parse', `XML nests deeper than 32 levels at <${path}>`);
  let text = '';
  const elements: Array<[string, Node[]]> = [];
  for (const node of children) {
    if ('#text' in node) text += decodeEntities(String(node['#text']), path);
    else if ('#cdata' in node) for (const piece of asNodes(node['#cdata'])) text += String(piece['#text'] ?? '');
    else {
      const name = elementName(node);
      if (name !== undefined) elements.push([name, asNodes(node[name])]);
    }
  }
  if (elements.length === 0) return text;
  if (text.trim() !== '') throw new WechatProtocolError('xml-parse', `element <${path}> mixes text with child elements`);
  const record = Object.create(null) as XmlRecord;
  for (const [name, grandChildren] of elements) {
    let key = name;
    for (let n = 2; key in record; n++) key = `${name}#${n}`;
    record[key] = readElement(grandChildren, `${path}/${name}`, depth + 1);
  }
  return record;
}

/** The previous tree path on a document without DTD (BOM and size already dealt with). */
export function referenceParse(source: string): XmlRecord {
  const valid = XMLValidator.validate(source);
  if (valid !== true) throw new WechatProtocolError('xml-parse', `not well-formed: ${valid.err.msg}`);
  let tree: unknown;
  try {
    tree = parser.parse(source);
  } catch (cause) {
    throw new WechatProtocolError('xml-parse', `could not be parsed: ${String(cause)}`);
  }
  const roots = asNodes(tree).filter((n) => !('#text' in n && String(n['#text']).trim() === ''));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new WechatProtocolError('xml-parse', `${roots.length} roots`);
  const rootName = elementName(root);
  if (rootName !== 'xml') throw new WechatProtocolError('xml-parse', `root <${rootName ?? 'text'}>`);
  const content = readElement(asNodes(root[rootName]), 'xml', 1);
  if (typeof content !== 'string') return content;
  if (content.trim() !== '') throw new WechatProtocolError('xml-parse', 'the root <xml> holds text');
  return Object.create(null) as XmlRecord;
}
