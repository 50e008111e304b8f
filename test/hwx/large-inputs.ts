// Builders of HWX files whose counts are large for their size (long task chains, many symbols on
// one name, many buffer sections), and meters of the work the reader does on them. The reader's
// work must stay proportional to the file's bytes whatever the counts say.

import {
  ANE_BUFFER_PROT_INPUT,
  ANE_CPU_TYPE,
  HWX_MAGIC,
  LC_SEGMENT_64,
  LC_SYMTAB,
  MH_EXECUTE,
  N_GSYM,
  TASK_HEADER_SIZE_IN_BYTES,
  tokens,
} from '../../src/hwx/index.js';

const { LOAD_COMMAND, MACH_HEADER_64, NLIST_64, SECTION_64, SEGMENT_COMMAND_64, SYMTAB_COMMAND, U32_LE, TASK_HEADER } = tokens;

const WORD = U32_LE.len;
/** Where `__text` starts in a chained-task file: past the header and its one load command. */
const TEXT_OFFSET = 0x1000;
const W7_OFFSET = 7 * WORD;
/** nlist type of a plain symbol defined in a section (N_SECT | N_EXT). */
const N_SECT_EXTERNAL = 0x0f;

function header(bytes: Uint8Array, ncmds: number, sizeofcmds: number): void {
  MACH_HEADER_64.put(bytes, 0, { magic: HWX_MAGIC, cputype: ANE_CPU_TYPE, cpusubtype: 4, filetype: MH_EXECUTE, ncmds, sizeofcmds, flags: 0, reserved: 0 });
}

function segment(bytes: Uint8Array, at: number, name: string, sections: readonly { name: string; addr: number; size: number; offset: number }[], prot: number): number {
  const cmdsize = SEGMENT_COMMAND_64.len + sections.length * SECTION_64.len;
  LOAD_COMMAND.put(bytes, at, { cmd: LC_SEGMENT_64, cmdsize });
  SEGMENT_COMMAND_64.put(bytes, at, {
    segname: name,
    vmaddr: BigInt(sections[0]?.addr ?? 0),
    vmsize: 0n,
    fileoff: 0n,
    filesize: 0n,
    maxprot: prot,
    initprot: prot,
    nsects: sections.length,
    flags: 0,
  });
  sections.forEach((s, i) => {
    SECTION_64.put(bytes, at + SEGMENT_COMMAND_64.len + i * SECTION_64.len, {
      sectname: s.name,
      segname: name,
      addr: BigInt(s.addr),
      size: BigInt(s.size),
      offset: s.offset,
      align: 0,
      flags: 0,
    });
  });
  return at + cmdsize;
}

export interface ChainedTasks {
  /** Bytes of `__text`. */
  readonly textSize: number;
  /** Distance between consecutive tasks (at least a task header). */
  readonly step: number;
  /** Word repeated over `__text` before the next-task pointers are written. */
  readonly fill: number;
}

/** `__text` cut into tasks every `step` bytes, each pointing at the next, the last at nothing. */
export function chainedTasksFile({ textSize, step, fill }: ChainedTasks): Uint8Array {
  const bytes = new Uint8Array(TEXT_OFFSET + textSize);
  header(bytes, 1, SEGMENT_COMMAND_64.len + SECTION_64.len);
  segment(bytes, MACH_HEADER_64.len, '__TEXT', [{ name: '__text', addr: 0x30000000, size: textSize, offset: TEXT_OFFSET }], 0);
  for (let at = TEXT_OFFSET; at + WORD <= bytes.length; at += WORD) U32_LE.put(bytes, at, fill);
  for (let at = 0; at + TASK_HEADER.len <= textSize; at += step) {
    const next = at + step;
    U32_LE.put(bytes, TEXT_OFFSET + at + W7_OFFSET, next + TASK_HEADER_SIZE_IN_BYTES <= textSize ? next : 0);
  }
  return bytes;
}

export interface ManySymbols {
  readonly count: number;
  readonly nameLength: number;
  /** 'shared': every symbol names the same string; 'overlapping': each starts one byte further in. */
  readonly naming: 'shared' | 'overlapping';
}

/** A symbol table of `count` entries over one long name (no NUL inside it). */
export function manySymbolsFile({ count, nameLength, naming }: ManySymbols): Uint8Array {
  const symoff = 0x100;
  const stroff = symoff + count * NLIST_64.len;
  const strsize = 1 + nameLength + 1;
  const bytes = new Uint8Array(stroff + strsize);
  header(bytes, 1, SYMTAB_COMMAND.len);
  LOAD_COMMAND.put(bytes, MACH_HEADER_64.len, { cmd: LC_SYMTAB, cmdsize: SYMTAB_COMMAND.len });
  SYMTAB_COMMAND.put(bytes, MACH_HEADER_64.len, { symoff, nsyms: count, stroff, strsize });
  for (let i = 0; i < count; i += 1) {
    const strx = naming === 'shared' ? 1 : 1 + (i % Math.max(1, nameLength));
    NLIST_64.put(bytes, symoff + i * NLIST_64.len, { strx, type: N_GSYM, sect: 0, desc: 0, value: 0n });
  }
  bytes.fill(0x41, stroff + 1, stroff + 1 + nameLength);
  return bytes;
}

export interface ManySections {
  readonly segments: number;
  readonly sectionsPerSegment: number;
  readonly symbols: number;
}

export const BUFFER_BASE_ADDRESS = 0x40000000;
const BUFFER_SPACING = 0x4000;

/**
 * Input-buffer sections with distinct addresses, and symbols that name every other one (`b<i>`)
 * among symbols that name nothing.
 */
export function manySectionsFile({ segments, sectionsPerSegment, symbols }: ManySections): Uint8Array {
  const segmentSize = SEGMENT_COMMAND_64.len + sectionsPerSegment * SECTION_64.len;
  const sizeofcmds = segments * segmentSize + SYMTAB_COMMAND.len;
  const symoff = MACH_HEADER_64.len + sizeofcmds;
  const names = Array.from({ length: symbols }, (_, i) => `b${i}`);
  const strings = new TextEncoder().encode(`\0${names.join('\0')}\0`);
  const stroff = symoff + symbols * NLIST_64.len;
  const bytes = new Uint8Array(stroff + strings.length);
  header(bytes, segments + 1, sizeofcmds);
  let at = MACH_HEADER_64.len;
  for (let s = 0; s < segments; s += 1) {
    const sections = Array.from({ length: sectionsPerSegment }, (_, i) => ({
      name: '__const',
      addr: BUFFER_BASE_ADDRESS + (s * sectionsPerSegment + i) * BUFFER_SPACING,
      size: BUFFER_SPACING,
      offset: 0,
    }));
    at = segment(bytes, at, `__IN${s}`, sections, ANE_BUFFER_PROT_INPUT);
  }
  LOAD_COMMAND.put(bytes, at, { cmd: LC_SYMTAB, cmdsize: SYMTAB_COMMAND.len });
  SYMTAB_COMMAND.put(bytes, at, { symoff, nsyms: symbols, stroff, strsize: strings.length });
  let strx = 1;
  names.forEach((name, i) => {
    // Even symbols name buffer i / 2; odd ones point nowhere, so lookups must skip them.
    const value = i % 2 === 0 ? BUFFER_BASE_ADDRESS + (i / 2) * BUFFER_SPACING : 1;
    NLIST_64.put(bytes, symoff + i * NLIST_64.len, { strx, type: N_SECT_EXTERNAL, sect: 1, desc: 0, value: BigInt(value) });
    strx += name.length + 1;
  });
  bytes.set(strings, stroff);
  return bytes;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function metered<T>(target: object, names: readonly string[], cost: (self: unknown, args: unknown[]) => number, run: () => T): { result: T; work: number } {
  const methods = target as Record<string, Method>;
  const originals = names.map((name) => [name, methods[name]] as const);
  let work = 0;
  for (const [name, original] of originals) {
    if (original === undefined) continue;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      work += cost(this, args);
      return original.apply(this, args);
    };
  }
  try {
    return { result: run(), work };
  } finally {
    for (const [name, original] of originals) if (original !== undefined) methods[name] = original;
  }
}

const SCANS = ['find', 'findIndex', 'findLast', 'findLastIndex', 'indexOf', 'lastIndexOf', 'includes', 'filter', 'some', 'every'];

/** Elements the run scans through Array search methods (a scan per item is what makes joins quadratic). */
export function scanWork<T>(run: () => T): { result: T; work: number } {
  return metered(Array.prototype, SCANS, (self) => (Array.isArray(self) ? self.length : 0), run);
}

/** Bytes the run hands to TextDecoder. */
export function decodeWork<T>(run: () => T): { result: T; work: number } {
  return metered(TextDecoder.prototype, ['decode'], (_self, args) => (args[0] instanceof Uint8Array ? args[0].length : 0), run);
}
