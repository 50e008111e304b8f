// `diff`: where two HWX/.anec files differ, as a list of {where, field, a, b}. Both files are first
// inspected, so an HWX file and an .anec file compare on what they share (tasks, tensors).

import { KERNEL_ALIGNMENT_IN_BYTES } from '../hwx/index.js';
import type { DiffGroup, DiffReport, DiffValue, Difference } from './diff-report.js';
import { ANEC_SCALAR_FIELDS, hex } from '../anec/index.js';
import { inspectLoaded } from './inspect.js';
import type { InspectReport, InspectTask } from './inspect-report.js';
import { loadFile, safeNumber, type LoadedFile } from './loaded-file.js';

const PRESENT = 'present';

function same(a: DiffValue, b: DiffValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}

class Collector {
  readonly list: Difference[] = [];
  add(where: string, field: string, a: DiffValue | undefined, b: DiffValue | undefined, detail?: string): void {
    const x = a ?? null;
    const y = b ?? null;
    if (same(x, y)) return;
    this.list.push(detail === undefined ? { where, field, a: x, b: y } : { where, field, a: x, b: y, detail });
  }
}

/** Keys for records that can repeat a name (`__FVMLIB` three times): name, then `name[1]`, ... */
function keyed<T>(items: readonly T[], name: (t: T) => string): Map<string, T> {
  const counts = new Map<string, number>();
  const out = new Map<string, T>();
  for (const item of items) {
    const base = name(item);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    out.set(n === 0 ? base : `${base}[${n}]`, item);
  }
  return out;
}

function unionKeys<T>(a: Map<string, T>, b: Map<string, T>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

function compareRecords<T extends object>(
  out: Collector,
  prefix: string,
  label: string,
  a: Map<string, T>,
  b: Map<string, T>,
  fields: readonly (readonly [string, (t: T) => DiffValue])[],
): void {
  for (const key of unionKeys(a, b)) {
    const x = a.get(key);
    const y = b.get(key);
    if (x === undefined || y === undefined) {
      out.add(`${prefix}.${key}`, label, x === undefined ? null : PRESENT, y === undefined ? null : PRESENT);
      continue;
    }
    for (const [name, get] of fields) out.add(`${prefix}.${key}.${name}`, `${label} ${name}`, get(x), get(y));
  }
}

function compareMacho(out: Collector, a: InspectReport, b: InspectReport): void {
  out.add('generation', 'ANE generation', a.generation, b.generation);
  if (a.macho === null || b.macho === null) {
    out.add('macho', 'Mach-O header', a.macho === null ? null : PRESENT, b.macho === null ? null : PRESENT);
    return;
  }
  for (const key of Object.keys(a.macho) as (keyof typeof a.macho)[]) out.add(`macho.${key}`, `Mach-O ${key}`, a.macho[key], b.macho[key]);
}

function compareAnecHeader(out: Collector, a: InspectReport, b: InspectReport): void {
  if (a.anec === null || b.anec === null) {
    if (a.anec !== b.anec) out.add('header', '.anec header', a.anec === null ? null : PRESENT, b.anec === null ? null : PRESENT);
    return;
  }
  const x = a.anec;
  const y = b.anec;
  const layout = (h: typeof x): string => `${h.layout.target} (payload at ${hex(h.layout.payloadOffset)})`;
  out.add('header.layout', 'layout', layout(x), layout(y));
  for (const f of ANEC_SCALAR_FIELDS) out.add(`header.${f.cName}`, f.cName, x[f.key], y[f.key]);
  const slots = [...new Set([...x.slots.map((s) => s.slot), ...y.slots.map((s) => s.slot)])].sort((p, q) => p - q);
  for (const slot of slots) {
    const u = x.slots.find((s) => s.slot === slot);
    const v = y.slots.find((s) => s.slot === slot);
    out.add(`header.tiles[${slot}]`, `tiles of slot ${slot}`, u?.tiles ?? 0, v?.tiles ?? 0);
    out.add(`header.nchw[${slot}]`, `nchw of slot ${slot} (N, C, H, W, plane, row)`, u?.nchw ?? null, v?.nchw ?? null);
  }
}

function compareIdent(out: Collector, a: InspectReport, b: InspectReport): void {
  const x = a.compiler;
  const y = b.compiler;
  if (x === null || y === null) {
    out.add('ident', 'LC_IDENT', x === null ? null : PRESENT, y === null ? null : PRESENT);
    return;
  }
  out.add('ident.compiler', 'compiler', x.name, y.name);
  const onlyA = x.flags.filter((f) => !y.flags.includes(f));
  const onlyB = y.flags.filter((f) => !x.flags.includes(f));
  if (onlyA.length > 0 || onlyB.length > 0) out.add('ident.flags', 'compiler flags only in each file', onlyA.join(' '), onlyB.join(' '));
  else out.add('ident.flags', 'compiler flags (order)', x.flags.join(' '), y.flags.join(' '));
}

function compareContainer(out: Collector, a: InspectReport, b: InspectReport): void {
  compareRecords(out, 'segment', 'segment', keyed(a.segments, (s) => s.name), keyed(b.segments, (s) => s.name), [
    ['vmaddr', (s) => s.vmaddr],
    ['vmsize', (s) => s.vmsize],
    ['fileoff', (s) => s.fileoff],
    ['filesize', (s) => s.filesize],
    ['maxprot', (s) => s.maxprot],
    ['initprot', (s) => s.initprot],
  ]);
  const sections = (r: InspectReport) => keyed(r.segments.flatMap((s) => s.sections), (c) => `${c.segment},${c.name}`);
  compareRecords(out, 'section', 'section', sections(a), sections(b), [
    ['addr', (c) => c.addr],
    ['size', (c) => c.size],
    ['offset', (c) => c.offset],
    ['role', (c) => c.role],
  ]);
  const p = a.program;
  const q = b.program;
  if (p === null || q === null) {
    out.add('program', 'program descriptor', p === null ? null : PRESENT, q === null ? null : PRESENT);
    return;
  }
  const slots = [...new Set([...p.slots.map((s) => s.slot), ...q.slots.map((s) => s.slot)])].sort((u, v) => u - v);
  const bound = (r: typeof p, slot: number): DiffValue => {
    const s = r.slots.find((x) => x.slot === slot);
    return s === undefined ? null : (s.binds ?? s.address);
  };
  for (const slot of slots) out.add(`program.slot[${slot}]`, `program slot ${slot} binds`, bound(p, slot), bound(q, slot));
  out.add('program.task_count', 'program task count', p.taskCount, q.taskCount);
  out.add('program.first_task_word_marker', 'first task words - 1', p.firstTaskWordMarker, q.firstTaskWordMarker);
  out.add('program.network', 'network name', p.networkName, q.networkName);
}

function compareTensors(out: Collector, a: InspectReport, b: InspectReport): void {
  const name = (t: InspectReport['tensors'][number]): string => t.name ?? `#${t.slot ?? '?'}`;
  const x = keyed(a.tensors, name);
  const y = keyed(b.tensors, name);
  for (const key of unionKeys(x, y)) {
    const u = x.get(key);
    const v = y.get(key);
    if (u === undefined || v === undefined) {
      out.add(`tensor.${key}`, 'tensor', u?.role ?? null, v?.role ?? null);
      continue;
    }
    out.add(`tensor.${key}.role`, `${key} role`, u.role, v.role);
    out.add(`tensor.${key}.shape`, `${key} shape [N, C, H, W]`, u.shape, v.shape);
    out.add(`tensor.${key}.strides`, `${key} strides [N, C, H, W]`, u.strides, v.strides);
    out.add(`tensor.${key}.slot`, `${key} slot`, u.slot, v.slot);
    out.add(`tensor.${key}.buffer_size`, `${key} buffer size`, u.bufferSize, v.bufferSize);
  }
}

function bindingText(task: InspectTask): string {
  const b = task.bindings;
  if (b === null) return 'none';
  return `reads ${b.reads.join(', ') || 'nothing'}; writes ${b.writes.join(', ') || 'nothing'}`;
}

function registerField(r: InspectTask['registers'][number]): string {
  return `${r.block ?? 'register'} ${r.register ?? hex(r.address)}`;
}

function compareTasks(out: Collector, a: InspectReport, b: InspectReport): void {
  out.add('task.count', 'number of tasks', a.tasks.length, b.tasks.length);
  const count = Math.min(a.tasks.length, b.tasks.length);
  for (let i = 0; i < count; i += 1) {
    const x = a.tasks[i]!;
    const y = b.tasks[i]!;
    const at = `task[${i}]`;
    out.add(`${at}.layout`, 'task layout', x.layout, y.layout);
    out.add(`${at}.size`, 'task size', x.size, y.size);
    out.add(`${at}.first_packet`, 'first packet header', x.firstPacket, y.firstPacket);
    const words = new Set([...x.header.map((w) => w.word), ...y.header.map((w) => w.word)]);
    for (const word of words) {
      const u = x.header.find((w) => w.word === word);
      const v = y.header.find((w) => w.word === word);
      const field = `${word} (${(u ?? v)?.description ?? ''})`;
      const detail = word === 'W8' ? `${bindingText(x)} -> ${bindingText(y)}` : undefined;
      out.add(`${at}.header.${word}`, field, u?.value, v?.value, detail);
    }
    const ux = new Map(x.registers.map((r) => [r.address, r]));
    const vy = new Map(y.registers.map((r) => [r.address, r]));
    const addresses = [...new Set([...ux.keys(), ...vy.keys()])].sort((p, q) => p - q);
    for (const address of addresses) {
      const u = ux.get(address);
      const v = vy.get(address);
      out.add(`${at}.reg.${hex(address)}`, registerField((u ?? v)!), u?.value, v?.value);
    }
  }
}

function kernelBytes(loaded: LoadedFile): Uint8Array {
  if (loaded.kind === 'hwx') {
    const s = loaded.file.sections.find((c) => c.role === 'kernel');
    if (s === undefined) return new Uint8Array(0);
    const start = Math.min(s.dataOffset, loaded.bytes.length);
    return loaded.bytes.subarray(start, Math.min(start + s.dataSize, loaded.bytes.length));
  }
  const align = KERNEL_ALIGNMENT_IN_BYTES;
  const start = Math.min(Math.ceil(loaded.taskStreamSize / align) * align, loaded.payload.length);
  const size = safeNumber(loaded.header.krnSize) ?? loaded.payload.length;
  return loaded.payload.subarray(start, Math.min(start + size, loaded.payload.length));
}

function compareKernels(out: Collector, a: LoadedFile, b: LoadedFile): void {
  const x = kernelBytes(a);
  const y = kernelBytes(b);
  out.add('kernel.size', 'kernel bytes', x.length, y.length);
  const n = Math.min(x.length, y.length);
  let first = -1;
  let differing = 0;
  for (let i = 0; i < n; i += 1) {
    if (x[i] !== y[i]) {
      if (first < 0) first = i;
      differing += 1;
    }
  }
  if (first >= 0) out.add(`kernel[${hex(first)}]`, `kernel byte (${differing} bytes differ from here on)`, x[first], y[first]);
}

/** Folds runs of like register changes (same block and name stem, same a and b, next address). */
export function groupDifferences(differences: readonly Difference[]): DiffGroup[] {
  const groups: DiffGroup[] = [];
  const reg = /^(task\[\d+\]\.reg\.)0x([0-9a-f]+)$/;
  // CoeffDMAConfig0, CoeffDMAConfig1 ... share a stem; so do unnamed 0x1f8c8, 0x1f8cc ...
  const stem = (field: string): string => field.replace(/0x[0-9a-f]+$/, '0x').replace(/\d+$/, '');
  let run: { first: Difference; last: Difference; count: number; prefix: string; address: number } | undefined;
  const flush = (): void => {
    if (run === undefined) return;
    const { first, last, count } = run;
    groups.push(
      count === 1
        ? { ...first, count }
        : { where: `${first.where}..${last.where.replace(run.prefix, '')}`, field: `${first.field}..${last.field.split(' ').pop() ?? ''}`, a: first.a, b: first.b, count },
    );
    run = undefined;
  };
  for (const d of differences) {
    const m = reg.exec(d.where);
    const address = m ? Number.parseInt(m[2]!, 16) : NaN;
    if (
      run !== undefined &&
      m !== null &&
      m[1] === run.prefix &&
      address === run.address + 4 &&
      stem(d.field) === stem(run.first.field) &&
      same(d.a, run.first.a) &&
      same(d.b, run.first.b)
    ) {
      run.last = d;
      run.count += 1;
      run.address = address;
      continue;
    }
    flush();
    run = { first: d, last: d, count: 1, prefix: m?.[1] ?? '', address: m ? address : NaN };
  }
  flush();
  return groups;
}

export function diffLoaded(a: LoadedFile, b: LoadedFile): DiffReport {
  const x = inspectLoaded(a);
  const y = inspectLoaded(b);
  const out = new Collector();
  out.add('file.kind', 'file kind', x.kind, y.kind);
  compareMacho(out, x, y);
  compareAnecHeader(out, x, y);
  compareIdent(out, x, y);
  compareContainer(out, x, y);
  compareTensors(out, x, y);
  compareTasks(out, x, y);
  compareKernels(out, a, b);
  return {
    a: { file: a.path, kind: a.kind },
    b: { file: b.path, kind: b.kind },
    same: out.list.length === 0,
    differences: out.list,
    groups: groupDifferences(out.list),
  };
}

/** Diff two files; throws ToolError when either cannot be read or is neither HWX nor .anec. */
export function diffFiles(pathA: string, pathB: string): DiffReport {
  return diffLoaded(loadFile(pathA), loadFile(pathB));
}
