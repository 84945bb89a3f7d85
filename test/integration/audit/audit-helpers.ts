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
