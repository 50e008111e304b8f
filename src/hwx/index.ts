// Public API of the HWX reader. Other folders import from here only.

export * from './constants.js';
export type * from './types.js';
export type * from './issues.js';
export { readHwx, safeReadHwx } from './read.js';
export { readTaskStream } from './tasks.js';
export type { TaskStreamOptions } from './tasks.js';
export { HwxFormatError } from './errors.js';
export { formatIssue, formatIssues } from './messages.js';
export { generationName, generations } from './generations.js';
export type { Generation } from './generations.js';
export {
  decodeW1,
  decodeW8,
  h13Registers,
  registerAt,
  registerBlockOf,
  registerBlocks,
  registerName,
  taskHeaderWords,
} from './registers.js';
export type { BlockBase, RegisterBlock, RegisterName, SlotBindings, TaskHeaderWordName, TaskSizing } from './registers.js';
export { parseStab, isTensorStab, N_GSYM } from './stabs.js';
export {
  maxIdentLengthInBytes,
  maxLoadCommandCount,
  maxSectionsPerSegment,
  maxStringLengthInBytes,
  maxSymbolCount,
  maxTaskCount,
} from './bounds.js';
export * as tokens from './tokens.js';
