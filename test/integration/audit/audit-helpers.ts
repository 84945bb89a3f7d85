import { fillTemplate, sayText, type Said } from '../../../src-main/contracts/said';
import zhAudit from '../../../src-renderer/i18n/locales/zh-CN/engine-audit.json';
import { createAudit, type AuditOptions, type AuditReport, type AuditTarget, type CheckStatus } from '../../../src-main/core/audit';

export const TOKEN = 'auditToken123';
export const APP_ID = 'wx1234567890abcdef';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

export async function audit(target: AuditTarget, options: AuditOptions = {}): Promise<AuditReport> {
  const a = createAudit(target, options);
  try {
    return await a.run();
  } finally {
    await a.close();
  }
}

export const withStatus = (r: AuditReport, status: CheckStatus): string[] => r.checks.filter((c) => c.status === status).map((c) => c.id);
export const statusOf = (r: AuditReport, id: string): CheckStatus | undefined => r.checks.find((c) => c.id === id)?.status;

/** One line per check, for a readable assertion failure. */
export function table(r: AuditReport): string {
  return r.checks.map((c) => `${c.id} ${c.status}: ${c.summary}`).join('\n');
}

/**
 * What the report says without a sentence, or says differently in its sentence: every summary, finding,
 * not-observed line and exchange label carries a sentence whose English is exactly the report's text, and
 * whose codes the Chinese catalogue knows. Empty when all hold.
 */
export function unsaid(r: AuditReport): string[] {
  const out: string[] = [];
  const known = (s: Said): void => {
    if (s.code.startsWith('audit.') && zhTemplate(s.code) === undefined) out.push(`no Chinese for ${s.code}`);
    for (const v of Object.values(s.values ?? {})) if (typeof v === 'object') known(v);
  };
  const same = (where: string, said: Said | undefined, text: string): void => {
    if (!said) return void out.push(`${where}: no sentence for ${JSON.stringify(text)}`);
    if (sayText(said) !== text) out.push(`${where}: ${JSON.stringify(sayText(said))} ≠ ${JSON.stringify(text)}`);
    known(said);
  };
  for (const c of r.checks) {
    same(`${c.id} summary`, c.summarySaid, c.summary);
    c.evidence.findings.forEach((f, i) => same(`${c.id} finding ${i}`, f.said, f.text));
    c.evidence.notObserved.forEach((n, i) => same(`${c.id} not observed ${i}`, c.evidence.notObservedSaid?.[i], n));
    // An event's own protocol name is its whole label: data, no sentence.
    for (const x of c.evidence.exchanges) if (x.label !== 'TEMPLATESENDJOBFINISH') same(`${c.id} exchange`, x.labelSaid, x.label);
  }
  return out;
}

/** The Chinese template of an `audit.*` code, as the studio has it. */
export function zhTemplate(code: string): string | undefined {
  let node: unknown = zhAudit;
  for (const part of code.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** A sentence in Chinese, as the studio's catalogue says it (values as they are). */
export function inChinese(s: Said): string {
  if (s.code === 'text') return String(s.values?.text ?? '');
  return fillTemplate(zhTemplate(s.code) ?? s.code, s.values, inChinese);
}
