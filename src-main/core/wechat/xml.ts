import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WechatProtocolError } from './errors';

/**
 * WeChat's XML dialect: one `<xml>` root, flat (occasionally nested) elements, strings in CDATA, numbers as
 * bare text. No attributes, no DTDs. Records are null-prototype objects, so `rec.toString` is undefined rather
 * than mistaken for a present field; elements named `__proto__` or `constructor` are refused by the parser
 * (its prototype-pollution guard) and surface as 'xml-parse'.
 *
 * A name repeated among siblings (news replies' `<item>`) keeps the first under its own name and the later ones
 * as `name#2`, `name#3`… — '#' cannot occur in an XML name, so this never collides; see `repeatedChildren`.
 */
export type XmlRecord = { [name: string]: string | XmlRecord };

export type XmlValue = string | number | bigint | XmlField[];
/** Strings are written in CDATA; numbers and bigints as bare text (CreateTime, MsgId); arrays nest. */
export type XmlField = [name: string, value: XmlValue];

export interface ParseXmlOptions {
  maxBytes?: number;
}

export interface BuildXmlOptions {
  /** `\n` between elements and before each closing parent tag, as in the official samples' plaintext. */
  newlines?: boolean;
}

const MAX_DEPTH = 32;
const DTD_RE = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;
const CDATA_SECTION_RE = /<!\[CDATA\[[\s\S]*?\]\]>/g;
const ENTITY_RE = /&(?:#x([0-9A-Fa-f]+)|#([0-9]+)|([A-Za-z_][A-Za-z0-9._-]*));/g;
const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, not even in CDATA.
const NON_XML_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const parser = new XMLParser({
  preserveOrder: true, // keeps text and CDATA pieces apart and lets us see repeated names and the root
  ignoreAttributes: true,
  parseTagValue: false, // numbers stay as their text: MsgId does not fit a double
  processEntities: false, // no entity expansion at all (billion laughs); the five predefined ones are decoded below
  htmlEntities: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

export function parseXml(text: string, { maxBytes = 1_000_000 }: ParseXmlOptions = {}): XmlRecord {
  if (typeof text !== 'string') {
    throw new WechatProtocolError('xml-parse', 'XML body must be text');
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new WechatProtocolError('too-large', `XML body is ${bytes} bytes, over the ${maxBytes}-byte limit`, {
      expected: `<= ${maxBytes}`,
      got: String(bytes),
    });
  }
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (source.trim() === '') {
    throw new WechatProtocolError('xml-parse', 'XML body is empty; expected a document with the root <xml>');
  }
  const flat = parseFlat(source);
  if (flat) return flat;
  const dtd = DTD_RE.exec(source.replace(CDATA_SECTION_RE, ''));
  if (dtd) {
    throw new WechatProtocolError(
      'xml-forbidden',
      `XML contains a <!${dtd[1]}> declaration; WeChat payloads never carry DTDs, and they are refused to rule out entity expansion (XML bomb) and external entities (XXE)`,
    );
  }
  const valid = XMLValidator.validate(source);
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new WechatProtocolError('xml-parse', `XML is not well-formed at line ${line}, column ${col}: ${msg}`);
  }
  let tree: unknown;
  try {
    tree = parser.parse(source);
  } catch (cause) {
    throw new WechatProtocolError('xml-parse', `XML could not be parsed: ${messageOf(cause)}`, { cause });
  }
  const roots = asNodes(tree).filter((n) => !isBlankText(n));
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) {
    throw new WechatProtocolError('xml-parse', `XML must have exactly one root element <xml>; found ${roots.length}`);
  }
  const rootName = elementName(root);
  if (rootName !== 'xml') {
    throw new WechatProtocolError('xml-parse', `XML root element is <${rootName ?? 'text'}>, expected <xml>`, {
      expected: 'xml',
      got: rootName ?? 'text',
    });
  }
  const content = readElement(asNodes(root[rootName]), 'xml', 1);
  if (typeof content === 'string') {
    if (content.trim() !== '') {
      throw new WechatProtocolError('xml-parse', 'the root <xml> holds text instead of child elements');
    }
    return Object.create(null) as XmlRecord;
  }
  return content;
}

// The shape of nearly every WeChat payload: <xml> holding leaf elements, each one CDATA section or plain text.
const FLAT_DOC_RE = /^\s*<xml>([\s\S]*)<\/xml>\s*$/;
const FLAT_CHILD_RE = /\s*<([A-Za-z_][A-Za-z0-9_.-]*)>(?:<!\[CDATA\[((?:[^\]]|\](?!\]>))*)\]\]>|([^<&]*))<\/\1>/y;

/**
 * A fast path for flat documents, about ten times quicker than validating and parsing the tree. It accepts
 * only input whose meaning is unambiguous without a full parser (no entities, no carriage returns, no
 * repeated or reserved names, no characters XML forbids) and returns null for everything else, which then
 * takes the full, validating path.
 */
function parseFlat(source: string): XmlRecord | null {
  if (source.includes('\r') || NON_XML_CHAR_RE.test(source)) return null;
  const doc = FLAT_DOC_RE.exec(source);
  if (!doc) return null;
  const body = doc[1]!;
  const out = Object.create(null) as XmlRecord;
  FLAT_CHILD_RE.lastIndex = 0;
  let at = 0;
  while (at < body.length) {
    if (body.slice(at).trim() === '') break;
    FLAT_CHILD_RE.lastIndex = at;
    const m = FLAT_CHILD_RE.exec(body);
    if (!m) return null;
    const name = m[1]!;
    if (name === '__proto__' || name === 'constructor' || name === 'prototype' || name in out) return null;
    out[name] = m[2] ?? m[3] ?? '';
    at = FLAT_CHILD_RE.lastIndex;
  }
  return out;
}

type Node = Record<string, unknown>;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function asNodes(value: unknown): Node[] {
  return Array.isArray(value) ? value.filter((n): n is Node => typeof n === 'object' && n !== null) : [];
}

function elementName(node: Node): string | undefined {
  const name = Object.keys(node).find((k) => k !== ':@');
  return name === undefined || name === '#text' || name === '#cdata' ? undefined : name;
}

function isBlankText(node: Node): boolean {
  return '#text' in node && String(node['#text']).trim() === '';
}

function readElement(children: Node[], path: string, depth: number): string | XmlRecord {
  if (depth > MAX_DEPTH) {
    throw new WechatProtocolError('xml-parse', `XML nests deeper than ${MAX_DEPTH} levels at <${path}>`);
  }
  let text = '';
  const elements: Array<[string, Node[]]> = [];
  for (const node of children) {
    if ('#text' in node) {
      text += decodeEntities(String(node['#text']), path);
    } else if ('#cdata' in node) {
      for (const piece of asNodes(node['#cdata'])) text += String(piece['#text'] ?? '');
    } else {
      const name = elementName(node);
      if (name !== undefined) elements.push([name, asNodes(node[name])]);
    }
  }
  if (elements.length === 0) return text;
  if (text.trim() !== '') {
    throw new WechatProtocolError('xml-parse', `element <${path}> mixes text with child elements`, { field: path });
  }
  const record = Object.create(null) as XmlRecord;
  for (const [name, grandChildren] of elements) {
    let key = name;
    for (let n = 2; key in record; n++) key = `${name}#${n}`;
    record[key] = readElement(grandChildren, `${path}/${name}`, depth + 1);
  }
  return record;
}

function decodeEntities(text: string, path: string): string {
  return text.replace(ENTITY_RE, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) {
      const value = PREDEFINED[name];
      if (value === undefined) {
        throw new WechatProtocolError(
          'xml-parse',
          `undefined entity ${whole} in <${path}>; only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed`,
          { field: path },
        );
      }
      return value;
    }
    const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? '', 10);
    if (!Number.isInteger(code) || code < 1 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new WechatProtocolError('xml-parse', `character reference ${whole} in <${path}> is not a valid character`, {
        field: path,
      });
    }
    return String.fromCodePoint(code);
  });
}

/** All same-named siblings in document order (see the `name#2` convention above). */
export function repeatedChildren(record: XmlRecord, name: string): Array<string | XmlRecord> {
  const out: Array<string | XmlRecord> = [];
  for (let n = 1; ; n++) {
    const value = record[n === 1 ? name : `${name}#${n}`];
    if (value === undefined) return out;
    out.push(value);
  }
}

/** A CDATA section; a literal `]]>` is split across two sections so it survives. */
export function cdata(text: string): string {
  return `<![CDATA[${text.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}

export function buildXml(fields: XmlField[], { newlines = false }: BuildXmlOptions = {}): string {
  return `<xml>${renderChildren(fields, newlines, 'xml')}</xml>`;
}

function renderChildren(fields: XmlField[], newlines: boolean, path: string): string {
  const parts = fields.map(([name, value]) => renderField(name, value, newlines, path));
  if (!newlines) return parts.join('');
  return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
}

function renderField(name: string, value: XmlValue, newlines: boolean, parent: string): string {
  const path = `${parent}/${name}`;
  if (typeof name !== 'string' || !NAME_RE.test(name)) {
    throw new WechatProtocolError('xml-build', `cannot build XML: ${JSON.stringify(name)} is not a valid element name`, {
      field: path,
    });
  }
  let inner: string;
  if (typeof value === 'string') {
    if (NON_XML_CHAR_RE.test(value)) {
      throw new WechatProtocolError('xml-build', `cannot build XML: <${name}> contains a control character XML cannot carry`, {
        field: path,
      });
    }
    inner = cdata(value);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new WechatProtocolError('xml-build', `cannot build XML: <${name}> is ${value}, not a finite number`, {
        field: path,
      });
    }
    inner = String(value);
  } else if (typeof value === 'bigint') {
    inner = value.toString();
  } else if (Array.isArray(value)) {
    inner = renderChildren(value, newlines, path);
  } else {
    throw new WechatProtocolError('xml-build', `cannot build XML: <${name}> has an unsupported value`, { field: path });
  }
  return `<${name}>${inner}</${name}>`;
}
