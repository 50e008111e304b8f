// Telling HWX and .anec files apart by content, never by name.

import { ANEC_HEADER, MIN_ANEC_FILE_SIZE_IN_BYTES, startsWithTask } from '../anec/index.js';
import {
  COMPACT_TASK_SIZE_IN_BYTES,
  FULL_TASK_SIZE_IN_BYTES,
  HWX_MAGIC,
  MACHO_MAGIC_64,
  tokens,
} from '../hwx/index.js';

export type FileKind = 'hwx' | 'anec' | 'unknown';

/**
 * `hwx` when the Mach-O magic is there; `anec` when a header (padded to 0x1000 for anecc 1.0.9,
 * 0x800 for current libane) is followed by a task (its first packet writes KernelDMA) or declares a
 * known task size; else `unknown`.
 */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length >= tokens.U32_LE.len) {
    const magic = tokens.U32_LE.get(bytes, 0);
    if (magic === HWX_MAGIC || magic === MACHO_MAGIC_64) return 'hwx';
  }
  if (bytes.length < MIN_ANEC_FILE_SIZE_IN_BYTES) return 'unknown';
  const header = ANEC_HEADER.get(bytes, 0);
  const knownTaskSize = header.tdSize === FULL_TASK_SIZE_IN_BYTES || header.tdSize === COMPACT_TASK_SIZE_IN_BYTES;
  return knownTaskSize || startsWithTask(bytes) ? 'anec' : 'unknown';
}
