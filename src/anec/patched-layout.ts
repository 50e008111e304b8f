// The load-command reader of patch 0002 (`_macho_get_layout`), reproduced rule for rule from
// docs/patches.md. It is not the project's HWX reader on purpose: the patched profile must accept
// and refuse exactly what the patched Python does, and this reader never fails, it just says no.
// It reads each record through the reader's token for it, after checking the bytes are there.
import { HWX_MAGIC, LC_SEGMENT_64, LC_THREAD, MACHO_MAGIC_64, THREAD_FLAVOR_PROGRAM, tokens } from '../hwx/index.js';
import { bufferKind } from './core.js';

/** A section as the patch reads it: name and placement only. */
interface LoadSection {
  readonly name: string;
  readonly addr: bigint;
  readonly size: bigint;
  readonly offset: number;
}

interface LoadSegment {
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

const { LOAD_COMMAND, MACH_HEADER_64, PROGRAM_TASK_FIELDS, SECTION_64, SEGMENT_COMMAND_64, THREAD_COMMAND, THREAD_STATE_OFFSET } = tokens;

/** The layout, or undefined wherever the patch's reader returns None. */
export function readLoadLayout(bytes: Uint8Array): LoadLayout | undefined {
  const length = bytes.length;
  if (length < MACH_HEADER_64.len) return undefined;
  const { magic, ncmds } = MACH_HEADER_64.get(bytes, 0);
  if (magic !== HWX_MAGIC && magic !== MACHO_MAGIC_64) return undefined;

  const segments: LoadSegment[] = [];
  let program: { tdAddress: bigint; tdWords: number; tdCount: number } | undefined;
  let off = MACH_HEADER_64.len;
  // Each command advances at least 8 bytes or ends the read, so this stops within length / 8.
  for (let n = 0; n < ncmds; n++) {
    if (off + LOAD_COMMAND.len > length) return undefined;
    const { cmd, cmdsize } = LOAD_COMMAND.get(bytes, off);
    if (cmdsize < LOAD_COMMAND.len || off + cmdsize > length) return undefined;
    if (cmd === LC_SEGMENT_64) {
      if (cmdsize < SEGMENT_COMMAND_64.len) return undefined;
      const segment = SEGMENT_COMMAND_64.get(bytes, off);
      if (SEGMENT_COMMAND_64.len + segment.nsects * SECTION_64.len > cmdsize) return undefined;
      const sections: LoadSection[] = [];
      for (let i = 0; i < segment.nsects; i++) {
        const { sectname, addr, size, offset } = SECTION_64.get(bytes, off + SEGMENT_COMMAND_64.len + i * SECTION_64.len);
        sections.push({ name: sectname, addr, size, offset });
      }
      const { segname, vmaddr, vmsize, maxprot, initprot, nsects, flags } = segment;
      segments.push({ name: segname, addr: vmaddr, size: vmsize, ident: [maxprot, initprot, nsects, flags], sections });
    } else if (cmd === LC_THREAD && cmdsize >= THREAD_COMMAND.len && program === undefined) {
      const { flavor, count } = THREAD_COMMAND.get(bytes, off);
      if (flavor === THREAD_FLAVOR_PROGRAM) {
        if (count * 4 < PROGRAM_TASK_FIELDS.len || THREAD_STATE_OFFSET + count * 4 > cmdsize) return undefined;
        const fields = PROGRAM_TASK_FIELDS.get(bytes, off + THREAD_STATE_OFFSET);
        program = { tdAddress: fields.firstTaskAddress, tdWords: fields.firstTaskWordMarker, tdCount: fields.taskCount };
      }
    }
    off += cmdsize;
  }

  const textSegment = segments.find((s) => s.name === '__TEXT');
  if (textSegment === undefined || program === undefined) return undefined;
  const text = textSegment.sections.find((s) => s.name === '__text');
  const kernel = textSegment.sections.find((s) => s.name === '__const');
  if (text === undefined || kernel === undefined) return undefined;
  return { text, kernel, buffers: segments.filter((s) => bufferKind(s.ident) !== undefined), ...program };
}
