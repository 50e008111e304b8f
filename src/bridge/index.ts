// The Python engine: upstream anecc (or its patched copy) run by py/anecc_bridge.py, over a pipe of
// JSON lines or through pythonia (the `transport` option); pythonia itself is only loaded when an
// engine on it is opened.

export { openPythonEngine } from './engine.js';
export { pythonEngineAvailability } from './availability.js';
export { failureKey, failureMemoryMaxAgeMs, forgetFailures, recallFailure, rememberFailure } from './failure-memory.js';
export { PatchError, PythonEngineError, parsePythonExceptionStack } from './errors.js';
export { defaultTimeoutMs, normalizePythonEngineOptions, packageRoot } from './options.js';
export { diffBody, notPinnedWarning, preparePatchedCopy, readSeries } from './patches.js';
export { pinnedUpstreamLabel, pinnedUpstreamSha256 } from './pinned.js';
export type { BridgeTransport, PythonEngine, PythonEngineErrorCode, PythonEngineOptions, PythonOutcome } from './types.js';
