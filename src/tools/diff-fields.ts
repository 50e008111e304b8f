// One file flattened into named, formatted fields for `diff`: the parsed structure (Mach-O header,
// .anec header, segments, tensors, every stab, tasks, registers) and, under it, the bytes of every
// region of the file. Two files with the same fields and the same bytes convert the same way; a
// change the structure does not name still shows in the `bytes` rows.

import { createHash } from 'node:crypto';
import { ANEC_SCALAR_FIELDS } from '../anec/index.js';
import { KERNEL_ALIGNMENT_IN_BYTES, tokens } from '../hwx/index.js';
import { hex } from '../anec/index.js';
import type { DiffValue, ValueFormat } from './diff-report.js';
import { bitFieldValue, type FieldMap } from './field-map.js';
import type { InspectReport } from './inspect-report.js';
import { safeNumber, type LoadedFile } from './loaded-file.js';

export interface Field {
  readonly where: string;
  readonly group: string;
  readonly task: number | null;
  readonly address: number | null;
  readonly field: string;
  readonly format: ValueFormat;
  readonly value: DiffValue;
}

/** What to leave out when the files do not share it. */
export interface FieldOptions {
  /** Names for task words and registers; undefined compares registers by address, unnamed. */
  readonly map: FieldMap | undefined;
  /** False when the files' generations differ: their task words mean different things. */
  readonly taskWords: boolean;
}

class Fields {
  readonly list: Field[] = [];
  constructor(private group: string, private task: number | null = null) {}
  in(group: string, task: number | null = null): this {
    this.group = group;
    this.task = task;
    return this;
  }
  add(where: string, field: string, format: ValueFormat, value: DiffValue | undefined, address: number | null = null): void {
    this.list.push({ where, group: this.group, task: this.task, address, field, format, value: value ?? null });
  }
}

/** Keys for records that can repeat a name (`__FVMLIB` three times): name, then `name[1]`, ... */
function keyed<T>(items: readonly T[], name: (t: T) => string): [string, T][] {
  const counts = new Map<string, number>();
  return items.map((item) => {
    const base = name(item);
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    return [n === 0 ? base : `${base}[${n}]`, item];
  });
}

function fileFields(out: Fields, r: InspectReport): void {
  out.in('file');
  out.add('file.kind', 'kind', 'text', r.kind);
  out.add('file.size', 'size in bytes', 'hex', r.byteLength);
  out.add('generation', 'ANE generation', 'text', r.generation);
  out.add('ident.compiler', 'compiler', 'text', r.compiler?.name);
  if (r.compiler === null) return;
  // One row per flag: `--fdram-allocator=ffreuse` and `-o PATH` read as the flag and its value.
  const split = (flag: string): [string, string] => {
    const at = flag.search(/[= ]/);
    return at < 0 ? [flag, 'set'] : [flag.slice(0, at), flag.slice(at + 1)];
  };
  for (const [key, flag] of keyed(r.compiler.flags, (f) => split(f)[0])) out.add(`ident.flag.${key}`, `flag ${key}`, 'text', split(flag)[1]);
}

/** Each header field once: its name in the file format, and how its value reads best. */
const MACHO_FIELDS = [
  ['magic', 'hex'],
  ['cputype', 'hex'],
  ['cpusubtype', 'decimal'],
  ['filetype', 'decimal'],
  ['ncmds', 'decimal'],
  ['sizeofcmds', 'hex'],
  ['flags', 'hex'],
] as const satisfies readonly (readonly [keyof NonNullable<InspectReport['macho']>, ValueFormat])[];

function machoFields(out: Fields, r: InspectReport): void {
  if (r.macho === null) return;
  out.in('Mach-O header');
  for (const [name, format] of MACHO_FIELDS) out.add(`macho.${name}`, name, format, r.macho[name]);
}

function anecHeaderFields(out: Fields, r: InspectReport): void {
  if (r.anec === null) return;
  out.in('.anec header');
  const h = r.anec;
  out.add('header.layout', 'layout', 'text', `${h.layout.target} (payload at ${hex(h.layout.payloadOffset)})`);
  // The .anec format table names the fields; sizes read best in hex, counts in decimal.
  for (const f of ANEC_SCALAR_FIELDS) out.add(`header.${f.cName}`, f.cName, f.cName.endsWith('size') ? 'hex' : 'decimal', h[f.key]);
  for (const s of h.slots) {
    out.add(`header.tiles[${s.slot}]`, `tiles of slot ${s.slot} (${s.name})`, 'decimal', s.tiles);
    out.add(`header.nchw[${s.slot}]`, `nchw of slot ${s.slot} (${s.name})`, 'list', s.nchw);
  }
}

function containerFields(out: Fields, r: InspectReport): void {
  out.in('segments');
  for (const [key, s] of keyed(r.segments, (x) => x.name)) {
    out.add(`segment.${key}.vmaddr`, `${key} vmaddr`, 'hex', s.vmaddr);
    out.add(`segment.${key}.vmsize`, `${key} vmsize`, 'hex', s.vmsize);
    out.add(`segment.${key}.fileoff`, `${key} fileoff`, 'hex', s.fileoff);
    out.add(`segment.${key}.filesize`, `${key} filesize`, 'hex', s.filesize);
    out.add(`segment.${key}.prot`, `${key} maxprot/initprot`, 'list', [s.maxprot, s.initprot]);
  }
  out.in('sections');
  for (const [key, c] of keyed(r.segments.flatMap((s) => s.sections), (x) => `${x.segment},${x.name}`)) {
    out.add(`section.${key}.addr`, `${key} addr`, 'hex', c.addr);
    out.add(`section.${key}.size`, `${key} size`, 'hex', c.size);
    out.add(`section.${key}.offset`, `${key} offset`, 'hex', c.offset);
    out.add(`section.${key}.role`, `${key} role`, 'text', c.role);
  }
  const p = r.program;
  if (p === null) return;
  out.in('program');
  for (const s of p.slots) out.add(`program.slot[${s.slot}]`, `slot ${s.slot} binds`, 'text', s.binds ?? hex(s.address));
  out.add('program.task_count', 'task count', 'decimal', p.taskCount);
  out.add('program.first_task', 'first task address', 'hex', p.firstTaskAddress);
  out.add('program.first_task_word_marker', 'first task words - 1', 'hex', p.firstTaskWordMarker);
  out.add('program.network', 'network name', 'text', p.networkName);
}

function tensorFields(out: Fields, r: InspectReport, loaded: LoadedFile): void {
  out.in('tensors');
  for (const [key, t] of keyed(r.tensors, (x) => x.name ?? `#${x.slot ?? '?'}`)) {
    out.add(`tensor.${key}.role`, `${key} role`, 'text', t.role);
    out.add(`tensor.${key}.shape`, `${key} shape [N, C, H, W]`, 'list', t.shape);
    out.add(`tensor.${key}.strides`, `${key} strides [N, C, H, W]`, 'list', t.strides);
    out.add(`tensor.${key}.slot`, `${key} slot`, 'decimal', t.slot);
    out.add(`tensor.${key}.address`, `${key} address`, 'hex', t.address);
    out.add(`tensor.${key}.buffer_size`, `${key} buffer size`, 'hex', t.bufferSize);
  }
  if (loaded.kind !== 'hwx') return;
  // Every stab in file order, all fields: the converter reads them by position.
  out.in('stabs');
  const stabs = loaded.file.stabs;
  out.add('stab.count', 'tensor stabs', 'decimal', stabs.length);
  stabs.forEach((s, i) => {
    out.add(`stab[${i}].name`, `stab ${i} name`, 'text', s.name);
    out.add(`stab[${i}].dims`, `stab ${i} [N, C, H, W]`, 'list', [s.dims.n, s.dims.c, s.dims.h, s.dims.w]);
    out.add(`stab[${i}].strides`, `stab ${i} strides`, 'list', [s.strides.n, s.strides.c, s.strides.h, s.strides.w]);
    out.add(`stab[${i}].type`, `stab ${i} element type`, 'decimal', s.elementType);
    out.add(`stab[${i}].text`, `stab ${i} text`, 'text', s.text);
  });
  out.in('tensor descriptors');
  loaded.file.tensorDescriptors.forEach((d, i) => {
    out.add(`descriptor[${i}].name`, `descriptor ${i} name`, 'text', d.name ?? d.bufferName);
    out.add(`descriptor[${i}].direction`, `descriptor ${i} direction`, 'decimal', d.directionCode);
    out.add(`descriptor[${i}].type`, `descriptor ${i} element type`, 'decimal', d.elementType);
    out.add(`descriptor[${i}].sizes`, `descriptor ${i} sizes`, 'list', [d.sizes.n, d.sizes.c, d.sizes.h, d.sizes.w, d.sizes.d]);
    out.add(`descriptor[${i}].strides`, `descriptor ${i} strides`, 'list', [d.strides.n, d.strides.c, d.strides.h, d.strides.w, d.strides.d]);
  });
}

function taskFields(out: Fields, r: InspectReport, options: FieldOptions): void {
  out.in('tasks');
  out.add('task.count', 'number of tasks', 'decimal', r.tasks.length);
  for (const task of r.tasks) {
    const at = `task[${task.index}]`;
    out.in(`task ${task.index}`, task.index);
    out.add(`${at}.layout`, 'layout', 'text', task.layout);
    out.add(`${at}.size`, 'size', 'hex', task.size);
    out.add(`${at}.first_packet`, 'first packet header', 'hex', task.firstPacket);
    if (!options.taskWords) continue;
    const map = options.map;
    for (const w of task.header) {
      const named = map?.headerWords.find((h) => h.index === w.index);
      out.add(`${at}.header.${w.word}`, named === undefined ? w.word : `${w.word} ${named.description}`, 'hex', w.value);
      // A word that is one field (W2 log events) needs no second row.
      const fields = named?.fields ?? [];
      if (fields.length > 1) for (const f of fields) out.add(`${at}.header.${w.word}.${f.name}`, `${w.word} ${f.name}`, 'decimal', bitFieldValue(w.value, f));
    }
    const slots = map?.bindings(task.header.map((w) => w.value));
    if (slots !== undefined) out.add(`${at}.bindings`, 'slot bindings', 'text', slots);
    // Registers first, then their bit fields, so runs of like registers stay adjacent and fold.
    const bits: (() => void)[] = [];
    for (const reg of task.registers) {
      const block = map?.blockOf(reg.address) ?? 'registers';
      const name = map?.registerName(reg.address) ?? hex(reg.address);
      const where = `${at}.reg.${hex(reg.address)}`;
      out.in(`task ${task.index} ${block}`, task.index);
      out.add(where, name, 'hex', reg.value, reg.address);
      const fields = map?.registerFields(reg.address) ?? [];
      if (fields.length > 1) {
        bits.push(() => {
          out.in(`task ${task.index} ${block} bits`, task.index);
          for (const f of fields) out.add(`${where}.${f.name}`, `${name} ${f.name}`, 'decimal', bitFieldValue(reg.value, f), reg.address);
        });
      }
    }
    for (const add of bits) add();
  }
}

interface Region {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

function clampRegion(name: string, start: number, size: number, length: number): Region {
  const s = Math.min(Math.max(start, 0), length);
  return { name, start: s, end: Math.min(s + Math.max(size, 0), length) };
}

/** Named regions of the file; whatever they leave out is compared as `other bytes`. */
function regions(loaded: LoadedFile): Region[] {
  const n = loaded.bytes.length;
  if (loaded.kind === 'anec') {
    // The payload is everything after the padded header (0x1000 or 0x800 bytes, by target).
    const payloadAt = loaded.bytes.length - loaded.payload.length;
    const tasksEnd = payloadAt + loaded.taskStreamSize;
    const align = KERNEL_ALIGNMENT_IN_BYTES;
    const kernelStart = payloadAt + Math.ceil(loaded.taskStreamSize / align) * align;
    const kernelSize = safeNumber(loaded.header.krnSize) ?? n;
    return [
      clampRegion('.anec header', 0, payloadAt, n),
      clampRegion('tasks', payloadAt, loaded.taskStreamSize, n),
      clampRegion('padding before the kernel', tasksEnd, kernelStart - tasksEnd, n),
      clampRegion('kernel', kernelStart, kernelSize, n),
    ];
  }
  const { file } = loaded;
  const out = [clampRegion('load commands', 0, tokens.MACH_HEADER_64.len + file.header.sizeofcmds, n)];
  for (const c of file.sections) {
    if (c.dataOffset === 0 || c.dataSize === 0) continue;
    const name = c.role === 'code' ? 'tasks' : c.role === 'kernel' ? 'kernel' : `${c.segmentName},${c.name}`;
    out.push(clampRegion(name, c.dataOffset, c.dataSize, n));
  }
  for (const cmd of file.loadCommands) {
    if (cmd.kind !== 'symtab') continue;
    out.push(clampRegion('symbol table', cmd.symoff, cmd.nsyms * tokens.NLIST_64.len, n));
    out.push(clampRegion('string table', cmd.stroff, cmd.strsize, n));
  }
  return out;
}

/** The bytes of each region and of everything outside them, in file order. */
export function regionBytes(loaded: LoadedFile): [string, Uint8Array][] {
  const bytes = loaded.bytes;
  const covered = new Uint8Array(bytes.length);
  const out: [string, Uint8Array][] = [];
  for (const [key, r] of keyed(regions(loaded), (x) => x.name)) {
    covered.fill(1, r.start, r.end);
    out.push([key, bytes.subarray(r.start, r.end)]);
  }
  const rest: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) if (covered[i] === 0) rest.push(bytes[i]!);
  out.push(['other bytes', Uint8Array.from(rest)]);
  return out;
}

function digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`;
}

function byteFields(out: Fields, regions: readonly [string, Uint8Array][]): void {
  out.in('bytes');
  for (const [name, bytes] of regions) {
    out.add(`bytes.${name}.size`, `${name} size`, 'hex', bytes.length);
    out.add(`bytes.${name}`, `${name} sha-256`, 'digest', digest(bytes));
  }
}

/** Every compared field of one file, in reading order; `regions` are `regionBytes(loaded)`. */
export function fileDiffFields(
  loaded: LoadedFile,
  report: InspectReport,
  options: FieldOptions,
  regions: readonly [string, Uint8Array][],
): Field[] {
  const out = new Fields('file');
  fileFields(out, report);
  machoFields(out, report);
  anecHeaderFields(out, report);
  containerFields(out, report);
  tensorFields(out, report, loaded);
  taskFields(out, report, options);
  byteFields(out, regions);
  return out.list;
}

/** Bytes of a region that differ from the same region in `base` (a longer or shorter tail counts). */
export function differingBytes(base: Uint8Array, other: Uint8Array): number {
  const n = Math.min(base.length, other.length);
  let count = Math.abs(base.length - other.length);
  for (let i = 0; i < n; i += 1) if (base[i] !== other[i]) count += 1;
  return count;
}
