// The `upstream` profile: anecc 1.0.9's conversion, step for step. It deliberately reads the file
// the way upstream does (word scans and text runs) rather than through the Mach-O model, so it
// fails exactly where upstream fails. Step numbers refer to docs/upstream-anecc.md; the steps
// both profiles share are in core.ts.
import { ANE_BASE_ADDRESS, FULL_TASK_FIRST_PACKET, FULL_TASK_SIZE_IN_BYTES, KERNEL_ALIGNMENT_IN_BYTES, TILE_SIZE_IN_BYTES } from '../hwx/index.js';
import { UPSTREAM_TD_MARKER } from './constants.js';
import {
  checkKernelSize,
  checkTaskCount,
  checkTaskSize,
  collectBuffers,
  taskStart,
  tilesOf,
  type FoundBuffer,
  type LocatedLayout,
  type ProfileRules,
  type TaskLayout,
} from './core.js';
import { check } from './errors.js';
import { hex, roundUp } from './python-semantics.js';
import { findWord, occurrences, tryFindWord, wordAt, wordSlice } from './words.js';

/** Steps 1 to 4: sizes and the task count, from the words that follow known addresses. */
function scanSizes(words: Uint32Array): TaskLayout {
  const first = findWord(words, ANE_BASE_ADDRESS, '__TEXT base address');
  let pos = findWord(words, ANE_BASE_ADDRESS, 'second __TEXT base address', first);
  const tskSize = wordAt(words, pos + 2, '__text size');
  checkTaskSize(tskSize, FULL_TASK_SIZE_IN_BYTES);

  const krnAddress = ANE_BASE_ADDRESS + roundUp(tskSize, KERNEL_ALIGNMENT_IN_BYTES);
  pos = findWord(words, krnAddress, 'kernel address');
  const krnSize = wordAt(words, pos + 2, 'kernel size');
  checkKernelSize(krnSize);
  const size = roundUp(tskSize, KERNEL_ALIGNMENT_IN_BYTES) + krnSize;

  pos = findWord(words, UPSTREAM_TD_MARKER, 'task descriptor marker');
  check(wordAt(words, pos - 2, 'program descriptor address') === ANE_BASE_ADDRESS, { code: 'td_marker' });
  const tdCount = wordAt(words, pos + 1, 'task count');
  checkTaskCount(tdCount);
  return { tskSize, krnSize, size, tdSize: FULL_TASK_SIZE_IN_BYTES, tdCount };
}

/** Step 5's source: each buffer's address after the last, its size and ident from the words after it. */
function* scannedBuffers(words: Uint32Array, size: number): Generator<FoundBuffer> {
  let address = ANE_BASE_ADDRESS + roundUp(size, TILE_SIZE_IN_BYTES);
  for (let pos = tryFindWord(words, address); pos >= 0; pos = tryFindWord(words, address)) {
    const bufSize = wordAt(words, pos + 2, 'buffer size');
    yield { buffer: `at ${hex(address)}`, size: bufSize, ident: wordSlice(words, pos + 8, pos + 12) };
    address += bufSize;
  }
}

/** Steps 1 to 7 as upstream does them: word scans. */
function scanLayout(_bytes: Uint8Array, words: Uint32Array): LocatedLayout {
  const layout = scanSizes(words);
  const buffers = collectBuffers(scannedBuffers(words, layout.size));
  const tiles = tilesOf(buffers);
  const tasks = occurrences(words, FULL_TASK_FIRST_PACKET);
  return { layout, buffers, tiles, tskStart: taskStart(tasks, layout, `(word ${hex(FULL_TASK_FIRST_PACKET)})`) };
}

/** anecc 1.0.9: the word scan, and every tensor stab. */
export const upstreamRules: ProfileRules = {
  locate: scanLayout,
  keepStabs: (runs) => runs,
};
