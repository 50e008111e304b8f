// The one place that words the bridge's failures, as src/anec/messages.ts words the converter's.
// Each function takes the facts and returns the text the error (PythonEngineError, PatchError)
// carries; the error codes stay at the throw sites. Kept free of imports: the plain conversion
// path loads it.

// Options (options.ts)

/** A transport name that is not one (the option or ANECC_BRIDGE_TRANSPORT). */
export function badTransport(source: string, transports: readonly string[], value: string): string {
  return `${source}: expected ${transports.map((t) => `"${t}"`).join(' or ')}, got ${JSON.stringify(value)}`;
}

// The Python child (python.ts)

export const engineBusy = 'another Python engine on pythonia is already open in this process; close it first';

export const engineClosed = 'the Python engine is closed';

export const pythoniaStartedNothing = 'pythonia did not start a Python process';

/** `reason` is the system's code (ENOENT, EACCES...). */
export function cannotRunPython(pythonBin: string, reason: string | undefined): string {
  return `cannot run ${pythonBin} (${reason}); set PYTHON_BIN to a Python 3 interpreter`;
}

export function cannotStartThroughPythonia(pythonBin: string): string {
  return `could not start ${pythonBin} through pythonia`;
}

export function pythonProcessFailed(message: string): string {
  return `Python process failed: ${message}`;
}

export function pythonProcessEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return `Python process ${signal ? `killed by ${signal}` : `exited with status ${code ?? 'unknown'}`}`;
}

export function interrupted(signal: NodeJS.Signals): string {
  return `interrupted (${signal}); the Python process was stopped`;
}

export function noAnswer(what: string, timeoutMs: number): string {
  return `${what}: no answer from Python within ${timeoutMs} ms; the Python process was stopped`;
}

export function bridgeImportFailed(bridgePath: string, message: string): string {
  return `importing ${bridgePath} failed: ${message}`;
}

/** `text` is Python's `Type: message`, or whatever pythonia rejected with. */
export function pythonCallFailed(what: string, text: string): string {
  return `${what}: ${text}`;
}

// The pipe transport's answer lines (python.ts, wire.ts)

export const bridgeChannelClosed = 'the Python process closed the bridge channel';

export function answerTooLong(limit: number): string {
  return `the Python bridge sent an answer line longer than ${limit} bytes; the Python process was stopped`;
}

/** `problem` says what is wrong with the line. */
export function answerNotUnderstood(problem: string): string {
  return `the Python bridge sent an answer line that is not understood (${problem}); the Python process was stopped`;
}

// Python's replies (replies.ts, engine.ts)

export function replyNotText(call: string, got: string): string {
  return `${call}: expected JSON text from Python, got ${got}`;
}

export function replyNotJson(call: string): string {
  return `${call}: Python answered text that is not JSON`;
}

/** `where` is the first schema issue, `path: message`. */
export function unexpectedReply(call: string, where: string): string {
  return `${call}: unexpected reply from Python (${where})`;
}

/** A Python exception, as the bridge reports it. */
interface PythonException {
  readonly type: string;
  readonly message: string;
}

export function configureFailed(error: PythonException): string {
  return `configuring the bridge failed: ${error.type}: ${error.message}`;
}

export function probeFailed(error: PythonException): string {
  return `probe failed: ${error.type}: ${error.message}`;
}

/** `found` says what the probe saw in place of upstream's package. */
export function upstreamNotFound(which: string, found: string): string {
  return `${which} not found (${found})`;
}

export function upstreamImportFailed(which: string, error: PythonException): string {
  return `importing ${which} failed: ${error.type}: ${error.message}`;
}

export function pythonCouldNotFinish(error: PythonException, workFolderParent: string): string {
  return `Python could not finish here: ${error.type}: ${error.message} (its work folder is in ${workFolderParent})`;
}

export function compiledFileSize(file: string, size: number, min: number, max: number): string {
  return `compiled file ${file} is ${size} bytes; expected ${min} to ${max}`;
}

export function compiledFileOutside(file: string): string {
  return `compiled file ${file} is outside the work folder`;
}

export function outcomeCount(expected: number, got: number): string {
  return `convert: expected ${expected} outcomes from Python, got ${got}`;
}

// patches/ and the patched copy (patches.ts, cache-folder.ts)

/** A file or folder past the size patches.ts reads. */
export function largerThan(what: string, limit: number): string {
  return `${what} is larger than ${limit} bytes`;
}

export function seriesUnreadable(seriesPath: string): string {
  return `cannot read ${seriesPath}`;
}

export function upstreamUnreadable(packageDir: string): string {
  return `cannot read the upstream package at ${packageDir}`;
}

export function seriesNameNotAFile(name: string, patchesDir: string): string {
  return `series names "${name}": expected a file name inside ${patchesDir}`;
}

export function tooManyPatches(count: number, limit: number): string {
  return `series lists ${count} patches; at most ${limit} are supported`;
}

export function patchUnreadable(name: string, file: string): string {
  return `series lists ${name}, but ${file} cannot be read`;
}

export function tooManyPackageFiles(packageDir: string, limit: number): string {
  return `${packageDir} holds more than ${limit} files`;
}

export function noInitFile(packageDir: string): string {
  return `${packageDir} has no __init__.py`;
}

export function notUnifiedDiff(patch: string, reason: string): string {
  return `${patch} is not a unified diff: ${reason}`;
}

export function targetMissing(patch: string, file: string): string {
  return `${patch} changes ${file}, which upstream does not have`;
}

/** `hunk` is 1-based, of `hunkCount` in the patch's section for `file`. */
export function hunkFailed(patch: string, hunk: number, hunkCount: number, hunkHeader: string, file: string): string {
  return `${patch}: hunk ${hunk} of ${hunkCount} (${hunkHeader}) does not apply to ${file}`;
}

export function hunksConflict(patch: string, file: string): string {
  return `${patch}: its hunks do not apply together to ${file}`;
}

export function cannotMoveAside(dir: string): string {
  return `cannot move the changed patched copy ${dir} aside`;
}

/** `code` is the system's code when there is one. */
export function cannotWritePatchedCopy(cacheDir: string, code: string | undefined): string {
  return `cannot write the patched copy under ${cacheDir}${code ? ` (${code})` : ''}`;
}

export function cacheFolderUnusable(dir: string, why: string): string {
  return `the cache folder ${dir} cannot be used: ${why} (set ANECC_CACHE_DIR to a writable folder)`;
}
