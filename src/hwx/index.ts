// Public API of the HWX reader. Other folders import from here only.

export * from './constants.js';
export type * from './types.js';
export type * from './issues.js';
export { hwxIssueCodes } from './issues.js';
export { readHwx, safeReadHwx } from './read.js';
export { readTaskStream } from './tasks.js';
export type { TaskStreamOptions } from './tasks.js';
export { AneccError, HwxFormatError } from './errors.js';
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
  TASK_HEADER_W1,
  TASK_HEADER_W7,
  TASK_HEADER_W8,
  taskHeaderWords,
  W8_FIELDS,
  w8SlotMax,
} from './registers.js';
export type { BlockBase, RegisterBlock, RegisterName, SlotBindings, TaskHeaderWordName, TaskSizing, W8SlotField } from './registers.js';
export { parseStab, N_GSYM } from './stabs.js';
export { maxLoadCommandCount, maxTaskCount } from './bounds.js';
export * as tokens from './tokens.js';
