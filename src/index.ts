// The package's programmatic API: the same pieces the `anecc` command is made of.
export {
  decodeAnecHeader,
  encodeAnecHeader,
  normalizeConvertOptions,
  renderAnecStruct,
  runNativeEngine,
  type AnecBytes,
  type AnecHeader,
  type ConvertOptions,
  type ConvertRequest,
  type EngineOutcome,
  type Profile,
} from './anec/index.js';
export { readHwx, safeReadHwx, readTaskStream, HwxFormatError, type HwxFile } from './hwx/index.js';
export { openPythonEngine, pythonEngineAvailability, type PythonEngine } from './bridge/index.js';
export { diffFiles, inspectFile, fixAnec } from './tools/index.js';
export { convert, compareOutcomes, type ConvertReport } from './convert/index.js';
export { writeHwx, type HwxDescription } from './writer/index.js';
