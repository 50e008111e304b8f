// The `upstream` profile: anecc 1.0.9's conversion, step for step. It deliberately reads the file
// the way upstream does (word scans and text runs) rather than through the Mach-O model, so it
// fails exactly where upstream fails. Step numbers refer to shared/docs/upstream-anecc.md.
import {
  ANE_BASE_ADDRESS,
  FULL_TASK_FIRST_PACKET,
  FULL_TASK_SIZE_IN_BYTES,
  KERNEL_ALIGNMENT_IN_BYTES,
  SLOT_COUNT,
  TILE_SIZE_IN_BYTES,
} from '../hwx/index.js';
import {
  FIRST_IO_SLOT,
  INTERMEDIATE_SLOT,
  MAX_BUFFER_COUNT,
  MAX_BUFFER_TILES,
  MAX_TASK_COUNT,
  MIN_STAB_RUN_LENGTH,
  NCHW_FIELD_COUNT,
  NCHW_VALUE_COUNT,
  UPSTREAM_TD_MARKER,
} from './constants.js';
import { hex, PythonException, roundDown, roundUp } from './python-semantics.js';
import { printableRuns } from './printable-runs.js';
import { looksLikeTensorStab, parseStab, type StabShape } from './stabs.js';
import type { AnecHeader, LogRecord } from './types.js';
import { findWord, occurrences, tryFindWord, wordAt, wordSlice, wordsOf } from './words.js';

/** What a successful conversion yields before printing or compiling. */
export interface Conversion {
  readonly header: AnecHeader;
  /** File offset of the page holding the first task: the payload starts here. */
  readonly tskStart: number;
  /** False when neither stab order fitted the buffer sizes and upstream went on regardless. */
  readonly stabsMatched: boolean;
}

/** Everything a conversion reads besides the file: the -f flag and where to log. */
export interface ConvertContext {
  readonly force: boolean;
  readonly log: (record: LogRecord) => void;
}

function fail(type: string, message: string, code: string): never {
  throw new PythonException(type, message, code);
}

export function check(condition: boolean, message: string, code: string): void {
  if (!condition) fail('AssertionError', message, code);
}


/** The layout facts upstream derives from the word scans (steps 1 to 4). */
export interface TaskLayout {
  readonly tskSize: number;
  readonly krnSize: number;
  readonly size: number;
  readonly tdSize: number;
  readonly tdCount: number;
}

/** Buffers in the order found (step 5), by kind. */
export interface BufferList {
  readonly intermediates: readonly number[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

function upstreamLayout(words: Uint32Array): TaskLayout {
  const first = findWord(words, ANE_BASE_ADDRESS, '__TEXT base address');
  let pos = findWord(words, ANE_BASE_ADDRESS, 'second __TEXT base address', first);
  const tskSize = wordAt(words, pos + 2, '__text size');
  check(tskSize !== 0 && tskSize >= FULL_TASK_SIZE_IN_BYTES, `__text size ${hex(tskSize)} is below one task (${hex(FULL_TASK_SIZE_IN_BYTES)})`, 'task_size_small');

  const krnAddress = ANE_BASE_ADDRESS + roundUp(tskSize, KERNEL_ALIGNMENT_IN_BYTES);
  pos = findWord(words, krnAddress, 'kernel address');
  const krnSize = wordAt(words, pos + 2, 'kernel size');
  check(krnSize !== 0 && krnSize % KERNEL_ALIGNMENT_IN_BYTES === 0, `kernel size ${hex(krnSize)} is not a nonzero multiple of 16`, 'kernel_size');
  const size = roundUp(tskSize, KERNEL_ALIGNMENT_IN_BYTES) + krnSize;

  pos = findWord(words, UPSTREAM_TD_MARKER, 'task descriptor marker');
  check(wordAt(words, pos - 2, 'program descriptor address') === ANE_BASE_ADDRESS, 'the first word 0x9c is not preceded by the program descriptor address', 'td_marker');
  const tdCount = wordAt(words, pos + 1, 'task count');
  check(tdCount !== 0 && tdCount < MAX_TASK_COUNT, `task count ${tdCount} is out of range`, 'task_count');
  return { tskSize, krnSize, size, tdSize: FULL_TASK_SIZE_IN_BYTES, tdCount };
}

// Words 8..11 after a buffer's address tell its kind (maxprot, initprot, nsects, flags).
const BUFFER_KINDS: readonly (readonly [keyof BufferList, readonly number[]])[] = [
  ['intermediates', [3, 3, 1, 4]],
  ['inputs', [1, 1, 1, 6]],
  ['outputs', [2, 2, 1, 6]],
];

function upstreamBuffers(words: Uint32Array, size: number): BufferList {
  const found: Record<keyof BufferList, number[]> = { intermediates: [], inputs: [], outputs: [] };
  let address = ANE_BASE_ADDRESS + roundUp(size, TILE_SIZE_IN_BYTES);
  for (let n = 0; n < MAX_BUFFER_COUNT; n++) {
    const pos = tryFindWord(words, address);
    if (pos < 0) break;
    const bufSize = wordAt(words, pos + 2, 'buffer size');
    check(
      bufSize !== 0 && bufSize % TILE_SIZE_IN_BYTES === 0 && bufSize < MAX_BUFFER_TILES * TILE_SIZE_IN_BYTES,
      `buffer at ${hex(address)} has size ${hex(bufSize)}, not a nonzero multiple of 0x4000 below 0x40000000`,
      'buffer_size',
    );
    const ident = wordSlice(words, pos + 8, pos + 12);
    const kind = BUFFER_KINDS.find(([, want]) => want.length === ident.length && want.every((w, i) => w === ident[i]));
    if (kind === undefined) fail('ValueError', `buffer at ${hex(address)} is neither input, output nor intermediate`, 'buffer_kind');
    found[kind[0]].push(bufSize);
    address += bufSize;
  }
  check(
    found.inputs.length > 0 && found.outputs.length > 0 && found.intermediates.length <= 1,
    `found ${found.inputs.length} inputs, ${found.outputs.length} outputs and ${found.intermediates.length} intermediates; need at least one input and one output, at most one intermediate`,
    'buffer_count',
  );
  return found;
}

/** Tile counts per slot (step 6); slots past 31 raise IndexError as Python's list does. */
export function upstreamTiles(buffers: BufferList): number[] {
  const tiles = new Array<number>(SLOT_COUNT).fill(0);
  const assign = (slot: number, bytes: number): void => {
    if (slot >= SLOT_COUNT) fail('IndexError', `${buffers.inputs.length + buffers.outputs.length} I/O buffers do not fit the ${SLOT_COUNT} slots`, 'too_many_buffers');
    tiles[slot] = Math.floor(bytes / TILE_SIZE_IN_BYTES);
  };
  buffers.intermediates.forEach((b, n) => assign(INTERMEDIATE_SLOT + n, b));
  buffers.outputs.forEach((b, n) => assign(FIRST_IO_SLOT + n, b));
  buffers.inputs.forEach((b, n) => assign(FIRST_IO_SLOT + buffers.outputs.length + n, b));
  return tiles;
}

/** Step 7: where the tasks are; returns the payload start. */
function upstreamTaskStart(words: Uint32Array, layout: TaskLayout): number {
  const tasks = occurrences(words, FULL_TASK_FIRST_PACKET);
  check(tasks.count === layout.tdCount, `found ${tasks.count} tasks (word ${hex(FULL_TASK_FIRST_PACKET)}), the program descriptor says ${layout.tdCount}`, 'task_count_mismatch');
  check(
    layout.tskSize - (tasks.last - tasks.first) * 4 === layout.tdSize,
    `__text size ${hex(layout.tskSize)} does not end one task (${hex(layout.tdSize)}) after the last task`,
    'task_span',
  );
  return roundDown(tasks.first * 4, 0x1000);
}

/**
 * What step 8 keeps of the tensor stabs, given how many I/O buffers there are: upstream keeps
 * them all; the patched profile may drop aliases.
 */
export type StabFilter = (runs: string[], ioCount: number) => string[];

/** Step 8: the tensor stabs found in the file's text. */
function upstreamStabs(bytes: Uint8Array, ioCount: number, keep: StabFilter = (runs) => runs): StabShape[] {
  const stabs = keep(printableRuns(bytes, MIN_STAB_RUN_LENGTH).filter(looksLikeTensorStab), ioCount);
  check(stabs.length >= 2, `found ${stabs.length} tensor stabs, need at least 2`, 'stab_count_low');
  return stabs.map(parseStab);
}

const tileBytes = (s: StabShape): bigint => (s.N * s.C * s.pS + BigInt(TILE_SIZE_IN_BYTES - 1)) & -BigInt(TILE_SIZE_IN_BYTES);
const shape = (s: StabShape): string => `(${s.N}, ${s.C}, ${s.H}, ${s.W})`;

/**
 * Step 9: match stabs to buffers, inputs first, trying the rotated order once when sizes do not
 * match; after two failed tries upstream carries on with the list rotated twice.
 */
function matchStabs(stabs: readonly StabShape[], buffers: BufferList, log: ConvertContext['log']): { order: StabShape[]; matched: boolean } {
  const src = buffers.inputs.length;
  const dst = buffers.outputs.length;
  check(stabs.length === src + dst, `found ${stabs.length} tensor stabs for ${src + dst} I/O buffers`, 'stab_count_mismatch');
  let order = [...stabs];
  let matched = false;
  for (let attempt = 0; attempt < 2 && !matched; attempt++) {
    const fits = (shapes: readonly StabShape[], sizes: readonly number[], kind: string): boolean =>
      sizes.every((bytes, n) => {
        const s = shapes[n]!;
        if (tileBytes(s) !== BigInt(bytes)) return false;
        log({ level: 'info', message: `found ${kind} ${n + 1}/${sizes.length}: ${shape(s)}` });
        return true;
      });
    if (fits(order, buffers.inputs, 'input') && fits(order.slice(src), buffers.outputs, 'output')) matched = true;
    else order = [...order.slice(dst), ...order.slice(0, dst)];
  }
  return { order, matched };
}

/** Step 10: an I/O name with `ctx_` and several inputs hints at a layer left on the CPU. */
function checkCpuLayers(stabs: readonly StabShape[], inputCount: number, context: ConvertContext): void {
  for (const stab of stabs) {
    if (!stab.name.includes('ctx_') || inputCount <= 1) continue;
    if (!context.force) {
      fail('RuntimeError', `tensor ${stab.name} looks like an unresolved CPU layer; did you really mean ${inputCount} inputs? Use -f to bypass`, 'cpu_layer');
    }
    context.log({ level: 'warn', message: 'Bypassing suspected intermediate CPU layer warning' });
  }
}

/** Step 11: the header upstream packs. */
function buildHeader(layout: TaskLayout, tiles: readonly number[], stabs: readonly StabShape[], buffers: BufferList): AnecHeader {
  const src = buffers.inputs.length;
  const dst = buffers.outputs.length;
  const nchw = new Array<bigint>(NCHW_VALUE_COUNT).fill(0n);
  const setRow = (slot: number, s: StabShape): void => {
    nchw.splice(slot * NCHW_FIELD_COUNT, NCHW_FIELD_COUNT, s.N, s.C, s.H, s.W, s.pS, s.rS);
  };
  for (let n = 0; n < dst; n++) setRow(FIRST_IO_SLOT + n, stabs[n + src]!);
  for (let n = 0; n < src; n++) setRow(FIRST_IO_SLOT + dst + n, stabs[n]!);
  const allTiles = [...tiles];
  allTiles[0] = Math.floor(roundUp(layout.size, TILE_SIZE_IN_BYTES) / TILE_SIZE_IN_BYTES);
  return {
    size: BigInt(layout.size),
    tdSize: layout.tdSize,
    tdCount: layout.tdCount,
    tskSize: BigInt(layout.tskSize),
    krnSize: BigInt(layout.krnSize),
    srcCount: src,
    dstCount: dst,
    tiles: allTiles,
    nchw,
  };
}

/** The file as upstream's word list, once its length has passed upstream's first check. */
export function fileWords(bytes: Uint8Array): Uint32Array {
  check(bytes.length % 4 === 0, `file size ${bytes.length} is not a multiple of 4`, 'unaligned_size');
  return wordsOf(bytes);
}

/** Where the layout came from: steps 1 to 7 of either profile. */
export interface LocatedLayout {
  readonly layout: TaskLayout;
  readonly buffers: BufferList;
  readonly tiles: readonly number[];
  readonly tskStart: number;
}

/** Steps 1 to 7 as upstream does them: word scans. */
export function scanLayout(words: Uint32Array): LocatedLayout {
  const layout = upstreamLayout(words);
  const buffers = upstreamBuffers(words, layout.size);
  const tiles = upstreamTiles(buffers);
  return { layout, buffers, tiles, tskStart: upstreamTaskStart(words, layout) };
}

/** Steps 8 to 11, shared by both profiles. */
export function finishConversion(bytes: Uint8Array, located: LocatedLayout, context: ConvertContext, keep?: StabFilter): Conversion {
  const { layout, buffers, tiles, tskStart } = located;
  const { order: stabs, matched } = matchStabs(upstreamStabs(bytes, buffers.inputs.length + buffers.outputs.length, keep), buffers, context.log);
  checkCpuLayers(stabs, buffers.inputs.length, context);
  return { header: buildHeader(layout, tiles, stabs, buffers), tskStart, stabsMatched: matched };
}

/** Upstream's `anecc_convert` on the file's bytes (the .mlmodel notice is the engine's job). */
export function convertUpstream(bytes: Uint8Array, context: ConvertContext): Conversion {
  return finishConversion(bytes, scanLayout(fileWords(bytes)), context);
}
