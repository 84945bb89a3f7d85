/**
 * Escaping for XML and HTML reports. Text from the world (pushes, replies, error messages) goes into
 * reports verbatim, so everything is escaped, and characters XML 1.0 cannot carry at all are replaced.
 */

// Control characters other than tab, newline and carriage return are not allowed anywhere in XML 1.0.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** HTML text and attribute values (the same five characters; `&#39;` for HTML 4 readers). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
