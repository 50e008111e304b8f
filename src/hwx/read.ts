// The reader: bytes in, one immutable HwxFile out. The container (header, load-command table,
// segment and section records) must be sound or reading fails; the rest (threads, symbols,
// stabs, tasks) is read tolerantly, its problems kept as warnings.

import { FULL_TASK_SIZE_IN_BYTES, LC_THREAD, THREAD_FLAVOR_PROGRAM, THREAD_FLAVOR_SEGMENT, THREAD_FLAVOR_TENSOR } from './constants.js';
import { h13, profileFor } from './generations/index.js';
import type { GenerationProfile } from './generations/index.js';
import { U32_LE } from './tokens.js';
import { internalIssue, IssueSignal, tolerant } from './bounds.js';
import { HwxFormatError } from './errors.js';
import type { HwxIssue } from './issues.js';
import { readHeader, readLoadCommands } from './macho.js';
import { isTensorStab, parseStab } from './stabs.js';
import { readSymbols } from './symbols.js';
import { readTaskStream } from './tasks.js';
import { joinTensors } from './tensors.js';
import { readProgram, readSegmentState, readTensorDescriptor } from './threads.js';
import type {
  BufferNameCommand,
  HwxFile,
  ProgramDescriptor,
  SafeReadResult,
  Section,
  SegmentCommand,
  SegmentState,
  Stab,
  SymbolEntry,
  TensorDescriptor,
  ThreadCommand,
} from './types.js';

const WORD_BYTES = 4;

function parse(bytes: Uint8Array): HwxFile {
  const header = readHeader(bytes);
  const loadCommands = readLoadCommands(bytes, header);
  const warnings: HwxIssue[] = [];

  const segments = loadCommands.filter((c): c is SegmentCommand => c.kind === 'segment');
  const sections: Section[] = segments.flatMap((s) => s.sections);
  const threads = loadCommands.filter((c): c is ThreadCommand => c.kind === 'thread' && c.cmd === LC_THREAD);
  const bufferNames = loadCommands.filter((c): c is BufferNameCommand => c.kind === 'buffer-name');

  let program: ProgramDescriptor | undefined;
  let segmentState: SegmentState | undefined;
  const tensorDescriptors: TensorDescriptor[] = [];
  for (const thread of threads) {
    if (thread.flavor === THREAD_FLAVOR_PROGRAM && program === undefined) {
      program = tolerant<ProgramDescriptor | undefined>(warnings, undefined, () => readProgram(bytes, thread));
    } else if (thread.flavor === THREAD_FLAVOR_SEGMENT && segmentState === undefined) {
      segmentState = tolerant<SegmentState | undefined>(warnings, undefined, () => readSegmentState(bytes, thread));
    } else if (thread.flavor === THREAD_FLAVOR_TENSOR) {
      const d = tolerant<TensorDescriptor | undefined>(warnings, undefined, () => readTensorDescriptor(bytes, thread));
      if (d !== undefined) tensorDescriptors.push(d);
    }
  }

  const symbols: SymbolEntry[] = [];
  for (const c of loadCommands) {
    if (c.kind !== 'symtab') continue;
    // A loop, not push(...): spreading a million entries overflows the call stack.
    for (const symbol of tolerant<SymbolEntry[]>(warnings, [], () => readSymbols(bytes, c))) symbols.push(symbol);
  }
  const stabs: Stab[] = [];
  for (const symbol of symbols) {
    if (!isTensorStab(symbol)) continue;
    const parsed = parseStab(symbol);
    if (parsed.ok) stabs.push(parsed.stab);
    else warnings.push(parsed.issue);
  }

  const identCommand = loadCommands.find((c) => c.kind === 'ident');
  const text = sections.find((s) => s.role === 'code');
  let taskStream: HwxFile['taskStream'];
  let taskProfile: GenerationProfile | undefined;
  if (text !== undefined) {
    const marker = program?.firstTaskWordMarker ?? 0;
    const firstTaskSize = marker > 0 && marker < FULL_TASK_SIZE_IN_BYTES ? (marker + 1) * WORD_BYTES : undefined;
    taskProfile = taskProfileOf(bytes, text.dataOffset, profileFor(header.cpusubtype));
    taskStream = readTaskStream(bytes, text.dataOffset, text.dataSize, {
      path: [text.segmentName, text.name],
      layout: taskProfile.layout,
      ...(firstTaskSize === undefined ? {} : { firstTaskSize }),
    });
    warnings.push(...taskStream.warnings);
  }

  return {
    kind: 'hwx',
    byteLength: bytes.length,
    header,
    loadCommands,
    segments,
    sections,
    program,
    segmentState,
    tensorDescriptors,
    bufferNames,
    symbols,
    stabs,
    tensors: joinTensors({ sections, bufferNames, symbols, stabs, tensorDescriptors, program, segmentState }),
    ident: identCommand?.kind === 'ident' ? identCommand.ident : undefined,
    taskStream,
    taskGeneration: taskProfile?.name,
    warnings,
  };
}

/**
 * The profile whose layout reads the tasks: the cpusubtype's, except that a task opening with an
 * H13 first packet (0xf401f800 or 0x4401f800 at +0x28) is read as H13 whatever the cpusubtype
 * says, as upstream anecc converts such files.
 */
function taskProfileOf(bytes: Uint8Array, textOffset: number, declared: GenerationProfile): GenerationProfile {
  if (declared === h13) return declared;
  const at = textOffset + h13.layout.headerSizeInBytes;
  if (at < 0 || at + WORD_BYTES > bytes.length) return declared;
  const first = U32_LE.get(bytes, at);
  return h13.layout.knownSizes.some((k) => k.firstPacket === first) ? h13 : declared;
}

/** Read an HWX file; returns the model or the issues that stopped it. Never throws. */
export function safeReadHwx(bytes: Uint8Array): SafeReadResult {
  try {
    return { ok: true, file: parse(bytes) };
  } catch (error) {
    if (error instanceof IssueSignal) return { ok: false, issues: [error.issue] };
    // Last resort: a reader bug still reaches the caller as a typed issue, not a stray exception.
    return { ok: false, issues: [internalIssue(error)] };
  }
}

/** Read an HWX file; throws HwxFormatError (and nothing else) when the bytes are not one. */
export function readHwx(bytes: Uint8Array): HwxFile {
  const result = safeReadHwx(bytes);
  if (!result.ok) throw new HwxFormatError(result.issues);
  return result.file;
}
