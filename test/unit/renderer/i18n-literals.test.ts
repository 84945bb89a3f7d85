import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No words a user reads are written in the studio's components: they come from the catalogues (t, <Trans>)
 * or, for WeChat's own texts, from src-renderer/i18n/wechat-texts.ts. This reads every .tsx of the renderer
 * and reports text between tags, string literals given to the props that hold words (labels, titles,
 * hints…), string literals rendered as children, and literal messages handed to notify().
 */

const ROOT = path.resolve(import.meta.dirname, '../../../src-renderer');

/** Props whose value is read (or heard) by a user. */
const TEXT_PROPS = new Set([
  'aria-label', 'title', 'placeholder', 'alt', 'label', 'legend', 'hint', 'desc', 'backLabel', 'revealLabel',
  'copyLabel', 'empty', 'ariaLabel', 'action', 'sub', 'text', 'summary',
]);

/** Names of the protocol that are the same in every language, allowed as bare text. */
const TECHNICAL = /^(UnionID|OpenID|AppID|AppSecret|Token|EncodingAESKey|URL|HTTP|SHA-1|IV|ms|wx|HAR|NDJSON)$/;

/** Words (two letters or more, or any Chinese) other than the technical names; an address is an example value, not words. */
function hasWords(text: string): boolean {
  if (/^(https?:\/\/|about:)\S*$/.test(text.trim())) return false;
  const words = text.match(/[A-Za-z\u3400-\u9fff][\w\u3400-\u9fff'-]*/g) ?? [];
  return words.some((w) => (w.length > 1 || /[\u3400-\u9fff]/.test(w)) && !TECHNICAL.test(w));
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : p.endsWith('.tsx') ? [p] : [];
  });
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  if (ts.isConditionalExpression(node)) return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(Boolean).join(' ') || null;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.BarBarToken || node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)) {
    return [literalText(node.left), literalText(node.right)].filter(Boolean).join(' ') || null;
  }
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  return null;
}

export function findLiterals(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (n: ts.Node, what: string): void => {
    const { line } = sf.getLineAndCharacterOfPosition(n.getStart());
    found.push(`${path.relative(ROOT, file)}:${line + 1} ${what}`);
  };
  const visit = (n: ts.Node): void => {
    // Content marked translate="no" is data or a code sample, shown as it is in every language.
    if (ts.isJsxElement(n) && n.openingElement.attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText(sf) === 'translate' && a.initializer?.getText(sf) === '"no"')) return;
    if (ts.isJsxText(n) && hasWords(n.text)) at(n, `text "${n.text.trim()}"`);
    if (ts.isJsxAttribute(n) && TEXT_PROPS.has(n.name.getText(sf)) && n.initializer) {
      const init = n.initializer;
      const text = ts.isStringLiteral(init) ? init.text : ts.isJsxExpression(init) && init.expression ? literalText(init.expression) : null;
      if (text && hasWords(text)) at(n, `${n.name.getText(sf)}="${text}"`);
    }
    if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent))) {
      const text = literalText(n.expression);
      if (text && hasWords(text)) at(n, `{"${text}"}`);
    }
    if (ts.isCallExpression(n) && /(^|\.)notify$/.test(n.expression.getText(sf)) && n.arguments[1] && literalText(n.arguments[1])) at(n, 'notify with a literal');
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('the studio components', () => {
  it('have no words of their own: every text comes from a catalogue or from WeChat\'s texts', () => {
    const found = files(ROOT).flatMap((f) => findLiterals(f, fs.readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check finds text between tags, in labels, in conditionals and in toasts', () => {
    const sample = `
      export function X({ ok }: { ok: boolean }) {
        notify('ok', 'Saved.');
        return (
          <div title="Copy the key">
            Save changes
            {ok ? 'Live' : 'Offline'}
            <Field label={\`Name of \${ok}\`} hint="Shown once." />
            <span>UnionID</span>
            <span className="btn btn-sm">{value}</span>
            <code translate="no">npm run build</code>
            <input placeholder="https://example.com/events" />
          </div>
        );
      }`;
    const found = findLiterals(path.join(ROOT, 'sample.tsx'), sample).map((f) => f.replace(/^sample\.tsx:\d+ /, ''));
    expect(found).toEqual(['notify with a literal', 'title="Copy the key"', 'text "Save changes"', '{"Live Offline"}', 'label="Name of  "', 'hint="Shown once."']);
  });
});
