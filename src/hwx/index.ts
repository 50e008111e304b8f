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
export {
  anecProfile,
  blockAt,
  decodeBindings,
  decodeHeaderWords,
  decodeRegisterWrite,
  fieldMax,
  fieldValue,
  generationName,
  generations,
  h13,
  H13_CLEAN_RULES,
  h14,
  profileFor,
  profiles,
  readSlots,
  registerDefAt,
  undecodedNote,
  withBindingSlot,
  withField,
  writeSlots,
} from './generations/index.js';
export type {
  Binding,
  BindingDef,
  BindingRole,
  BitField,
  CleanRules,
  ConvertSupport,
  DecodedField,
  DecodedHeaderWord,
  DecodedRegister,
  Generation,
  GenerationProfile,
  HeaderWordDef,
  KnownTaskSize,
  RegisterBlockDef,
  RegisterDef,
  TaskLayout,
  ThreadFlavors,
} from './generations/index.js';
export {
  decodeW1,
  decodeW8,
  encodeW1NextSize,
  encodeW8Slot,
  h13Registers,
  registerAt,
  registerBlockOf,
  registerBlocks,
  registerName,
  TASK_HEADER_W1,
  TASK_HEADER_W7,
  TASK_HEADER_W8,
  W8_FIELDS,
  w8SlotMax,
} from './registers.js';
export type { BlockBase, RegisterBlock, RegisterName, SlotBindings, TaskSizing, W8SlotField } from './registers.js';
export { parseStab, N_GSYM } from './stabs.js';
export { maxLoadCommandCount, maxTaskCount } from './bounds.js';
export * as tokens from './tokens.js';
