// The load-command reader of patch 0002 (`_macho_get_layout`), reproduced rule for rule from
// docs/patches.md. It is not the project's HWX reader on purpose: the patched profile must accept
// and refuse exactly what the patched Python does, and this reader never fails, it just says no.
import {
  HWX_MAGIC,
  LC_SEGMENT_64,
  LC_THREAD,
  MACHO_MAGIC_64,
  THREAD_FLAVOR_PROGRAM,
} from '../hwx/index.js';

/** A section as the patch reads it: name and placement only. */
export interface LoadSection {
  readonly name: string;
  readonly addr: bigint;
  readonly size: bigint;
  readonly offset: number;
}

export interface LoadSegment {
  readonly name: string;
  readonly addr: bigint;
  readonly size: bigint;
  /** (maxprot, initprot, nsects, flags): what upstream classifies buffers by. */
  readonly ident: readonly [number, number, number, number];
  readonly sections: readonly LoadSection[];
}

export interface LoadLayout {
  readonly text: LoadSection;
  readonly kernel: LoadSection;
  /** Segments whose ident is a known buffer kind, in load-command order. */
  readonly buffers: readonly LoadSegment[];
  readonly tdAddress: bigint;
  readonly tdWords: number;
  readonly tdCount: number;
}

const HEADER_SIZE = 0x20;
const NCMDS_OFFSET = 0x10;
const SEGMENT_COMMAND_SIZE = 0x48;
const SECTION_SIZE = 0x50;
const THREAD_STATE_OFFSET = 0x10;
/** Program-descriptor fields after the slot table: u64 first task, u32 words - 1, u32 count. */
const PROGRAM_TASK_FIELDS_OFFSET = 0x800;
const PROGRAM_TASK_FIELDS_SIZE = 0x10;

export const BUFFER_IDENTS = {
  intermediate: [3, 3, 1, 4],
  input: [1, 1, 1, 6],
  output: [2, 2, 1, 6],
} as const;

const isBufferIdent = (ident: readonly number[]): boolean =>
  Object.values(BUFFER_IDENTS).some((want) => want.every((w, i) => w === ident[i]));

/** A 16-byte name field: its bytes up to the first NUL (latin1 keeps bytes one-to-one). */
function name16(bytes: Uint8Array, offset: number): string {
  const field = bytes.subarray(offset, offset + 16);
  const nul = field.indexOf(0);
  return Buffer.from(field.buffer, field.byteOffset, nul < 0 ? 16 : nul).toString('latin1');
}

/** The layout, or undefined wherever the patch's reader returns None. */
export function readLoadLayout(bytes: Uint8Array): LoadLayout | undefined {
  const length = bytes.length;
  if (length < HEADER_SIZE) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, length);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u64 = (at: number): bigint => view.getBigUint64(at, true);
  const magic = u32(0);
  if (magic !== HWX_MAGIC && magic !== MACHO_MAGIC_64) return undefined;
  const ncmds = u32(NCMDS_OFFSET);

  const segments: LoadSegment[] = [];
  let program: { tdAddress: bigint; tdWords: number; tdCount: number } | undefined;
  let off = HEADER_SIZE;
  // Each command advances at least 8 bytes or ends the read, so this stops within length / 8.
  for (let n = 0; n < ncmds; n++) {
    if (off + 8 > length) return undefined;
    const cmd = u32(off);
    const cmdsize = u32(off + 4);
    if (cmdsize < 8 || off + cmdsize > length) return undefined;
    if (cmd === LC_SEGMENT_64) {
      if (cmdsize < SEGMENT_COMMAND_SIZE) return undefined;
      const nsects = u32(off + 0x40);
      if (SEGMENT_COMMAND_SIZE + nsects * SECTION_SIZE > cmdsize) return undefined;
      const sections: LoadSection[] = [];
      for (let i = 0; i < nsects; i++) {
        const s = off + SEGMENT_COMMAND_SIZE + i * SECTION_SIZE;
        sections.push({ name: name16(bytes, s), addr: u64(s + 0x20), size: u64(s + 0x28), offset: u32(s + 0x30) });
      }
      segments.push({
        name: name16(bytes, off + 0x08),
        addr: u64(off + 0x18),
        size: u64(off + 0x20),
        ident: [u32(off + 0x38), u32(off + 0x3c), nsects, u32(off + 0x44)],
        sections,
      });
    } else if (cmd === LC_THREAD && cmdsize >= THREAD_STATE_OFFSET && program === undefined) {
      const flavor = u32(off + 8);
      const count = u32(off + 0xc);
      if (flavor === THREAD_FLAVOR_PROGRAM) {
        if (count * 4 < PROGRAM_TASK_FIELDS_OFFSET + PROGRAM_TASK_FIELDS_SIZE || THREAD_STATE_OFFSET + count * 4 > cmdsize) return undefined;
        const fields = off + THREAD_STATE_OFFSET + PROGRAM_TASK_FIELDS_OFFSET;
        program = { tdAddress: u64(fields), tdWords: u32(fields + 8), tdCount: u32(fields + 12) };
      }
    }
    off += cmdsize;
  }

  const textSegment = segments.find((s) => s.name === '__TEXT');
  if (textSegment === undefined || program === undefined) return undefined;
  const text = textSegment.sections.find((s) => s.name === '__text');
  const kernel = textSegment.sections.find((s) => s.name === '__const');
  if (text === undefined || kernel === undefined) return undefined;
  return { text, kernel, buffers: segments.filter((s) => isBufferIdent(s.ident)), ...program };
}
