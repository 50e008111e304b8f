// Upstream views the whole file as little-endian u32 words and finds values by linear scans from
// the start. These helpers give the same answers without copying the file.
import { raise } from './errors.js';

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
  if (at < 0) raise({ code: 'word_not_found', value, what });
  return at;
}

/** Python `up[i]`, including negative indices counted from the end: IndexError when outside. */
export function wordAt(words: Uint32Array, index: number, what: string): number {
  const i = index < 0 ? words.length + index : index;
  const value = words[i];
  if (value === undefined) {
    raise({ code: 'word_out_of_range', index, what, wordCount: words.length });
  }
  return value;
}

/** Python `up[start:end]` as an array (shorter near the end of the file). */
export function wordSlice(words: Uint32Array, start: number, end: number): number[] {
  return Array.from(words.subarray(Math.min(start, words.length), Math.min(end, words.length)));
}

/** How often a word occurs and where first and last: all upstream needs of its index list. */
export interface Occurrences {
  readonly count: number;
  /** Index of the first and last occurrence; -1 when there is none. */
  readonly first: number;
  readonly last: number;
}

function tally(indices: Iterable<number>): Occurrences {
  let count = 0;
  let first = -1;
  let last = -1;
  for (const i of indices) {
    if (count === 0) first = i;
    last = i;
    count++;
  }
  return { count, first, last };
}

/** The occurrences of `value` in the whole file. */
export function occurrences(words: Uint32Array, value: number): Occurrences {
  return tally(
    (function* () {
      for (let i = words.indexOf(value); i >= 0; i = words.indexOf(value, i + 1)) yield i;
    })(),
  );
}

/** The occurrences of words whose `mask` bits equal `value`, in words [start, end). */
export function maskedOccurrences(words: Uint32Array, mask: number, value: number, start: number, end: number): Occurrences {
  return tally(
    (function* () {
      for (let i = start; i < end; i++) if (((words[i]! & mask) >>> 0) === value) yield i;
    })(),
  );
}
