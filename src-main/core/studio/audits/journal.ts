import type { CheckResult, ExchangeEvidence } from '../../../contracts/audit';
import { say, type Said } from '../../../contracts/said';
import type { Journal } from '../../journal/journal';
import type { KnownSecret } from '../../journal/redact';

/**
 * An audit's exchanges in the studio's journal (kind `audit`, written by the mock WeChat), so that a check's
 * evidence opens in the inspector as real entries. An exchange that is the evidence of several checks (the
 * run's genuine baseline pushes) is one entry naming them all; its verdict fails when a check that failed
 * or warned implicates it. Each evidence item learns its entry's id. Call inside the transaction that saves the report.
 */
export function journalEvidence(
  journal: Journal,
  input: { reportId: string; appId: string; checks: readonly CheckResult[]; secrets: readonly KnownSecret[] },
): void {
  const citedBy = new Map<ExchangeEvidence, CheckResult[]>();
  for (const c of input.checks) for (const x of c.evidence.exchanges) citedBy.set(x, [...(citedBy.get(x) ?? []), c]);
  for (const [x, checks] of citedBy) {
    const verdicts = checks.map((c) => verdictOf(c, x));
    // The login server's (or a relay's) own entry of the same exchange, when the audited URL is this studio's.
    const related = x.response?.headers['x-journal-entry'];
    const entry = journal.record(
      {
        kind: 'audit',
        source: 'wechat',
        appId: input.appId,
        url: x.request.url,
        summary: say('audit.journal.summary', {
          checks: checks.map((c) => c.id).join(', '),
          label: x.labelSaid ?? x.label,
          outcome: x.response ? `HTTP ${x.response.status}` : (x.error ?? say('audit.answer.none')),
        }),
        attempts: [{ request: x.request, ...(x.response ? { response: x.response } : {}), ...(x.error ? { error: x.error } : {}), ms: x.ms }],
        verdict: { ok: verdicts.every((v) => v.ok), reasons: verdicts.flatMap((v) => v.reasons) },
        ...decrypted(x),
        ...(related ? { related: [related] } : {}),
        audit: { reportId: input.reportId, checks: checks.map((c) => c.id) },
      },
      input.secrets,
    );
    x.journalId = entry.id;
  }
}

/**
 * What a check says of one of its exchanges. A check that failed or warned implicates the exchanges its
 * findings name (most findings begin with the exchange's label); when no finding names any exchange, all
 * of its exchanges are implicated. The others were answered as the check expects.
 */
function verdictOf(c: CheckResult, x: ExchangeEvidence): { ok: boolean; reasons: Said[] } {
  const said = (text: Said | string) => say('audit.journal.reason', { check: c.id, status: c.status, text });
  if (c.status !== 'FAIL' && c.status !== 'WARN') return { ok: true, reasons: [said(c.summarySaid ?? c.summary)] };
  const bad = c.evidence.findings.filter((f) => f.level === 'fail' || f.level === 'warn');
  const naming = bad.filter((f) => c.evidence.exchanges.some((e) => f.text.includes(e.label)));
  const mine = naming.length ? naming.filter((f) => f.text.includes(x.label)) : bad;
  if (!mine.length) return { ok: true, reasons: [say('audit.journal.asExpected', { check: c.id, status: c.status })] };
  return { ok: false, reasons: mine.map((f) => said(f.said ?? f.text)) };
}

/** The message before sealing (what the request decrypts to) and the reply decrypted. */
function decrypted(x: ExchangeEvidence): { decrypted?: { request?: string; reply?: string } } {
  if (x.message === undefined && x.reply === undefined) return {};
  return { decrypted: { ...(x.message !== undefined ? { request: x.message } : {}), ...(x.reply !== undefined ? { reply: x.reply } : {}) } };
}
