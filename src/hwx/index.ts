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
  encodeW8Slot,
  h13Registers,
  registerAt,
  registerBlockOf,
  registerBlocks,
  registerName,
  TASK_HEADER_W8,
  taskHeaderWords,
  w8SlotMax,
  W8_FIELDS,
} from './registers.js';
export type { BitField, BlockBase, RegisterBlock, RegisterName, SlotBindings, TaskHeaderWordName, TaskSizing, W8SlotField } from './registers.js';
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
