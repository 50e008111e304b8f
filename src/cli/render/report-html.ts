// HTML form of a diff (or of one file for `inspect --format html`): one self-contained page that
// opens from disk with no network (a Content-Security-Policy forbids any fetch). Summary of the
// files on top, their warnings, then the table grouped by task and block: groups collapse, cells
// that differ from the first file are highlighted, a filter box narrows the rows, a button switches
// numbers between hex and decimal.
import type { DiffReport, DiffRow } from '../../tools/index.js';
import { columnLetter, compilerVersion, formatValue } from './values.js';

export interface HtmlOptions {
  /** Page title: `anecc diff` or `anecc inspect`. */
  readonly title: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
:root { --bg: #fff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --hit: #fff1b8; --hit-line: #d4a72c; --group: #eef2f7; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 16px 24px 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 15px; margin: 16px 0 6px; }
main { padding: 8px 24px 32px; }
code, .v, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
table { border-collapse: collapse; }
.files td, .files th { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
.files th { background: var(--head); font-weight: 600; }
.note { color: var(--muted); margin: 6px 0; }
.warnings details { margin: 4px 0; }
.warnings summary { cursor: pointer; }
.warnings li { margin: 2px 0; }
.warnings .code { font-weight: 600; }
.controls { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 10px 0; background: var(--bg); border-bottom: 1px solid var(--line); }
.controls input[type=search] { width: 260px; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
.controls button { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--head); font: inherit; cursor: pointer; }
.controls .status { color: var(--muted); }
#report { width: 100%; margin-top: 8px; }
#report th, #report td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; }
#report thead th { position: sticky; top: 50px; background: var(--head); z-index: 1; }
#report .group-head th { background: var(--group); font-weight: 600; }
#report .group-head button { border: 0; background: none; font: inherit; cursor: pointer; padding: 0; color: var(--fg); }
#report .group-head .arrow { display: inline-block; width: 1em; transition: transform .1s; }
#report tbody.collapsed .arrow { transform: rotate(-90deg); }
#report tbody.collapsed tr.row { display: none; }
#report .group-head .count { color: var(--muted); font-weight: 400; margin-left: 8px; }
#report td.field { min-width: 16em; }
#report td.field .where { display: block; color: var(--muted); font-size: 11px; }
#report td.v { white-space: nowrap; max-width: 28ch; overflow: hidden; text-overflow: ellipsis; }
#report td.v.changed { background: var(--hit); box-shadow: inset 3px 0 0 var(--hit-line); font-weight: 600; }
#report tr.row.differs td.field { font-weight: 600; }
#report td.v.absent { color: var(--muted); font-style: italic; }
tr.row.filtered, tr.row.same-hidden, tbody.empty { display: none; }
`;

// Plain DOM, no library: the page must work from disk without network.
const SCRIPT = `
(function () {
  var filter = document.getElementById('filter');
  var onlyDiff = document.getElementById('only-diff');
  var radix = document.getElementById('radix');
  var status = document.getElementById('status');
  var groups = Array.prototype.slice.call(document.querySelectorAll('#report tbody'));
  function apply() {
    var q = filter.value.trim().toLowerCase();
    var shown = 0;
    groups.forEach(function (g) {
      var visible = 0;
      g.querySelectorAll('tr.row').forEach(function (r) {
        var text = (r.getAttribute('data-field') + ' ' + r.getAttribute('data-where') + ' ' + g.getAttribute('data-group')).toLowerCase();
        r.classList.toggle('filtered', q !== '' && text.indexOf(q) < 0);
        r.classList.toggle('same-hidden', onlyDiff.checked && !r.classList.contains('differs'));
        if (!r.classList.contains('filtered') && !r.classList.contains('same-hidden')) visible++;
      });
      g.classList.toggle('empty', visible === 0);
      shown += visible;
    });
    status.textContent = shown + ' row(s) shown';
  }
  groups.forEach(function (g) {
    var button = g.querySelector('.group-head button');
    button.addEventListener('click', function () {
      var collapsed = g.classList.toggle('collapsed');
      button.setAttribute('aria-expanded', String(!collapsed));
    });
  });
  function setAll(collapsed) {
    groups.forEach(function (g) {
      g.classList.toggle('collapsed', collapsed);
      g.querySelector('.group-head button').setAttribute('aria-expanded', String(!collapsed));
    });
  }
  document.getElementById('collapse-all').addEventListener('click', function () { setAll(true); });
  document.getElementById('expand-all').addEventListener('click', function () { setAll(false); });
  radix.addEventListener('click', function () {
    var toHex = radix.getAttribute('data-radix') !== 'hex';
    radix.setAttribute('data-radix', toHex ? 'hex' : 'decimal');
    radix.textContent = toHex ? 'numbers: hex' : 'numbers: decimal';
    document.querySelectorAll('#report td.v[data-n]').forEach(function (c) {
      var n = Number(c.getAttribute('data-n'));
      var own = c.getAttribute('data-format') === 'hex';
      c.textContent = toHex && own && n !== 0 ? '0x' + n.toString(16) : String(n);
    });
  });
  filter.addEventListener('input', apply);
  onlyDiff.addEventListener('change', apply);
  apply();
})();
`;

function valueCell(row: DiffRow, i: number): string {
  const v = row.values[i] ?? null;
  const classes = ['v'];
  if (row.changed[i]) classes.push('changed');
  if (v === null) classes.push('absent');
  const numeric = typeof v === 'number' && (row.format === 'hex' || row.format === 'decimal') ? ` data-n="${v}" data-format="${row.format}"` : '';
  const text = formatValue(v, row.format);
  const full = typeof v === 'string' ? ` title="${esc(v)}"` : '';
  return `<td class="${classes.join(' ')}" data-file="${i}"${numeric}${full}>${esc(text)}</td>`;
}

function groupBody(group: string, rows: readonly DiffRow[], columns: number): string {
  const differing = rows.filter((r) => r.differs).length;
  const head = `<tr class="group-head"><th colspan="${columns + 1}"><button type="button" aria-expanded="true"><span class="arrow">▾</span> ${esc(group)}</button><span class="count">${columns > 1 ? `${differing} of ${rows.length} differ` : `${rows.length} field(s)`}</span></th></tr>`;
  const body = rows.map((r) => {
    const cells = r.values.map((_, i) => valueCell(r, i)).join('');
    return `<tr class="row${r.differs ? ' differs' : ''}" data-where="${esc(r.where)}" data-field="${esc(r.field)}"><td class="field">${esc(r.field)}<span class="where">${esc(r.where)}</span></td>${cells}</tr>`;
  });
  return `<tbody data-group="${esc(group)}">${head}${body.join('')}</tbody>`;
}

export function renderReportHtml(report: DiffReport, options: HtmlOptions): string {
  const files = report.files;
  const n = files.length;
  const summary = files
    .map(
      (f, i) =>
        `<tr><th>${columnLetter(i)}</th><td><code>${esc(f.file)}</code></td><td>${f.kind}</td><td>${esc(f.compiler ?? '-')}</td><td>${esc(f.generation ?? '-')}</td><td class="mono">${f.byteLength}</td><td>${f.warnings.length}</td></tr>`,
    )
    .join('');
  const warnings = files
    .map((f, i) => {
      const items = f.warnings.map((w) => `<li><span class="code">${esc(w.code)}</span>: ${esc(w.message)}</li>`).join('');
      const body = f.warnings.length === 0 ? '<p class="note">no warnings</p>' : `<ul>${items}</ul>`;
      return `<details${f.warnings.length > 0 ? ' open' : ''}><summary>${columnLetter(i)} <code>${esc(f.file)}</code>: ${f.warnings.length} warning(s)</summary>${body}</details>`;
    })
    .join('');
  const groups: { name: string; rows: DiffRow[] }[] = [];
  for (const r of report.rows) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last.name === r.group) last.rows.push(r);
    else groups.push({ name: r.group, rows: [r] });
  }
  const heads = files.map((f, i) => `<th title="${esc(f.file)}">${columnLetter(i)} ${esc(f.file.split(/[\\/]/).pop() ?? f.file)}<br><span class="note">${esc(compilerVersion(f))} · ${esc(f.generation ?? '-')}</span></th>`).join('');
  const verdict = n < 2 ? `${report.rows.length} field(s)` : report.same ? 'no differences' : `${report.differenceCount} field(s) differ`;
  const notes = report.notCompared.map((t) => `<p class="note">Not compared: ${esc(t)}</p>`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)}: ${esc(files.map((f) => f.file.split(/[\\/]/).pop() ?? f.file).join(', '))}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(options.title)}: ${esc(verdict)}</h1>
<table class="files"><thead><tr><th></th><th>file</th><th>kind</th><th>compiler</th><th>generation</th><th>bytes</th><th>warnings</th></tr></thead><tbody>${summary}</tbody></table>
${notes}
<section class="warnings"><h2>Warnings</h2>${warnings}</section>
</header>
<main>
<div class="controls">
<input id="filter" type="search" placeholder="Filter fields (KernelCfg, W8, task 0 ...)" aria-label="Filter fields">
<label><input id="only-diff" type="checkbox"${n > 1 ? ' checked' : ''}> only differences</label>
<button id="radix" type="button" data-radix="hex">numbers: hex</button>
<button id="collapse-all" type="button">collapse all</button>
<button id="expand-all" type="button">expand all</button>
<span id="status" class="status"></span>
</div>
<table id="report"><thead><tr><th>field</th>${heads}</tr></thead>
${groups.map((g) => groupBody(g.name, g.rows, n)).join('\n')}
</table>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
