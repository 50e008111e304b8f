// One file, HWX or .anec, read once and decoded tolerantly for the inspect, diff and clean tools.

import { fsPath } from '../names/escaped-bytes.js';
import { InputTooLargeError, readFileBoundedSync } from './bounded-read.js';
import { ANEC_HEADER, detectAnecLayout, type AnecBytes, type AnecHeader, type DetectedLayout } from '../anec/index.js';
import { readTaskStream, safeReadHwx } from '../hwx/index.js';
import type { HwxFile, TaskStream } from '../hwx/index.js';
import { fileKind } from './file-kind.js';
import type { AnecFileCommand } from './messages.js';
import { ToolError } from './tool-errors.js';

export interface LoadedHwx {
  readonly kind: 'hwx';
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly file: HwxFile;
}

export interface LoadedAnec {
  readonly kind: 'anec';
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly header: AnecHeader;
  /** Which target's layout the file has (payload at 0x1000 or 0x800), and how that was told. */
  readonly layout: DetectedLayout;
  /** Everything after the padded header: the task stream at offset 0, then the kernel. */
  readonly payload: Uint8Array;
  /** Tasks decoded from the file bytes at the payload (offsets are file offsets). */
  readonly stream: TaskStream;
  /** Bytes of the task stream actually decoded: tsk_size, bounded by the payload. */
  readonly taskStreamSize: number;
}

export type LoadedFile = LoadedHwx | LoadedAnec;

/** A u64 header value as a number, or undefined when a double cannot hold it exactly. */
export function safeNumber(value: bigint): number | undefined {
  return value >= 0n && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
}

/** Task-stream bytes of an .anec payload: tsk_size from the header, never past the payload. */
export function anecTaskStreamSize(header: AnecHeader, payloadLength: number): number {
  const declared = safeNumber(header.tskSize);
  return declared === undefined ? payloadLength : Math.min(declared, payloadLength);
}

export function loadBytes(path: string, bytes: Uint8Array): LoadedFile {
  const kind = fileKind(bytes);
  if (kind === 'hwx') {
    const result = safeReadHwx(bytes);
    if (!result.ok) {
      throw new ToolError({ code: 'bad_hwx', path, issues: result.issues });
    }
    return { kind, path, bytes, file: result.file };
  }
  if (kind === 'anec') {
    const header = ANEC_HEADER.get(bytes, 0);
    const layout = detectAnecLayout(bytes, header.size);
    const payloadOffset = layout.target.payloadOffset;
    const payload = bytes.subarray(payloadOffset);
    const taskStreamSize = anecTaskStreamSize(header, payload.length);
    const stream = readTaskStream(bytes, payloadOffset, taskStreamSize, { path: ['payload'] });
    return { kind, path, bytes, header, layout, payload, stream, taskStreamSize };
  }
  throw new ToolError({ code: 'unknown_kind', path });
}

/**
 * Largest input file read: 2 GiB - 1, the most Node 20's readFileSync returns in one call. Far
 * above any HWX or .anec in the corpus; checked before reading so a huge file fails early and by name.
 */
export const maxInputSizeInBytes = 2 ** 31 - 1;

/**
 * Largest input read from a device or pipe, which cannot say its size beforehand (/dev/zero never
 * ends): the bytes are held before the limit is known to be passed, so it is kept lower.
 */
const maxStreamInputSizeInBytes = 512 * 1024 * 1024;

/** The file's bytes, read with a bound whatever stat() says; every failure is a ToolError naming the file. */
export function readInputFile(path: string): Uint8Array {
  try {
    return readFileBoundedSync(fsPath(path), maxInputSizeInBytes, maxStreamInputSizeInBytes);
  } catch (cause) {
    if (cause instanceof InputTooLargeError) {
      throw new ToolError({ code: 'too_large', path, size: cause.size, limit: cause.limit }, { cause });
    }
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new ToolError({ code: 'unreadable', path, reason }, { cause });
  }
}

export function loadFile(path: string): LoadedFile {
  return loadBytes(path, readInputFile(path));
}

/**
 * An .anec file that a fix may rewrite: refuses an HWX file (`wrong_kind`, saying what `command`
 * to run instead) and a file shorter than its header says (`truncated`), since writing a fixed
 * copy would hide that.
 */
export function loadAnecFile(path: string, command: AnecFileCommand): LoadedAnec {
  const loaded = loadFile(path);
  if (loaded.kind !== 'anec') throw new ToolError({ code: 'wrong_kind', path, command });
  if (BigInt(loaded.payload.length) < loaded.header.size) {
    throw new ToolError({ code: 'truncated', path, declared: loaded.header.size, actual: loaded.payload.length });
  }
  return loaded;
}

/** The .anec as its two parts, split where the file's own layout puts the payload. */
export function anecParts(loaded: LoadedAnec): AnecBytes {
  return { header: loaded.bytes.subarray(0, loaded.layout.target.payloadOffset), payload: loaded.payload };
}
