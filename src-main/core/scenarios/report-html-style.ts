/** Styles and the small inline script of the HTML report (filters, expand/collapse, jump to a journal entry). */

export const REPORT_CSS = `
.totals { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 6px 0 12px; }
.badge.big { font-size: 13px; line-height: 24px; padding: 0 12px; }
.filters { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.filters button { font: inherit; font-size: 13px; padding: 3px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.filters button.on { background: var(--fg); color: #fff; border-color: var(--fg); }
.filters input { font: inherit; font-size: 13px; padding: 3px 10px; border: 1px solid var(--line); border-radius: 6px; min-width: 260px; }
section.file h2 { font-size: 16px; margin: 28px 0 10px; display: flex; gap: 10px; align-items: baseline; }
section.file h2 .mono { font-size: 12px; font-weight: 400; }
details.case { border: 1px solid var(--line); border-radius: 8px; margin: 8px 0; background: #fff; }
details.case.failed { border-color: #f5a8ad; }
details.case > summary { display: flex; gap: 10px; align-items: center; padding: 9px 14px; list-style: none; }
details.case > summary::-webkit-details-marker { display: none; }
details.case > summary::before { content: '▸'; color: var(--muted); width: 10px; }
details.case[open] > summary::before { content: '▾'; }
details.case[open] > summary { border-bottom: 1px solid var(--line); background: var(--panel); border-radius: 8px 8px 0 0; }
.name { font-weight: 600; }
.spacer { flex: 1; }
.mode { font-size: 12px; padding: 0 7px; border-radius: 4px; border: 1px solid var(--line); font-family: var(--mono); }
.m-plaintext { background: #f1f8ff; } .m-compatible { background: #fbf0ff; } .m-safe { background: #effcf3; }
.tag { font-size: 11px; color: var(--muted); border: 1px dashed var(--line); border-radius: 4px; padding: 0 6px; }
.failure { margin: 12px 14px 0; padding: 10px 12px; border-radius: 6px; background: var(--bad-bg); border: 1px solid #f5a8ad; }
.failure table { margin-top: 8px; }
.cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 20px; padding: 8px 14px 14px; }
.cols h4 { margin: 8px 0; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
@media (max-width: 980px) { .cols { grid-template-columns: 1fr; } }
ol.steps { list-style: none; margin: 0; padding: 0; }
ol.steps.nested { margin: 6px 0 0 22px; border-left: 2px solid var(--line); padding-left: 10px; }
li.step { padding: 5px 0; border-bottom: 1px solid #eef1f4; }
li.step:last-child { border-bottom: 0; }
li.step .head { display: flex; gap: 8px; align-items: baseline; }
li.step .label { font-weight: 500; }
li.step.skipped { color: var(--muted); }
li.step.failed > .head .label { color: var(--bad); }
.sid { color: var(--muted); min-width: 26px; }
.line { color: var(--muted); font-size: 11px; }
.time { margin-left: auto; color: var(--muted); font-size: 11px; white-space: nowrap; }
.mark { width: 16px; text-align: center; font-weight: 700; }
.mark.ok { color: var(--ok); } .mark.bad { color: var(--bad); } .mark.skip { color: var(--muted); }
.detail, .error, .jids { margin: 2px 0 0 50px; font-size: 13px; }
.detail { color: var(--muted); }
.error { color: var(--bad); }
.jids a { color: var(--accent); text-decoration: none; }
table.checks { border-collapse: collapse; margin: 4px 0 0 50px; font-size: 12.5px; }
.failure table.checks { margin-left: 0; }
table.checks th, table.checks td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; }
table.checks thead th { color: var(--muted); font-weight: 500; font-size: 11px; }
table.checks tbody th { font-family: var(--mono); font-weight: 500; white-space: nowrap; }
table.checks tr.bad td:last-child { color: var(--bad); font-weight: 600; }
table.checks tr.ok td:last-child { color: var(--ok); }
ol.timeline { list-style: none; margin: 0; padding: 0; }
li.t { display: grid; grid-template-columns: 64px minmax(0, 1fr); gap: 8px; padding: 4px 0; }
.at { color: var(--muted); font-size: 11px; padding-top: 6px; text-align: right; }
.note { padding: 4px 0; font-size: 13px; }
li.t.api .note { font-size: 12px; padding-top: 5px; }
.status { font-family: var(--mono); font-size: 12px; padding: 0 6px; border-radius: 4px; background: var(--panel); }
.s-AUTHORIZED { background: var(--ok-bg); color: var(--ok); } .s-ERROR, .s-EXPIRED, .s-CANCELLED { background: var(--bad-bg); color: var(--bad); }
.s-SCANNED { background: var(--warn-bg); color: var(--warn); }
.bubble { border: 1px solid var(--line); border-radius: 10px; padding: 6px 10px; font-size: 13px; background: #fff; }
.bubble.push { background: #f3f9ff; border-color: #b6d7fb; }
.bubble.server { background: #fafbfc; }
.bubble.phone-screen { background: #f0fbf2; border-color: #b7e4c2; }
.bubble.failed { border-color: #f5a8ad; background: #fff6f6; }
.bubble .who { font-size: 11px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.bubble .kind { font-family: var(--mono); text-transform: none; }
.bubble .summary { word-break: break-word; }
.bubble .jid { font-size: 10.5px; margin-top: 2px; }
.bubble.flash { outline: 3px solid var(--accent); }
ul.reasons, ol.attempts { margin: 4px 0; padding-left: 18px; font-size: 12.5px; }
ol.attempts { padding-left: 0; list-style: none; }
ol.attempts .mono { display: inline-block; min-width: 44px; }
ul.reasons li { color: var(--muted); }
details.xml { margin-top: 4px; }
details.xml summary { font-size: 12px; color: var(--accent); }
details.xml pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; margin-top: 4px; max-height: 260px; overflow: auto; }
.hidden { display: none !important; }
`;

export const REPORT_SCRIPT = `
(function () {
  var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
  var status = 'all', text = '';
  function apply() {
    cases.forEach(function (c) {
      var okStatus = status === 'all' || c.dataset.status === status;
      var okText = !text || c.dataset.title.indexOf(text) >= 0;
      c.classList.toggle('hidden', !(okStatus && okText));
    });
  }
  document.querySelectorAll('[data-filter]').forEach(function (b) {
    b.addEventListener('click', function () {
      status = b.dataset.filter;
      document.querySelectorAll('[data-filter]').forEach(function (x) { x.classList.toggle('on', x === b); });
      apply();
    });
  });
  var input = document.querySelector('.filters input');
  if (input) input.addEventListener('input', function () { text = input.value.trim().toLowerCase(); apply(); });
  document.querySelectorAll('[data-expand]').forEach(function (b) {
    b.addEventListener('click', function () { cases.forEach(function (c) { c.open = b.dataset.expand === 'open'; }); });
  });
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-jump]');
    if (!a) return;
    e.preventDefault();
    var box = a.closest('details.case');
    var target = box && box.querySelector('[data-journal="' + a.dataset.jump + '"]');
    if (!target) return;
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target.classList.add('flash');
    setTimeout(function () { target.classList.remove('flash'); }, 1200);
  });
})();
`;
