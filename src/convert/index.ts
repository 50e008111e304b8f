// A conversion end to end: read the input, run the engines, compare them, apply the fixes.
export { convert, ConvertSetupError, type ConvertNotice, type ConvertReport } from './convert.js';
export { compareOutcomes, type Disagreement } from './compare.js';
export { engineChoices, normalizeConvertOptions, OptionsError, type ConversionOptions, type EngineChoice, type RawConversionOptions } from './options.js';
