// Node decodes argv as UTF-8 and turns every invalid byte into U+FFFD, which names no file.
// Upstream (Python) keeps such bytes (surrogateescape). On Linux the exact bytes are still in
// /proc/self/cmdline: the user's arguments are its last entries.
import { readFileSync } from 'node:fs';
import { decodeEscaped } from '../names/escaped-bytes.js';

/**
 * `argv` (the user's arguments) with each one that Node decoded lossily replaced by its raw
 * bytes, escaped as Python escapes them; `argv` itself where that cannot be done.
 */
export function recoverRawArguments(argv: readonly string[], cmdline = '/proc/self/cmdline'): readonly string[] {
  if (!argv.some((arg) => arg.includes('\ufffd'))) return argv;
  let raw: Buffer;
  try {
    raw = readFileSync(cmdline);
  } catch {
    return argv;
  }
  const entries: Buffer[] = [];
  for (let start = 0; start < raw.length; ) {
    const end = raw.indexOf(0, start);
    entries.push(raw.subarray(start, end < 0 ? raw.length : end));
    start = end < 0 ? raw.length : end + 1;
  }
  if (entries.length < argv.length) return argv;
  const tail = entries.slice(entries.length - argv.length);
  // Only where the raw entry is the same argument (its lossy decoding matches).
  return argv.map((arg, i) => (tail[i]!.toString('utf8') === arg ? decodeEscaped(tail[i]!) : arg));
}
