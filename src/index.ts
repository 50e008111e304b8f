// The package's programmatic API (`import ... from 'anecc'`). Start with `convert`; the rest are
// the pieces the `anecc` command is made of. Test helpers live on the `anecc/testing` subpath.
// Taken from the modules that define them rather than the folders' index files, whose re-exports
// would load zod, the patch library and every tool with `import('anecc')`.
export {
  convert,
  type ConvertFailed,
  type ConvertFailure,
  type ConvertFileOptions,
  type ConvertFileResult,
  type ConvertFileResultBase,
  type ConvertSuccess,
} from './api.js';
export { ConvertSetupError, type ConvertNotice } from './convert/convert.js';
export { compareOutcomes, type Disagreement } from './convert/compare.js';
export { OptionsError, type EngineChoice } from './convert/options.js';
export {
  decodeAnecHeader,
  encodeAnecHeader,
  renderAnecStruct,
  runNativeEngine,
  type AnecBytes,
  type AnecHeader,
  type ConvertRequest,
  type EngineError,
  type EngineName,
  type EngineOutcome,
  type LogRecord,
  type Profile,
} from './anec/index.js';
export { readHwx, safeReadHwx, readTaskStream, HwxFormatError, type HwxFile } from './hwx/index.js';
export { openPythonEngine, pythonEngineAvailability } from './bridge/open.js';
export type { BridgeTransport, PythonEngine, PythonEngineOptions } from './bridge/index.js';
export { diffFiles } from './tools/diff.js';
export { inspectFile } from './tools/inspect.js';
export { fixAnec } from './tools/clean/index.js';
export type { AnecFixResult, DiffReport, InspectReport } from './tools/index.js';
