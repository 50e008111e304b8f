// What both profiles share: upstream anecc 1.0.9's checks and steps, each written once. A profile
// (upstream.ts, patched.ts) only says where the layout comes from (steps 1 to 7) and which tensor
// stabs step 8 keeps. Step numbers refer to docs/upstream-anecc.md.
import {
  ANE_BUFFER_PROT_INPUT,
  ANE_BUFFER_PROT_INTERMEDIATE,
  ANE_BUFFER_PROT_OUTPUT,
  SG_FVMLIB_NORELOC,
  SG_NORELOC,
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
} from './constants.js';
import { check, raise } from './errors.js';
import { printableRuns } from './printable-runs.js';
import { roundDown, roundUp } from './python-semantics.js';
import { looksLikeTensorStab, parseStab, type StabShape } from './stabs.js';
import type { AnecHeader, LogRecord } from './types.js';
import { wordsOf, type Occurrences } from './words.js';

/** What a successful conversion yields before printing or compiling. */
interface Conversion {
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

/** The layout facts of steps 1 to 4. */
export interface TaskLayout {
  readonly tskSize: number;
  readonly krnSize: number;
  readonly size: number;
  readonly tdSize: number;
  readonly tdCount: number;
}

/** Buffer sizes in the order found (step 5), by kind. */
interface BufferList {
  readonly intermediates: readonly number[];
  readonly inputs: readonly number[];
  readonly outputs: readonly number[];
}

/** Steps 1 to 7, from either the word scan or the load commands. */
export interface LocatedLayout {
  readonly layout: TaskLayout;
  readonly buffers: BufferList;
  readonly tiles: readonly number[];
  readonly tskStart: number;
}

/**
 * What step 8 keeps of the tensor stabs, given how many I/O buffers there are: upstream keeps
 * them all; the patched profile may drop aliases.
 */
type StabFilter = (runs: string[], ioCount: number) => string[];

/** A profile: where steps 1 to 7 come from, and which stabs step 8 keeps. */
export interface ProfileRules {
  readonly locate: (bytes: Uint8Array, words: Uint32Array) => LocatedLayout;
  readonly keepStabs: StabFilter;
}

type Size = number | bigint;

/**
 * A buffer's kind, from (maxprot, initprot, nsects, flags) of its segment: the words 8..11 after
 * its address for the word scan, the segment command's fields for the load commands.
 */
const BUFFER_KINDS: readonly (readonly [keyof BufferList, readonly [number, number, number, number]])[] = [
  ['intermediates', [ANE_BUFFER_PROT_INTERMEDIATE, ANE_BUFFER_PROT_INTERMEDIATE, 1, SG_NORELOC]],
  ['inputs', [ANE_BUFFER_PROT_INPUT, ANE_BUFFER_PROT_INPUT, 1, SG_FVMLIB_NORELOC]],
  ['outputs', [ANE_BUFFER_PROT_OUTPUT, ANE_BUFFER_PROT_OUTPUT, 1, SG_FVMLIB_NORELOC]],
];

export function bufferKind(ident: readonly number[]): keyof BufferList | undefined {
  return BUFFER_KINDS.find(([, want]) => want.length === ident.length && want.every((w, i) => w === ident[i]))?.[0];
}

/** One buffer as a layout source presents it to step 5. */
export interface FoundBuffer {
  /** Names the buffer in a failure: `at 0x...` or `segment NAME`. */
  readonly buffer: string;
  readonly size: Size;
  readonly ident: readonly number[];
}

/** The file as upstream's word list, once its length has passed upstream's first check. */
function fileWords(bytes: Uint8Array): Uint32Array {
  check(bytes.length % 4 === 0, { code: 'unaligned_size', length: bytes.length });
  return wordsOf(bytes);
}

/** Step 1's check, and the load path's L1. */
export function checkTaskSize(tskSize: Size, tdSize: number): void {
  check(BigInt(tskSize) !== 0n && BigInt(tskSize) >= BigInt(tdSize), { code: 'task_size_small', tskSize, tdSize });
}

/** Step 2's check, and L2's. */
export function checkKernelSize(krnSize: Size): void {
  check(BigInt(krnSize) !== 0n && BigInt(krnSize) % 16n === 0n, { code: 'kernel_size', krnSize });
}

/** Step 4's check, and L4's. */
export function checkTaskCount(tdCount: number): void {
  check(tdCount !== 0 && tdCount < MAX_TASK_COUNT, { code: 'task_count', tdCount });
}

/**
 * Step 5 over the buffers a layout source yields, at most 32 of them: each size checked, each kind
 * told by its ident; then at least one input and one output, at most one intermediate.
 */
export function collectBuffers(source: Iterable<FoundBuffer>): BufferList {
  const found: Record<keyof BufferList, number[]> = { intermediates: [], inputs: [], outputs: [] };
  let n = 0;
  for (const b of source) {
    const size = BigInt(b.size);
    check(
      size !== 0n && size % BigInt(TILE_SIZE_IN_BYTES) === 0n && size < BigInt(MAX_BUFFER_TILES * TILE_SIZE_IN_BYTES),
      { code: 'buffer_size', buffer: b.buffer, size: b.size },
    );
    const kind = bufferKind(b.ident);
    if (kind === undefined) raise({ code: 'buffer_kind', buffer: b.buffer });
    found[kind].push(Number(size));
    if (++n >= MAX_BUFFER_COUNT) break;
  }
  check(found.inputs.length > 0 && found.outputs.length > 0 && found.intermediates.length <= 1, {
    code: 'buffer_count',
    inputs: found.inputs.length,
    outputs: found.outputs.length,
    intermediates: found.intermediates.length,
  });
  return found;
}

/** Tile counts per slot (step 6); slots past 31 raise IndexError as Python's list does. */
export function tilesOf(buffers: BufferList): number[] {
  const tiles = new Array<number>(SLOT_COUNT).fill(0);
  const assign = (slot: number, bytes: number): void => {
    if (slot >= SLOT_COUNT) raise({ code: 'too_many_buffers', ioCount: buffers.inputs.length + buffers.outputs.length, slotCount: SLOT_COUNT });
    tiles[slot] = Math.floor(bytes / TILE_SIZE_IN_BYTES);
  };
  buffers.intermediates.forEach((b, n) => assign(INTERMEDIATE_SLOT + n, b));
  buffers.outputs.forEach((b, n) => assign(FIRST_IO_SLOT + n, b));
  buffers.inputs.forEach((b, n) => assign(FIRST_IO_SLOT + buffers.outputs.length + n, b));
  return tiles;
}

/** Step 7 on the task headers found (`where` says how): returns the payload start. */
export function taskStart(tasks: Occurrences, layout: TaskLayout, where: string): number {
  check(tasks.count === layout.tdCount, { code: 'task_count_mismatch', found: tasks.count, expected: layout.tdCount, where });
  check(layout.tskSize - (tasks.last - tasks.first) * 4 === layout.tdSize, { code: 'task_span', tskSize: layout.tskSize, tdSize: layout.tdSize });
  return roundDown(tasks.first * 4, 0x1000);
}

/** Step 8: the tensor stabs found in the file's text. */
function findStabs(bytes: Uint8Array, ioCount: number, keep: StabFilter): StabShape[] {
  const stabs = keep(printableRuns(bytes, MIN_STAB_RUN_LENGTH).filter(looksLikeTensorStab), ioCount);
  check(stabs.length >= 2, { code: 'stab_count_low', found: stabs.length });
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
  check(stabs.length === src + dst, { code: 'stab_count_mismatch', found: stabs.length, ioCount: src + dst });
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
    if (!context.force) raise({ code: 'cpu_layer', name: stab.name, inputCount });
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

/** Upstream's `anecc_convert` under a profile's rules (the .mlmodel notice is the engine's job). */
export function convertWith(rules: ProfileRules, bytes: Uint8Array, context: ConvertContext): Conversion {
  const { layout, buffers, tiles, tskStart } = rules.locate(bytes, fileWords(bytes));
  const ioCount = buffers.inputs.length + buffers.outputs.length;
  const { order: stabs, matched } = matchStabs(findStabs(bytes, ioCount, rules.keepStabs), buffers, context.log);
  checkCpuLayers(stabs, buffers.inputs.length, context);
  return { header: buildHeader(layout, tiles, stabs, buffers), tskStart, stabsMatched: matched };
}
