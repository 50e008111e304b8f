// One rule for Python failures that are not upstream's verdict on the input (issue 14, items 8
// and 9): a Python engine that cannot start, crashes, hangs, runs out of its budget or of the
// machine's resources says nothing about the input. The default engine then keeps the native
// result and says it was not cross-checked; an explicit --engine python|both fails with exit 1
// and the same reason. Never a disagreement (exit 3), never "the input cannot be converted".
import type { PatchError, PythonEngineError } from '../bridge/index.js';

export type PythonFailureKind =
  /** Python or upstream is not usable here (missing, not importable, patches or cache unusable). */
  | 'unavailable'
  /** Python started but did not finish: crash, hang, budget, out of space or memory, bad reply. */
  | 'failed'
  /** The command itself is being interrupted: nothing to fall back to. */
  | 'interrupted';

const unavailableCodes: ReadonlySet<string> = new Set([
  'python_not_found',
  'upstream_not_found',
  'upstream_import_failed',
  'bridge_failed',
]);

/** Which kind of failure this is; PatchError always means the patched profile is unusable. */
export function pythonFailureKind(error: PythonEngineError | PatchError, isPatchError: boolean): PythonFailureKind {
  if (isPatchError) return 'unavailable';
  if (error.code === 'interrupted') return 'interrupted';
  return unavailableCodes.has(error.code) ? 'unavailable' : 'failed';
}
