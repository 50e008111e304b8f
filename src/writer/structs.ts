// On-disk records the writer puts, one token each, with their field offsets. The reader's tokens
// (src/hwx/tokens.ts) only decode; these only encode. Fields not named here stay zero.

/** How a field is stored: little-endian integers, or a NUL-padded 16-byte name. */
type FieldKind = 'u8' | 'u16' | 'u32' | 'u64' | 'name16';

type FieldValue<K extends FieldKind> = K extends 'name16' ? string : number;

type FieldSpec = Readonly<Record<string, readonly [offset: number, kind: FieldKind]>>;

/** Fields left out are not written (they stay zero in a fresh buffer). */
type RecordOf<S extends FieldSpec> = { readonly [K in keyof S]?: FieldValue<S[K][1]> };

export interface PutToken<T> {
  readonly len: number;
  /** Writes `value` at `offset` and returns the offset after the record. */
  put(view: DataView, offset: number, value: T): number;
}

const ascii = new TextEncoder();

function putField(view: DataView, at: number, kind: FieldKind, value: number | string): void {
  switch (kind) {
    case 'u8':
      view.setUint8(at, value as number);
      return;
    case 'u16':
      view.setUint16(at, value as number, true);
      return;
    case 'u32':
      view.setUint32(at, value as number, true);
      return;
    case 'u64':
      view.setBigUint64(at, BigInt(value as number), true);
      return;
    case 'name16': {
      const bytes = ascii.encode(value as string).subarray(0, 16);
      new Uint8Array(view.buffer, view.byteOffset + at, bytes.length).set(bytes);
      return;
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown field kind ${String(unreachable)}`);
    }
  }
}

function record<S extends FieldSpec>(len: number, spec: S): PutToken<RecordOf<S>> {
  const entries = Object.entries(spec);
  return {
    len,
    put(view, offset, value) {
      const fields = value as Readonly<Record<string, number | string>>;
      for (const [name, [at, kind]] of entries) {
        const field = fields[name];
        if (field !== undefined) putField(view, offset + at, kind, field);
      }
      return offset + len;
    },
  };
}

export const U32 = record(4, { value: [0, 'u32'] });
export const U64 = record(8, { value: [0, 'u64'] });

export const MACH_HEADER_64 = record(32, {
  magic: [0, 'u32'],
  cputype: [4, 'u32'],
  cpusubtype: [8, 'u32'],
  filetype: [12, 'u32'],
  ncmds: [16, 'u32'],
  sizeofcmds: [20, 'u32'],
  flags: [24, 'u32'],
});

export const LOAD_COMMAND = record(8, { cmd: [0, 'u32'], cmdsize: [4, 'u32'] });

export const SEGMENT_COMMAND_64 = record(72, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  segname: [8, 'name16'],
  vmaddr: [24, 'u64'],
  vmsize: [32, 'u64'],
  fileoff: [40, 'u64'],
  filesize: [48, 'u64'],
  maxprot: [56, 'u32'],
  initprot: [60, 'u32'],
  nsects: [64, 'u32'],
  flags: [68, 'u32'],
});

export const SECTION_64 = record(80, {
  sectname: [0, 'name16'],
  segname: [16, 'name16'],
  addr: [32, 'u64'],
  size: [40, 'u64'],
  offset: [48, 'u32'],
  align: [52, 'u32'],
  flags: [64, 'u32'],
});

/** LC_LOADFVMLIB: `lc_str name; u32 minor_version; u32 header_addr`, the name follows. */
export const FVMLIB_COMMAND = record(20, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  nameOffset: [8, 'u32'],
  headerAddr: [16, 'u32'],
});

/** Command 0x40 (compiler v7+): name offset, u64 buffer address, the name follows. */
export const BUFFER_NAME_COMMAND = record(24, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  nameOffset: [8, 'u32'],
  vmaddr: [16, 'u64'],
});

/** LC_THREAD header with its single flavor; the state follows. */
export const THREAD_COMMAND = record(16, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  flavor: [8, 'u32'],
  count: [12, 'u32'],
});

/**
 * Flavor-1 state (the program descriptor) after the 32-slot table. Words named `word0x...` are
 * constant in every real file of a layout and their meaning is not known.
 */
export const PROGRAM_STATE = record(0x860, {
  firstTaskAddress: [0x800, 'u64'],
  firstTaskWordMarker: [0x808, 'u32'],
  taskCount: [0x80c, 'u32'],
  word0x814: [0x814, 'u32'],
  nameOffset: [0x82c, 'u32'],
  word0x840: [0x840, 'u32'],
  word0x848: [0x848, 'u32'],
  word0x850: [0x850, 'u32'],
  word0x858: [0x858, 'u32'],
  word0x85c: [0x85c, 'u32'],
});

/** Flavor-3 state: one tensor. Name offsets count from the start of the command. */
export const TENSOR_STATE = record(0x78, {
  word0x0: [0x0, 'u32'],
  direction: [0x4, 'u32'],
  networkNameOffset: [0x8, 'u32'],
  nameOffset: [0x10, 'u32'],
  elementType: [0x14, 'u32'],
  sizeN: [0x18, 'u32'],
  sizeC: [0x1c, 'u32'],
  sizeH: [0x20, 'u32'],
  sizeW: [0x24, 'u32'],
  sizeD: [0x28, 'u32'],
  strideN: [0x40, 'u64'],
  strideC: [0x48, 'u64'],
  strideH: [0x50, 'u64'],
  strideW: [0x58, 'u64'],
  byteSize: [0x60, 'u64'],
  word0x68: [0x68, 'u32'],
  bufferNameOffset: [0x6c, 'u32'],
  extent: [0x70, 'u32'],
});

/** LC_NOTE; compiler v5.4.1 writes a 0x30-byte command (8 zero bytes after the record). */
export const NOTE_COMMAND = record(40, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  owner: [8, 'name16'],
  offset: [24, 'u64'],
  size: [32, 'u64'],
});

export const SYMTAB_COMMAND = record(24, {
  cmd: [0, 'u32'],
  cmdsize: [4, 'u32'],
  symoff: [8, 'u32'],
  nsyms: [12, 'u32'],
  stroff: [16, 'u32'],
  strsize: [20, 'u32'],
});

export const NLIST_64 = record(16, {
  strx: [0, 'u32'],
  type: [4, 'u8'],
  sect: [5, 'u8'],
  desc: [6, 'u16'],
  value: [8, 'u64'],
});
