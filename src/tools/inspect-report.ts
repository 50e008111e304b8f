// The JSON shape of `anecc inspect --json`, as a zod schema; the TypeScript type comes from it.
// Integers only: no hex strings, no bigint (a u64 too large for a double is null plus a warning).

import { z } from 'zod';

const int = z.int();
const nullableInt = z.int().nullable();

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  /** Tasks a folded warning applies to (the same warning on many tasks is one entry). */
  tasks: z.array(z.int()).optional(),
});

export const machoHeaderSchema = z.object({
  magic: int,
  cputype: int,
  cpusubtype: int,
  filetype: int,
  ncmds: int,
  sizeofcmds: int,
  flags: int,
});

export const anecSlotSchema = z.object({
  slot: int,
  /** upstream's name for the slot: cmd, krn, itm0, dst0, src0 ... */
  name: z.string(),
  tiles: int,
  /** N, C, H, W, plane stride, row stride (null when a value is too large for JSON). */
  nchw: z.array(nullableInt).length(6),
});

export const anecHeaderSchema = z.object({
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

export const sectionSchema = z.object({
  segment: z.string(),
  name: z.string(),
  addr: int,
  size: int,
  offset: int,
  role: z.enum(['code', 'kernel', 'input', 'output', 'intermediate', 'other']),
});

export const segmentSchema = z.object({
  name: z.string(),
  vmaddr: int,
  vmsize: int,
  fileoff: int,
  filesize: int,
  maxprot: int,
  initprot: int,
  sections: z.array(sectionSchema),
});

export const programSlotSchema = z.object({
  slot: int,
  address: int,
  /** What the address is: a tensor name or `__TEXT,__text`-style section, null when nothing matches. */
  binds: z.string().nullable(),
});

export const programSchema = z.object({
  slots: z.array(programSlotSchema),
  firstTaskAddress: int,
  firstTaskWordMarker: int,
  taskCount: int,
  networkName: z.string().nullable(),
});

export const compilerSchema = z.object({
  name: z.string().nullable(),
  version: z.string().nullable(),
  flags: z.array(z.string()),
});

export const tensorSchema = z.object({
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

export const headerWordSchema = z.object({
  word: z.string(),
  index: int,
  value: int,
  description: z.string(),
});

export const bindingsSchema = z.object({
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

export const registerSchema = z.object({
  /** Name from the H13 table, null when the address has none (or the generation is not H13). */
  register: z.string().nullable(),
  block: z.string().nullable(),
  address: int,
  value: int,
  /** Absolute file offset of the value. */
  offset: int,
});

export const packetSchema = z.object({ offset: int, header: int, address: int, count: int });

export const taskSchema = z.object({
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

/** Version of the inspect JSON shape; bumped when a field changes meaning or goes away. */
export const INSPECT_SCHEMA_VERSION = 2;

export const inspectReportSchema = z.object({
  schemaVersion: z.literal(INSPECT_SCHEMA_VERSION),
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

export const taskSummarySchema = z.object({
  index: int,
  layout: z.enum(['full', 'compact', 'unknown']),
  size: int,
  /** `reads 5, 6; writes 4`, or `none`. */
  bindings: z.string(),
  /** `kernel` or `elementwise`, with the PECfg word when the task writes it. */
  operation: z.string(),
  /** Warnings that name this task. */
  warnings: int,
});

/** `inspect --summary --json`: one entry per task. */
export const inspectSummarySchema = z.object({
  schemaVersion: z.literal(INSPECT_SCHEMA_VERSION),
  file: z.string(),
  kind: z.enum(['hwx', 'anec']),
  generation: z.string().nullable(),
  compiler: z.string().nullable(),
  tasks: z.array(taskSummarySchema),
  warnings: z.array(warningSchema),
});

export type InspectSummary = z.infer<typeof inspectSummarySchema>;
export type InspectReport = z.infer<typeof inspectReportSchema>;
export type InspectTask = z.infer<typeof taskSchema>;
export type InspectTensor = z.infer<typeof tensorSchema>;
export type InspectRegister = z.infer<typeof registerSchema>;
export type InspectWarning = z.infer<typeof warningSchema>;
export type InspectSegment = z.infer<typeof segmentSchema>;
