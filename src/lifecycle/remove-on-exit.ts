// Paths (temporary files, work folders) that must not outlive the command: removed when it ends
// by a catchable signal or by process.exit() before their owner released them. What a SIGKILL
// leaves is found later by the owner's id in the name (see stale.ts).
import { rmSync } from 'node:fs';
import { fsPath } from '../names/escaped-bytes.js';

const endingSignals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const pending = new Set<string>();
let installed = false;

function removePending(): void {
  for (const path of pending) {
    try {
      rmSync(fsPath(path), { recursive: true, force: true });
    } catch {
      // Best effort: how the command ends must not change.
    }
  }
  pending.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  removePending();
  process.removeListener(signal, onSignal);
  // Our listener replaced the default action; when no one else decides, end as the signal would
  // (killed by it, status 128 + n), now that the default action is back.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

/**
 * Installs the listeners (once; they stay for the rest of the command, so a signal that arrives
 * during synchronous work is handled right after it). Call it before creating the path, and
 * register the path synchronously after: no signal can then slip between the two.
 */
export function installExitCleanup(): void {
  if (installed) return;
  installed = true;
  for (const signal of endingSignals) process.on(signal, onSignal);
  process.on('exit', removePending);
}

/** Removes `path` (file or folder) if the command ends before the returned release is called. */
export function removeOnExit(path: string): () => void {
  installExitCleanup();
  pending.add(path);
  return () => {
    pending.delete(path);
  };
}
