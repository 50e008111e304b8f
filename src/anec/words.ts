// Upstream views the whole file as little-endian u32 words and finds values by linear scans from
// the start. These helpers give the same answers without copying the file.
import { PythonException } from './python-semantics.js';

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The file as u32 words; the caller has checked that its length is a multiple of 4. */
export function wordsOf(bytes: Uint8Array): Uint32Array {
  if (littleEndian && bytes.byteOffset % 4 === 0) {
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }
  // Small Node buffers come from a shared pool at any offset; a big-endian host needs swapping.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return Uint32Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
}

/** The first index after `after` holding `value`, or -1; a value no u32 can hold is never found. */
export function tryFindWord(words: Uint32Array, value: number, after = -1): number {
  return value >= 0 && value <= 0xffffffff ? words.indexOf(value, after + 1) : -1;
}

/** `next(i for i, x in enumerate(up) if x == value and i > after)`: StopIteration on a miss. */
export function findWord(words: Uint32Array, value: number, what: string, after = -1): number {
  const at = tryFindWord(words, value, after);
  if (at < 0) throw new PythonException('StopIteration', `no word 0x${value.toString(16)} (${what}) in the file`, 'word_not_found');
  return at;
}

/** Python `up[i]`, including negative indices counted from the end: IndexError when outside. */
export function wordAt(words: Uint32Array, index: number, what: string): number {
  const i = index < 0 ? words.length + index : index;
  const value = words[i];
  if (value === undefined) {
    throw new PythonException('IndexError', `${what} would be word ${index}, past the end of the file (${words.length} words)`, 'word_out_of_range');
  }
  return value;
}

/** Python `up[start:end]` as an array (shorter near the end of the file). */
export function wordSlice(words: Uint32Array, start: number, end: number): number[] {
  return Array.from(words.subarray(Math.min(start, words.length), Math.min(end, words.length)));
}

/** How often `value` occurs and where first and last: all upstream needs of its index list. */
export function occurrences(words: Uint32Array, value: number): { count: number; first: number; last: number } {
  let count = 0;
  let first = -1;
  let last = -1;
  for (let i = words.indexOf(value); i >= 0; i = words.indexOf(value, i + 1)) {
    if (count === 0) first = i;
    last = i;
    count++;
  }
  return { count, first, last };
}
