// The .anec format and the native converter.
export * from './types.js';
export * from './constants.js';
export { ANEC_HEADER, ANEC_HEADER_FIELDS_SIZE_IN_BYTES, AnecHeaderRangeError, decodeAnecHeader, encodeAnecHeader } from './header.js';
export { hex, PYTHON_INT_MAX_STR_DIGITS, PythonException } from './python-semantics.js';
export { printableRuns } from './printable-runs.js';
export { renderAnecStruct, slotName } from './struct-text.js';
export { modelName, runNativeEngine } from './engine.js';
export { generationRefusal, generationWarning } from './generation.js';
export * from './options.js';
