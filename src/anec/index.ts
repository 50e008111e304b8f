// The .anec format and the native converter.
export * from './types.js';
export * from './constants.js';
export { ANEC_HEADER, ANEC_HEADER_FIELDS_SIZE_IN_BYTES, AnecHeaderRangeError, decodeAnecHeader, encodeAnecHeader } from './header.js';
export { hex, PYTHON_INT_MAX_STR_DIGITS } from './python-semantics.js';
export { PythonException } from './errors.js';
export { upstreamExceptionTypes, upstreamType } from './messages.js';
export { renderAnecStruct, slotName } from './struct-text.js';
export { runNativeEngine } from './engine.js';
export type { ConvertOptions } from './options.js';
export { generationRefusal, generationWarning } from './generation.js';
