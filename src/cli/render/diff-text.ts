// Text form of a diff report: one line per group of like differences, register names shown.
import { hex } from '../../anec/index.js';
import type { DiffGroup, DiffReport } from '../../tools/index.js';

type Value = DiffGroup['a'];

// Addresses, sizes, offsets and register values read best in hex; counts, slots and shapes in decimal.
const HEX_PATH = /\.reg\.|\.header\.W|first_packet|addr|size|off|magic|flags$|marker|^kernel\[|^header\.(size|tsk_size|krn_size|td_size)$/;
const MAX_TEXT = 100;

function show(value: Value, inHex: boolean): string {
  if (value === null) return '(absent)';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? '?' : String(v))).join(', ')}]`;
  if (typeof value === 'number') return inHex ? hex(value) : String(value);
  const text = value === '' ? '(none)' : value;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}... (${text.split(' ').length} words)` : text;
}

export function renderDiffText(report: DiffReport): string {
  const lines = [`--- ${report.a.file} (${report.a.kind})`, `+++ ${report.b.file} (${report.b.kind})`];
  if (report.same) {
    lines.push('no differences');
    return `${lines.join('\n')}\n`;
  }
  const width = Math.min(36, Math.max(...report.groups.map((g) => g.where.length)));
  const fieldWidth = Math.min(44, Math.max(...report.groups.map((g) => g.field.length + (g.count > 1 ? ` (${g.count})`.length : 0))));
  for (const g of report.groups) {
    const inHex = HEX_PATH.test(g.where);
    const field = g.count > 1 ? `${g.field} (${g.count})` : g.field;
    const change = `${show(g.a, inHex)} -> ${show(g.b, inHex)}`;
    lines.push(`${g.where.padEnd(width)}  ${field.padEnd(fieldWidth)}  ${change}${g.detail ? `   ${g.detail}` : ''}`);
  }
  lines.push(`${report.differences.length} difference(s) in ${report.groups.length} line(s)`);
  return `${lines.join('\n')}\n`;
}
