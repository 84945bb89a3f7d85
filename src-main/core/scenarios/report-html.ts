import { html, htmlPage, raw, type Raw } from '../reports/html';
import { formatMs } from './duration';
import { REPORT_CSS, REPORT_SCRIPT } from './report-html-style';
import { timelineHtml } from './report-html-timeline';
import type { CaseResult, Check, RunResult, StepResult } from './results';

/**
 * The HTML report: one self-contained file. A summary, then every case × mode grouped by file; a case
 * opens to its steps (the failing one with expected against seen) beside the WeChat message timeline.
 */

const BADGE: Record<StepResult['status'], Raw> = {
  passed: raw('<span class="mark ok" title="passed">✓</span>'),
  failed: raw('<span class="mark bad" title="failed">✗</span>'),
  skipped: raw('<span class="mark skip" title="skipped">–</span>'),
};

function checksTable(checks: Check[]): Raw {
  return html`<table class="checks"><thead><tr><th></th><th>expected</th><th>saw</th></tr></thead><tbody>${checks.map(
    (c) => html`<tr class="${c.ok ? 'ok' : 'bad'}"><th>${c.key}</th><td>${c.expected}</td><td>${c.actual}</td></tr>`,
  )}</tbody></table>`;
}

function stepItem(s: StepResult): Raw {
  const time = html`<span class="time mono">+${formatMs(s.at)}${s.ms > 0 ? ` · ${formatMs(s.ms)}` : ''}</span>`;
  const failedChecks = s.checks?.some((c) => !c.ok);
  return html`<li class="step ${s.status}">
  <div class="head">${BADGE[s.status]}<span class="sid mono">${s.id}</span><span class="label">${s.label}</span><span class="line mono">line ${s.line}</span>${time}</div>
  ${s.status === 'failed' && s.error && !failedChecks ? html`<div class="error">${s.error}</div>` : ''}
  ${s.checks ? checksTable(s.status === 'failed' ? s.checks : s.checks.filter((c) => c.ok)) : s.detail ? html`<div class="detail">${s.detail}</div>` : ''}
  ${s.journalIds.length && !s.children ? html`<div class="jids muted">journal: ${s.journalIds.slice(0, 6).map((id) => html`<a class="mono" href="#" data-jump="${id}">${id.slice(0, 8)}</a> `)}${s.journalIds.length > 6 ? `+${s.journalIds.length - 6}` : ''}</div>` : ''}
  ${s.children ? html`<ol class="steps nested">${s.children.map(stepItem)}</ol>` : ''}
</li>`;
}

function caseBlock(r: CaseResult): Raw {
  const failed = r.status === 'failed';
  const f = r.failure;
  return html`<details class="case ${r.status}" data-status="${r.status}" data-title="${`${r.suite} ${r.case} ${r.mode} ${r.tags.join(' ')}`.toLowerCase()}"${raw(failed ? ' open' : '')}>
<summary>
  <span class="badge ${failed ? 'bad' : 'ok'}">${failed ? 'failed' : 'passed'}</span>
  <span class="name">${r.case}</span>
  <span class="mode m-${r.mode}">${r.mode}</span>
  ${r.tags.map((t) => html`<span class="tag">${t}</span>`)}
  <span class="spacer"></span>
  <span class="muted mono" title="the case's own time (virtual) · real time">${formatMs(r.caseMs)} case · ${formatMs(r.wallMs)} real${r.clock === 'wall' ? ' · wall clock' : ''}</span>
</summary>
${f ? html`<div class="failure"><b>Failed at step ${f.stepId}</b> · ${f.step} · <span class="mono">${r.file}:${f.line}</span><div>${f.checks.length ? checksTable(f.checks) : html`<div class="error">${f.message}</div>`}</div></div>` : ''}
<div class="cols">
  <section><h4>Steps</h4><ol class="steps">${r.steps.map(stepItem)}</ol></section>
  <section><h4>WeChat message timeline</h4>${timelineHtml(r.timeline, r.clock)}</section>
</div>
</details>`;
}

function summary(run: RunResult): Raw {
  const files = new Set(run.cases.map((c) => c.file)).size;
  const caseTime = run.cases.reduce((n, c) => n + c.caseMs, 0);
  return html`<header class="top">
  <h1>Follow Studio · scenario report</h1>
  <div class="totals">
    <span class="badge ${run.failed ? 'bad' : 'ok'} big">${run.failed ? `${run.failed} failed` : 'all passed'}</span>
    <span><b>${run.passed}</b> passed</span><span><b>${run.failed}</b> failed</span>${run.notRun ? html`<span><b>${run.notRun}</b> not run (--bail)</span>` : ''}
    <span class="muted">${run.total} case × mode runs from ${files} file${files === 1 ? '' : 's'} · ${run.workers} worker${run.workers === 1 ? '' : 's'}${run.shard ? ` · shard ${run.shard.index}/${run.shard.total}` : ''}</span>
    <span class="muted">${formatMs(run.wallMs)} real for ${formatMs(caseTime)} of case time · started ${run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}</span>
  </div>
  <div class="filters">
    <button data-filter="all" class="on">All</button><button data-filter="failed">Failed</button><button data-filter="passed">Passed</button>
    <input type="search" placeholder="Filter by case, mode or tag" aria-label="Filter">
    <button data-expand="open">Expand all</button><button data-expand="close">Collapse all</button>
  </div>
</header>`;
}

export function htmlReport(run: RunResult): string {
  const byFile = new Map<string, CaseResult[]>();
  for (const r of run.cases) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const sections = [...byFile.entries()].map(([file, cases]) => {
    const bad = cases.filter((c) => c.status === 'failed').length;
    return html`<section class="file"><h2>${cases[0]!.suite} <span class="muted mono">${file}</span> ${bad ? html`<span class="badge bad">${bad} failed</span>` : html`<span class="badge ok">${cases.length} passed</span>`}</h2>${cases.map(caseBlock)}</section>`;
  });
  const body = html`${summary(run)}<main>${sections.length ? sections : html`<p class="muted">No case ran.</p>`}</main>`;
  return htmlPage({ title: `Scenario report — ${run.passed} passed, ${run.failed} failed`, css: REPORT_CSS, body: body.html, script: REPORT_SCRIPT });
}
