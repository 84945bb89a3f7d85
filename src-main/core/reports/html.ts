/**
 * Generic pieces for self-contained HTML reports (the audit's now, the scenario runner's later): escaping,
 * a page shell with inline CSS and no external resource, collapsible sections, and code blocks that make
 * invisible characters visible.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template: interpolated values are escaped unless wrapped with raw(). */
export class Raw {
  constructor(readonly html: string) {}
}
export const raw = (html: string): Raw => new Raw(html);

export function html(strings: TemplateStringsArray, ...values: Array<string | number | Raw | Raw[] | undefined>): Raw {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const piece = v === undefined ? '' : v instanceof Raw ? v.html : Array.isArray(v) ? v.map((r) => r.html).join('') : escapeHtml(String(v));
    out += piece + strings[i + 1]!;
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

export function details(summary: Raw | string, body: Raw, open = false): Raw {
  const head = summary instanceof Raw ? summary.html : escapeHtml(summary);
  return raw(`<details${open ? ' open' : ''}><summary>${head}</summary>${body.html}</details>`);
}

export const BASE_CSS = `
:root { color-scheme: light; --fail:#c62828; --warn:#b26a00; --pass:#2e7d32; --info:#1565c0; --skip:#6b7280; --line:#e5e7eb; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 0; color: #111827; background: #f9fafb; }
main { max-width: 1180px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 8px; } h2 { font-size: 17px; margin: 0; } h3 { font-size: 14px; margin: 14px 0 4px; }
table { border-collapse: collapse; width: 100%; background: #fff; } th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #4b5563; background: #f3f4f6; }
pre.code { background: #0f172a; color: #e2e8f0; padding: 10px; border-radius: 6px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; max-height: 420px; }
pre.code mark { background: #f59e0b; color: #111827; border-radius: 2px; } pre.code .empty { color: #94a3b8; font-style: italic; }
details { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
details > summary { cursor: pointer; padding: 6px 10px; font-weight: 500; } details[open] > summary { border-bottom: 1px solid var(--line); }
details > :not(summary) { margin: 8px 10px; }
.badge { display: inline-block; min-width: 44px; text-align: center; border-radius: 4px; padding: 1px 6px; font-size: 12px; font-weight: 700; color: #fff; }
.FAIL { background: var(--fail); } .WARN { background: var(--warn); } .PASS { background: var(--pass); } .INFO { background: var(--info); } .SKIP { background: var(--skip); }
.muted { color: #6b7280; } .card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 14px 0; }
`;

export function page(input: { title: string; css?: string; body: Raw; lang?: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(input.lang ?? 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${BASE_CSS}${input.css ?? ''}</style>
</head>
<body><main>
${input.body.html}
</main></body>
</html>
`;
}
