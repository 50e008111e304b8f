// The package's programmatic API (`import ... from 'anecc'`). Start with `convert`; the rest are
// the pieces the `anecc` command is made of. Test helpers live on the `anecc/testing` subpath.
export {
  convert,
  type ConvertFailed,
  type ConvertFailure,
  type ConvertFileOptions,
  type ConvertFileResult,
  type ConvertFileResultBase,
  type ConvertSuccess,
} from './api.js';
export { ConvertSetupError, compareOutcomes, type ConvertNotice, type Disagreement } from './convert/index.js';
export {
  decodeAnecHeader,
  encodeAnecHeader,
  OptionsError,
  renderAnecStruct,
  runNativeEngine,
  type AnecBytes,
  type AnecHeader,
  type ConvertRequest,
  type EngineChoice,
  type EngineError,
  type EngineName,
  type EngineOutcome,
  type LogRecord,
  type Profile,
} from './anec/index.js';
export { readHwx, safeReadHwx, readTaskStream, HwxFormatError, type HwxFile } from './hwx/index.js';
export { openPythonEngine, pythonEngineAvailability, type PythonEngine, type PythonEngineOptions } from './bridge/index.js';
export { diffFiles, inspectFile, fixAnec, type AnecFixResult, type DiffReport, type InspectReport } from './tools/index.js';
