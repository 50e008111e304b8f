// The .anec format and the native converter.
export * from './types.js';
export * from './constants.js';
export {
  ANEC_FIELDS,
  ANEC_FIELDS_END_IN_BYTES,
  ANEC_SCALAR_FIELDS,
  fieldValues,
  isU64Field,
  type AnecField,
  type AnecFieldEntry,
  type AnecFieldKey,
  type AnecScalarKey,
  type AnecU64ScalarKey,
} from './format.js';
export { ANEC_HEADER, AnecHeaderRangeError, decodeAnecHeader, encodeAnecHeader } from './header.js';
export { hex, PYTHON_INT_MAX_STR_DIGITS } from './python-semantics.js';
export { PythonException } from './errors.js';
export { upstreamExceptionTypes, upstreamType } from './messages.js';
export { renderAnecStruct, slotName } from './struct-text.js';
export { runNativeEngine } from './engine.js';
export type { ConvertOptions } from './options.js';
export { generationRefusal, generationWarning } from './generation.js';
export {
  ANEC_TARGETS,
  anecTargetNames,
  DEFAULT_TARGET,
  detectAnecLayout,
  findAnecTarget,
  layOutAnec,
  MIN_ANEC_FILE_SIZE_IN_BYTES,
  startsWithTask,
  type AnecTarget,
  type AnecTargetName,
  type DetectedLayout,
  type LayoutEvidence,
} from './targets.js';
