import { escapeHtml } from './xml';

export { escapeHtml };

/**
 * The shell of a self-contained HTML report: one file, no external asset (no font, script or stylesheet
 * is fetched), so it opens offline, from a CI artifact or an e-mail attachment. A report adds its own
 * styles and an optional inline script.
 */

export const BASE_CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --panel: #f6f8fa;
  --ok: #1a7f37; --ok-bg: #dafbe1; --bad: #cf222e; --bad-bg: #ffebe9; --warn: #9a6700; --warn-bg: #fff8c5;
  --accent: #0969da; --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial,
  "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--fg); background: var(--bg); }
header.top { padding: 20px 32px 16px; border-bottom: 1px solid var(--line); background: var(--panel); }
header.top h1 { margin: 0 0 4px; font-size: 20px; }
main { padding: 16px 32px 48px; max-width: 1280px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 12px; font-weight: 600; line-height: 20px; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.bad { color: var(--bad); background: var(--bad-bg); }
.badge.skip { color: var(--muted); background: var(--panel); border: 1px solid var(--line); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
details > summary { cursor: pointer; }
`;

export interface HtmlPage {
  title: string;
  /** Styles of this report, after the base ones. */
  css?: string;
  /** Already-escaped HTML. */
  body: string;
  /** Inline script (the page stays readable without it). */
  script?: string;
}

export function htmlPage(p: HtmlPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(p.title)}</title>
<style>${BASE_CSS}${p.css ?? ''}</style>
</head>
<body>
${p.body}
${p.script ? `<script>${p.script.replace(/<\/script/gi, '<\\/script')}</script>` : ''}
</body>
</html>
`;
}

/** Tagged template that escapes every interpolated value unless it is marked as HTML with `raw`. */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string): Raw => new Raw(html);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    const part = v instanceof Raw ? v.html : Array.isArray(v) ? v.map((x) => (x instanceof Raw ? x.html : escapeHtml(String(x)))).join('') : v === undefined || v === null || v === false ? '' : escapeHtml(String(v));
    out += part + (strings[i + 1] ?? '');
  });
  return new Raw(out);
}

/** A byte-faithful view of a body: a BOM, tabs, carriage returns and trailing spaces are shown, not hidden. */
export function codeBlock(text: string, className = 'code'): Raw {
  const shown = escapeHtml(text)
    .replace(/\uFEFF/g, '<mark title="byte order mark">[BOM]</mark>')
    .replace(/\r/g, '<mark title="carriage return">\\r</mark>')
    .replace(/\t/g, '<mark title="tab">\\t</mark>')
    .replace(/ +$/gm, (m) => `<mark title="trailing spaces">${'·'.repeat(m.length)}</mark>`);
  return raw(`<pre class="${className}">${shown === '' ? '<span class="empty">(empty)</span>' : shown}</pre>`);
}

/** A collapsible section. */
export function details(summary: Raw | string, body: Raw, open = false): Raw {
  const head = summary instanceof Raw ? summary.html : escapeHtml(summary);
  return raw(`<details${open ? ' open' : ''}><summary>${head}</summary>${body.html}</details>`);
}
