/** The whitelist as typed: one entry per line (or comma-separated), blanks ignored. */
export function parseIpList(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
