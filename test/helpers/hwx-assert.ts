// Shared checks that every HWX reader is held to.

import { expect } from 'vitest';
import { HwxFormatError, safeReadHwx } from '../../src/hwx/index.js';

/**
 * Run a throwing reader on bytes: it must either return or throw HwxFormatError with at least one
 * issue, and the result-returning reader must agree on which.
 */
export function assertTypedFailure(read: (bytes: Uint8Array) => unknown, bytes: Uint8Array): void {
  let thrown: unknown;
  try {
    read(bytes);
  } catch (error) {
    thrown = error;
  }
  const safe = safeReadHwx(bytes);
  if (thrown === undefined) {
    expect(safe.ok).toBe(true);
    return;
  }
  expect(thrown).toBeInstanceOf(HwxFormatError);
  const issues = (thrown as HwxFormatError).issues;
  expect(issues.length).toBeGreaterThan(0);
  expect(safe.ok).toBe(false);
  if (!safe.ok) expect(safe.issues).toEqual(issues);
}

/** A copy with one little-endian u32 overwritten at a word index (wrapped into range). */
export function withWord(bytes: Uint8Array, wordIndex: number, value: number): Uint8Array {
  const copy = new Uint8Array(bytes);
  const words = Math.floor(copy.length / 4);
  if (words === 0) return copy;
  new DataView(copy.buffer).setUint32((wordIndex % words) * 4, value >>> 0, true);
  return copy;
}
