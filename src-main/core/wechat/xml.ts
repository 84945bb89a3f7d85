import { WechatProtocolError } from './errors';
import { parseTree, tooManyElements } from './xml-tree';

/**
 * WeChat's XML dialect: one `<xml>` root, flat (occasionally nested) elements, strings in CDATA, numbers as
 * bare text. No attributes, no DTDs. Records are null-prototype objects, so `rec.toString` is undefined rather
 * than mistaken for a present field; elements named `__proto__`, `constructor` or `prototype` are refused as
 * 'xml-parse' all the same. Parsing is linear in the input and bounded in elements and depth (xml-tree.ts).
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
  /**
   * Elements allowed, the root included (default 1,000); more is refused as 'too-large' as soon as the parser
   * reaches the first one over. WeChat's largest payloads (news replies, job-finish events) hold under a hundred.
   */
  maxElements?: number;
  /** Nesting allowed, the root being level 1 (default 32); deeper is refused as 'xml-parse'. */
  maxDepth?: number;
}

export interface BuildXmlOptions {
  /** `\n` between elements and before each closing parent tag, as in the official samples' plaintext. */
  newlines?: boolean;
}

const MAX_DEPTH = 32;
const MAX_ELEMENTS = 1000;
const DTD_RE = /<!(DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)\b/i;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// Characters XML 1.0 cannot carry at all, not even in CDATA.
const NON_XML_CHAR_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function parseXml(
  text: string,
  { maxBytes = 1_000_000, maxElements = MAX_ELEMENTS, maxDepth = MAX_DEPTH }: ParseXmlOptions = {},
): XmlRecord {
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
  const flat = parseFlat(source, maxElements);
  if (flat) return flat;
  const dtd = DTD_RE.exec(withoutCdata(source));
  if (dtd) {
    throw new WechatProtocolError(
      'xml-forbidden',
      `XML contains a <!${dtd[1]}> declaration; WeChat payloads never carry DTDs, and they are refused to rule out entity expansion (XML bomb) and external entities (XXE)`,
    );
  }
  return parseTree(source, { maxElements, maxDepth });
}

/** The text outside CDATA sections (where `<!DOCTYPE` is just text); an unterminated section is kept as is. */
function withoutCdata(source: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = source.indexOf('<![CDATA[', at);
    const end = start < 0 ? -1 : source.indexOf(']]>', start + 9);
    if (end < 0) return out + source.slice(at);
    out += source.slice(at, start);
    at = end + 3;
  }
}

// The shape of nearly every WeChat payload: <xml> holding leaf elements, each one CDATA section or plain text.
const FLAT_DOC_RE = /^[ \t\n]*<xml>([\s\S]*)<\/xml>[ \t\n]*$/;
const FLAT_CHILD_RE = /\s*<([A-Za-z_][A-Za-z0-9_.-]*)>(?:<!\[CDATA\[((?:[^\]]|\](?!\]>))*)\]\]>|([^<&]*))<\/\1>/y;

/**
 * A fast path for flat documents, about three times quicker than the validating tree parser. It accepts
 * only input whose meaning is unambiguous without a full parser (no entities, no carriage returns, no
 * repeated or reserved names, no characters XML forbids) and returns null for everything else, which then
 * takes the full, validating path.
 */
function parseFlat(source: string, maxElements: number): XmlRecord | null {
  if (source.includes('\r') || NON_XML_CHAR_RE.test(source)) return null;
  const doc = FLAT_DOC_RE.exec(source);
  if (!doc) return null;
  const body = doc[1]!;
  // Where the content ends: checking "only whitespace left" against the rest of the body on every element
  // would rescan trailing whitespace once per element.
  const end = body.trimEnd().length;
  const out = Object.create(null) as XmlRecord;
  let at = 0;
  let elements = 1;
  while (at < end) {
    FLAT_CHILD_RE.lastIndex = at;
    const m = FLAT_CHILD_RE.exec(body);
    if (!m) return null;
    if (++elements > maxElements) throw tooManyElements(maxElements);
    const name = m[1]!;
    if (name === '__proto__' || name === 'constructor' || name === 'prototype' || name in out) return null;
    out[name] = m[2] ?? m[3] ?? '';
    at = FLAT_CHILD_RE.lastIndex;
  }
  return out;
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
