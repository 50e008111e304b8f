// Where the payload of an .anec file starts, per libane: the one table of targets. The header
// fields end at 0x6a8, so both layouts hold the same header; only the zero padding differs.
//
// - anecc 1.0.9 (eiln/anecc aa7b14f, anecc/__init__.py) pads the header to HEADER_SIZE 0x1000.
//   libane read the payload there from eiln/ane 8fd8c7c ("libane: change interface to file load",
//   libane/ane.c `#define HEADER_SIZE 0x1000`, `ane_pread(path, model->data, anec->size, HEADER_SIZE)`).
// - eiln/ane e585747 ("libane: reorganize fns", 2023-06-20) changed libane/ane.c to
//   `#define ANEC_HEADER_SIZE 0x800` and `ane_pread(path, nn->data, anec->size, ANEC_HEADER_SIZE)`;
//   main (0dcea99) still reads `ANEC_HEADER_SIZE 0x800UL` (libane/ane.c lines 34 and 406).
import { KERNEL_DMA_ADDRESS, PACKET_ADDRESS_MASK, TASK_HEADER_SIZE_IN_BYTES, tokens } from '../hwx/index.js';
import { ANEC_FIELDS_END_IN_BYTES } from './format.js';
import type { AnecBytes } from './types.js';

export type AnecTargetName = 'anecc-1.0.9' | 'libane';

export interface AnecTarget {
  readonly name: AnecTargetName;
  /** Byte offset of the payload (the header is zero-padded up to here). */
  readonly payloadOffset: number;
  /** Which libane reads this layout, with the public commits. */
  readonly readBy: string;
}

export const ANEC_TARGETS: readonly AnecTarget[] = [
  {
    name: 'anecc-1.0.9',
    payloadOffset: 0x1000,
    readBy: 'what anecc 1.0.9 writes (eiln/anecc aa7b14f); read by libane of eiln/ane 8fd8c7c up to e585747 (2023-06-17..20)',
  },
  {
    name: 'libane',
    payloadOffset: 0x800,
    readBy: 'read by libane of eiln/ane since e585747 (2023-06-20), still on main 0dcea99 (libane/ane.c ANEC_HEADER_SIZE 0x800)',
  },
];

/** The drop-in default: exactly what upstream writes. */
export const DEFAULT_TARGET: AnecTarget = ANEC_TARGETS[0]!;
export const anecTargetNames: readonly AnecTargetName[] = ANEC_TARGETS.map((t) => t.name);

/** The target of that name, or undefined. */
export function findAnecTarget(name: string): AnecTarget | undefined {
  return ANEC_TARGETS.find((t) => t.name === name);
}

/**
 * The same .anec laid out for `target`: the header fields, zero padding up to the target's
 * payload offset, the payload unchanged. A header already of that length is kept as it is, so
 * the default target returns the engine's bytes untouched.
 */
export function layOutAnec(anec: AnecBytes, target: AnecTarget): AnecBytes {
  if (anec.header.length === target.payloadOffset) return anec;
  const header = new Uint8Array(target.payloadOffset);
  header.set(anec.header.subarray(0, Math.min(ANEC_FIELDS_END_IN_BYTES, anec.header.length)));
  return { header, payload: anec.payload };
}

/** How the reader decided which layout a file has. */
export type LayoutEvidence =
  /** The file is exactly payload offset + header size bytes long. */
  | 'size'
  /** A task (first packet writing KernelDMA) starts at the payload offset. */
  | 'task'
  /** Neither told: the file is taken as anecc 1.0.9's layout. */
  | 'assumed';

export interface DetectedLayout {
  readonly target: AnecTarget;
  readonly evidence: LayoutEvidence;
}

function taskAt(bytes: Uint8Array, payloadOffset: number): boolean {
  const at = payloadOffset + TASK_HEADER_SIZE_IN_BYTES;
  return bytes.length >= at + tokens.PACKET_HEADER.len && (tokens.PACKET_HEADER.get(bytes, at) & PACKET_ADDRESS_MASK) === KERNEL_DMA_ADDRESS;
}

/**
 * Which layout an .anec file has: the file length against the header's size first (exact for
 * every file anecc writes), then where a task starts; 1.0.9 when neither tells.
 */
export function detectAnecLayout(bytes: Uint8Array, size: bigint): DetectedLayout {
  const bySize = ANEC_TARGETS.filter((t) => bytes.length >= t.payloadOffset && BigInt(bytes.length - t.payloadOffset) === size);
  if (bySize.length === 1) return { target: bySize[0]!, evidence: 'size' };
  const byTask = ANEC_TARGETS.filter((t) => taskAt(bytes, t.payloadOffset));
  if (byTask.length === 1) return { target: byTask[0]!, evidence: 'task' };
  return { target: DEFAULT_TARGET, evidence: 'assumed' };
}

/** True when a task starts right after the header in some known layout. */
export function startsWithTask(bytes: Uint8Array): boolean {
  return ANEC_TARGETS.some((t) => taskAt(bytes, t.payloadOffset));
}

/** Smallest file that can hold an .anec header in any layout. */
export const MIN_ANEC_FILE_SIZE_IN_BYTES = Math.min(...ANEC_TARGETS.map((t) => t.payloadOffset));
