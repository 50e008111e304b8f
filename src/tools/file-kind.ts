// Telling HWX and .anec files apart by content, never by name.

import { ANEC_HEADER, ANEC_HEADER_SIZE_IN_BYTES } from '../anec/index.js';
import {
  COMPACT_TASK_SIZE_IN_BYTES,
  FULL_TASK_SIZE_IN_BYTES,
  HWX_MAGIC,
  KERNEL_DMA_ADDRESS,
  MACHO_MAGIC_64,
  PACKET_ADDRESS_MASK,
  TASK_HEADER_SIZE_IN_BYTES,
  tokens,
} from '../hwx/index.js';

export type FileKind = 'hwx' | 'anec' | 'unknown';

/**
 * `hwx` when the Mach-O magic is there; `anec` when a 0x1000-byte header is followed by a task
 * (its first packet writes KernelDMA) or declares a known task size; else `unknown`.
 */
export function fileKind(bytes: Uint8Array): FileKind {
  if (bytes.length >= tokens.U32_LE.len) {
    const magic = tokens.U32_LE.get(bytes, 0);
    if (magic === HWX_MAGIC || magic === MACHO_MAGIC_64) return 'hwx';
  }
  if (bytes.length < ANEC_HEADER_SIZE_IN_BYTES) return 'unknown';
  const header = ANEC_HEADER.get(bytes, 0);
  const knownTaskSize = header.tdSize === FULL_TASK_SIZE_IN_BYTES || header.tdSize === COMPACT_TASK_SIZE_IN_BYTES;
  const firstPacketAt = ANEC_HEADER_SIZE_IN_BYTES + TASK_HEADER_SIZE_IN_BYTES;
  const startsWithTask =
    bytes.length >= firstPacketAt + tokens.PACKET_HEADER.len &&
    (tokens.PACKET_HEADER.get(bytes, firstPacketAt) & PACKET_ADDRESS_MASK) === KERNEL_DMA_ADDRESS;
  return knownTaskSize || startsWithTask ? 'anec' : 'unknown';
}
