// The package's programmatic API: the same pieces the `anecc` command is made of.
export {
  decodeAnecHeader,
  encodeAnecHeader,
  renderAnecStruct,
  runNativeEngine,
  type AnecBytes,
  type AnecHeader,
  type ConvertRequest,
  type EngineOutcome,
  type Profile,
} from './anec/index.js';
export { readHwx, safeReadHwx, readTaskStream, HwxFormatError, type HwxFile } from './hwx/index.js';
export { openPythonEngine, pythonEngineAvailability, type PythonEngine } from './bridge/index.js';
export { diffFiles, inspectFile, fixAnec } from './tools/index.js';
export {
  convert,
  compareOutcomes,
  normalizeConvertOptions,
  type ConversionOptions,
  type ConversionOptions as ConvertOptions,
  type ConvertReport,
} from './convert/index.js';
export { writeHwx, type HwxDescription } from './writer/index.js';
