// One function per known cause of "the model runs on Linux but outputs 0.0 (or times out)". Each
// returns a verdict with the evidence it rests on and the fix, never throws on what a file holds.
// libane facts are from eiln/ane main 0dcea99, libane/ane.c: the payload is read at
// ANEC_HEADER_SIZE 0x800 (line 406); outputs are bound at `dst_bdx = 4 + idx`, inputs at
// `src_bdx = 4 + dst_count + idx` (lines 35-36); every slot with nonzero tiles gets a buffer of
// tiles * 0x4000 bytes (ane_chan_init); the first td_size bytes of the command buffer are copied
// to the bootstrap buffer and td_size goes to the kernel driver with every submit (set_btsp_and_command, ane_exec).
import { DEFAULT_TARGET, FIRST_IO_SLOT, hex, NCHW_FIELD_COUNT, slotName, type AnecHeader, type AnecTarget, type DetectedLayout, type EngineOutcome } from '../../anec/index.js';
import { decodeW8, FP16_SIZE_IN_BYTES, PROGRAM_SLOT_FIRST_IO, SLOT_COUNT, TASK_HEADER_W8, TILE_SIZE_IN_BYTES } from '../../hwx/index.js';
import type { HwxFile, Task } from '../../hwx/index.js';
import { SlotRemapError, slotMappingFromHwx, slotMappingFromTasks, taskSlots, type SlotMapping } from '../clean/index.js';
import type { InspectReport } from '../inspect-report.js';
import { spuriousKdmaRuns } from '../inspect-warnings.js';
import type { CheckCause, CheckCauseCode, CheckEvidence, CheckFix, FixKind, Verdict } from './check-report.js';
import { KERNEL_BINDINGS_WORD, kernelBindings, kernelBindingsWord } from './kernel-bindings.js';

/** Everything the causes look at, from an HWX file (converted natively) or an .anec file. */
export interface CheckSubject {
  readonly path: string;
  readonly kind: 'hwx' | 'anec';
  readonly hwx: HwxFile | undefined;
  /** The .anec header: the file's own, or the one converting the HWX file writes (undefined when that fails). */
  readonly header: AnecHeader | undefined;
  readonly tasks: readonly Task[];
  /** The .anec file's layout (undefined for HWX files). */
  readonly layout: DetectedLayout | undefined;
  /** HWX only: the native conversion (patched profile). */
  readonly conversion: EngineOutcome | undefined;
  readonly inspect: InspectReport;
  readonly target: AnecTarget;
}

/** What to call each cause in text. */
const causeTitles: Readonly<Record<CheckCauseCode, string>> = {
  conversion: 'conversion',
  payload_offset: 'payload offset',
  slot_order: 'slot order',
  spurious_kdma: 'spurious KernelDMA/NE',
  td_size: 'td_size',
  intermediates: 'intermediate buffers',
  tiles: 'tiles',
  generation: 'generation',
  inspect_warnings: 'other warnings',
};

const NOT_ON_HARDWARE = false;
// The generation libane and the .anec format know: libane's task layout is H13's (TDHeader_V7).
const LIBANE_GENERATION = 'H13';

function fix(kind: FixKind, text: string): CheckFix {
  return { kind, text, runOnHardware: NOT_ON_HARDWARE };
}

function cause(code: CheckCauseCode, verdict: Verdict, summary: string, evidence: CheckEvidence[], fixIfProblem: CheckFix | null = null): CheckCause {
  return { code, title: causeTitles[code], verdict, summary, evidence, fix: verdict === 'ok' ? null : fixIfProblem };
}

const ev = (field: string, value: string | number): CheckEvidence => ({ field, value: String(value) });
const noHeader = (s: CheckSubject): CheckEvidence[] => [ev('conversion', s.conversion?.error ? `${s.conversion.error.type}: ${s.conversion.error.message}` : 'no header')];

function conversionCause(s: CheckSubject): CheckCause {
  if (s.kind === 'anec') return cause('conversion', 'ok', 'already an .anec file', [ev('file', '.anec')]);
  const c = s.conversion;
  if (c === undefined || c.ok) return cause('conversion', 'ok', 'converts (native engine, patched profile)', [ev('profile', 'patched')]);
  const error = c.error;
  const needsForce = error?.type === 'RuntimeError';
  return cause(
    'conversion',
    'problem',
    `does not convert: ${error?.type ?? 'error'}: ${error?.message ?? ''}`,
    [ev('error', error?.type ?? 'unknown')],
    fix('none', needsForce ? 'convert with -f if the ctx_ tensor really is an input' : 'no automatic fix: the converter cannot build an .anec from this file'),
  );
}

function payloadOffsetCause(s: CheckSubject): CheckCause {
  const t = s.target;
  const want = ev('target', `${t.name} reads the payload at ${hex(t.payloadOffset)}`);
  if (s.kind === 'hwx') {
    const how = t === DEFAULT_TARGET ? `converting it (default --target ${t.name})` : `converting it with --target ${t.name}`;
    return cause('payload_offset', 'ok', `${how} puts the payload at ${hex(t.payloadOffset)}`, [want]);
  }
  const found = s.layout!;
  const have = ev('layout', `${found.target.name} (payload at ${hex(found.target.payloadOffset)}, told by ${found.evidence})`);
  if (found.evidence === 'assumed') {
    return cause('payload_offset', 'unknown', 'neither the file size nor a task tells where the payload starts', [have, want], fix('retarget', `anecc retarget FILE --target ${t.name} -o OUT.anec, if the layout is known`));
  }
  if (found.target === t) return cause('payload_offset', 'ok', `payload at ${hex(t.payloadOffset)}, where ${t.name} reads it`, [have, want]);
  const gap = found.target.payloadOffset - t.payloadOffset;
  const what = gap > 0 ? `the ANE would get a command buffer that starts with ${hex(gap)} zero bytes (submit times out, outputs stay 0)` : `the ANE would get a command buffer that starts ${hex(-gap)} bytes into the tasks`;
  return cause(
    'payload_offset',
    'problem',
    `payload at ${hex(found.target.payloadOffset)} but ${t.name} reads it at ${hex(t.payloadOffset)}: ${what}`,
    [have, want],
    fix('retarget', `anecc retarget FILE --target ${t.name} -o OUT.anec (or convert again with --target ${t.name})`),
  );
}

function slotMapping(s: CheckSubject): SlotMapping {
  return s.hwx !== undefined ? slotMappingFromHwx(s.hwx) : slotMappingFromTasks(s.tasks, s.header);
}

const slotList = (xs: readonly number[]): string => xs.join(', ') || 'nothing';

/** Not H13: the task words are not H13's, so causes read from them cannot be told. */
function undecoded(s: CheckSubject, code: CheckCauseCode): CheckCause | undefined {
  const g = s.hwx?.header.generation;
  if (g === undefined || g === LIBANE_GENERATION) return undefined;
  return cause(code, 'unknown', `${g} tasks are not decoded as H13 tasks`, [ev('generation', g)], fix('none', 'no automatic fix'));
}

function slotOrderCause(s: CheckSubject): CheckCause {
  const other = undecoded(s, 'slot_order');
  if (other !== undefined) return other;
  if (s.tasks.length === 0) return cause('slot_order', 'unknown', 'no tasks decoded', [ev('tasks', 0)]);
  const evidence: CheckEvidence[] = [];
  for (const task of s.tasks) {
    const w8 = task.header[TASK_HEADER_W8] ?? 0;
    const b = decodeW8(w8);
    evidence.push(ev(`task[${task.index}].W8`, `${hex(w8)} (reads ${slotList(b.reads)}; writes ${slotList(b.writes)})`));
    const kernels = kernelBindings(task);
    if (kernels.length > 0) {
      evidence.push(ev(`task[${task.index}].${KERNEL_BINDINGS_WORD}`, `${hex(kernelBindingsWord(task))} (${kernels.map((k) => `${k.name} slot ${k.slot}`).join(', ')})`));
    }
  }
  let mapping: SlotMapping;
  try {
    mapping = slotMapping(s);
  } catch (error) {
    if (!(error instanceof SlotRemapError)) throw error;
    return cause('slot_order', 'unknown', `cannot tell which slot holds which tensor (${error.reason}): ${error.message}`, evidence, fix('none', 'no automatic fix: the roles of the slots are unclear'));
  }
  const moved = mapping.moves.filter((m) => m.from !== m.to);
  const movedFrom = new Set(moved.map((m) => m.from));
  const kernelOnMoved = s.tasks.flatMap((t) => kernelBindings(t).filter((k) => k.slot >= PROGRAM_SLOT_FIRST_IO && movedFrom.has(k.slot)).map((k) => `task ${t.index} ${k.name} slot ${k.slot}`));
  const known = new Set(mapping.moves.map((m) => m.from));
  const kernelUnknown = s.tasks.flatMap((t) => kernelBindings(t).filter((k) => k.slot >= PROGRAM_SLOT_FIRST_IO && !known.has(k.slot)).map((k) => `task ${t.index} ${k.name} slot ${k.slot}`));
  const layout = `libane binds outputs at slots ${FIRST_IO_SLOT}.. and inputs after them`;
  if (moved.length === 0) {
    if (kernelUnknown.length > 0) {
      return cause('slot_order', 'unknown', `reads and writes are in libane's order, but kernel bindings name slots no tensor is known at: ${kernelUnknown.join(', ')}`, evidence, fix('none', 'no automatic fix'));
    }
    return cause('slot_order', 'ok', `${layout}; the tasks' reads, writes and kernel bindings agree`, evidence);
  }
  const label = (m: (typeof moved)[number]): string => `${m.role} ${m.name ?? ''} ${m.from} -> ${m.to}`.replace('  ', ' ');
  evidence.push(ev('moves', moved.map(label).join(', ') + (mapping.assumedOrder ? ' (order within a role assumed)' : '')));
  const summary = `${layout}; these tasks bind them elsewhere, so on Linux a task reads a zero-filled output buffer and writes into an input`;
  const kernels = kernelOnMoved.length > 0 ? `; kernel bindings use moved slots too (${kernelOnMoved.join(', ')})` : '';
  return cause('slot_order', 'problem', `${summary}${kernels}`, evidence, fix('remap', 'anecc FILE --remap-slots (or anecc clean --remap-slots on an .anec): EXPERIMENTAL, rewrites the W8 and W9 slot fields'));
}

function spuriousKdmaCause(s: CheckSubject): CheckCause {
  const other = undecoded(s, 'spurious_kdma');
  if (other !== undefined) return other;
  if (s.tasks.length === 0) return cause('spurious_kdma', 'unknown', 'no tasks decoded', [ev('tasks', 0)]);
  const evidence: CheckEvidence[] = [];
  let count = 0;
  for (const task of s.tasks) {
    const runs = spuriousKdmaRuns(task);
    if (runs === undefined) continue;
    count += runs.count;
    evidence.push(ev(`task[${task.index}]`, runs.text));
  }
  if (count === 0) return cause('spurious_kdma', 'ok', 'no task that uses no kernel sets KernelDMA/NE kernel registers', [ev('tasks', s.tasks.length)]);
  return cause(
    'spurious_kdma',
    'problem',
    `${count} KernelDMA/NE kernel register(s) set in tasks that use no kernel (compiler v5 writes 0 there; their enable bit is clear, so this may be harmless)`,
    evidence,
    fix('clean', 'anecc FILE --clean -o OUT.anec, or anecc clean IN.anec -o OUT.anec'),
  );
}

function tdSizeCause(s: CheckSubject): CheckCause {
  if (s.header === undefined) return cause('td_size', 'unknown', 'no .anec header to check', noHeader(s), fix('none', 'convert the file first'));
  const td = s.header.tdSize;
  const evidence = [ev('header.td_size', hex(td)), ...s.tasks.map((t) => ev(`task[${t.index}].size`, `${hex(t.size)} (${t.taskKind})`))];
  if (s.tasks.length === 0) return cause('td_size', 'unknown', 'no tasks decoded', evidence, fix('none', 'no automatic fix'));
  const unknownTasks = s.tasks.filter((t) => t.taskKind === 'unknown');
  const wrong = s.tasks.filter((t) => t.taskKind !== 'unknown' && t.size !== td);
  if (wrong.length > 0) {
    return cause(
      'td_size',
      'problem',
      `td_size ${hex(td)} is not the length of task(s) ${wrong.map((t) => `${t.index} (${hex(t.size)})`).join(', ')}: libane copies td_size bytes of the first task and the driver reads tasks by it`,
      evidence,
      fix('none', 'no automatic fix: convert again with --profile patched, which takes td_size from the program descriptor'),
    );
  }
  if (unknownTasks.length > 0) return cause('td_size', 'unknown', `the length of task(s) ${unknownTasks.map((t) => t.index).join(', ')} is not known`, evidence, fix('none', 'no automatic fix'));
  return cause('td_size', 'ok', `td_size ${hex(td)} is each task's own length`, evidence);
}

// libane's intermediate slots: 2 and 3 (upstream names them itm1 and itm0); anecc 1.0.9 asserts at most one.
const INTERMEDIATE_SLOTS: readonly number[] = [2, 3];

function intermediatesCause(s: CheckSubject): CheckCause {
  if (s.hwx !== undefined) {
    const itm = s.hwx.tensors.filter((t) => t.role === 'intermediate');
    const evidence = [ev('intermediate buffers', itm.length), ...itm.map((t, i) => ev(`intermediate[${i}]`, `${t.name ?? '__DATA,__bss'} slot ${t.slot ?? '-'} ${hex(t.bufferSize ?? 0)} bytes`))];
    if (itm.length > 1) {
      return cause(
        'intermediates',
        'problem',
        `${itm.length} intermediate buffers: anecc 1.0.9 converts at most one (it asserts itm_count <= 1; -f does not help), and libane has slots for two (2 and 3)`,
        evidence,
        fix('none', 'no automatic fix: compile the model into parts with at most one intermediate buffer each'),
      );
    }
    const outside = itm.filter((t) => t.slot !== undefined && !INTERMEDIATE_SLOTS.includes(t.slot));
    if (outside.length > 0) {
      return cause('intermediates', 'problem', `intermediate buffer bound at slot ${outside.map((t) => t.slot).join(', ')}, outside libane's intermediate slots 2 and 3`, evidence, fix('none', 'no automatic fix'));
    }
    return cause('intermediates', 'ok', itm.length === 0 ? 'no intermediate buffer' : 'one intermediate buffer, at a slot libane allocates', evidence);
  }
  if (s.header === undefined) return cause('intermediates', 'unknown', 'no .anec header to check', noHeader(s), fix('none', 'no automatic fix'));
  const header = s.header;
  const bound = new Set(s.tasks.flatMap((t) => {
    const b = decodeW8(t.header[TASK_HEADER_W8] ?? 0);
    return [...b.reads, ...b.writes];
  }));
  const evidence = INTERMEDIATE_SLOTS.map((slot) => ev(`header.tiles[${slot}]`, `${header.tiles[slot] ?? 0} (${slotName(slot, header.dstCount)})`));
  const missing = INTERMEDIATE_SLOTS.filter((slot) => bound.has(slot) && (header.tiles[slot] ?? 0) === 0);
  if (missing.length > 0) {
    return cause('intermediates', 'problem', `tasks bind intermediate slot(s) ${missing.join(', ')} but the header gives them no tiles, so libane allocates no buffer there`, evidence, fix('none', 'no automatic fix'));
  }
  return cause('intermediates', 'ok', 'every intermediate slot the tasks bind has tiles', evidence);
}

/** Bytes a tensor with this nchw row spans in its buffer: N * C planes of plane stride bytes. */
function tensorBytes(row: readonly bigint[]): bigint {
  const [n = 0n, c = 0n, , , plane = 0n] = row;
  return n * c * plane;
}

function tilesCause(s: CheckSubject): CheckCause {
  if (s.header === undefined) return cause('tiles', 'unknown', 'no .anec header to check', noHeader(s), fix('none', 'convert the file first'));
  const header = s.header;
  const evidence: CheckEvidence[] = [];
  const problems: string[] = [];
  const bound = new Set(s.tasks.flatMap((t) => {
    const b = taskSlots(t);
    return [...b.reads, ...b.writes];
  }));
  for (let slot = FIRST_IO_SLOT; slot < SLOT_COUNT; slot++) {
    const row = header.nchw.slice(slot * NCHW_FIELD_COUNT, (slot + 1) * NCHW_FIELD_COUNT);
    const tiles = header.tiles[slot] ?? 0;
    const [n = 0n, c = 0n, h = 0n, w = 0n, plane = 0n, rowStride = 0n] = row;
    if (n === 0n && tiles === 0) {
      if (bound.has(slot)) problems.push(`a task binds slot ${slot}, which has no tiles`);
      continue;
    }
    const name = slotName(slot, header.dstCount);
    const need = tensorBytes(row);
    evidence.push(ev(`slot ${slot} (${name})`, `tiles ${tiles} (${hex(tiles * TILE_SIZE_IN_BYTES)} bytes), nchw {${n}, ${c}, ${h}, ${w}, ${hex(plane)}, ${hex(rowStride)}} spans ${hex(need)} bytes`));
    if (BigInt(tiles) * BigInt(TILE_SIZE_IN_BYTES) < need) problems.push(`slot ${slot} (${name}): ${tiles} tile(s) hold ${hex(tiles * TILE_SIZE_IN_BYTES)} bytes, the tensor spans ${hex(need)}`);
    if (rowStride < w * BigInt(FP16_SIZE_IN_BYTES)) problems.push(`slot ${slot} (${name}): row stride ${hex(rowStride)} is below W * 2 = ${hex(w * 2n)}`);
    if (plane < rowStride * h) problems.push(`slot ${slot} (${name}): plane stride ${hex(plane)} is below H * row stride = ${hex(rowStride * h)}`);
  }
  if (problems.length > 0) {
    return cause('tiles', 'problem', problems.join('; '), evidence, fix('none', 'no automatic fix: the header does not describe the buffers the tasks use; convert again'));
  }
  return cause('tiles', 'ok', 'every I/O slot has the tiles its tensor spans, strides consistent with the shape', evidence);
}

function generationCause(s: CheckSubject): CheckCause {
  if (s.hwx !== undefined) {
    const g = s.hwx.header.generation;
    const evidence = [ev('cpusubtype', `${s.hwx.header.cpusubtype} (${g})`)];
    if (g === LIBANE_GENERATION) return cause('generation', 'ok', `${g}: the generation libane drives`, evidence);
    return cause('generation', 'problem', `${g} is not ${LIBANE_GENERATION}: the .anec format and libane know ${LIBANE_GENERATION} tasks only`, evidence, fix('none', `no automatic fix: compile for ${LIBANE_GENERATION} (-t h13)`));
  }
  const kinds = s.tasks.map((t) => t.taskKind);
  const evidence = [ev('tasks', kinds.join(', ') || 'none')];
  if (kinds.length > 0 && kinds.every((k) => k !== 'unknown')) {
    return cause('generation', 'ok', `the .anec does not record the generation; its tasks are ${LIBANE_GENERATION} tasks (full or compact)`, evidence);
  }
  return cause('generation', 'unknown', `the .anec does not record the generation, and its tasks are not all known ${LIBANE_GENERATION} tasks`, evidence, fix('none', 'no automatic fix'));
}

/** Warnings that have a cause of their own above. */
const COVERED_WARNINGS: ReadonlySet<string> = new Set(['libane_slot_order', 'spurious_kdma', 'slot_mapping_unclear', 'generation_not_decoded', 'generation_layout_mismatch']);

function inspectWarningsCause(s: CheckSubject): CheckCause {
  const rest = s.inspect.warnings.filter((w) => !COVERED_WARNINGS.has(w.code));
  if (rest.length === 0) return cause('inspect_warnings', 'ok', 'anecc inspect has no other warning', []);
  return cause(
    'inspect_warnings',
    'problem',
    `anecc inspect warns: ${[...new Set(rest.map((w) => w.code))].join(', ')}`,
    rest.map((w) => ev(w.code, w.message)),
    fix('none', 'no automatic fix: see anecc inspect FILE'),
  );
}

/** Every cause, in the report's order. */
export const causeChecks: readonly ((s: CheckSubject) => CheckCause)[] = [
  conversionCause,
  payloadOffsetCause,
  slotOrderCause,
  spuriousKdmaCause,
  tdSizeCause,
  intermediatesCause,
  tilesCause,
  generationCause,
  inspectWarningsCause,
];
