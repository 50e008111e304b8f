// Where everything goes: addresses, file offsets, load-command sizes, symbols and strings. Pure
// numbers; write-hwx.ts only copies them into bytes.

import {
  ANE_BASE_ADDRESS,
  KERNEL_ALIGNMENT_IN_BYTES,
  N_GSYM,
  SEGMENT_ALIGNMENT_IN_BYTES,
  TILE_SIZE_IN_BYTES,
  tokens,
} from '../hwx/index.js';
import { alignUp, tensorGeometry, textSegmentSize } from './geometry.js';
import type { TensorGeometry } from './geometry.js';
import { elementTypeStabs, firstTensorTypeNumber, tensorStab, TYPES_PER_TENSOR_STAB } from './stabs.js';
import { placeTasks } from './tasks.js';
import type { TaskPlacement } from './tasks.js';
import type { HwxDescription, HwxLayout, TensorDescription } from './types.js';
import { HwxWriteError } from './types.js';

const {
  BUFFER_NAME_COMMAND,
  FVMLIB_COMMAND,
  LOAD_COMMAND,
  MACH_HEADER_64,
  NLIST_64,
  SECTION_64,
  SEGMENT_COMMAND_64,
  SYMTAB_COMMAND,
  THREAD_COMMAND,
} = tokens;

/** Load commands are padded to 8 bytes. */
const COMMAND_ALIGNMENT_IN_BYTES = 8;
/** Flavor-1 state size in words: compiler v7 added three words at the end. */
const programStateWords: Readonly<Record<HwxLayout, number>> = { v5: 0x214, v7: 0x21a, v9: 0x21a };
const SEGMENT_STATE_WORDS = 0x21e;
/** Flavor-3 state size in words (compiler v5.4.1 and later). */
export const TENSOR_STATE_WORDS = 0x34a;
/** The LC_NOTE of compiler v5.4.1 is this long (its 40-byte record plus 8 zero bytes). */
const NOTE_COMMAND_SIZE_IN_BYTES = 0x30;
/** Outputs are named `<name>@output` in their tensor thread. */
const OUTPUT_SUFFIX = '@output';
/** The address space ends here: the scanned words and the v5 name command hold 32-bit addresses. */
const ADDRESS_LIMIT = 2 ** 32;

/** nlist types: a defined external symbol in a section, a local type stab (a global tensor stab is the reader's N_GSYM). */
const N_SECT_EXT = 0x0f;
const N_LSYM = 0x80;
/** Compilers before v9 mark input buffer symbols with desc 2. */
const INPUT_SYMBOL_DESC = 2;

export interface PlannedTensor {
  readonly description: TensorDescription;
  readonly geometry: TensorGeometry;
  readonly addr: number;
  /** 1-based section number, as nlist `n_sect` counts. */
  readonly sectionOrdinal: number;
  /** Names in the tensor thread. */
  readonly threadName: string;
  readonly bufferName: string;
}

interface PlannedRegion {
  readonly addr: number;
  readonly vmsize: number;
  readonly fileoff: number;
  readonly size: number;
  readonly sectionOrdinal: number;
}

interface PlannedSymbol {
  readonly text: string;
  readonly type: number;
  readonly sect: number;
  readonly desc: number;
  readonly value: number;
}

type CommandKind =
  | 'pagezero'
  | 'text'
  | 'fvmlib'
  | 'intermediate'
  | 'extra-intermediate'
  | 'debug'
  | 'buffer-name'
  | 'program'
  | 'tensor'
  | 'ident'
  | 'note'
  | 'symtab';

export interface PlannedCommand {
  readonly kind: CommandKind;
  readonly offset: number;
  readonly size: number;
  /** Index into `tensors` for the per-tensor commands, into `extraIntermediates` for those. */
  readonly tensor: number | undefined;
}

export interface HwxPlan {
  readonly description: HwxDescription;
  readonly tasks: TaskPlacement;
  readonly text: PlannedRegion & { readonly constAddr: number; readonly constOffset: number };
  readonly tensors: readonly PlannedTensor[];
  readonly intermediate: PlannedRegion | undefined;
  readonly extraIntermediates: readonly PlannedRegion[];
  readonly debug: PlannedRegion | undefined;
  readonly programStateWords: number;
  readonly identText: string;
  readonly commands: readonly PlannedCommand[];
  readonly sizeofcmds: number;
  readonly symbols: readonly PlannedSymbol[];
  /** String-table offset of each symbol's text. */
  readonly strx: readonly number[];
  readonly symoff: number;
  readonly stroff: number;
  readonly strsize: number;
  readonly fileSize: number;
}

const encoder = new TextEncoder();
const byteLength = (text: string): number => encoder.encode(text).length;
const cstringSize = (text: string): number => byteLength(text) + 1;

function identText(d: HwxDescription): string {
  const frontEnd =
    d.espressoVersion === undefined
      ? ''
      : ` Module 0: \n\t CompilationMethod: V1\n\t ModuleBundleName: com.apple.EspressoFramework\n` +
        `\t ModuleCompilationFlags: \n\t ModuleVersion: ${d.espressoVersion}\n\n`;
  return (
    `ANEC v1\nzin_ane_compiler v${d.compilerVersion}\n\n${frontEnd} Module ANEC: \n` +
    `\t ModuleBundleName: com.apple.ANECompilerFramework\n\t ModuleVersion: ${d.compilerVersion}\n` +
    `\t ModuleCompilationFlags: \n${d.compilerFlags.map((flag) => `\t${flag}\n`).join('')}`
  );
}

function threadNames(t: TensorDescription): { readonly threadName: string; readonly bufferName: string } {
  if (t.kind === 'input') return { threadName: t.name, bufferName: t.name };
  return { threadName: t.name.endsWith(OUTPUT_SUFFIX) ? t.name : `${t.name}${OUTPUT_SUFFIX}`, bufferName: t.name };
}

export function planHwx(d: HwxDescription): HwxPlan {
  const tasks = placeTasks(d.tasks);
  const textVmsize = textSegmentSize(tasks.streamSize, d.kernel.size);
  const early = d.layout !== 'v9';

  // Address space, in segment order.
  let cursor = ANE_BASE_ADDRESS;
  const textAddr = early ? cursor : 0;
  if (early) cursor += textVmsize;
  const extras = d.extraIntermediates ?? [];
  const scratchCount = (d.intermediate ? 1 : 0) + extras.length;
  const textOrdinal = early ? 1 : d.tensors.length + scratchCount + (d.debugInfo ? 1 : 0) + 1;
  const firstBufferOrdinal = early ? 3 : 1;
  const tensors = d.tensors.map((description, i): PlannedTensor => {
    const geometry = tensorGeometry(description.shape);
    const addr = cursor;
    cursor += geometry.bufferSize;
    return { description, geometry, addr, sectionOrdinal: firstBufferOrdinal + i, ...threadNames(description) };
  });
  let intermediate: PlannedRegion | undefined;
  if (d.intermediate) {
    const vmsize = alignUp(d.intermediate.size, TILE_SIZE_IN_BYTES);
    intermediate = { addr: cursor, vmsize, fileoff: 0, size: d.intermediate.size, sectionOrdinal: firstBufferOrdinal + tensors.length };
    cursor += vmsize;
  }
  const extraIntermediates = extras.map((x, i): PlannedRegion => {
    const vmsize = alignUp(x.size, TILE_SIZE_IN_BYTES);
    const region = { addr: cursor, vmsize, fileoff: 0, size: x.size, sectionOrdinal: firstBufferOrdinal + tensors.length + (intermediate ? 1 : 0) + i };
    cursor += vmsize;
    return region;
  });
  let debugAddr = 0;
  if (d.debugInfo) {
    debugAddr = cursor;
    cursor += alignUp(d.debugInfo.size, SEGMENT_ALIGNMENT_IN_BYTES);
  }
  const finalTextAddr = early ? textAddr : cursor;
  if (!early) cursor += textVmsize;
  if (cursor > ADDRESS_LIMIT) {
    throw new HwxWriteError([{ code: 'too_large', path: [], detail: `segments end at 0x${cursor.toString(16)}, past the 32-bit address space` }]);
  }

  // Load commands, in the order the compiler writes them.
  const ident = identText(d);
  const commands: PlannedCommand[] = [];
  let offset = MACH_HEADER_64.len;
  const push = (kind: CommandKind, size: number, tensor?: number): void => {
    commands.push({ kind, offset, size, tensor });
    offset += size;
  };
  const segment = (nsects: number): number => SEGMENT_COMMAND_64.len + nsects * SECTION_64.len;
  push('pagezero', segment(0));
  if (early) push('text', segment(2));
  tensors.forEach((_, i) => push('fvmlib', segment(1), i));
  if (intermediate) push('intermediate', segment(1));
  extraIntermediates.forEach((_, i) => push('extra-intermediate', segment(1), i));
  if (d.debugInfo) push('debug', segment(1));
  if (!early) push('text', segment(2));
  const nameHeader = d.layout === 'v5' ? FVMLIB_COMMAND.len : BUFFER_NAME_COMMAND.len;
  tensors.forEach((t, i) => push('buffer-name', alignUp(nameHeader + cstringSize(t.description.name), COMMAND_ALIGNMENT_IN_BYTES), i));
  // H14's segment state (flavor 4) has 542 words in generations/matmul_h14.hwx.
  const stateWords = d.generation === 'H14' ? SEGMENT_STATE_WORDS : programStateWords[d.layout];
  push('program', THREAD_COMMAND.len + stateWords * 4 + alignUp(cstringSize(d.networkName), COMMAND_ALIGNMENT_IN_BYTES));
  tensors.forEach((t, i) => {
    const strings = cstringSize(d.networkName) + cstringSize(t.threadName) + cstringSize(t.bufferName);
    push('tensor', alignUp(THREAD_COMMAND.len + TENSOR_STATE_WORDS * 4 + strings, COMMAND_ALIGNMENT_IN_BYTES), i);
  });
  push('ident', alignUp(LOAD_COMMAND.len + cstringSize(ident), COMMAND_ALIGNMENT_IN_BYTES));
  if (d.sourceModelNote) push('note', NOTE_COMMAND_SIZE_IN_BYTES);
  push('symtab', SYMTAB_COMMAND.len);
  const sizeofcmds = offset - MACH_HEADER_64.len;

  // Symbols: buffers, element types, tensor stabs, alias stabs.
  const symbols: PlannedSymbol[] = tensors.map((t) => ({
    text: t.description.name,
    type: N_SECT_EXT,
    sect: t.sectionOrdinal,
    desc: d.layout !== 'v9' && t.description.kind === 'input' ? INPUT_SYMBOL_DESC : 0,
    value: t.addr,
  }));
  for (const text of elementTypeStabs(d.layout)) symbols.push({ text, type: N_LSYM, sect: 0, desc: 0, value: 0 });
  let typeNumber = firstTensorTypeNumber(d.layout);
  for (const stabbed of [...d.tensors, ...d.aliasStabs]) {
    symbols.push({ text: tensorStab(stabbed.name, stabbed.shape, typeNumber), type: N_GSYM, sect: 0, desc: typeNumber, value: 0 });
    typeNumber += TYPES_PER_TENSOR_STAB;
  }
  const strx: number[] = [];
  let strsize = 1; // the table opens with the empty string
  for (const symbol of symbols) {
    strx.push(strsize);
    strsize += cstringSize(symbol.text);
  }
  const symoff = offset;
  const stroff = symoff + symbols.length * NLIST_64.len;
  const headerEnd = alignUp(stroff + strsize, SEGMENT_ALIGNMENT_IN_BYTES);

  // File: load-command area, then (v9) debug info, then __TEXT.
  const debugVmsize = d.debugInfo ? alignUp(d.debugInfo.size, SEGMENT_ALIGNMENT_IN_BYTES) : 0;
  const debug: PlannedRegion | undefined = d.debugInfo
    ? {
        addr: debugAddr,
        vmsize: debugVmsize,
        fileoff: headerEnd,
        size: d.debugInfo.size,
        sectionOrdinal: firstBufferOrdinal + tensors.length + scratchCount,
      }
    : undefined;
  const textFileoff = headerEnd + debugVmsize;
  const constOffsetInText = alignUp(tasks.streamSize, KERNEL_ALIGNMENT_IN_BYTES);
  return {
    description: d,
    tasks,
    text: {
      addr: finalTextAddr,
      vmsize: textVmsize,
      fileoff: textFileoff,
      size: tasks.streamSize,
      sectionOrdinal: textOrdinal,
      constAddr: finalTextAddr + constOffsetInText,
      constOffset: textFileoff + constOffsetInText,
    },
    tensors,
    intermediate,
    extraIntermediates,
    debug,
    programStateWords: stateWords,
    identText: ident,
    commands,
    sizeofcmds,
    symbols,
    strx,
    symoff,
    stroff,
    strsize,
    fileSize: textFileoff + textVmsize,
  };
}
