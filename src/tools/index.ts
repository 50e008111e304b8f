// Tools: each takes normalized options or files and returns data for the CLI to render.
export { convert, ConvertSetupError, readInput, requestOf, type ConvertReport } from './convert.js';
export { compareOutcomes, type Disagreement } from './compare.js';
