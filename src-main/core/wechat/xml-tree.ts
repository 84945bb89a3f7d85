import { WechatProtocolError } from './errors';
import type { XmlRecord } from './xml';

/**
 * The validating parser behind parseXml: one forward pass over the document that never looks back, so its time
 * is linear in the input, and that stops at the first element (or attribute) over the count bound and at the
 * first level over the depth bound. It checks the well-formedness WeChat's XML needs (tags matched, names,
 * attributes quoted and unique, references defined, one root) and builds the record directly, by the rules
 * described in xml.ts. Comments and processing instructions are skipped, attributes checked and dropped.
 * DTDs never get here (parseXml refuses them first).
 */

export interface TreeLimits {
  /** Elements allowed, the root included; the same number of attributes is allowed, all elements together. */
  maxElements: number;
  maxDepth: number;
}

interface Frame {
  name: string;
  parent: Frame | undefined;
  /** Where the start tag begins, for "opened at" in a mismatch. */
  openAt: number;
  /** Text and CDATA content, concatenated. */
  text: string;
  /** Child elements, once there is one; the value is then a record. */
  record: XmlRecord | null;
  /** The last number given to each repeated child name: the next key is known at once, not probed as name#2, #3… */
  seen: Map<string, number> | null;
}

// Name characters of XML 1.0 in the ASCII range, and any character from U+00B7 up (a superset of the rest).
const NAME_RE = /[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-\u00B7-\uFFFF]*/y;
const SPACE_RE = /[ \t\n]*/y;
const CHAR_REF_RE = /^#(?:x[0-9A-Fa-f]+|[0-9]+)$/;
const ENTITY_NAME_RE = /^[A-Za-z_][A-Za-z0-9._-]*$/;
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
// Names a JavaScript object reserves; the records have no prototype, but such a name is never a WeChat field.
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/** `xml/Articles/item`: built only for a message, so deep documents never pay for their paths. */
function pathOf(frame: Frame | undefined): string {
  const names: string[] = [];
  for (let f = frame; f; f = f.parent) names.push(f.name);
  return names.reverse().join('/');
}

export function tooManyElements(maxElements: number): WechatProtocolError {
  return new WechatProtocolError(
    'too-large',
    `XML has more than ${maxElements} elements; WeChat payloads have at most a few dozen`,
    { expected: `<= ${maxElements}`, got: `> ${maxElements}` },
  );
}

class TreeParser {
  private readonly stack: Frame[] = [];
  private root: string | XmlRecord | undefined;
  private elements = 0;
  private attributes = 0;

  constructor(
    private readonly text: string,
    private readonly limits: TreeLimits,
  ) {}

  parse(): XmlRecord {
    const { text } = this;
    let at = 0;
    while (at < text.length) {
      const lt = text.indexOf('<', at);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > at) this.content(at, textEnd);
      if (lt < 0) break;
      at = this.markup(lt);
    }
    const open = this.stack[this.stack.length - 1];
    if (open) throw this.fail(text.length, `start tag <${open.name}> is never closed`);
    const root = this.root;
    if (root === undefined) throw new WechatProtocolError('xml-parse', 'XML must have exactly one root element <xml>; found 0');
    if (typeof root !== 'string') return root;
    if (root.trim() !== '') throw new WechatProtocolError('xml-parse', 'the root <xml> holds text instead of child elements');
    return Object.create(null) as XmlRecord;
  }

  /** Handles the markup at `lt` (a '<'); returns the index after it. */
  private markup(lt: number): number {
    const { text } = this;
    const top = this.stack[this.stack.length - 1];
    if (text.startsWith('<!--', lt)) return this.find('-->', lt + 4, lt, 'comment') + 3;
    if (text.startsWith('<![CDATA[', lt)) {
      if (!top) throw this.fail(lt, 'CDATA section outside the root element');
      const end = this.find(']]>', lt + 9, lt, 'CDATA section');
      top.text += text.slice(lt + 9, end);
      return end + 3;
    }
    const next = text[lt + 1];
    if (next === '?') {
      if (this.nameAt(lt + 2) === null) throw this.fail(lt, "'<?' must start a processing instruction such as <?xml …?>");
      return this.find('?>', lt + 2, lt, 'processing instruction') + 2;
    }
    if (next === '!') throw this.fail(lt, 'markup declarations are not allowed');
    if (next === '/') return this.endTag(lt);
    return this.startTag(lt, top);
  }

  private content(start: number, end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top) {
      top.text += this.decode(start, end, top);
      return;
    }
    const first = this.skipSpace(start);
    if (first < end) throw this.fail(first, 'text outside the root element');
  }

  private startTag(lt: number, top: Frame | undefined): number {
    const name = this.nameAt(lt + 1);
    if (name === null) throw this.fail(lt, "'<' must start a tag; write &lt; in text");
    if (++this.elements > this.limits.maxElements) throw tooManyElements(this.limits.maxElements);
    if (RESERVED.has(name)) throw this.fail(lt, `element name <${name}> is refused: it could be used for prototype pollution`);
    if (!top) {
      if (this.root !== undefined) throw this.fail(lt, 'XML must have exactly one root element <xml>; found a second one');
      if (name !== 'xml') {
        throw new WechatProtocolError('xml-parse', `XML root element is <${name}>, expected <xml>`, { expected: 'xml', got: name });
      }
    }
    const frame: Frame = { name, parent: top, openAt: lt, text: '', record: null, seen: null };
    if (this.stack.length >= this.limits.maxDepth) {
      throw new WechatProtocolError('xml-parse', `XML nests deeper than ${this.limits.maxDepth} levels at <${pathOf(frame)}>`);
    }
    const end = this.attributesEnd(lt + 1 + name.length, frame);
    if (this.text[end] === '/') {
      this.close(frame, '');
      return end + 2;
    }
    this.stack.push(frame);
    return end + 1;
  }

  private endTag(lt: number): number {
    const name = this.nameAt(lt + 2);
    if (name === null) throw this.fail(lt, "'</' must start a closing tag");
    const gt = this.skipSpace(lt + 2 + name.length);
    if (this.text[gt] !== '>') throw this.fail(gt, `closing tag </${name}> is not closed with >`);
    const frame = this.stack.pop();
    if (!frame) throw this.fail(lt, `closing tag </${name}> has no matching start tag`);
    if (frame.name !== name) {
      throw this.fail(lt, `Expected closing tag '${frame.name}' (opened at ${this.where(frame.openAt)}) instead of closing tag '${name}'`);
    }
    if (frame.record === null) {
      this.close(frame, frame.text);
    } else if (frame.text.trim() !== '') {
      const path = pathOf(frame);
      throw new WechatProtocolError('xml-parse', `element <${path}> mixes text with child elements`, { field: path });
    } else {
      this.close(frame, frame.record);
    }
    return gt + 1;
  }

  /** Gives a finished element's value to its parent, or makes it the root's. */
  private close(frame: Frame, value: string | XmlRecord): void {
    const parent = frame.parent;
    if (!parent) {
      this.root = value;
      return;
    }
    const record = (parent.record ??= Object.create(null) as XmlRecord);
    if (!(frame.name in record)) {
      record[frame.name] = value;
      return;
    }
    parent.seen ??= new Map();
    const n = (parent.seen.get(frame.name) ?? 1) + 1;
    parent.seen.set(frame.name, n);
    record[`${frame.name}#${n}`] = value;
  }

  /** Checks the attributes after a start tag's name, then drops them; returns the index of its `>` or `/>`. */
  private attributesEnd(from: number, frame: Frame): number {
    const { text } = this;
    const tag = frame.name;
    let names: Set<string> | undefined;
    for (let at = from; ; ) {
      const spaced = this.skipSpace(at);
      const ch = text[spaced];
      if (ch === '>' || (ch === '/' && text[spaced + 1] === '>')) return spaced;
      if (ch === undefined) throw this.fail(from, `start tag <${tag}> is not closed with >`);
      const name = spaced > at ? this.nameAt(spaced) : null;
      if (name === null) throw this.fail(spaced, `unexpected ${JSON.stringify(ch)} in start tag <${tag}>`);
      if (++this.attributes > this.limits.maxElements) {
        throw new WechatProtocolError('too-large', `XML has more than ${this.limits.maxElements} attributes; WeChat payloads have none`);
      }
      names ??= new Set();
      if (names.has(name)) throw this.fail(spaced, `attribute '${name}' is repeated in <${tag}>`);
      names.add(name);
      const eq = this.skipSpace(spaced + name.length);
      if (text[eq] !== '=') throw this.fail(eq, `attribute '${name}' of <${tag}> has no value`);
      const open = this.skipSpace(eq + 1);
      const quote = text[open];
      if (quote !== '"' && quote !== "'") throw this.fail(open, `attribute '${name}' of <${tag}> must be quoted`);
      const close = this.find(quote, open + 1, open, `the value of attribute '${name}'`);
      const lt = text.slice(open + 1, close).indexOf('<');
      if (lt >= 0) throw this.fail(open + 1 + lt, `'<' in the value of attribute '${name}'; write &lt;`);
      this.decode(open + 1, close, frame);
      at = close + 1;
    }
  }

  /** text[start, end), which holds no '<', with the five predefined entities and character references decoded. */
  private decode(start: number, end: number, frame: Frame): string {
    const raw = this.text.slice(start, end);
    let amp = raw.indexOf('&');
    if (amp < 0) return raw;
    let out = '';
    let at = 0;
    while (amp >= 0) {
      out += raw.slice(at, amp);
      // A reference ends at the next ';'; one that does not is an error, so no text is searched twice.
      const semi = raw.indexOf(';', amp + 1);
      out += this.reference(semi < 0 ? '' : raw.slice(amp + 1, semi), start + amp, frame);
      at = semi + 1;
      amp = raw.indexOf('&', at);
    }
    return out + raw.slice(at);
  }

  /** The character `&ref;` stands for; only the predefined entities and character references exist here. */
  private reference(ref: string, at: number, frame: Frame): string {
    const value = PREDEFINED.get(ref);
    if (value !== undefined) return value;
    const whole = `&${ref};`;
    if (CHAR_REF_RE.test(ref)) {
      const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (code >= 1 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) return String.fromCodePoint(code);
      const path = pathOf(frame);
      throw new WechatProtocolError('xml-parse', `character reference ${whole} in <${path}> is not a valid character`, { field: path });
    }
    if (ENTITY_NAME_RE.test(ref)) {
      const path = pathOf(frame);
      throw new WechatProtocolError(
        'xml-parse',
        `undefined entity ${whole} in <${path}>; only &lt; &gt; &amp; &quot; &apos; and numeric references are allowed`,
        { field: path },
      );
    }
    throw this.fail(at, "'&' must start an entity reference such as &amp;");
  }

  private nameAt(at: number): string | null {
    NAME_RE.lastIndex = at;
    return NAME_RE.exec(this.text)?.[0] ?? null;
  }

  /** The index after any XML whitespace from `at`. */
  private skipSpace(at: number): number {
    SPACE_RE.lastIndex = at;
    SPACE_RE.test(this.text);
    return SPACE_RE.lastIndex;
  }

  /** The index of `token` at or after `from`; refuses when the construct opened at `at` never ends. */
  private find(token: string, from: number, at: number, what: string): number {
    const end = this.text.indexOf(token, from);
    if (end < 0) throw this.fail(at, `${what} is not closed with ${token}`);
    return end;
  }

  /** `line L, column C` of an index, counted only when a message needs it. */
  private where(at: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf('\n'); i >= 0 && i < at; i = this.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `line ${line}, column ${at - lineStart + 1}`;
  }

  private fail(at: number, message: string): WechatProtocolError {
    return new WechatProtocolError('xml-parse', `XML is not well-formed at ${this.where(at)}: ${message}`);
  }
}

export function parseTree(source: string, limits: TreeLimits): XmlRecord {
  // XML reads every line end as a line feed, CDATA included (XML 1.0 §2.11).
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return new TreeParser(text, limits).parse();
}
