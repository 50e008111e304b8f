// Text form of an N-way diff: the files lettered A, B, C ..., then one row per field grouped by task
// and block, one column per file. Everything fits `width` columns: long names and values are cut
// with a numbered mark and given whole in a legend below, wrapped to the same width.
import { foldRows, type DiffReport } from '../../tools/index.js';
import { columnLetter, compilerVersion, cut, formatValue, wrap } from './values.js';

export interface DiffTextOptions {
  /** Columns available: the terminal's, or 100 when output is not a terminal. */
  readonly width: number;
}

const GAP = 2;
const INDENT = 2;
/** Name column wanted before values get their room; longer names are cut into the legend. */
const NAME_WANTED = 32;
const MIN_COLUMN = 8;

function fileLines(report: DiffReport, width: number): string[] {
  return report.files.map((f, i) => {
    const about = ` (${f.kind}, ${compilerVersion(f)}${f.generation === null ? '' : `, ${f.generation}`}${f.warnings.length > 0 ? `, ${f.warnings.length} warning(s)` : ''})`;
    const lead = `${columnLetter(i)}  `;
    const room = width - lead.length - about.length;
    const path = f.file.length <= room ? f.file : `…${f.file.slice(f.file.length - Math.max(1, room - 1))}`;
    return cut(`${lead}${path}${about}`, width);
  });
}

export function renderDiffText(report: DiffReport, options: DiffTextOptions): string {
  const width = Math.max(40, options.width);
  const lines = fileLines(report, width);
  for (const note of report.notCompared) lines.push(...wrap(`not compared: ${note}`, width, '  '));
  if (report.rows.length === 0) {
    lines.push(report.same ? 'no differences' : `${report.differenceCount} field(s) differ`);
    return `${lines.join('\n')}\n`;
  }
  const rows = foldRows(report.rows);
  const n = report.files.length;
  const cells = rows.map((r) => r.values.map((v) => formatValue(v, r.format)));
  // A folded run's label (`CoeffDMAConfig0..15`) already says how many rows it stands for.
  const names = rows.map((r) => r.field);
  const nameWant = Math.min(NAME_WANTED, Math.max(5, ...names.map((x) => x.length)));
  // Each column as wide as its widest value; when they do not fit, narrow the widest first.
  const columns = Array.from({ length: n }, (_, i) => Math.max(columnLetter(i).length, ...cells.map((c) => c[i]!.length)));
  const room = Math.max(MIN_COLUMN * n, width - INDENT - nameWant - GAP * n);
  while (columns.reduce((a, b) => a + b, 0) > room) {
    const widest = columns.indexOf(Math.max(...columns));
    if (columns[widest]! <= MIN_COLUMN) break;
    columns[widest]! -= 1;
  }
  const used = INDENT + columns.reduce((s, c) => s + c + GAP, 0);
  const nameWidth = Math.min(Math.max(...names.map((x) => x.length), 5), width - used);
  const legend: string[] = [];
  const mark = (text: string, room: number, owner: string): string => {
    if (text.length <= room) return text;
    const tag = `~${legend.length + 1}`;
    legend.push(...wrap(`${tag} ${owner}${text}`, width, '   '));
    return `${text.slice(0, Math.max(0, room - tag.length - 1))}…${tag}`;
  };
  const line = (name: string, values: readonly string[]): string =>
    `${' '.repeat(INDENT)}${name.padEnd(nameWidth)}${values.map((v, i) => `${' '.repeat(GAP)}${v.padEnd(columns[i]!)}`).join('')}`.trimEnd();
  lines.push('', line('field', report.files.map((_, i) => columnLetter(i))));
  let group = '';
  rows.forEach((r, k) => {
    if (r.group !== group) {
      group = r.group;
      lines.push(cut(group, width));
    }
    const values = cells[k]!.map((v, i) => mark(v, columns[i]!, `${columnLetter(i)} ${r.field}: `));
    lines.push(line(mark(names[k]!, nameWidth, ''), values));
  });
  const shown = report.rows.filter((r) => r.differs).length;
  lines.push('', `${report.differenceCount} field(s) differ${shown < report.rows.length ? `; ${report.rows.length} shown (--all)` : ''}; ${rows.length} line(s)`);
  if (legend.length > 0) lines.push('cut short above, in full:', ...legend);
  return `${lines.join('\n')}\n`;
}
