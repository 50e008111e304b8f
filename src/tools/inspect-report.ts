// The JSON shape of `anecc inspect --json`, as a zod schema; the TypeScript type comes from it.
// Integers only: no hex strings, no bigint (a u64 too large for a double is null plus a warning).

import * as z from 'zod';
import { hwxIssueCodes } from '../hwx/index.js';
import { ANEC_SCALAR_FIELDS, anecTargetNames, isU64Field, type AnecScalarKey, type AnecTargetName, type AnecU64ScalarKey } from '../anec/index.js';
import { INSPECT_SCHEMA_VERSION } from './schema-versions.js';

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
  /** A generation with no public register map: its tasks are shown raw. */
  'generation_not_decoded',
  /** The cpusubtype names another generation but the tasks have the H13 layout (read as H13). */
  'generation_layout_mismatch',
  /** An .anec header's size and its payload length disagree. */
  'anec_size',
  /** No order of the tensor stabs fits the buffer sizes (the converter's ConversionWarning). */
  'stab_sizes_unmatched',
] as const;

/** Every warning code inspect can report: the reader's issue codes (`unsafe_integer` too) and its own. */
const warningCodes = [...hwxIssueCodes, ...inspectWarningCodes] as const;

/** A warning's code is one of warningCodes: a union, checked whenever a report is parsed. */
export const warningSchema = z.object({
  code: z.enum(warningCodes),
  message: z.string(),
  /** Tasks a folded warning applies to (the same warning on many tasks is one entry). */
  tasks: z.array(z.int()).optional(),
});

const machoHeaderSchema = z.object({
  magic: int,
  cputype: int,
  cpusubtype: int,
  filetype: int,
  ncmds: int,
  sizeofcmds: int,
  flags: int,
  reserved: int,
});

const anecSlotSchema = z.object({
  slot: int,
  /** upstream's name for the slot: cmd, krn, itm0, dst0, src0 ... */
  name: z.string(),
  tiles: int,
  /** N, C, H, W, plane stride, row stride (null when a value is too large for JSON). */
  nchw: z.array(nullableInt).length(6),
});

type ScalarShape = { readonly [K in AnecScalarKey]: K extends AnecU64ScalarKey ? typeof nullableInt : typeof int };

/** The header's scalar fields, from the one .anec field table: u64 values may be null (too large for JSON). */
const anecScalarShape = Object.fromEntries(ANEC_SCALAR_FIELDS.map((f) => [f.key, isU64Field(f) ? nullableInt : int])) as ScalarShape;

/** Which target's layout an .anec file has: where its payload starts, and how the reader told. */
export const anecLayoutSchema = z.object({
  target: z.enum(anecTargetNames as [AnecTargetName, ...AnecTargetName[]]),
  payloadOffset: int,
  evidence: z.enum(['size', 'task', 'assumed']),
});

const anecHeaderSchema = z.object({
  ...anecScalarShape,
  layout: anecLayoutSchema,
  /** Slots with a nonzero tile count or nchw row. */
  slots: z.array(anecSlotSchema),
});

const sectionSchema = z.object({
  segment: z.string(),
  name: z.string(),
  addr: int,
  size: int,
  offset: int,
  align: int,
  flags: int,
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
  flags: int,
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
  /** `ane` and `ene` of the state (AlexAltea/ane hwx.h hwx_ane_td_state). */
  ane: int,
  ene: int,
});

/** LC_THREAD flavor 4 of H14/H15 files (AlexAltea/ane hwx.h hwx_ane_seg_state). */
const segmentStateSchema = z.object({
  slots: z.array(programSlotSchema),
  segAddr: int,
  sectIdx: int,
  segHeaderSize: int,
  segWords: int,
  segId: int,
  firstTdId: int,
  tdCount: int,
  nextSegmentCount: int,
  nextSegmentId: z.array(int),
  ane: int,
  ene: int,
});

/** What this package knows of the file's generation, and from where. */
const decodingSchema = z.object({
  generation: z.string(),
  chips: z.string(),
  tdVersion: nullableInt,
  /** packets | fixed | raw (see src/hwx/generations/types.ts TaskLayout). */
  encoding: z.enum(['packets', 'fixed', 'dense', 'raw']),
  /** What a register's `address` means: a register byte address, or a byte offset inside the task. */
  addressing: z.enum(['register', 'task-offset']),
  registersDecoded: z.boolean(),
  /** One line when registers are not decoded, else null. */
  note: z.string().nullable(),
  sources: z.array(z.string()),
});

const compilerSchema = z.object({
  name: z.string().nullable(),
  version: z.string().nullable(),
  flags: z.array(z.string()),
});

/** One LC_THREAD state: flavor 1 program, 3 tensor, 4 segment state (AlexAltea/ane hwx.h). */
const threadSchema = z.object({ flavor: int, count: int, byteSize: int });

const tensorSchema = z.object({
  name: z.string().nullable(),
  /** First word of the tensor's thread state (flavor 3), null when it has none. */
  descriptorWord0: nullableInt,
  role: z.enum(['input', 'output', 'intermediate', 'alias']),
  /** [N, C, H, W]. */
  shape: z.array(int).length(4).nullable(),
  /** Byte strides of [N, C, H, W]. */
  strides: z.array(nullableInt).length(4).nullable(),
  slot: nullableInt,
  address: nullableInt,
  bufferSize: nullableInt,
});

const fieldSchema = z.object({ name: z.string(), value: int });

const headerWordSchema = z.object({
  word: z.string(),
  index: int,
  value: int,
  description: z.string(),
  /** Bit fields from the generation's profile; [] when it names none. */
  fields: z.array(fieldSchema),
});

/** One slot binding (r0, r1, w, t, k0..k3) from the generation's profile. */
const slotBindingSchema = z.object({
  label: z.string(),
  role: z.enum(['read', 'write', 'tile', 'kernel']),
  slot: int,
  enabled: z.boolean(),
});

const bindingsSchema = z.object({
  value: int,
  /** Enabled r0, r1 and kernel (k0..k3) slots: every slot the task reads. */
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
  /** Name from the file's generation profile, null when it has none (or the generation is not decoded). */
  register: z.string().nullable(),
  block: z.string().nullable(),
  address: int,
  value: int,
  /** Absolute file offset of the value. */
  offset: int,
  /** Bit fields from the profile; [] when it names none. */
  fields: z.array(fieldSchema),
});

const packetSchema = z.object({ offset: int, header: int, address: int, count: int });

const taskSchema = z.object({
  index: int,
  offset: int,
  size: int,
  layout: z.enum(['full', 'compact', 'unknown']),
  firstPacket: nullableInt,
  header: z.array(headerWordSchema),
  /** H13's W8 view (null for other generations). */
  bindings: bindingsSchema.nullable(),
  /** Every binding the profile decodes, kernel bindings included ([] when it decodes none). */
  slotBindings: z.array(slotBindingSchema),
  usesKernel: z.boolean(),
  packets: z.array(packetSchema),
  registers: z.array(registerSchema),
});


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
  segmentState: segmentStateSchema.nullable(),
  threads: z.array(threadSchema),
  /** Null for .anec files (read as H13, the only generation libane loads). */
  decoding: decodingSchema.nullable(),
  tensors: z.array(tensorSchema),
  tasks: z.array(taskSchema),
  warnings: z.array(warningSchema),
});

const taskSummarySchema = z.object({
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
/** What `inspectFile` found (the `anecc inspect --json` shape, checked by `inspectReportSchema`). */
export type InspectReport = z.infer<typeof inspectReportSchema>;
export type InspectTask = z.infer<typeof taskSchema>;
export type InspectTensor = z.infer<typeof tensorSchema>;
export type InspectRegister = z.infer<typeof registerSchema>;
export type InspectSlotBinding = z.infer<typeof slotBindingSchema>;
export type InspectWarning = z.infer<typeof warningSchema>;
export type InspectSegment = z.infer<typeof segmentSchema>;
