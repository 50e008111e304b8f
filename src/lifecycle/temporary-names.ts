// Temporary files of the output write: named within NAME_MAX, removed on every catchable signal,
// and, after a SIGKILL, found and removed by the next run in that folder (or by `anecc doctor`)
// because the name carries the id of the process that made it.
import { basename } from 'node:path';
import { fnv1a64Hex } from './fnv1a.js';
import { removeStale } from './stale.js';

// Linux, macOS and most file systems: a file name is at most 255 bytes.
const nameMaxInBytes = 255;
// `.NAME.PID.HEX.tmp`, NAME possibly shortened to a prefix and `~` plus a hash of the whole.
const temporaryPattern = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/s;

/**
 * The hidden name a write to `base` goes through first, never longer than NAME_MAX, so every name
 * upstream can write (up to 255 bytes) we can write too.
 */
export function temporaryNameFor(base: string, pid = process.pid): string {
  // Unique, not secret: the file is created with O_EXCL, and the pid tells our names apart.
  const tail = `.${pid}.${Math.floor(Math.random() * 0x1_0000_0000).toString(16).padStart(8, '0')}.tmp`;
  const whole = `.${base}${tail}`;
  if (Buffer.byteLength(whole) <= nameMaxInBytes) return whole;
  const hash = `~${fnv1a64Hex(base).slice(0, 12)}`;
  const room = nameMaxInBytes - Buffer.byteLength(`.${hash}${tail}`);
  // Whole characters only, so the name stays valid text.
  let prefix = '';
  for (const char of base) {
    if (Buffer.byteLength(prefix + char) > room) break;
    prefix += char;
  }
  return `.${prefix}${hash}${tail}`;
}

/** The id of the process that made this temporary, or undefined for any other name. */
export function temporaryOwner(name: string): number | undefined {
  const match = temporaryPattern.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/**
 * Removes temporaries in `dir` left by processes that no longer exist (ended by SIGKILL, a
 * crash or a power cut); returns the names removed. Never fails: a folder it cannot list or a
 * file it cannot remove is left as it is.
 */
export function removeStaleTemporaries(dir: string): readonly string[] {
  return removeStale(dir, temporaryOwner, 'file').map((path) => basename(path));
}
