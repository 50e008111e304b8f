// Reading a whole file with a limit that holds whatever stat() says: devices (/dev/zero), pipes,
// /proc files and files that grow while read all report a size that cannot be trusted.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Thrown (as data) when the file holds more than `limit` bytes; `size` is what was seen so far. */
export class InputTooLargeError extends Error {
  override readonly name = 'InputTooLargeError';
  constructor(
    readonly limit: number,
    /** The size stat() reported for a regular file, or undefined when the read itself went past the limit. */
    readonly size: number | undefined,
  ) {
    super(size === undefined ? `more than ${limit} bytes` : `${size} bytes, more than ${limit}`);
  }
}

// Streams are read in chunks of this size, so a refused /dev/zero never holds more than the limit.
const streamChunkInBytes = 1024 * 1024;

/**
 * The file's bytes, at most `fileLimit` of them (`streamLimit` for devices and pipes). A regular file whose stat() size fits is read into
 * one buffer of that size (no copy: memory stays 1x the input); anything past what stat() said,
 * and every device or pipe, is read chunk by chunk and refused once the total passes `limit`.
 */
export function readFileBoundedSync(path: string | Buffer, fileLimit: number, streamLimit = fileLimit): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const info = fstatSync(fd);
    if (info.isFile() && info.size > fileLimit) throw new InputTooLargeError(fileLimit, info.size);
    // What stat() says of a regular file is a hint only (/proc files say 0); the limit is not.
    const limit = info.isFile() ? fileLimit : streamLimit;
    // One byte more than expected, to see the end without a second buffer.
    const first = info.isFile() ? info.size + 1 : Math.min(streamChunkInBytes, limit + 1);
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(first);
    let filled = 0;
    for (;;) {
      const read = readSync(fd, chunk, filled, chunk.length - filled, null);
      if (read === 0) break;
      filled += read;
      if (total + filled > limit) throw new InputTooLargeError(limit, undefined);
      if (filled === chunk.length) {
        chunks.push(chunk);
        total += filled;
        chunk = Buffer.allocUnsafe(Math.min(streamChunkInBytes, limit + 1 - total));
        filled = 0;
      }
    }
    if (chunks.length === 0) return new Uint8Array(chunk.buffer, chunk.byteOffset, filled);
    const whole = Buffer.concat([...chunks, chunk.subarray(0, filled)], total + filled);
    return new Uint8Array(whole.buffer, whole.byteOffset, whole.byteLength);
  } finally {
    closeSync(fd);
  }
}
