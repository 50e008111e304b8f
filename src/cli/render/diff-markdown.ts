// Markdown form of an N-way diff: a GitHub table ready to paste into an issue. The header names
// each file with its compiler version and generation; rows are grouped by task and block.
import { foldRows, type DiffReport } from '../../tools/index.js';
import { columnLetter, compilerVersion, formatValue } from './values.js';

/** Text safe inside a table cell. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function renderDiffMarkdown(report: DiffReport): string {
  const out: string[] = [];
  const files = report.files;
  out.push(`**anecc diff** of ${files.length} file(s): ${report.same ? 'no differences' : `${report.differenceCount} field(s) differ`}`, '');
  out.push('| | file | kind | compiler | generation | bytes | warnings |', '|---|---|---|---|---|---:|---:|');
  files.forEach((f, i) => {
    out.push(`| ${columnLetter(i)} | \`${cell(f.file)}\` | ${f.kind} | ${cell(f.compiler ?? '-')} | ${f.generation ?? '-'} | ${f.byteLength} | ${f.warnings.length} |`);
  });
  for (const note of report.notCompared) out.push('', `> Not compared: ${cell(note)}`);
  if (report.rows.length === 0) return `${out.join('\n')}\n`;
  const heads = files.map((f, i) => `${columnLetter(i)}: ${cell(baseName(f.file))}<br>${cell(compilerVersion(f))} · ${f.generation ?? '-'}`);
  out.push('', `| group | field | ${heads.join(' | ')} |`, `|---|---|${files.map(() => '---|').join('')}`);
  for (const r of foldRows(report.rows)) {
    const values = r.values.map((v, i) => {
      const text = cell(formatValue(v, r.format));
      return r.changed[i] ? `**${text}**` : text;
    });
    out.push(`| ${cell(r.group)} | ${cell(r.field)} | ${values.join(' | ')} |`);
  }
  out.push('', 'Bold: differs from the first file (A). Registers in runs with the same values are folded (`CoeffDMAConfig0..15`).');
  return `${out.join('\n')}\n`;
}
