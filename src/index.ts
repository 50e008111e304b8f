// The package's programmatic API: the same pieces the `anecc` command is made of. Taken from the
// modules that define them rather than the folders' index files, whose re-exports would load zod,
// the patch library and every tool with `import('anecc')`.
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
export { openPythonEngine, pythonEngineAvailability } from './bridge/open.js';
export type { PythonEngine } from './bridge/index.js';
export { diffFiles } from './tools/diff.js';
export { inspectFile } from './tools/inspect.js';
export { fixAnec } from './tools/clean/index.js';
export {
  convert,
  compareOutcomes,
  normalizeConvertOptions,
  type ConversionOptions,
  type ConversionOptions as ConvertOptions,
  type ConvertReport,
} from './convert/index.js';
export { writeHwx, type HwxDescription } from './writer/index.js';
