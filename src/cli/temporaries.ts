// Temporary files of the output write: named within NAME_MAX, removed on every catchable signal,
// and, after a SIGKILL, found and removed by the next run in that folder (or by `anecc doctor`)
// because the name carries the id of the process that made it.
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

// Linux, macOS and most file systems: a file name is at most 255 bytes.
const nameMaxInBytes = 255;
// `.NAME.PID.HEX.tmp`, NAME possibly shortened to a prefix and `~` plus a hash of the whole.
const temporaryPattern = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/s;
const endingSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * The hidden name a write to `base` goes through first, never longer than NAME_MAX, so every name
 * upstream can write (up to 255 bytes) we can write too.
 */
export function temporaryNameFor(base: string, pid = process.pid): string {
  const tail = `.${pid}.${randomBytes(4).toString('hex')}.tmp`;
  const whole = `.${base}${tail}`;
  if (Buffer.byteLength(whole) <= nameMaxInBytes) return whole;
  const hash = `~${createHash('sha256').update(base).digest('hex').slice(0, 12)}`;
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

function processIsGone(pid: number): boolean {
  if (pid === process.pid || !Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes temporaries in `dir` left by processes that no longer exist (ended by SIGKILL, a
 * crash or a power cut); returns the names removed. Never fails: a folder it cannot list or a
 * file it cannot remove is left as it is.
 */
export function removeStaleTemporaries(dir: string): readonly string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = temporaryOwner(name);
    if (owner === undefined || !processIsGone(owner)) continue;
    const path = join(dir, name);
    try {
      if (!lstatSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

const pending = new Set<string>();
let installed = false;

function removePending(): void {
  for (const path of pending) rmSync(path, { force: true });
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePending();
  process.removeListener(signal, onSignal);
  // Our listener replaced the default action; when no one else decides, end as the signal would.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/**
 * Removes `path` if the command ends (a signal, process.exit) before `release` is called. The
 * listeners stay for the rest of the command once installed: a signal that arrives during a
 * synchronous write is handled right after it, and must still end the command.
 */
export function removeOnInterrupt(path: string): () => void {
  if (!installed) {
    installed = true;
    for (const signal of endingSignals) process.on(signal, onSignal);
    process.on('exit', removePending);
  }
  pending.add(path);
  return () => pending.delete(path);
}
