// Deterministic content for the kernel and debug sections.

import type { FillKind } from './types.js';

/** Knuth's multiplicative hash constant: spreads consecutive indices over all 32 bits. */
const PATTERN_MULTIPLIER = 0x9e3779b1;
/** Low byte of every pattern word: non-zero and non-printable (see FillKind). */
const PATTERN_LOW_BYTE = 0x01;
const PATTERN_HIGH_BYTES_MASK = 0xffffff00;

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The pattern word at index `index` of a section (same for every section, so reproducible). */
function patternWord(index: number): number {
  return ((Math.imul(index + 1, PATTERN_MULTIPLIER) & PATTERN_HIGH_BYTES_MASK) | PATTERN_LOW_BYTE) >>> 0;
}

/** Fills `size` bytes at `offset` (a multiple of 4, as section offsets here are) of `bytes`. */
export function fillSection(bytes: Uint8Array, offset: number, size: number, fill: FillKind): void {
  if (fill === 'zeros') return; // the output buffer starts zeroed
  const words = Math.floor(size / 4);
  if (littleEndian && (bytes.byteOffset + offset) % 4 === 0) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + offset, words);
    for (let i = 0; i < words; i += 1) view[i] = patternWord(i);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset, words * 4);
    for (let i = 0; i < words; i += 1) view.setUint32(i * 4, patternWord(i), true);
  }
  // A size that is not a multiple of 4 (debug info) ends with the pattern's low byte.
  for (let i = words * 4; i < size; i += 1) bytes[offset + i] = PATTERN_LOW_BYTE;
}

/** Which fill produced these bytes, or undefined when neither did. */
export function detectFill(bytes: Uint8Array): FillKind | undefined {
  if (bytes.every((b) => b === 0)) return 'zeros';
  const probe = new Uint8Array(bytes.length);
  fillSection(probe, 0, bytes.length, 'pattern');
  return probe.every((b, i) => b === bytes[i]) ? 'pattern' : undefined;
}
