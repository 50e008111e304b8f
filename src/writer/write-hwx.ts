// Puts a planned HWX file into bytes. One allocation of the final size; every record goes
// through the reader's token for it (src/hwx/tokens.ts), so writer and reader share field offsets.

import {
  ANE_BUFFER_PROT_INPUT,
  ANE_BUFFER_PROT_INTERMEDIATE,
  ANE_BUFFER_PROT_OUTPUT,
  ANE_CPU_TYPE,
  FP16_ELEMENT_TYPE,
  FP16_SIZE_IN_BYTES,
  HWX_HEADER_FLAGS,
  HWX_MAGIC,
  LC_ANE_BUFFER_NAME,
  LC_IDENT,
  LC_LOADFVMLIB,
  LC_NOTE,
  LC_SEGMENT_64,
  LC_SYMTAB,
  LC_THREAD,
  MH_EXECUTE,
  PROGRAM_SLOT_INTERMEDIATE,
  PROGRAM_SLOT_KERNEL,
  PROGRAM_SLOT_TEXT,
  SEGMENT_ALIGNMENT_IN_BYTES,
  SG_FVMLIB_NORELOC,
  SG_NORELOC,
  SLOT_COUNT,
  THREAD_FLAVOR_PROGRAM,
  THREAD_FLAVOR_SEGMENT,
  THREAD_FLAVOR_TENSOR,
  tokens,
} from '../hwx/index.js';
import { fillSection } from './fill.js';
import { planHwx, TENSOR_STATE_WORDS } from './plan.js';
import type { HwxPlan, PlannedCommand, PlannedTensor } from './plan.js';
import { putTask, taskSize } from './tasks.js';
import type { HwxDescription } from './types.js';
import { HwxWriteError } from './types.js';
import { validateDescription } from './validate.js';

/** Segment flags besides the buffers' (SG_NORELOC, SG_FVMLIB_NORELOC, shared with the reader). */
const SG_NONE = 0;
/** Memory protections, as (maxprot, initprot) pairs; the buffers' are the reader's ANE_BUFFER_PROT_*. */
const PROT_NONE = 0;
const PROT_TEXT = 5; // read | execute
const PROT_DEBUG = 1;
/** Section alignment exponents and flags as the compiler writes them. */
const BUFFER_SECTION_ALIGN = 14;
const TASK_SECTION_ALIGN = 14;
const KERNEL_SECTION_ALIGN = 6;
const TASK_SECTION_FLAGS = 0x28;
const KERNEL_SECTION_FLAGS = 0x26;
const INPUT_SECTION_FLAGS = 0x21;
const OUTPUT_SECTION_FLAGS = 0x23;
const BSS_SECTION_FLAGS = 0x1; // S_ZEROFILL
const DEBUG_SECTION_FLAGS = 0x02000000; // S_ATTR_DEBUG
/** Tensor-thread direction codes. */
const DIRECTION_INPUT = 1;
const DIRECTION_OUTPUT = 2;
/** Words constant in every real file; meaning unknown. */
const TENSOR_WORD_0X0 = 3;
const TENSOR_WORD_0X68 = 1;
const TENSOR_SIZE_D = 1;
const PROGRAM_WORD_0X814 = 0xffff;
const PROGRAM_WORD_0X840 = 0x11;
const PROGRAM_WORD_0X848_V5 = 3;
const PROGRAM_WORD_0X848_V7 = 4;
const PROGRAM_WORD_0X850_V7 = 1;
const PROGRAM_WORD_0X858_V7 = 9;
const PROGRAM_WORD_0X85C_V7 = 8;
/** The LC_NOTE of compiler v5.4.1. */
const NOTE_OWNER = 'src model info';
const NOTE_DATA_OFFSET = 0x28;
const NOTE_DATA_SIZE = 1;

const {
  BUFFER_NAME_COMMAND,
  FVMLIB_COMMAND,
  LOAD_COMMAND,
  MACH_HEADER_64,
  NLIST_64,
  NOTE_COMMAND,
  PROGRAM_SLOT_TABLE,
  PROGRAM_TASK_INFO,
  SEGMENT_STATE_INFO,
  PROGRAM_TRAILER_WORDS,
  PROGRAM_V7_WORDS,
  SECTION_64,
  SEGMENT_COMMAND_64,
  SYMTAB_COMMAND,
  TENSOR_DESCRIPTOR,
  THREAD_COMMAND,
} = tokens;

const encoder = new TextEncoder();

/** A load command: the common header, then the command's own fields (which start after it). */
function putLoadCommand<T>(bytes: Uint8Array, at: number, cmd: number, cmdsize: number, token: tokens.Token<T>, value: T): void {
  LOAD_COMMAND.put(bytes, at, { cmd, cmdsize });
  token.put(bytes, at, value);
}

/** u64 fields are bigint in the tokens; the plan's numbers stay below 2^53. */
const u64 = (value: number): bigint => BigInt(value);

function putCString(bytes: Uint8Array, offset: number, text: string): number {
  const encoded = encoder.encode(text);
  bytes.set(encoded, offset);
  return offset + encoded.length + 1;
}

/** Builds the HWX file a description stands for. Throws HwxWriteError when it is not valid. */
export function writeHwx(description: HwxDescription): Uint8Array {
  const issues = validateDescription(description);
  if (issues.length > 0) throw new HwxWriteError(issues);
  const plan = planHwx(description);
  const bytes = new Uint8Array(plan.fileSize);

  MACH_HEADER_64.put(bytes, 0, {
    magic: HWX_MAGIC,
    cputype: ANE_CPU_TYPE,
    cpusubtype: description.cpuSubtype,
    filetype: MH_EXECUTE,
    ncmds: plan.commands.length,
    sizeofcmds: plan.sizeofcmds,
    flags: HWX_HEADER_FLAGS,
    reserved: 0,
  });
  for (const command of plan.commands) putCommand(bytes, plan, command);

  plan.symbols.forEach((symbol, i) => {
    NLIST_64.put(bytes, plan.symoff + i * NLIST_64.len, {
      strx: plan.strx[i] ?? 0,
      type: symbol.type,
      sect: symbol.sect,
      desc: symbol.desc,
      value: u64(symbol.value),
    });
    putCString(bytes, plan.stroff + (plan.strx[i] ?? 0), symbol.text);
  });

  plan.tasks.offsets.forEach((at, i) => {
    const task = description.tasks[i];
    if (task) putTask(bytes, plan.text.fileoff + at, task);
  });
  fillSection(bytes, plan.text.constOffset, description.kernel.size, description.kernel.fill);
  if (plan.debug && description.debugInfo) fillSection(bytes, plan.debug.fileoff, plan.debug.size, description.debugInfo.fill);
  return bytes;
}

function tensorAt(plan: HwxPlan, command: PlannedCommand): PlannedTensor {
  const tensor = command.tensor === undefined ? undefined : plan.tensors[command.tensor];
  if (tensor === undefined) throw new Error(`internal: ${command.kind} command without its tensor`);
  return tensor;
}

function putCommand(bytes: Uint8Array, plan: HwxPlan, command: PlannedCommand): void {
  const d = plan.description;
  const at = command.offset;
  const cmdsize = command.size;
  const segment = (value: tokens.SegmentCommand64): void => putLoadCommand(bytes, at, LC_SEGMENT_64, cmdsize, SEGMENT_COMMAND_64, value);
  const sectionAt = SEGMENT_COMMAND_64.len + at;
  switch (command.kind) {
    case 'pagezero':
      segment({ segname: '__PAGEZERO', vmaddr: 0n, vmsize: u64(SEGMENT_ALIGNMENT_IN_BYTES), fileoff: 0n, filesize: 0n, maxprot: PROT_NONE, initprot: PROT_NONE, nsects: 0, flags: SG_NORELOC });
      return;
    case 'text': {
      const t = plan.text;
      segment({ segname: '__TEXT', vmaddr: u64(t.addr), vmsize: u64(t.vmsize), fileoff: u64(t.fileoff), filesize: u64(t.vmsize), maxprot: PROT_TEXT, initprot: PROT_TEXT, nsects: 2, flags: SG_NORELOC });
      const next = SECTION_64.put(bytes, sectionAt, { sectname: '__text', segname: '__TEXT', addr: u64(t.addr), size: u64(t.size), offset: t.fileoff, align: TASK_SECTION_ALIGN, flags: TASK_SECTION_FLAGS });
      SECTION_64.put(bytes, next, { sectname: '__const', segname: '__TEXT', addr: u64(t.constAddr), size: u64(d.kernel.size), offset: t.constOffset, align: KERNEL_SECTION_ALIGN, flags: KERNEL_SECTION_FLAGS });
      return;
    }
    case 'fvmlib': {
      const t = tensorAt(plan, command);
      const input = t.description.kind === 'input';
      const prot = input ? ANE_BUFFER_PROT_INPUT : ANE_BUFFER_PROT_OUTPUT;
      segment({ segname: '__FVMLIB', vmaddr: u64(t.addr), vmsize: u64(t.geometry.bufferSize), fileoff: 0n, filesize: 0n, maxprot: prot, initprot: prot, nsects: 1, flags: SG_FVMLIB_NORELOC });
      SECTION_64.put(bytes, sectionAt, { sectname: input ? '__const' : '__data', segname: '__FVMLIB', addr: u64(t.addr), size: u64(t.geometry.byteSize), offset: 0, align: BUFFER_SECTION_ALIGN, flags: input ? INPUT_SECTION_FLAGS : OUTPUT_SECTION_FLAGS });
      return;
    }
    case 'intermediate':
    case 'extra-intermediate': {
      const r = command.kind === 'intermediate' ? plan.intermediate : plan.extraIntermediates[command.tensor ?? 0];
      if (!r) return;
      segment({ segname: '__DATA', vmaddr: u64(r.addr), vmsize: u64(r.vmsize), fileoff: 0n, filesize: 0n, maxprot: ANE_BUFFER_PROT_INTERMEDIATE, initprot: ANE_BUFFER_PROT_INTERMEDIATE, nsects: 1, flags: SG_NORELOC });
      SECTION_64.put(bytes, sectionAt, { sectname: '__bss', segname: '__DATA', addr: u64(r.addr), size: u64(r.size), offset: 0, align: BUFFER_SECTION_ALIGN, flags: BSS_SECTION_FLAGS });
      return;
    }
    case 'debug': {
      const r = plan.debug;
      if (!r) return;
      segment({ segname: '__DEBUG', vmaddr: u64(r.addr), vmsize: u64(r.vmsize), fileoff: u64(r.fileoff), filesize: u64(r.vmsize), maxprot: PROT_DEBUG, initprot: PROT_DEBUG, nsects: 1, flags: SG_NONE });
      SECTION_64.put(bytes, sectionAt, { sectname: '__debug_info', segname: '__DEBUG', addr: u64(r.addr), size: u64(r.size), offset: r.fileoff, align: 0, flags: DEBUG_SECTION_FLAGS });
      return;
    }
    case 'buffer-name': {
      const t = tensorAt(plan, command);
      if (d.layout === 'v5') {
        putLoadCommand(bytes, at, LC_LOADFVMLIB, cmdsize, FVMLIB_COMMAND, { nameOffset: FVMLIB_COMMAND.len, headerAddr: t.addr });
        putCString(bytes, at + FVMLIB_COMMAND.len, t.description.name);
      } else {
        putLoadCommand(bytes, at, LC_ANE_BUFFER_NAME, cmdsize, BUFFER_NAME_COMMAND, { nameOffset: BUFFER_NAME_COMMAND.len, vmaddr: u64(t.addr) });
        putCString(bytes, at + BUFFER_NAME_COMMAND.len, t.description.name);
      }
      return;
    }
    case 'program':
      putProgram(bytes, plan, command);
      return;
    case 'tensor':
      putTensor(bytes, plan, command);
      return;
    case 'ident':
      LOAD_COMMAND.put(bytes, at, { cmd: LC_IDENT, cmdsize });
      putCString(bytes, at + LOAD_COMMAND.len, plan.identText);
      return;
    case 'note':
      putLoadCommand(bytes, at, LC_NOTE, cmdsize, NOTE_COMMAND, { owner: NOTE_OWNER, offset: u64(NOTE_DATA_OFFSET), size: u64(NOTE_DATA_SIZE) });
      return;
    case 'symtab':
      putLoadCommand(bytes, at, LC_SYMTAB, cmdsize, SYMTAB_COMMAND, { symoff: plan.symoff, nsyms: plan.symbols.length, stroff: plan.stroff, strsize: plan.strsize });
      return;
    default: {
      const unreachable: never = command.kind;
      throw new Error(`internal: unknown command kind ${String(unreachable)}`);
    }
  }
}

/** H14 files bind `__const` at slot 2 of the segment state (generations/matmul_h14.hwx). */
const SEGMENT_SLOT_KERNEL = 2;
/** Segment-state words of generations/matmul_h14.hwx: header size 4 words, ene 0xffff. */
const SEGMENT_HEADER_WORDS = 4;
const SEGMENT_ENE = 0xffff;

function putProgram(bytes: Uint8Array, plan: HwxPlan, command: PlannedCommand): void {
  const d = plan.description;
  const state = command.offset + THREAD_COMMAND.len;
  const stateBytes = plan.programStateWords * 4;
  const segment = d.generation === 'H14';
  const flavor = segment ? THREAD_FLAVOR_SEGMENT : THREAD_FLAVOR_PROGRAM;
  putLoadCommand(bytes, command.offset, LC_THREAD, command.size, THREAD_COMMAND, { flavor, count: plan.programStateWords });
  const slots = new Array<number>(SLOT_COUNT).fill(0);
  slots[PROGRAM_SLOT_TEXT] = plan.text.addr;
  slots[segment ? SEGMENT_SLOT_KERNEL : PROGRAM_SLOT_KERNEL] = plan.text.constAddr;
  if (plan.intermediate) slots[PROGRAM_SLOT_INTERMEDIATE] = plan.intermediate.addr;
  (d.extraIntermediates ?? []).forEach((x, i) => {
    slots[x.slot] = plan.extraIntermediates[i]!.addr;
  });
  for (const t of plan.tensors) slots[t.description.slot] = t.addr;
  PROGRAM_SLOT_TABLE.put(bytes, state, slots.map(u64));
  const firstTask = d.tasks[0];
  if (segment) {
    const words = d.tasks.reduce((n, t) => n + taskSize(t) / 4, 0);
    SEGMENT_STATE_INFO.put(bytes, state, {
      segAddr: u64(plan.text.addr),
      sectIdx: 0n,
      segHeaderSize: SEGMENT_HEADER_WORDS,
      segWords: words,
      segId: 0,
      firstTdId: 0,
      tdCount: d.tasks.length,
      nextSegmentCount: 0,
      nextSegmentId0: 0,
      nextSegmentId1: 0,
      ane: 0,
      ene: SEGMENT_ENE,
    });
    putCString(bytes, state + stateBytes, d.networkName);
    return;
  }
  const late = d.layout !== 'v5';
  PROGRAM_TASK_INFO.put(bytes, state, {
    firstTaskAddress: u64(plan.text.addr),
    firstTaskWordMarker: firstTask ? taskSize(firstTask) / 4 - 1 : 0,
    taskCount: d.tasks.length,
    word0x810: 0,
    word0x814: PROGRAM_WORD_0X814,
    nameOffset: THREAD_COMMAND.len + stateBytes,
  });
  PROGRAM_TRAILER_WORDS.put(bytes, state, {
    word0x840: PROGRAM_WORD_0X840,
    word0x848: late ? PROGRAM_WORD_0X848_V7 : PROGRAM_WORD_0X848_V5,
  });
  // A v5 state ends before these words; the network name follows it there.
  if (late) PROGRAM_V7_WORDS.put(bytes, state, { word0x850: PROGRAM_WORD_0X850_V7, word0x858: PROGRAM_WORD_0X858_V7, word0x85c: PROGRAM_WORD_0X85C_V7 });
  putCString(bytes, state + stateBytes, d.networkName);
}

function putTensor(bytes: Uint8Array, plan: HwxPlan, command: PlannedCommand): void {
  const t = tensorAt(plan, command);
  const g = t.geometry;
  const input = t.description.kind === 'input';
  const state = command.offset + THREAD_COMMAND.len;
  putLoadCommand(bytes, command.offset, LC_THREAD, command.size, THREAD_COMMAND, { flavor: THREAD_FLAVOR_TENSOR, count: TENSOR_STATE_WORDS });
  const networkNameOffset = THREAD_COMMAND.len + TENSOR_STATE_WORDS * 4;
  const nameOffset = putCString(bytes, command.offset + networkNameOffset, plan.description.networkName) - command.offset;
  const bufferNameOffset = putCString(bytes, command.offset + nameOffset, t.threadName) - command.offset;
  putCString(bytes, command.offset + bufferNameOffset, t.bufferName);
  const s = t.description.shape;
  TENSOR_DESCRIPTOR.put(bytes, state, {
    word0x0: TENSOR_WORD_0X0,
    direction: input ? DIRECTION_INPUT : DIRECTION_OUTPUT,
    networkNameOffset,
    nameOffset,
    elementType: FP16_ELEMENT_TYPE,
    sizeN: s.n,
    sizeC: s.c,
    sizeH: s.h,
    sizeW: s.w,
    sizeD: TENSOR_SIZE_D,
    strideN: u64(g.batchStride),
    strideC: u64(g.planeStride),
    strideH: u64(g.rowStride),
    strideW: u64(FP16_SIZE_IN_BYTES),
    // Depth is one, so the D stride spans the whole tensor.
    strideD: u64(g.byteSize),
    word0x68: TENSOR_WORD_0X68,
    bufferNameOffset,
    // Compiler v5 records how far an output is written; v7 and later the whole size.
    extent: plan.description.layout === 'v5' && !input ? g.extent : g.byteSize,
  });
}
