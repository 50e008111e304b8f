// Text form of an inspect report: a summary, then one short block per task (registers as
// `KernelCfg (0xc800) = 0x80`, runs of like registers folded, zeros hidden unless asked).
import { ANEC_SCALAR_FIELDS, hex } from '../../anec/index.js';
import { formatRun, registerRuns, taskSummaries } from '../../tools/index.js';
import type { InspectReport, InspectTask } from '../../tools/index.js';
import { wrap } from './values.js';

export interface InspectTextOptions {
  /** Show registers written with 0 too. */
  readonly all: boolean;
  /** Columns available (100 when output is not a terminal). */
  readonly width?: number;
}

const HEADER_FIELDS_PER_LINE = 5;
const BLOCK_COLUMN = 12;

function lineWidth(options: InspectTextOptions): number {
  return Math.max(60, options.width ?? 100);
}

function flow(label: string, items: readonly string[], indent: string, width: number): string[] {
  const lines: string[] = [];
  const lead = `${indent}${label.padEnd(BLOCK_COLUMN)}`;
  let line = lead;
  for (const item of items) {
    if (line !== lead && line.length + 3 + item.length > width) {
      lines.push(line);
      line = ' '.repeat(lead.length);
    }
    line += line.trim() === '' || line === lead ? item : `   ${item}`;
  }
  if (line.trim() !== '' && line !== lead) lines.push(line);
  // One item wider than the line (a register with many bit fields) continues under its text.
  return lines.flatMap((l) => (l.length <= width ? [l] : wrap(l, width, ' '.repeat(lead.length + 2))));
}

function slotLabel(report: InspectReport, slot: number): string {
  const tensor = report.tensors.find((t) => t.slot === slot);
  return tensor?.name ? `${slot} (${tensor.name})` : `${slot}`;
}

function taskLines(report: InspectReport, task: InspectTask, options: InspectTextOptions): string[] {
  const width = lineWidth(options);
  const first = task.firstPacket === null ? 'no first packet' : `first packet ${hex(task.firstPacket)}`;
  const lines = [
    // Kernel use is read from H13's coefficient registers, so only H13 tasks (with W8) say it.
    `task ${task.index} at ${hex(task.offset)}, ${hex(task.size)} bytes (${task.layout}), ${first}${task.bindings === null ? '' : task.usesKernel ? ', uses a kernel' : ', uses no kernel'}`,
  ];
  const words = task.header.map((w) => `${w.word} = ${hex(w.value)}`);
  if (words.every((w) => w.length <= 17)) {
    for (let i = 0; i < words.length; i += 5) lines.push(`  ${words.slice(i, i + 5).map((w) => w.padEnd(18)).join('').trimEnd()}`);
  } else {
    lines.push(...flow('header', words, '  ', width));
  }
  // The binding words (W8, W9) are shown once, on the bindings line below.
  const bindingWords = task.slotBindings.length > 0 ? ['W8', 'W9'] : [];
  const fielded = task.header.filter((w) => !bindingWords.includes(w.word) && w.fields.some((f) => f.value !== 0));
  if (fielded.length > 0) {
    const number = (name: string, v: number): string => (/pointer|events|exceptions/.test(name) ? hex(v) : String(v));
    const items = fielded.flatMap((w) =>
      w.fields.filter((f) => f.value !== 0).map((f) => `${f.name === w.word ? f.name : `${w.word}.${f.name}`} ${number(f.name, f.value)}`),
    );
    lines.push(...flow('fields', items, '  ', width));
  }
  const enabled = task.slotBindings.filter((b) => b.enabled);
  if (enabled.length > 0) {
    const reads = enabled.filter((b) => b.role === 'read' || b.role === 'kernel').map((b) => `${b.label} ${slotLabel(report, b.slot)}`).join(', ') || 'nothing';
    const writes = enabled.filter((b) => b.role === 'write').map((b) => `${b.label} ${slotLabel(report, b.slot)}`).join(', ') || 'nothing';
    const tile = enabled.filter((b) => b.role === 'tile').map((b) => `; tile ${b.label} ${slotLabel(report, b.slot)}`).join('');
    const ene = task.bindings !== null && task.bindings.ene !== 0 ? `; ENE ${task.bindings.ene}` : '';
    lines.push(`  bindings: reads ${reads}; writes ${writes}${tile}${ene}`);
  } else if (task.bindings !== null) {
    lines.push('  bindings: none enabled');
  }
  const shown = task.registers.filter((r) => options.all || r.value !== 0);
  lines.push(`  registers (${shown.length} of ${task.registers.length}${options.all ? '' : ', zeros hidden; --all shows them'})`);
  const blocks: string[] = [];
  for (const r of shown) if (!blocks.includes(r.block ?? 'raw')) blocks.push(r.block ?? 'raw');
  for (const block of blocks) {
    const runs = registerRuns(shown.filter((r) => (r.block ?? 'raw') === block));
    // Bit fields follow each value (nonzero ones only; --json lists them all).
    lines.push(...flow(block, runs.map(formatRun), '    ', width));
  }
  return lines;
}

export function renderInspectText(report: InspectReport, options: InspectTextOptions): string {
  const width = lineWidth(options);
  const lines: string[] = [];
  const kind = report.kind === 'hwx' ? 'HWX file' : '.anec file';
  lines.push(`${report.file}: ${kind}, ${report.byteLength} bytes`);
  if (report.generation !== null) lines.push(`  generation  ${report.generation} (cpusubtype ${report.subtype ?? '?'})`);
  if (report.decoding !== null) {
    const d = report.decoding;
    const how = d.registersDecoded ? `decoded as ${d.generation} (task-descriptor version ${d.tdVersion ?? '?'}, ${d.encoding}${d.addressing === 'task-offset' ? ', addresses are task offsets' : ''})` : 'registers not decoded';
    lines.push(`  decoding    ${how}`);
  }
  if (report.compiler !== null) {
    lines.push(`  compiler    ${report.compiler.name ?? 'unknown'}`);
    if (report.compiler.flags.length > 0) lines.push(...flow('flags', report.compiler.flags, '  ', width));
  }
  if (report.anec !== null) {
    const h = report.anec;
    const how = h.layout.evidence === 'assumed' ? ', assumed: neither the file size nor a task tells' : '';
    lines.push(`  layout      ${h.layout.target} layout (payload at ${hex(h.layout.payloadOffset)}${how})`);
    // Scalar fields from the .anec field table, in hex or decimal as upstream's -p prints them.
    const shown = ANEC_SCALAR_FIELDS.map((f) => {
      const v = h[f.key];
      return `${f.cName} ${v === null ? 'too large' : f.print === 'hex' ? hex(v) : String(v)}`;
    });
    for (let i = 0; i < shown.length; i += HEADER_FIELDS_PER_LINE) {
      lines.push(`${i === 0 ? '  header      ' : '              '}${shown.slice(i, i + HEADER_FIELDS_PER_LINE).join(', ')}`);
    }
    for (const s of h.slots) lines.push(`    slot ${String(s.slot).padEnd(3)}${s.name.padEnd(6)} tiles ${s.tiles}  nchw {${s.nchw.map((v) => (v === null ? '?' : String(v))).join(', ')}}`);
  }
  if (report.segments.length > 0) {
    lines.push('segments');
    for (const s of report.segments) {
      lines.push(`  ${s.name.padEnd(12)}vmaddr ${hex(s.vmaddr).padEnd(11)} vmsize ${hex(s.vmsize).padEnd(9)} file ${hex(s.fileoff)}+${hex(s.filesize)}  prot ${s.maxprot}/${s.initprot}`);
      for (const c of s.sections) lines.push(`    ${c.name.padEnd(14)}addr ${hex(c.addr).padEnd(11)} size ${hex(c.size).padEnd(8)} offset ${hex(c.offset).padEnd(8)} ${c.role}`);
    }
  }
  if (report.program !== null) {
    const p = report.program;
    lines.push(`program descriptor: network ${p.networkName ?? '?'}, ${p.taskCount} task(s), first task at ${hex(p.firstTaskAddress)} (word marker ${hex(p.firstTaskWordMarker)})`);
    lines.push(...flow('slots', p.slots.map((s) => `${s.slot}: ${s.binds ?? hex(s.address)}`), '  ', width));
  }
  if (report.segmentState !== null) {
    const g = report.segmentState;
    lines.push(`segment state: segment ${g.segId} at ${hex(g.segAddr)}, ${g.segWords} words, ${g.tdCount} task(s) from ${g.firstTdId}, header ${g.segHeaderSize}`);
    lines.push(...flow('slots', g.slots.map((s) => `${s.slot}: ${s.binds ?? hex(s.address)}`), '  ', width));
  }
  if (report.tensors.length > 0) {
    lines.push('tensors');
    for (const t of report.tensors) {
      const list = (xs: readonly (number | null)[] | null): string => (xs === null ? '?' : `[${xs.map((v) => (v === null ? '?' : String(v))).join(', ')}]`);
      lines.push(`  ${t.role.padEnd(13)}${(t.name ?? '?').padEnd(16)}shape ${list(t.shape).padEnd(18)} strides ${list(t.strides).padEnd(22)} slot ${t.slot ?? '-'}`);
    }
  }
  for (const task of report.tasks) lines.push(...taskLines(report, task, options));
  if (report.tasks.length === 0) lines.push('no tasks decoded');
  if (report.warnings.length > 0) {
    lines.push('warnings');
    for (const w of report.warnings) lines.push(...wrap(`  ${w.code}: ${w.message}`, width, '    '));
  }
  return `${lines.join('\n')}\n`;
}

/** `inspect --summary`: the file in one line, then one line per task, then the warnings. */
export function renderInspectSummary(report: InspectReport, options: { readonly width: number }): string {
  const width = Math.max(60, options.width);
  const about = [report.kind === 'hwx' ? 'HWX' : '.anec', report.generation, report.compiler?.name, `${report.tasks.length} task(s)`, `${report.warnings.length} warning(s)`];
  const lines = wrap(`${report.file}: ${about.filter((x) => x !== null && x !== undefined).join(', ')}`, width, '  ');
  const rows = taskSummaries(report).map((t) => [`task ${t.index}`, t.layout, hex(t.size), t.bindings, t.operation, `${t.warnings} warning(s)`]);
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) lines.push(...wrap(r.map((c, i) => (i < 5 ? c.padEnd(widths[i]!) : c)).join('  ').trimEnd(), width, '    '));
  for (const w of report.warnings) lines.push(...wrap(`  ${w.code}: ${w.message}`, width, '    '));
  return `${lines.join('\n')}\n`;
}
