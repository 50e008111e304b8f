// What the writer is asked to build. A description names the choices a compiler makes (layout,
// tensors, tasks, kernel size); every derived number (addresses, strides, offsets, sizes, string
// offsets) is computed by the writer, so a description cannot be internally inconsistent in those.

import { AneccError } from '../hwx/index.js';

/**
 * The file layouts of the compiler versions seen:
 * - v5: compiler v4/v5. `__TEXT` first at the base address, buffers after it, LC_LOADFVMLIB names.
 * - v7: same order, buffer names in command 0x40.
 * - v9: buffers (and `__DEBUG`) first, `__TEXT` after them, compact 0x1f8-byte tasks.
 */
export type HwxLayout = 'v5' | 'v7' | 'v9';
export const hwxLayouts: readonly HwxLayout[] = ['v5', 'v7', 'v9'];

/** [N, C, H, W] of an fp16 tensor; strides follow from these the way the compiler derives them. */
export interface TensorShape {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

/** One I/O tensor: an `__FVMLIB` buffer with its name command, tensor thread, symbol and stab. */
export interface TensorDescription {
  readonly kind: 'input' | 'output';
  /** Symbol and buffer name; outputs get `@output` appended in the tensor thread unless present. */
  readonly name: string;
  readonly shape: TensorShape;
  /** Program-descriptor slot (4..31) the hardware binds this buffer to. */
  readonly slot: number;
}

/** The optional `__DATA,__bss` scratch buffer (program slot 3). */
export interface IntermediateDescription {
  /** Section size in bytes; the segment takes whole 0x4000-byte tiles. */
  readonly size: number;
}

/**
 * A further `__DATA,__bss` scratch buffer, as models like atan2 have: anecc 1.0.9 refuses more
 * than one (it asserts itm_count <= 1), and libane has intermediate slots 2 and 3 only.
 */
export interface ExtraIntermediateDescription extends IntermediateDescription {
  /** Program-descriptor slot (2..31) the hardware binds this buffer to. */
  readonly slot: number;
}

/** One register-write packet: `values.length` words written from byte `address` on. */
export interface PacketDescription {
  readonly address: number;
  readonly values: readonly number[];
}

/** One task descriptor: header words W0..W9, then packets (the first ones at KernelDMA). */
export interface TaskDescription {
  /** Exactly 10 words (7 for an H11 task). */
  readonly header: readonly number[];
  readonly packets: readonly PacketDescription[];
  /** Fixed-layout words after the header (H14 tasks only, which have no packets). */
  readonly body?: readonly number[];
}

/**
 * The generation whose task layout the file gets, when it is not H13 (see src/hwx/generations/):
 * - H11: a 7-word header then packets, no W7 chain, any task size; the program descriptor (flavor 1);
 * - H14: a 10-word header then 54 fixed-offset words (0x100 bytes, td_v11.h); the segment state
 *   (flavor 4) instead of the program descriptor.
 * The segments, names and stabs follow `layout` as for H13.
 */
export type WriterGeneration = 'H11' | 'H14';
export const writerGenerations: readonly WriterGeneration[] = ['H11', 'H14'];

/**
 * Content of `__TEXT,__const` (and of `__DEBUG,__debug_info`): zeros, or a pattern whose every
 * word has low byte 0x01, so it can never equal a word upstream scans for and never forms a
 * printable run long enough to look like a stab.
 */
export type FillKind = 'zeros' | 'pattern';

export interface KernelDescription {
  /** Bytes, a multiple of 16. */
  readonly size: number;
  readonly fill: FillKind;
}

/** `__DEBUG,__debug_info` of v9 builds with debug info: it sits between the buffers and `__TEXT`. */
export interface DebugInfoDescription {
  readonly size: number;
  readonly fill: FillKind;
}

/** An extra tensor stab with no buffer, such as v9's `probs/src` intermediate alias. */
export interface AliasStabDescription {
  readonly name: string;
  readonly shape: TensorShape;
}

export interface HwxDescription {
  readonly layout: HwxLayout;
  /** Mach-O cpusubtype: the ANE generation (4 = H13). */
  readonly cpuSubtype: number;
  /** Task layout of another generation than H13 (undefined: H13). */
  readonly generation?: WriterGeneration;
  /** Goes into LC_IDENT as `zin_ane_compiler v<version>`. */
  readonly compilerVersion: string;
  /** Version of the Espresso front end; v7+ compilers list it as `Module 0` in LC_IDENT. */
  readonly espressoVersion: string | undefined;
  /** Compiler flags listed in LC_IDENT, one per line (`-t h13`, ...). */
  readonly compilerFlags: readonly string[];
  /** Name referenced by the program and tensor threads (`net`). */
  readonly networkName: string;
  /** I/O tensors, in buffer-address order. */
  readonly tensors: readonly TensorDescription[];
  readonly intermediate: IntermediateDescription | undefined;
  /** Scratch buffers after `intermediate` (none when absent). */
  readonly extraIntermediates?: readonly ExtraIntermediateDescription[];
  readonly tasks: readonly TaskDescription[];
  readonly kernel: KernelDescription;
  /** Only in layout v9. */
  readonly debugInfo: DebugInfoDescription | undefined;
  /** Stabs written after the tensor stabs. */
  readonly aliasStabs: readonly AliasStabDescription[];
  /** The LC_NOTE "src model info" compiler v5.4.1 writes. */
  readonly sourceModelNote: boolean;
}

/** A reason the writer refuses a description; `path` points into the description. */
export interface WriterIssue {
  readonly code:
    | 'not_an_integer'
    | 'out_of_range'
    | 'not_aligned'
    | 'bad_name'
    | 'bad_count'
    | 'duplicate_slot'
    | 'bad_first_packet'
    | 'bad_task_size'
    | 'bad_chain'
    | 'too_large'
    | 'not_in_layout';
  readonly path: readonly (string | number)[];
  /** One line saying what was expected and what came. */
  readonly detail: string;
}

export class HwxWriteError extends AneccError<'hwx_write'> {
  override readonly name = 'HwxWriteError';
  readonly issues: readonly WriterIssue[];

  constructor(issues: readonly WriterIssue[]) {
    super(
      'hwx_write',
      `cannot write HWX: ${issues.map((issue) => `${issue.path.join('.') || '(description)'}: ${issue.detail}`).join('; ')}`,
    );
    this.issues = issues;
  }
}
