// The model of an HWX file: what src/hwx returns and every tool reads. Plain readonly data:
// numbers only (no bigint), so it can be compared, snapshotted and written as JSON as is.
// Every node read from the file carries the absolute file `offset` and `size` of its record.

import type { HwxIssue } from './issues.js';

/** Where a node sits in the file: absolute byte offset and byte size of its on-disk record. */
export interface Located {
  readonly offset: number;
  readonly size: number;
}

export interface HwxHeader extends Located {
  readonly kind: 'header';
  readonly magic: number;
  readonly cputype: number;
  readonly cpusubtype: number;
  /** ANE generation named by cpusubtype (H13 ...), or its hex when unknown. */
  readonly generation: string;
  readonly filetype: number;
  readonly ncmds: number;
  readonly sizeofcmds: number;
  readonly flags: number;
  readonly reserved: number;
}

/** Which buffer a section stands for, from its segment protections. */
export type SectionRole = 'code' | 'kernel' | 'input' | 'output' | 'intermediate' | 'other';

export interface Section extends Located {
  readonly kind: 'section';
  readonly name: string;
  readonly segmentName: string;
  readonly addr: number;
  /** Bytes of data (Mach-O `size`). */
  readonly dataSize: number;
  /** File offset of the data (0 for buffers that have none in the file). */
  readonly dataOffset: number;
  readonly align: number;
  readonly flags: number;
  /** Copied from the segment: they decide the role of I/O buffers. */
  readonly maxprot: number;
  readonly initprot: number;
  readonly role: SectionRole;
}

export interface SegmentCommand extends Located {
  readonly kind: 'segment';
  readonly cmd: number;
  readonly name: string;
  readonly vmaddr: number;
  readonly vmsize: number;
  readonly fileoff: number;
  readonly filesize: number;
  readonly maxprot: number;
  readonly initprot: number;
  readonly flags: number;
  readonly sections: readonly Section[];
}

export interface SymtabCommand extends Located {
  readonly kind: 'symtab';
  readonly cmd: number;
  readonly symoff: number;
  readonly nsyms: number;
  readonly stroff: number;
  readonly strsize: number;
}

export interface ThreadCommand extends Located {
  readonly kind: 'thread';
  readonly cmd: number;
  readonly flavor: number;
  /** State size in 32-bit words, as declared. */
  readonly count: number;
  /** Absolute file offset of the state. */
  readonly stateOffset: number;
}

/** LC_LOADFVMLIB (v5 and older) or command 0x40 (v7 and later): the name of one I/O buffer. */
export interface BufferNameCommand extends Located {
  readonly kind: 'buffer-name';
  readonly cmd: number;
  readonly name: string;
  readonly vmaddr: number;
}

export interface IdentCommand extends Located {
  readonly kind: 'ident';
  readonly cmd: number;
  readonly ident: Ident;
}

export interface NoteCommand extends Located {
  readonly kind: 'note';
  readonly cmd: number;
  readonly owner: string;
  readonly dataOffset: number;
  readonly dataSize: number;
}

export interface UnknownCommand extends Located {
  readonly kind: 'unknown';
  readonly cmd: number;
}

export type LoadCommand =
  | SegmentCommand
  | SymtabCommand
  | ThreadCommand
  | BufferNameCommand
  | IdentCommand
  | NoteCommand
  | UnknownCommand;

/** LC_IDENT text, with the parts tools ask about. */
export interface Ident {
  readonly text: string;
  /** e.g. `zin_ane_compiler v9.509.0`, undefined when absent. */
  readonly compiler: string | undefined;
  /** e.g. `9.509.0`. */
  readonly compilerVersion: string | undefined;
  /** Compiler command-line flags (`-t h13`, `--fdram-allocator=ffreuse`, ...), in order. */
  readonly flags: readonly string[];
}

/** LC_THREAD flavor 1: the program descriptor. */
export interface ProgramDescriptor extends Located {
  readonly kind: 'program';
  /** 32 buffer addresses: 0 __text, 1 __const, 3 __bss, 4.. I/O buffers (0 = unused). */
  readonly slots: readonly number[];
  readonly firstTaskAddress: number;
  /** First task's word count minus one: 0x9c for the full task, 0x7d for the compact one. */
  readonly firstTaskWordMarker: number;
  readonly taskCount: number;
  /** Network name (`net`), when the string reference is valid. */
  readonly networkName: string | undefined;
  /** `ane` and `ene` words of the state (AlexAltea/ane hwx.h hwx_ane_td_state). */
  readonly ane: number;
  readonly ene: number;
}

/** LC_THREAD flavor 4 (H14, H15): the segment state, which takes the program descriptor's place. */
export interface SegmentState extends Located {
  readonly kind: 'segment-state';
  /** 32 buffer addresses, as in the program descriptor. */
  readonly slots: readonly number[];
  readonly segAddr: number;
  readonly sectIdx: number;
  readonly segHeaderSize: number;
  readonly segWords: number;
  readonly segId: number;
  readonly firstTdId: number;
  readonly tdCount: number;
  readonly nextSegmentCount: number;
  readonly nextSegmentId: readonly [number, number];
  readonly ane: number;
  readonly ene: number;
}

export type TensorDirection = 'input' | 'output' | 'unknown';

export interface Dims {
  readonly n: number;
  readonly c: number;
  readonly h: number;
  readonly w: number;
}

/** LC_THREAD flavor 3: one tensor's description. */
export interface TensorDescriptor extends Located {
  readonly kind: 'tensor-descriptor';
  /** First state word (`unk` of HWX_ANE_BIND_STATE in AlexAltea/ane e397b69 tools/ane-disasm). */
  readonly word0: number;
  readonly direction: TensorDirection;
  readonly directionCode: number;
  readonly name: string | undefined;
  /** Second name reference (the bare buffer name: `probs` for `probs@output` in v5+). */
  readonly bufferName: string | undefined;
  readonly elementType: number;
  readonly sizes: Dims & { readonly d: number };
  /** Byte strides (N stride = plane count * plane stride, C = plane, H = row, W = element). */
  readonly strides: Dims & { readonly d: number };
}

export interface SymbolEntry extends Located {
  readonly kind: 'symbol';
  readonly name: string;
  readonly type: number;
  readonly sect: number;
  readonly desc: number;
  readonly value: number;
}

/** A tensor stab, e.g. `image:t16=ar1;0;1;17=s4096n:ar1;0;64;18=s64c:ar1;0;1;19=s64h:ar1;0;1;20=s2w:5`. */
export interface Stab extends Located {
  readonly kind: 'stab';
  readonly text: string;
  readonly name: string;
  readonly dims: Dims;
  readonly strides: Dims;
  readonly elementType: number;
  /** A name with '/' (`probs/src`) names an intermediate alias, not an I/O buffer. */
  readonly alias: boolean;
}

export type TensorRole = 'input' | 'output' | 'intermediate' | 'alias';

/** One tensor as tools see it: a buffer section (or an alias stab) joined with its names and shape. */
export interface Tensor {
  readonly kind: 'tensor';
  readonly role: TensorRole;
  readonly name: string | undefined;
  /** Buffer address and size (undefined for aliases, which have no buffer). */
  readonly addr: number | undefined;
  readonly bufferSize: number | undefined;
  /** Program-descriptor slot bound to this buffer, when any. */
  readonly slot: number | undefined;
  /** [N, C, H, W] from the stab, else from the tensor descriptor. */
  readonly shape: readonly [number, number, number, number] | undefined;
  readonly stab: Stab | undefined;
  readonly descriptor: TensorDescriptor | undefined;
}

export interface RegisterWrite {
  readonly address: number;
  readonly value: number;
  /** Absolute file offset of the value. */
  readonly offset: number;
}

export interface Packet extends Located {
  readonly kind: 'packet';
  readonly header: number;
  readonly address: number;
  readonly count: number;
  readonly values: readonly number[];
}

/** full: 0x274 bytes, first packet 0xf401f800; compact: 0x1f8 bytes, 0x4401f800 (v9). */
export type TaskKind = 'full' | 'compact' | 'unknown';

export interface Task extends Located {
  readonly kind: 'task';
  readonly taskKind: TaskKind;
  readonly index: number;
  /** Header words W0..W9. */
  readonly header: readonly number[];
  readonly firstPacket: number | undefined;
  readonly packets: readonly Packet[];
  readonly writes: readonly RegisterWrite[];
}

export interface TaskStream {
  readonly offset: number;
  readonly size: number;
  readonly tasks: readonly Task[];
  /** Problems met while decoding; the stream never throws. */
  readonly warnings: readonly HwxIssue[];
}

export interface HwxFile {
  readonly kind: 'hwx';
  readonly byteLength: number;
  readonly header: HwxHeader;
  readonly loadCommands: readonly LoadCommand[];
  readonly segments: readonly SegmentCommand[];
  readonly sections: readonly Section[];
  readonly program: ProgramDescriptor | undefined;
  /** The segment state (flavor 4) of H14/H15 files. */
  readonly segmentState: SegmentState | undefined;
  readonly tensorDescriptors: readonly TensorDescriptor[];
  readonly bufferNames: readonly BufferNameCommand[];
  readonly symbols: readonly SymbolEntry[];
  readonly stabs: readonly Stab[];
  readonly tensors: readonly Tensor[];
  readonly ident: Ident | undefined;
  /** Tasks decoded from `__TEXT,__text` (empty when there is no such section). */
  readonly taskStream: TaskStream | undefined;
  /**
   * The generation whose task layout read `taskStream`: the cpusubtype's, or H13 when the tasks
   * open with an H13 first packet although the cpusubtype names another generation.
   */
  readonly taskGeneration: string | undefined;
  /** Problems that did not stop the reading (tools show them; the strict converter may refuse). */
  readonly warnings: readonly HwxIssue[];
}

export type SafeReadResult =
  | { readonly ok: true; readonly file: HwxFile }
  | { readonly ok: false; readonly issues: readonly HwxIssue[] };
