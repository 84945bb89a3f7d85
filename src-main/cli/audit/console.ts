import type { AuditProgress, AuditReport, CheckResult } from '../../core/audit';
import { verdictLine } from '../../core/audit/report-text';

/**
 * Console output: on a TTY a live line names the checks still running, with each finished check printed
 * above it; otherwise one plain line per finished check. Then the one-line verdict.
 */

const COLOR = { FAIL: '\x1b[31m', WARN: '\x1b[33m', PASS: '\x1b[32m', INFO: '\x1b[36m', SKIP: '\x1b[90m' } as const;
const RESET = '\x1b[0m';

export function consoleReporter(out: NodeJS.WriteStream | { write(s: string): boolean; isTTY?: boolean; columns?: number }) {
  const tty = Boolean(out.isTTY);
  const running = new Map<string, string>();
  let done = 0;
  let total = 0;
  const width = (): number => Math.max(40, ('columns' in out && out.columns) || 100);
  const line = (r: CheckResult): string => {
    const status = tty ? `${COLOR[r.status]}${r.status.padEnd(4)}${RESET}` : r.status.padEnd(4);
    const text = `${r.id.padEnd(8)} ${r.summary}`;
    return `${status} ${tty ? text.slice(0, width() - 6) : text}`;
  };
  const live = (): void => {
    if (!tty) return;
    const names = [...running.keys()].join(', ');
    out.write(`\r\x1b[2K… ${done}/${total} done${names ? ` · running ${names}` : ''}`.slice(0, width()));
  };
  return {
    onProgress(e: AuditProgress): void {
      if (e.type === 'start') {
        total = e.total;
        live();
      } else if (e.type === 'check-start') {
        running.set(e.id, e.title);
        live();
      } else if (e.type === 'check-done') {
        running.delete(e.result.id);
        done = e.done;
        out.write(`${tty ? '\r\x1b[2K' : ''}${line(e.result)}\n`);
        live();
      }
    },
    finish(report: AuditReport): void {
      if (tty) out.write('\r\x1b[2K');
      const v = verdictLine(report);
      out.write(`${tty ? `${COLOR[report.verdict]}${v}${RESET}` : v}\n`);
    },
  };
}
