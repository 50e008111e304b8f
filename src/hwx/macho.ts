// The Mach-O container: header and load commands. Structural problems here are fatal (they are
// raised as IssueSignal); the contents of threads, symbols and tasks are read elsewhere.

import {
  HWX_MAGIC,
  LC_ANE_BUFFER_NAME,
  LC_IDENT,
  LC_LOADFVMLIB,
  LC_NOTE,
  LC_SEGMENT_64,
  LC_SYMTAB,
  LC_THREAD,
  MACHO_MAGIC_64,
  ANE_BUFFER_PROT_INPUT,
  ANE_BUFFER_PROT_INTERMEDIATE,
  ANE_BUFFER_PROT_OUTPUT,
} from './constants.js';
import {
  atLeast,
  boundCount,
  boundSize,
  fail,
  maxIdentLengthInBytes,
  maxLoadCommandCount,
  maxSectionsPerSegment,
  readCString,
  readToken,
  toSafeNumber,
} from './bounds.js';
import { generationName } from './generations/index.js';
import {
  BUFFER_NAME_COMMAND,
  FVMLIB_COMMAND,
  IDENT_TEXT_OFFSET,
  LOAD_COMMAND,
  MACH_HEADER_64,
  NOTE_COMMAND,
  SECTION_64,
  SEGMENT_COMMAND_64,
  SYMTAB_COMMAND,
  THREAD_COMMAND,
  THREAD_STATE_OFFSET,
} from './tokens.js';
import type { HwxHeader, Ident, LoadCommand, Section, SectionRole, SegmentCommand } from './types.js';

export function readHeader(bytes: Uint8Array): HwxHeader {
  const path = ['header'];
  const h = readToken(bytes, MACH_HEADER_64, 0, path);
  if (h.magic !== HWX_MAGIC && h.magic !== MACHO_MAGIC_64) fail({ code: 'bad_magic', offset: 0, path, value: h.magic });
  boundCount(h.ncmds, maxLoadCommandCount, 'ncmds', 0, path);
  boundSize(MACH_HEADER_64.len + h.sizeofcmds, bytes.length, 'sizeofcmds', 0, path);
  return {
    kind: 'header',
    offset: 0,
    size: MACH_HEADER_64.len,
    magic: h.magic,
    cputype: h.cputype,
    cpusubtype: h.cpusubtype,
    generation: generationName(h.cpusubtype),
    filetype: h.filetype,
    ncmds: h.ncmds,
    sizeofcmds: h.sizeofcmds,
    flags: h.flags,
    reserved: h.reserved,
  };
}

/** Every load command, in file order. */
export function readLoadCommands(bytes: Uint8Array, header: HwxHeader): LoadCommand[] {
  const commands: LoadCommand[] = [];
  const end = MACH_HEADER_64.len + header.sizeofcmds;
  let at = MACH_HEADER_64.len;
  for (let i = 0; i < header.ncmds; i += 1) {
    const path = ['load_commands', String(i)];
    const lc = readToken(bytes, LOAD_COMMAND, at, path);
    atLeast(lc.cmdsize, LOAD_COMMAND.len, 'cmdsize', at, path);
    boundSize(at + lc.cmdsize, end, 'cmdsize', at, path);
    // Records must not read past their command: view the command alone.
    const cmdBytes = bytes.subarray(0, at + lc.cmdsize);
    commands.push(readCommand(cmdBytes, at, lc.cmd, lc.cmdsize, path));
    at += lc.cmdsize;
  }
  return commands;
}

function readCommand(bytes: Uint8Array, at: number, cmd: number, size: number, path: readonly string[]): LoadCommand {
  switch (cmd) {
    case LC_SEGMENT_64:
      return readSegment(bytes, at, cmd, size, path);
    case LC_SYMTAB: {
      const s = readToken(bytes, SYMTAB_COMMAND, at, path);
      return { kind: 'symtab', cmd, offset: at, size, ...s };
    }
    case LC_THREAD: {
      const t = readToken(bytes, THREAD_COMMAND, at, path);
      return { kind: 'thread', cmd, offset: at, size, flavor: t.flavor, count: t.count, stateOffset: at + THREAD_STATE_OFFSET };
    }
    case LC_LOADFVMLIB: {
      const f = readToken(bytes, FVMLIB_COMMAND, at, path);
      return { kind: 'buffer-name', cmd, offset: at, size, name: nameAt(bytes, at, f.nameOffset, size), vmaddr: f.headerAddr };
    }
    case LC_ANE_BUFFER_NAME: {
      const b = readToken(bytes, BUFFER_NAME_COMMAND, at, path);
      const vmaddr = toSafeNumber(b.vmaddr, 'vmaddr', at, path);
      return { kind: 'buffer-name', cmd, offset: at, size, name: nameAt(bytes, at, b.nameOffset, size), vmaddr };
    }
    case LC_IDENT:
      return { kind: 'ident', cmd, offset: at, size, ident: parseIdent(bytes, at + IDENT_TEXT_OFFSET, at + size) };
    case LC_NOTE: {
      const n = readToken(bytes, NOTE_COMMAND, at, path);
      return {
        kind: 'note',
        cmd,
        offset: at,
        size,
        owner: n.owner,
        dataOffset: toSafeNumber(n.offset, 'offset', at, path),
        dataSize: toSafeNumber(n.size, 'size', at, path),
      };
    }
    default:
      return { kind: 'unknown', cmd, offset: at, size };
  }
}

/** A string referenced by an offset from the start of its command; '' when the reference is bad. */
function nameAt(bytes: Uint8Array, at: number, nameOffset: number, size: number): string {
  return nameOffset < size ? (readCString(bytes, at + nameOffset, at + size) ?? '') : '';
}

function roleOf(segmentName: string, sectionName: string, maxprot: number, initprot: number): SectionRole {
  if (segmentName === '__TEXT' && sectionName === '__text') return 'code';
  if (segmentName === '__TEXT' && sectionName === '__const') return 'kernel';
  if (maxprot !== initprot) return 'other';
  if (sectionName === '__const' && maxprot === ANE_BUFFER_PROT_INPUT) return 'input';
  if (sectionName === '__data' && maxprot === ANE_BUFFER_PROT_OUTPUT) return 'output';
  if (sectionName === '__bss' && maxprot === ANE_BUFFER_PROT_INTERMEDIATE) return 'intermediate';
  return 'other';
}

function readSegment(bytes: Uint8Array, at: number, cmd: number, size: number, path: readonly string[]): SegmentCommand {
  const s = readToken(bytes, SEGMENT_COMMAND_64, at, path);
  const segPath = [...path, s.segname];
  boundCount(s.nsects, maxSectionsPerSegment, 'nsects', at, segPath);
  boundSize(SEGMENT_COMMAND_64.len + s.nsects * SECTION_64.len, size, 'nsects * section size', at, segPath);
  const sections: Section[] = [];
  for (let i = 0; i < s.nsects; i += 1) {
    const sat = at + SEGMENT_COMMAND_64.len + i * SECTION_64.len;
    const r = readToken(bytes, SECTION_64, sat, segPath);
    const secPath = [r.segname, r.sectname];
    sections.push({
      kind: 'section',
      offset: sat,
      size: SECTION_64.len,
      name: r.sectname,
      segmentName: r.segname,
      addr: toSafeNumber(r.addr, 'addr', sat, secPath),
      dataSize: toSafeNumber(r.size, 'size', sat, secPath),
      dataOffset: r.offset,
      align: r.align,
      flags: r.flags,
      maxprot: s.maxprot,
      initprot: s.initprot,
      role: roleOf(r.segname, r.sectname, s.maxprot, s.initprot),
    });
  }
  return {
    kind: 'segment',
    cmd,
    offset: at,
    size,
    name: s.segname,
    vmaddr: toSafeNumber(s.vmaddr, 'vmaddr', at, segPath),
    vmsize: toSafeNumber(s.vmsize, 'vmsize', at, segPath),
    fileoff: toSafeNumber(s.fileoff, 'fileoff', at, segPath),
    filesize: toSafeNumber(s.filesize, 'filesize', at, segPath),
    maxprot: s.maxprot,
    initprot: s.initprot,
    flags: s.flags,
    sections,
  };
}

const COMPILER = /zin_ane_compiler v(\S+)/;

/** LC_IDENT: free text; the flags are the indented lines that start with '-'. */
function parseIdent(bytes: Uint8Array, from: number, end: number): Ident {
  const text = (readCString(bytes, from, end, maxIdentLengthInBytes) ?? '').replace(/\0+$/, '');
  const match = COMPILER.exec(text);
  const flags = text
    .split('\n')
    .filter((line) => line.startsWith('\t-'))
    .map((line) => line.trim());
  return {
    text,
    compiler: match === null ? undefined : match[0],
    compilerVersion: match?.[1],
    flags,
  };
}
