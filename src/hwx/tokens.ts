// One token per on-disk struct. Field offsets live here and nowhere else; the reader asks a token
// for a record and gets named fields back, the writer (src/writer) hands the same token a record
// to put, so reading and writing share one field table and cannot drift. `get` and `put` may only
// be called where `len` bytes exist (the reader checks that first, in bounds.ts); 64-bit fields
// are bigint both ways. `put` only writes the bytes of its fields: bytes a struct leaves out
// (including the load-command header before a command's fields) keep what they held.

export interface Token<T> {
  readonly len: number;
  get(bytes: Uint8Array, offset: number): T;
  /** Writes `value` at `offset`; returns the offset just after the token (`offset + len`). */
  put(bytes: Uint8Array, offset: number, value: T): number;
}

const views = new WeakMap<Uint8Array, DataView>();

function view(bytes: Uint8Array): DataView {
  let v = views.get(bytes);
  if (v === undefined) {
    v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    views.set(bytes, v);
  }
  return v;
}

// Integer puts follow DataView: a number outside the field's range is stored modulo 2^bits.
export const U8: Token<number> = {
  len: 1,
  get: (b, o) => view(b).getUint8(o),
  put: (b, o, v) => (view(b).setUint8(o, v), o + 1),
};
export const U16_LE: Token<number> = {
  len: 2,
  get: (b, o) => view(b).getUint16(o, true),
  put: (b, o, v) => (view(b).setUint16(o, v, true), o + 2),
};
export const U32_LE: Token<number> = {
  len: 4,
  get: (b, o) => view(b).getUint32(o, true),
  put: (b, o, v) => (view(b).setUint32(o, v, true), o + 4),
};
export const U64_LE: Token<bigint> = {
  len: 8,
  get: (b, o) => view(b).getBigUint64(o, true),
  put: (b, o, v) => (view(b).setBigUint64(o, v, true), o + 8),
};

const latin1 = new TextDecoder('latin1');
const maxLatin1CharCode = 0xff;

/**
 * A fixed-size name field (`char segname[16]`): the text up to the first NUL. `put` NUL-pads the
 * field and refuses text that `get` could not give back (too long, a NUL, a char above U+00FF).
 */
export function fixedString(len: number): Token<string> {
  return {
    len,
    get(b, o) {
      const raw = b.subarray(o, o + len);
      const end = raw.indexOf(0);
      return latin1.decode(end < 0 ? raw : raw.subarray(0, end));
    },
    put(b, o, text) {
      if (text.length > len) throw new RangeError(`name "${text}" is longer than ${len} bytes`);
      const field = b.subarray(o, o + len);
      field.fill(0);
      for (let i = 0; i < text.length; i += 1) {
        const code = text.charCodeAt(i);
        if (code === 0 || code > maxLatin1CharCode) throw new RangeError(`name "${text}" is not NUL-free latin1`);
        field[i] = code;
      }
      return o + len;
    },
  };
}

/** `count` consecutive tokens (also the .anec field table's arrays, src/anec/format.ts). */
export function arrayOf<T>(token: Token<T>, count: number): Token<readonly T[]> {
  return {
    len: token.len * count,
    get(b, o) {
      const out: T[] = [];
      for (let i = 0; i < count; i += 1) out.push(token.get(b, o + i * token.len));
      return out;
    },
    put(b, o, values) {
      if (values.length !== count) throw new RangeError(`expected ${count} values, got ${values.length}`);
      let at = o;
      for (const value of values) at = token.put(b, at, value);
      return at;
    },
  };
}

type FieldSpec<T> = { readonly [K in keyof T]: readonly [offset: number, token: Token<T[K]>] };

/** A record of `len` bytes whose fields sit at the given offsets. */
export function struct<T extends object>(len: number, fields: FieldSpec<T>): Token<T> {
  const entries = Object.entries(fields) as [string, readonly [number, Token<unknown>]][];
  return {
    len,
    get(b, o) {
      const out: Record<string, unknown> = {};
      for (const [name, [at, token]] of entries) out[name] = token.get(b, o + at);
      return out as T;
    },
    put(b, o, value) {
      const fields = value as Readonly<Record<string, unknown>>;
      for (const [name, [at, token]] of entries) token.put(b, o + at, fields[name]);
      return o + len;
    },
  };
}

const NAME16 = fixedString(16);

export interface MachHeader64 {
  magic: number;
  cputype: number;
  cpusubtype: number;
  filetype: number;
  ncmds: number;
  sizeofcmds: number;
  flags: number;
  reserved: number;
}
export const MACH_HEADER_64 = struct<MachHeader64>(32, {
  magic: [0, U32_LE],
  cputype: [4, U32_LE],
  cpusubtype: [8, U32_LE],
  filetype: [12, U32_LE],
  ncmds: [16, U32_LE],
  sizeofcmds: [20, U32_LE],
  flags: [24, U32_LE],
  reserved: [28, U32_LE],
});

export interface LoadCommandRecord {
  cmd: number;
  cmdsize: number;
}
export const LOAD_COMMAND = struct<LoadCommandRecord>(8, { cmd: [0, U32_LE], cmdsize: [4, U32_LE] });

export interface SegmentCommand64 {
  segname: string;
  vmaddr: bigint;
  vmsize: bigint;
  fileoff: bigint;
  filesize: bigint;
  maxprot: number;
  initprot: number;
  nsects: number;
  flags: number;
}
export const SEGMENT_COMMAND_64 = struct<SegmentCommand64>(72, {
  segname: [8, NAME16],
  vmaddr: [24, U64_LE],
  vmsize: [32, U64_LE],
  fileoff: [40, U64_LE],
  filesize: [48, U64_LE],
  maxprot: [56, U32_LE],
  initprot: [60, U32_LE],
  nsects: [64, U32_LE],
  flags: [68, U32_LE],
});

export interface Section64 {
  sectname: string;
  segname: string;
  addr: bigint;
  size: bigint;
  offset: number;
  align: number;
  flags: number;
}
export const SECTION_64 = struct<Section64>(80, {
  sectname: [0, NAME16],
  segname: [16, NAME16],
  addr: [32, U64_LE],
  size: [40, U64_LE],
  offset: [48, U32_LE],
  align: [52, U32_LE],
  flags: [64, U32_LE],
});

export interface SymtabCommandRecord {
  symoff: number;
  nsyms: number;
  stroff: number;
  strsize: number;
}
export const SYMTAB_COMMAND = struct<SymtabCommandRecord>(24, {
  symoff: [8, U32_LE],
  nsyms: [12, U32_LE],
  stroff: [16, U32_LE],
  strsize: [20, U32_LE],
});

export interface Nlist64 {
  strx: number;
  type: number;
  sect: number;
  desc: number;
  value: bigint;
}
export const NLIST_64 = struct<Nlist64>(16, {
  strx: [0, U32_LE],
  type: [4, U8],
  sect: [5, U8],
  desc: [6, U16_LE],
  value: [8, U64_LE],
});

/** LC_THREAD with its first (and, in HWX, only) flavor; the state follows at THREAD_STATE_OFFSET. */
export interface ThreadCommandRecord {
  flavor: number;
  count: number;
}
export const THREAD_COMMAND = struct<ThreadCommandRecord>(16, { flavor: [8, U32_LE], count: [12, U32_LE] });
export const THREAD_STATE_OFFSET = THREAD_COMMAND.len;

/** Flavor-1 state: the slot table at the start. */
export const PROGRAM_SLOT_TABLE = arrayOf(U64_LE, 32);

/** Flavor-1 state, the three task fields after the slot table (offsets from the start of the state). */
export interface ProgramTaskFields {
  firstTaskAddress: bigint;
  firstTaskWordMarker: number;
  taskCount: number;
}
const programTaskFields = {
  firstTaskAddress: [0x800, U64_LE],
  firstTaskWordMarker: [0x808, U32_LE],
  taskCount: [0x80c, U32_LE],
} as const;
/** Just the task fields: all that patch 0002's layout reader asks a state to hold. */
export const PROGRAM_TASK_FIELDS = struct<ProgramTaskFields>(0x810, programTaskFields);

/**
 * Flavor-1 state, task fields and the network name (its offset counts from the start of the
 * command). Words named `word0x...` here and below are constant in every real file of a layout;
 * their meaning is not known, and only the writer uses them.
 */
export interface ProgramTaskInfo extends ProgramTaskFields {
  /** `ane` in AlexAltea/ane e397b69 src/libane/hwx.h (struct hwx_ane_td_state). */
  word0x810: number;
  /** `ene` in the same struct. */
  word0x814: number;
  nameOffset: number;
}
export const PROGRAM_TASK_INFO = struct<ProgramTaskInfo>(0x830, {
  ...programTaskFields,
  word0x810: [0x810, U32_LE],
  word0x814: [0x814, U32_LE],
  nameOffset: [0x82c, U32_LE],
});

/**
 * Flavor-4 state (the segment state of H14/H15 files), after the same 32-slot address table as
 * flavor 1. Field offsets: AlexAltea/ane e397b69 src/libane/hwx.h (struct hwx_ane_seg_state,
 * after `uint64_t base_addr[256]`).
 */
export interface SegmentStateInfo {
  segAddr: bigint;
  sectIdx: bigint;
  segHeaderSize: number;
  segWords: number;
  segId: number;
  firstTdId: number;
  tdCount: number;
  nextSegmentCount: number;
  nextSegmentId0: number;
  nextSegmentId1: number;
  ane: number;
  ene: number;
}
export const SEGMENT_STATE_INFO = struct<SegmentStateInfo>(0x838, {
  segAddr: [0x800, U64_LE],
  sectIdx: [0x808, U64_LE],
  segHeaderSize: [0x810, U32_LE],
  segWords: [0x814, U32_LE],
  segId: [0x818, U32_LE],
  firstTdId: [0x81c, U32_LE],
  tdCount: [0x820, U32_LE],
  nextSegmentCount: [0x824, U32_LE],
  nextSegmentId0: [0x828, U32_LE],
  nextSegmentId1: [0x82c, U32_LE],
  ane: [0x830, U32_LE],
  ene: [0x834, U32_LE],
});

/** Flavor-1 state words after the task fields, present in every layout. */
export interface ProgramTrailerWords {
  word0x840: number;
  word0x848: number;
}
export const PROGRAM_TRAILER_WORDS = struct<ProgramTrailerWords>(0x84c, {
  word0x840: [0x840, U32_LE],
  word0x848: [0x848, U32_LE],
});

/** Flavor-1 state words compiler v7 added at the end (a v5 state stops before them). */
export interface ProgramV7Words {
  word0x850: number;
  word0x858: number;
  word0x85c: number;
}
export const PROGRAM_V7_WORDS = struct<ProgramV7Words>(0x860, {
  word0x850: [0x850, U32_LE],
  word0x858: [0x858, U32_LE],
  word0x85c: [0x85c, U32_LE],
});

/**
 * Flavor-3 state: one tensor (name offsets count from the start of the command). With a depth of
 * one, the D stride is the whole tensor's byte size; `extent` is how far the tensor is written.
 */
export interface TensorDescriptorRecord {
  word0x0: number;
  direction: number;
  networkNameOffset: number;
  nameOffset: number;
  elementType: number;
  sizeN: number;
  sizeC: number;
  sizeH: number;
  sizeW: number;
  sizeD: number;
  strideN: bigint;
  strideC: bigint;
  strideH: bigint;
  strideW: bigint;
  strideD: bigint;
  word0x68: number;
  bufferNameOffset: number;
  extent: number;
}
export const TENSOR_DESCRIPTOR = struct<TensorDescriptorRecord>(0x78, {
  word0x0: [0x0, U32_LE],
  direction: [0x4, U32_LE],
  networkNameOffset: [0x8, U32_LE],
  nameOffset: [0x10, U32_LE],
  elementType: [0x14, U32_LE],
  sizeN: [0x18, U32_LE],
  sizeC: [0x1c, U32_LE],
  sizeH: [0x20, U32_LE],
  sizeW: [0x24, U32_LE],
  sizeD: [0x28, U32_LE],
  strideN: [0x40, U64_LE],
  strideC: [0x48, U64_LE],
  strideH: [0x50, U64_LE],
  strideW: [0x58, U64_LE],
  strideD: [0x60, U64_LE],
  word0x68: [0x68, U32_LE],
  bufferNameOffset: [0x6c, U32_LE],
  extent: [0x70, U32_LE],
});

/** LC_LOADFVMLIB: name offset (from the start of the command), version, buffer address. */
export interface FvmlibCommandRecord {
  nameOffset: number;
  headerAddr: number;
}
export const FVMLIB_COMMAND = struct<FvmlibCommandRecord>(20, {
  nameOffset: [8, U32_LE],
  headerAddr: [16, U32_LE],
});

/** Command 0x40 of compiler v7+: name offset (from the start of the command), u64 buffer address. */
export interface BufferNameCommandRecord {
  nameOffset: number;
  vmaddr: bigint;
}
export const BUFFER_NAME_COMMAND = struct<BufferNameCommandRecord>(24, {
  nameOffset: [8, U32_LE],
  vmaddr: [16, U64_LE],
});

export const IDENT_TEXT_OFFSET = LOAD_COMMAND.len;

export interface NoteCommandRecord {
  owner: string;
  offset: bigint;
  size: bigint;
}
export const NOTE_COMMAND = struct<NoteCommandRecord>(40, {
  owner: [8, NAME16],
  offset: [24, U64_LE],
  size: [32, U64_LE],
});

/** Task header words W0..W9; the first packet follows. */
export const TASK_HEADER = arrayOf(U32_LE, 10);
export const PACKET_HEADER = U32_LE;
export const PACKET_VALUE = U32_LE;
