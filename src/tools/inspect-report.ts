// The JSON shape of `anecc inspect --json`, as a zod schema; the TypeScript type comes from it.
// Integers only: no hex strings, no bigint (a u64 too large for a double is null plus a warning).

import { z } from 'zod';
import { hwxIssueCodes } from '../hwx/index.js';

const int = z.int();
const nullableInt = z.int().nullable();

/** Codes of inspect's own warnings; the reader's warnings keep their issue code. */
const inspectWarningCodes = [
  /** The tasks bind slots in another order than libane's outputs 4.., inputs after. */
  'libane_slot_order',
  /** A task that uses no kernel sets KernelDMA/NE kernel registers. */
  'spurious_kdma',
  /** Which slot holds which tensor cannot be told. */
  'slot_mapping_unclear',
  /** Not H13: tasks shown as the H13 encoding reads them. */
  'generation_not_decoded',
  /** An .anec header's size and its payload length disagree. */
  'anec_size',
] as const;

/** Every warning code inspect can report: the reader's issue codes (`unsafe_integer` too) and its own. */
const warningCodes = [...hwxIssueCodes, ...inspectWarningCodes] as const;

/** A warning's code is one of warningCodes: a union, checked whenever a report is parsed. */
const warningSchema = z.object({ code: z.enum(warningCodes), message: z.string() });

const machoHeaderSchema = z.object({
  magic: int,
  cputype: int,
  cpusubtype: int,
  filetype: int,
  ncmds: int,
  sizeofcmds: int,
  flags: int,
});

const anecSlotSchema = z.object({
  slot: int,
  /** upstream's name for the slot: cmd, krn, itm0, dst0, src0 ... */
  name: z.string(),
  tiles: int,
  /** N, C, H, W, plane stride, row stride (null when a value is too large for JSON). */
  nchw: z.array(nullableInt).length(6),
});

const anecHeaderSchema = z.object({
  size: nullableInt,
  tdSize: int,
  tdCount: int,
  tskSize: nullableInt,
  krnSize: nullableInt,
  srcCount: int,
  dstCount: int,
  /** Slots with a nonzero tile count or nchw row. */
  slots: z.array(anecSlotSchema),
});

const sectionSchema = z.object({
  segment: z.string(),
  name: z.string(),
  addr: int,
  size: int,
  offset: int,
  role: z.enum(['code', 'kernel', 'input', 'output', 'intermediate', 'other']),
});

const segmentSchema = z.object({
  name: z.string(),
  vmaddr: int,
  vmsize: int,
  fileoff: int,
  filesize: int,
  maxprot: int,
  initprot: int,
  sections: z.array(sectionSchema),
});

const programSlotSchema = z.object({
  slot: int,
  address: int,
  /** What the address is: a tensor name or `__TEXT,__text`-style section, null when nothing matches. */
  binds: z.string().nullable(),
});

const programSchema = z.object({
  slots: z.array(programSlotSchema),
  firstTaskAddress: int,
  firstTaskWordMarker: int,
  taskCount: int,
  networkName: z.string().nullable(),
});

const compilerSchema = z.object({
  name: z.string().nullable(),
  version: z.string().nullable(),
  flags: z.array(z.string()),
});

const tensorSchema = z.object({
  name: z.string().nullable(),
  role: z.enum(['input', 'output', 'intermediate', 'alias']),
  /** [N, C, H, W]. */
  shape: z.array(int).length(4).nullable(),
  /** Byte strides of [N, C, H, W]. */
  strides: z.array(nullableInt).length(4).nullable(),
  slot: nullableInt,
  address: nullableInt,
  bufferSize: nullableInt,
});

const headerWordSchema = z.object({
  word: z.string(),
  index: int,
  value: int,
  description: z.string(),
});

const bindingsSchema = z.object({
  value: int,
  reads: z.array(int),
  writes: z.array(int),
  rbase0: int,
  rbase0Enabled: z.boolean(),
  rbase1: int,
  rbase1Enabled: z.boolean(),
  wbase: int,
  wbaseEnabled: z.boolean(),
  tbase: int,
  ene: int,
});

const registerSchema = z.object({
  /** Name from the H13 table, null when the address has none (or the generation is not H13). */
  register: z.string().nullable(),
  block: z.string().nullable(),
  address: int,
  value: int,
  /** Absolute file offset of the value. */
  offset: int,
});

const packetSchema = z.object({ offset: int, header: int, address: int, count: int });

const taskSchema = z.object({
  index: int,
  offset: int,
  size: int,
  layout: z.enum(['full', 'compact', 'unknown']),
  firstPacket: nullableInt,
  header: z.array(headerWordSchema),
  bindings: bindingsSchema.nullable(),
  usesKernel: z.boolean(),
  packets: z.array(packetSchema),
  registers: z.array(registerSchema),
});

export const inspectReportSchema = z.object({
  file: z.string(),
  kind: z.enum(['hwx', 'anec']),
  byteLength: int,
  /** H13 ... from the cpusubtype; null for .anec files, which do not record it. */
  generation: z.string().nullable(),
  subtype: nullableInt,
  compiler: compilerSchema.nullable(),
  macho: machoHeaderSchema.nullable(),
  anec: anecHeaderSchema.nullable(),
  segments: z.array(segmentSchema),
  program: programSchema.nullable(),
  tensors: z.array(tensorSchema),
  tasks: z.array(taskSchema),
  warnings: z.array(warningSchema),
});

export type InspectReport = z.infer<typeof inspectReportSchema>;
export type InspectTask = z.infer<typeof taskSchema>;
export type InspectTensor = z.infer<typeof tensorSchema>;
export type InspectRegister = z.infer<typeof registerSchema>;
export type InspectWarning = z.infer<typeof warningSchema>;
export type InspectSegment = z.infer<typeof segmentSchema>;
