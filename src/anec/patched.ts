// The `patched` profile: upstream plus the patches in patches/, as docs/patches.md states them.
// Upstream's word scan comes first; only where it fails do the load commands give the layout.
// Alias stabs (names with '/') are dropped only when there are more stabs than I/O buffers. So
// every file upstream converts gives upstream's bytes.
import { KERNEL_DMA_ADDRESS, PACKET_ADDRESS_MASK, SLOT_COUNT, TILE_SIZE_IN_BYTES } from '../hwx/index.js';
import { MAX_BUFFER_TILES, MAX_TASK_COUNT } from './constants.js';
import { BUFFER_IDENTS, readLoadLayout, type LoadLayout } from './patched-layout.js';
import { hex, pyRoundUp, PythonException, roundDown } from './python-semantics.js';
import {
  check,
  fileWords,
  finishConversion,
  scanLayout,
  upstreamTiles,
  type BufferList,
  type Conversion,
  type ConvertContext,
  type LocatedLayout,
} from './upstream.js';


/** Patch 0001: with more stabs than I/O buffers, drop those whose name (before ":t") has a '/'. */
const dropSurplusAliases = (runs: string[], ioCount: number): string[] =>
  runs.length > ioCount ? runs.filter((run) => !run.slice(0, run.indexOf(':t')).includes('/')) : runs;

/** L1 to L7 of docs/patches.md. */
function loadCommandLayout(words: Uint32Array, fileLength: number, m: LoadLayout): LocatedLayout {
  // L1
  const tskSize = m.text.size;
  const tdSize = (m.tdWords + 1) * 4;
  check(tskSize !== 0n && tskSize >= BigInt(tdSize), `__text size ${hex(tskSize)} is below one task (${hex(tdSize)})`, 'task_size_small');
  check(BigInt(m.text.offset) + tskSize <= BigInt(fileLength), '__TEXT,__text runs past the end of the file', 'text_outside_file');
  // L2
  const alignedTsk = pyRoundUp(tskSize, 16n);
  check(m.kernel.addr === m.text.addr + alignedTsk, '__TEXT,__const does not follow __text at a 16-byte boundary', 'kernel_address');
  const krnSize = m.kernel.size;
  check(krnSize !== 0n && krnSize % 16n === 0n, `kernel size ${hex(krnSize)} is not a nonzero multiple of 16`, 'kernel_size');
  check(BigInt(m.kernel.offset) + krnSize <= BigInt(fileLength), '__TEXT,__const runs past the end of the file', 'kernel_outside_file');
  // L3: both sizes are now bounded by the file length.
  const size = Number(alignedTsk + krnSize);
  check(tdSize * 2 < TILE_SIZE_IN_BYTES, `task size ${hex(tdSize)} from the program descriptor is too large`, 'task_size_large');
  // L4
  check(m.tdAddress === m.text.addr, 'the program descriptor does not point at __TEXT,__text', 'td_address');
  check(m.tdCount !== 0 && m.tdCount < MAX_TASK_COUNT, `task count ${m.tdCount} is out of range`, 'task_count');
  const layout = { tskSize: Number(tskSize), krnSize: Number(krnSize), size, tdSize, tdCount: m.tdCount };

  // L5
  const found: { -readonly [K in keyof BufferList]: number[] } = { intermediates: [], inputs: [], outputs: [] };
  for (const segment of m.buffers.slice(0, SLOT_COUNT)) {
    const bufSize = segment.size;
    check(
      bufSize !== 0n && bufSize % BigInt(TILE_SIZE_IN_BYTES) === 0n && bufSize < BigInt(MAX_BUFFER_TILES * TILE_SIZE_IN_BYTES),
      `buffer segment ${segment.name} has size ${hex(bufSize)}, not a nonzero multiple of 0x4000 below 0x40000000`,
      'buffer_size',
    );
    const is = (want: readonly number[]): boolean => want.every((w, i) => w === segment.ident[i]);
    const list = is(BUFFER_IDENTS.intermediate) ? found.intermediates : is(BUFFER_IDENTS.input) ? found.inputs : found.outputs;
    list.push(Number(bufSize));
  }
  check(
    found.inputs.length > 0 && found.outputs.length > 0 && found.intermediates.length <= 1,
    `found ${found.inputs.length} inputs, ${found.outputs.length} outputs and ${found.intermediates.length} intermediates; need at least one input and one output, at most one intermediate`,
    'buffer_count',
  );
  const tiles = upstreamTiles(found);

  // L7: task headers, matched on their KernelDMA packet address, only inside __text.
  const start = Math.ceil(m.text.offset / 4);
  const end = Math.ceil((m.text.offset + layout.tskSize) / 4);
  let count = 0;
  let low = -1;
  let high = -1;
  for (let i = start; i < end; i++) {
    if (((words[i]! & PACKET_ADDRESS_MASK) >>> 0) !== KERNEL_DMA_ADDRESS) continue;
    if (count === 0) low = i;
    high = i;
    count++;
  }
  check(count === m.tdCount, `found ${count} tasks in __text, the program descriptor says ${m.tdCount}`, 'task_count_mismatch');
  check(layout.tskSize - (high - low) * 4 === tdSize, `__text size ${hex(layout.tskSize)} does not end one task (${hex(tdSize)}) after the last task`, 'task_span');
  return { layout, buffers: found, tiles, tskStart: roundDown(low * 4, 0x1000) };
}

/** Patch 0002: the word scan, and the load commands only when the scan fails. */
function patchedLayout(bytes: Uint8Array, words: Uint32Array): LocatedLayout {
  try {
    return scanLayout(words);
  } catch (scanFailure) {
    const m = scanFailure instanceof PythonException ? readLoadLayout(bytes) : undefined;
    if (m === undefined) throw scanFailure;
    return loadCommandLayout(words, bytes.length, m);
  }
}

export function convertPatched(bytes: Uint8Array, context: ConvertContext): Conversion {
  return finishConversion(bytes, patchedLayout(bytes, fileWords(bytes)), context, dropSurplusAliases);
}
