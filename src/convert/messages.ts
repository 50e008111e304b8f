// The one place that words the conversion's own failures (its options, its input and output, a
// Python engine that did not answer), as src/anec/messages.ts words the converter's.
import type { PatchError } from '../bridge/index.js';

/** A choice that is not one of the option's (`--profile`, `--engine`, `ANECC_ENGINE`). */
export function expectedChoice(option: string, choices: readonly string[], got: unknown): string {
  const expected = choices.map((c) => `"${c}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');
  return `${option}: expected ${expected}, got "${String(got)}"`;
}

/** A library caller's option of the wrong type. */
export function expectedType(option: string, type: 'a string' | 'a boolean', got: unknown): string {
  return `${option}: expected ${type}, got ${got === null ? 'null' : typeof got}`;
}

/** `limit` is the longest delay a Node timer holds. */
export function badPythonTimeout(name: string, value: string, limit: number): string {
  return `${name}: expected a whole number of milliseconds from 1 to ${limit}, got "${value}"; unset it for the default (30 s plus 1 s per MB of input)`;
}

export function inputIsDirectory(path: string): string {
  return `${path}: is a directory, not an HWX file`;
}

// The usual reasons an output file cannot be written, in words; anything else shows its code.
const WRITE_PROBLEMS: Readonly<Record<string, string>> = {
  EISDIR: 'it is a directory',
  EBUSY: 'it is a directory',
  ENOTDIR: 'a folder on the way is not a folder (or it names a directory)',
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** Why `path` could not be written: the usual reasons in words, else the system's code or the error's text. */
export function outputUnwritable(path: string, error: NodeJS.ErrnoException): string {
  const reason = (error.code && WRITE_PROBLEMS[error.code]) ?? error.code ?? error.message;
  return `cannot write ${path}: ${reason}`;
}

export const pythonNoResult = 'the Python engine returned no result';

export const pythonEngineFailed = 'the Python engine failed';

/** Said where Python is simply not there, as information: the conversion goes on. */
export const pythonEngineUnavailable = 'the Python engine is unavailable';

/** `what` says what failed (pythonEngineFailed, patchProblem...), `message` the error's text. */
export function pythonFailed(path: string, what: string, message: string): string {
  return `${path}: ${what}: ${message}`;
}

/** `why` is what the patch status says changed. */
export function patchedCopyRebuiltNotice(why: string): string {
  return `the cached patched copy of upstream had changed since it was made (${why}); rebuilt it`;
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

/** --clean and --remap-slots on a file of another generation (see anec/generation.ts). */
export const fixesKnowH13Only = '--clean and --remap-slots know H13 files only: not applied';

/** The one notice line of the default engine when it keeps the native result alone. */
export function fallbackNotice(what: string, message: string): string {
  return `only the native engine ran, not cross-checked with upstream: ${what}: ${message}`;
}

/** The same notice when the failure was remembered from an earlier run (see bridge/failure-memory.ts). */
export function rememberedFallbackNotice(remembered: string): string {
  return `only the native engine ran, not cross-checked with upstream: ${remembered} (remembered from an earlier run; \`anecc doctor\` checks again)`;
}
