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

/** What went wrong with the patched copy, in the user's terms. */
export function patchProblem(error: PatchError): string {
  switch (error.code) {
    case 'upstream_unreadable':
      return 'cannot read upstream anecc (ANECC_UPSTREAM_SRC names the folder that holds the anecc package)';
    case 'cache_unusable':
      return 'the patched copy of upstream cannot be kept';
    case 'cache_failed':
      return 'cannot prepare the patched copy of upstream (see ANECC_CACHE_DIR)';
    default:
      return 'patches/ does not apply to upstream anecc';
  }
}

/** The one notice line of the default engine when it keeps the native result alone. */
export function fallbackNotice(what: string, message: string): string {
  return `anecc: notice: only the native engine ran, not cross-checked with upstream: ${what}: ${message}`;
}

/** The same notice when the failure was remembered from an earlier run (see bridge/failure-memory.ts). */
export function rememberedFallbackNotice(remembered: string): string {
  return `anecc: notice: only the native engine ran, not cross-checked with upstream: ${remembered} (remembered from an earlier run; \`anecc doctor\` checks again)`;
}
