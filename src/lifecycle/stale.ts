// Leftovers of processes that ended without cleaning up (SIGKILL, a crash, a power cut): every
// temporary name carries its maker's process id, so a later run can tell which are orphans.
import { lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** True when no process has this id (EPERM means one exists, owned by someone else). */
function processIsGone(pid: number): boolean {
  if (pid === process.pid || !Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes the entries of `dir` whose name `owner` maps to a process id that no longer exists;
 * returns their paths. Never fails: a folder it cannot list or an entry it cannot remove stays.
 */
export function removeStale(dir: string, owner: (name: string) => number | undefined, kind: 'file' | 'folder'): readonly string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = owner(name);
    if (pid === undefined || !processIsGone(pid)) continue;
    const path = join(dir, name);
    try {
      const info = lstatSync(path);
      if (kind === 'file' ? !info.isFile() : !info.isDirectory()) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Work folders of the Python engine and input copies in TMPDIR: `anecc-python-PID-XXXXXX`, `anecc-input-PID-XXXXXX`. */
export const workFolderPrefix = { python: 'anecc-python-', input: 'anecc-input-' } as const;
const workFolderPattern = /^anecc-(?:python|input)-(\d+)-[^/]+$/;

export function workFolderOwner(name: string): number | undefined {
  const match = workFolderPattern.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
